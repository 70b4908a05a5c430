import { test, expect } from '@playwright/test';
import { DOMParser } from '@xmldom/xmldom';
// Test-only import across simulators: the round trip is the point of this test. Production code in
// journal/ never imports webcert/.
import { buildCertificateStatusUpdate } from '../../webcert/message/statusUpdateMessage.js';
import { SUMMER_MS, lisjpDraft, signedDb } from '../../webcert/message/certificateFixtures.js';
import { parseCertificateStatusUpdate } from './statusUpdateReading.js';

function parse(xml: string) {
  return new DOMParser().parseFromString(xml, 'text/xml').documentElement!;
}

test.describe('reading CertificateStatusUpdateForCare', () => {
  test('reads back what the Webcert builder wrote', () => {
    const certificate = lisjpDraft();
    certificate.patient.personId = '197010632391';
    const xml = buildCertificateStatusUpdate({
      certificate, eventCode: 'NYFRFM', eventTime: SUMMER_MS, handledBy: 'TSTNMT2321000156-DRAA',
      amne: 'PAMINN', sistaDatumForSvar: '2025-07-01',
      questionsReceived: { totalt: 2, ejBesvarade: 1, besvarade: 0, hanterade: 1 },
    });
    expect(parseCertificateStatusUpdate(parse(xml))).toEqual({
      certificateId: certificate.id,
      unitHsaId: 'TSTNMT2321000156-ALFA',
      personId: '197010632391',
      eventCode: 'NYFRFM',
      eventTime: '2025-06-16T10:15:30.250',
      typeCode: 'LISJP',
      typeVersion: '1.3',
      ref: 'journal-ref-4711',
      handledBy: 'TSTNMT2321000156-DRAA',
      amne: 'PAMINN',
      sistaDatumForSvar: '2025-07-01',
      questionsSent: { totalt: 0, ejBesvarade: 0, besvarade: 0, hanterade: 0 },
      questionsReceived: { totalt: 2, ejBesvarade: 1, besvarade: 0, hanterade: 1 },
    });
  });

  test('optional parts are absent when not sent; escaped ref comes back unescaped', () => {
    const reading = parseCertificateStatusUpdate(parse(
      buildCertificateStatusUpdate({ certificate: signedDb(), eventCode: 'SIGNAT', eventTime: SUMMER_MS })));
    expect(reading).toMatchObject({ eventCode: 'SIGNAT', typeCode: 'DB', personId: '194011306125' });
    expect(reading).not.toHaveProperty('ref');
    expect(reading).not.toHaveProperty('handledBy');
    expect(reading).not.toHaveProperty('amne');
    const withRef = parseCertificateStatusUpdate(parse(
      buildCertificateStatusUpdate({ certificate: signedDb(), eventCode: 'SIGNAT', eventTime: SUMMER_MS, ref: 'a<&>"b' })));
    expect(withRef.ref).toBe('a<&>"b');
  });

  test('handelse/hanteratAv (3.4 ext) is read when the 3.2 one is absent', () => {
    const xml = buildCertificateStatusUpdate({ certificate: signedDb(), eventCode: 'SIGNAT', eventTime: SUMMER_MS })
      .replace('</core:tidpunkt>', '</core:tidpunkt><m2:hanteratAv xmlns:m2="urn:riv:clinicalprocess:healthcond:certificate:3.4"><types:root>1.2.752.129.2.1.4.1</types:root><types:extension>HSA-34</types:extension></m2:hanteratAv>');
    expect(parseCertificateStatusUpdate(parse(xml)).handledBy).toBe('HSA-34');
  });

  test('a wrong element or a missing part says what is missing', () => {
    expect(() => parseCertificateStatusUpdate(parse('<x xmlns="urn:a"/>')))
      .toThrow(/Expected element \{.*CertificateStatusUpdateForCareResponder:3\}CertificateStatusUpdateForCare, got \{urn:a\}x/);
    const noHandelse = buildCertificateStatusUpdate({ certificate: signedDb(), eventCode: 'SIGNAT', eventTime: SUMMER_MS })
      .replace(/<tns:handelse>.*<\/tns:handelse>/, '');
    expect(() => parseCertificateStatusUpdate(parse(noHandelse))).toThrow(/CertificateStatusUpdateForCare: element handelse is missing/);
  });
});
