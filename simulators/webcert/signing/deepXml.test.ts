/** Webcert's DSS client readers go through the kit's guarded parser: a deep document is refused at once. */
import { test, expect } from '@playwright/test';
import { readDssServiceMetadata } from './dssMetadata.js';
import { readSignResponse } from './signResponseReader.js';

const deep = (open: string, close: string) => `${open}${'<x>'.repeat(150)}${'</x>'.repeat(150)}${close}`;

test('a SignResponse or signing-service metadata nested past 100 levels is refused with the parser\'s message', () => {
  const response = deep('<dss:SignResponse xmlns:dss="urn:oasis:names:tc:dss:1.0:core:schema">', '</dss:SignResponse>');
  const reading = readSignResponse(Buffer.from(response).toString('base64'), []);
  expect(reading).toMatchObject({ kind: 'invalid' });
  expect(reading.kind === 'invalid' && reading.reason).toMatch(/^SignResponse is not XML: XML document nests elements deeper than 100 levels/);
  const metadata = deep('<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x">', '</md:EntityDescriptor>');
  expect(() => readDssServiceMetadata(metadata)).toThrow(/deeper than 100 levels/);
});
