/**
 * A recipient's RevokeCertificate on the lean path (docs/decisions/0047-lean-reads-for-the-replay.md):
 * what it reads from the bounded scan's fields equals the DOM reading, for odd and mutated requests
 * too; whatever the scan leaves undecided goes to the DOM reading.
 */
import { test, expect } from '@playwright/test';
import { REVOKE_CERTIFICATE_RESPONDER_NS as NS, TYPES_NS } from '../../kit/contracts/namespaces.js';
import { buildEnvelope } from '../../kit/soap/envelope.js';
import { checkLeanReadingEqualsDom, idElement as id, leanAndDomReader } from '../../kit/soap/testing/scanEquivalence.js';
import { readRevokeCertificate, readRevokeCertificateFields, REVOKE_CERTIFICATE_FIELDS } from './revokeCertificateReceiver.js';

const request = (inner: string) => buildEnvelope(`<ns2:RevokeCertificate xmlns:ns2="${NS}" xmlns:types="${TYPES_NS}">${inner}</ns2:RevokeCertificate>`, 'FKORG');
const VALID = request(`${id('intygs-id', 'c-1')}${id('patientPerson-id', '19121212-1212')}<ns2:meddelande>Fel patient &amp; fel datum</ns2:meddelande>`);

const bothReadings = leanAndDomReader({ requestNs: NS, requestElement: 'RevokeCertificate', fields: REVOKE_CERTIFICATE_FIELDS }, readRevokeCertificateFields, readRevokeCertificate);

test('RevokeCertificate read from the lean scan equals the DOM reading, also for odd and mutated requests', () => {
  const variants = [VALID, VALID.replace('c-1', '  c-1\n').replace('Fel patient', ' Fel patient'), request(id('intygs-id', 'c-1')), request(`${id('patientPerson-id', '191212121212')}${id('patientPerson-id', '2012')}<ns2:meddelande/>`)];
  expect(bothReadings(VALID)!.lean).toEqual({ certificateId: 'c-1', personId: '191212121212', meddelande: 'Fel patient & fel datum' });
  checkLeanReadingEqualsDom({ valid: VALID, variants, bothReadings, seed: 20261204, mutants: 1500, minEach: 200 });
});
