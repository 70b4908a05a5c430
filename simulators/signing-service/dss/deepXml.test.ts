/** The signing service's DSS readers go through the kit's guarded parser: a deep document is refused at once. */
import { test, expect } from '@playwright/test';
import { RequestRefused } from './dssProblems.js';
import { readSignRequest } from './signRequestReader.js';
import { checkToBeSignedSignedInfo } from './toBeSignedSignedInfo.js';
import { SIGNATURE_ALGORITHMS } from './dssNames.js';

const deep = (open: string, close: string) => `${open}${'<x>'.repeat(150)}${'</x>'.repeat(150)}${close}`;

test('a SignRequest or SignedInfo nested past 100 levels is refused with the parser\'s message', () => {
  const request = deep('<dss:SignRequest xmlns:dss="urn:oasis:names:tc:dss:1.0:core:schema">', '</dss:SignRequest>');
  let refused: unknown;
  try {
    readSignRequest(request);
  } catch (error) {
    refused = error;
  }
  expect(refused).toBeInstanceOf(RequestRefused);
  expect((refused as Error).message).toMatch(/XML document nests elements deeper than 100 levels/);

  const signedInfo = deep('<ds:SignedInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">', '</ds:SignedInfo>');
  expect(checkToBeSignedSignedInfo(Buffer.from(signedInfo).toString('base64'), SIGNATURE_ALGORITHMS.rsaSha256)).toMatch(/deeper than 100 levels/);
});
