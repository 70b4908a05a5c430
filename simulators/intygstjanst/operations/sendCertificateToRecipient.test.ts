/**
 * SendCertificateToRecipient on the lean path: what Intygstjänsten reads from the bounded scan's
 * fields equals the DOM reading, and whatever the scan leaves undecided goes to the DOM reading
 * (which keeps the refusals of 0007).
 */
import { test, expect } from '@playwright/test';
import { SEND_CERTIFICATE_TO_RECIPIENT_RESPONDER_NS as NS, TYPES_NS } from '../../kit/contracts/contracts.js';
import { buildEnvelope } from '../../kit/soap/envelope.js';
import { checkLeanReadingEqualsDom, idElement as id, leanAndDomReader } from '../../kit/soap/testing/scanEquivalence.js';
import { readSendCertificate, readSendCertificateFields, SEND_CERTIFICATE_FIELDS } from './sendCertificateToRecipient.js';

const request = (inner: string) =>
  buildEnvelope(`<ns2:SendCertificateToRecipient xmlns:ns2="${NS}" xmlns:types="${TYPES_NS}"><ns2:skickatTidpunkt>2022-05-02T10:00:00</ns2:skickatTidpunkt>${inner}</ns2:SendCertificateToRecipient>`, 'SE165565594230-1000');
const VALID = request(`${id('intygs-id', 'c-1')}${id('patientPerson-id', '19121212-1212')}<ns2:mottagare><types:code>FKASSA</types:code><types:codeSystem>769bb12b</types:codeSystem></ns2:mottagare>`);

const bothReadings = leanAndDomReader({ requestNs: NS, requestElement: 'SendCertificateToRecipient', fields: SEND_CERTIFICATE_FIELDS }, readSendCertificateFields, readSendCertificate);

test('SendCertificateToRecipient read from the lean scan equals the DOM reading, also for odd and mutated requests', () => {
  const variants = [
    VALID,
    VALID.replace('c-1', '  c-1\n').replace('>FKASSA<', '> FKASSA <'),
    request(id('intygs-id', 'c-1')),
    request(`${id('patientPerson-id', '191212121212')}${id('patientPerson-id', '20121212-1212')}<ns2:mottagare/>`),
  ];
  expect(bothReadings(VALID)!.lean).toEqual({ certificateId: 'c-1', personId: '191212121212', recipientId: 'FKASSA' });
  checkLeanReadingEqualsDom({ valid: VALID, variants, bothReadings, seed: 20261202, mutants: 2000, minEach: 300 });
});
