/**
 * RevokeCertificate on the lean path (docs/decisions/0047-lean-reads-for-the-replay.md), as
 * Intygstjänsten and the recipients read it: what is read from the bounded scan's fields equals the
 * DOM reading, for odd and mutated requests too; whatever the scan leaves undecided goes to the DOM
 * reading.
 */
import { test, expect } from '@playwright/test';
import { buildEnvelope } from '../soap/envelope.js';
import { checkLeanReadingEqualsDom, idElement as id, leanAndDomReader } from '../soap/testing/scanEquivalence.js';
import { REVOKE_CERTIFICATE_RESPONDER_NS as NS, TYPES_NS } from './namespaces.js';
import { readRevokeCertificate, readRevokeCertificateFields, REVOKE_CERTIFICATE_FIELDS } from './revokeCertificateReading.js';

const bothReadings = leanAndDomReader({ requestNs: NS, requestElement: 'RevokeCertificate', fields: REVOKE_CERTIFICATE_FIELDS }, readRevokeCertificateFields, readRevokeCertificate);

// As Intygstjänsten gets it from Webcert (its own address), and as a recipient gets it forwarded.
for (const { receiver, logicalAddress, seed } of [
  { receiver: 'Intygstjänsten', logicalAddress: '5565594230', seed: 20261205 },
  { receiver: 'a recipient', logicalAddress: 'FKORG', seed: 20261204 },
]) {
  test(`RevokeCertificate to ${receiver} read from the lean scan equals the DOM reading, also for odd and mutated requests`, () => {
    const request = (inner: string) => buildEnvelope(`<ns2:RevokeCertificate xmlns:ns2="${NS}" xmlns:types="${TYPES_NS}">${inner}</ns2:RevokeCertificate>`, logicalAddress);
    const VALID = request(`${id('intygs-id', 'c-1')}${id('patientPerson-id', '19121212-1212')}<ns2:meddelande>Fel patient &amp; fel datum</ns2:meddelande>`);
    const variants = [VALID, VALID.replace('c-1', '  c-1\n').replace('Fel patient', ' Fel patient'), request(id('intygs-id', 'c-1')), request(`${id('patientPerson-id', '191212121212')}${id('patientPerson-id', '2012')}<ns2:meddelande/>`)];
    expect(bothReadings(VALID)!.lean).toEqual({ certificateId: 'c-1', personId: '191212121212', meddelande: 'Fel patient & fel datum' });
    checkLeanReadingEqualsDom({ valid: VALID, variants, bothReadings, seed, mutants: 1500, minEach: 200 });
  });
}
