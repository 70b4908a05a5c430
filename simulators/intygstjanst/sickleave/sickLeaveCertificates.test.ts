import { expect, test } from '@playwright/test';
import { REGISTER_CERTIFICATE_RESPONDER_NS } from '../../kit/contracts/contracts.js';
import { readIntyg } from '../../kit/contracts/intygReading.js';
import { parseXmlSafely } from '../../kit/xml/safeXml.js';
import { lisjpDraft } from '../../webcert/message/certificateFixtures.js';
import { buildRegisterCertificate } from '../../webcert/message/intygstjanstMessages.js';
import { sickLeaveChain, sickLeaveFactsOf, type SickLeaveCandidate } from './sickLeaveCertificates.js';

const SICK = { workCapacities: [{ grade: 'HELT_NEDSATT', from: '2026-03-02', to: '2026-03-15' }] };
const cert = (certificateId: string, o: Partial<SickLeaveCandidate> = {}): SickLeaveCandidate => ({ certificateId, revoked: false, relations: [], sickLeave: SICK, ...o });
const ids = (chain: ReturnType<typeof sickLeaveChain>) => ({
  counted: chain.counted.map((c) => c.certificateId),
  leftOut: chain.leftOut.map((l) => `${l.certificate.certificateId}:${l.reason}${'by' in l ? `:${l.by}` : ''}`),
});

test.describe('the sick-leave chain as Rehabstöd counts it (SjukfallCertificateDao)', () => {
  test('a renewal (FRLANG) leaves the original in: both count', () => {
    expect(ids(sickLeaveChain([cert('a'), cert('b', { relations: [{ code: 'FRLANG', certificateId: 'a' }] })]))).toEqual({ counted: ['a', 'b'], leftOut: [] });
  });

  test('a signed, unrevoked replacement (ERSATT) or complement (KOMPLT) takes the original out', () => {
    expect(ids(sickLeaveChain([cert('a'), cert('b', { relations: [{ code: 'ERSATT', certificateId: 'a' }] })]))).toEqual({ counted: ['b'], leftOut: ['a:ERSATT:b'] });
    expect(ids(sickLeaveChain([cert('a'), cert('k', { relations: [{ code: 'KOMPLT', certificateId: 'a' }] })]))).toEqual({ counted: ['k'], leftOut: ['a:KOMPLT:k'] });
  });

  test('a revoked replacement hides nothing; a revoked certificate is out itself', () => {
    expect(ids(sickLeaveChain([cert('a'), cert('b', { revoked: true, relations: [{ code: 'ERSATT', certificateId: 'a' }] })]))).toEqual({ counted: ['a'], leftOut: ['b:REVOKED'] });
  });

  test('only sick-leave certificates count, and only a sick-leave certificate hides one', () => {
    expect(ids(sickLeaveChain([cert('a'), cert('ag', { sickLeave: undefined, relations: [{ code: 'ERSATT', certificateId: 'a' }] })]))).toEqual({ counted: ['a'], leftOut: [] });
  });

  test('the facts of a registered LISJP: its periods and diagnosis; other types have none', () => {
    const lisjp = lisjpDraft();
    lisjp.answers.push({ id: '6', delsvar: [{ id: '6.2', value: { cv: { code: 'J20', codeSystem: '1.2.752.116.1.1.1.1.3', displayName: 'Akut bronkit' } } }] });
    const read = (xml: string) => readIntyg(parseXmlSafely(xml).getElementsByTagNameNS(REGISTER_CERTIFICATE_RESPONDER_NS, 'intyg')[0]!);
    expect(sickLeaveFactsOf(read(buildRegisterCertificate(lisjp)))).toEqual({
      diagnosisCode: 'J20',
      workCapacities: [{ grade: 'HELT_NEDSATT', gradeName: '100 procent', from: '2025-01-20', to: '2025-02-02' }],
    });
    expect(sickLeaveFactsOf(read(buildRegisterCertificate({ ...lisjp, typeCode: 'AG7804' })))).toBeUndefined();
    expect(read(buildRegisterCertificate({ ...lisjp, relation: { code: 'FRLANG', certificateId: 'x' } })).relations).toEqual([{ code: 'FRLANG', certificateId: 'x' }]);
  });
});
