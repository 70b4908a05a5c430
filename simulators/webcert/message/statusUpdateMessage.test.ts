import { test, expect } from '@playwright/test';
import { DOMParser } from '@xmldom/xmldom';
import { CONTRACTS, SAMORDNINGSNUMMER_OID, PERSONNUMMER_OID } from '../../kit/contracts/contracts.js';
import { soapEnvelopeForTests } from '../../kit/contracts/envelopeForTests.js';
import { requireSchemaRoot } from '../../kit/contracts/schemaRoot.js';
import { validateSoapMessage, validateXml } from '../../kit/contracts/xsdValidator.js';
import { SUMMER_MS, WINTER_MS, lisjpDraft, signedDb } from './certificateFixtures.js';
import { buildCertificateStatusUpdate } from './statusUpdateMessage.js';
import type { StatusUpdateInput } from './statusUpdateMessage.js';

const schemaRoot = requireSchemaRoot();

function validRequest(xml: string, logicalAddress = 'TSTNMT2321000156-ALFA'): void {
  const result = validateSoapMessage(
    soapEnvelopeForTests(xml, logicalAddress), 'CertificateStatusUpdateForCare', 'request', schemaRoot);
  expect(result.errors).toEqual([]);
  expect(result.valid).toBe(true);
}

function textAt(xml: string, localName: string, index = 0): string | null {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  return doc.getElementsByTagNameNS('*', localName).item(index)?.textContent ?? null;
}

function build(overrides: Partial<StatusUpdateInput> = {}): string {
  return buildCertificateStatusUpdate({
    certificate: lisjpDraft(), eventCode: 'ANDRAT', eventTime: WINTER_MS, ...overrides,
  });
}

test.describe('CertificateStatusUpdateForCare v3 builder', () => {
  test('full LISJP draft with cv, datePeriod, ref and hanteratAv is valid against XSD 3.2', () => {
    const xml = build({ handledBy: 'TSTNMT2321000156-DRAA' });
    validRequest(xml);
    expect(xml).toContain('<types:cv><types:code>HELT_NEDSATT</types:code>');
    expect(xml).toContain('<types:datePeriod><types:start>2025-01-20</types:start><types:end>2025-02-02</types:end></types:datePeriod>');
    expect(textAt(xml, 'ref')).toBe('journal-ref-4711');
    expect(xml).toMatch(/<m1:hanteratAv><types:root>1\.2\.752\.129\.2\.1\.4\.1<\/types:root><types:extension>TSTNMT2321000156-DRAA<\/types:extension><\/m1:hanteratAv><\/tns:CertificateStatusUpdateForCare>$/);
    expect(textAt(xml, 'displayName')).toBe('Läkarintyg för sjukpenning');
    expect(xml).toContain('<types:displayName>Intygsutkast ändrat</types:displayName>');
    expect(xml).not.toContain('signeringstidpunkt');
    expect(xml).not.toContain('<core:amne>');
  });

  test('payload alone also validates (no envelope needed)', () => {
    const result = validateXml(build(), `${schemaRoot}/${CONTRACTS.CertificateStatusUpdateForCare.xsdPath}`);
    expect(result).toEqual({ valid: true, errors: [] });
  });

  test('signed DB with signeringstidpunkt and skickatTidpunkt in Stockholm time is valid', () => {
    const xml = buildCertificateStatusUpdate({ certificate: signedDb(), eventCode: 'SKICKA', eventTime: SUMMER_MS + 60_000 });
    validRequest(xml);
    expect(textAt(xml, 'signeringstidpunkt')).toBe('2025-06-16T10:15:30');
    expect(textAt(xml, 'skickatTidpunkt')).toBe('2025-06-16T10:16:30');
    expect(textAt(xml, 'tidpunkt')).toBe('2025-06-16T10:16:30.250');
    expect(textAt(xml, 'code')).toBe('DB');
    expect(xml).not.toContain('<tns:ref>');
    expect(xml).not.toContain('hanteratAv');
  });

  test('samordningsnummer patient gets the samordningsnummer root, personnummer the other', () => {
    const certificate = lisjpDraft();
    certificate.patient.personId = '197010632391';
    const xml = buildCertificateStatusUpdate({ certificate, eventCode: 'SKAPAT', eventTime: WINTER_MS });
    validRequest(xml);
    expect(xml).toContain(`<core:person-id><types:root>${SAMORDNINGSNUMMER_OID}</types:root><types:extension>197010632391</types:extension>`);
    expect(build()).toContain(`<core:person-id><types:root>${PERSONNUMMER_OID}</types:root>`);
  });

  test('empty arbetsplatskod becomes TEMPORARY ARBETSPLATSKOD and empty epost is left out', () => {
    const certificate = lisjpDraft();
    certificate.unit.arbetsplatskod = '  ';
    certificate.unit.epost = '';
    const xml = buildCertificateStatusUpdate({ certificate, eventCode: 'SKAPAT', eventTime: WINTER_MS });
    validRequest(xml);
    expect(xml).toContain('<core:arbetsplatskod><types:root>1.2.752.29.4.71</types:root><types:extension>TEMPORARY ARBETSPLATSKOD</types:extension></core:arbetsplatskod>');
    expect(xml).not.toContain('<core:epost>');
  });

  test('NYFRFM carries amne and sistaDatumForSvar and question counts; other events do not', () => {
    const counts = { totalt: 3, ejBesvarade: 1, besvarade: 1, hanterade: 1 };
    const xml = build({ eventCode: 'NYFRFM', amne: 'KOMPLT', sistaDatumForSvar: '2025-02-10', questionsReceived: counts });
    validRequest(xml);
    expect(xml).toContain('<core:amne><types:code>KOMPLT</types:code><types:codeSystem>ffa59d8f-8d7e-46ae-ac9e-31804e8e8499</types:codeSystem><types:displayName>Komplettering</types:displayName></core:amne><core:sistaDatumForSvar>2025-02-10</core:sistaDatumForSvar></tns:handelse>');
    expect(xml).toContain('<tns:mottagnaFragor><core:totalt>3</core:totalt><core:ejBesvarade>1</core:ejBesvarade><core:besvarade>1</core:besvarade><core:hanterade>1</core:hanterade></tns:mottagnaFragor>');
    expect(xml).toContain('<tns:skickadeFragor><core:totalt>0</core:totalt>');
    const other = build({ eventCode: 'NYSVFM', amne: 'KOMPLT', sistaDatumForSvar: '2025-02-10' });
    expect(other).not.toContain('amne');
    expect(other).not.toContain('sistaDatumForSvar');
  });

  test('text needing escaping (<, &, quotes, åäö) is escaped and still valid', () => {
    const certificate = lisjpDraft();
    certificate.unit.name = 'Vård & omsorg <Öst> "Ängen"';
    const xml = buildCertificateStatusUpdate({ certificate, eventCode: 'ANDRAT', eventTime: WINTER_MS, ref: `a<b&'c"` });
    validRequest(xml);
    expect(xml).toContain('<core:enhetsnamn>Vård &amp; omsorg &lt;Öst&gt; &quot;Ängen&quot;</core:enhetsnamn>');
    expect(textAt(xml, 'ref')).toBe(`a<b&'c"`);
    expect(xml).toContain('Övrigt: &quot;ont&quot; i knä &lt;vänster&gt; &amp; höger, patientens &apos;egen&apos; bedömning');
    expect(textAt(xml, 'enhetsnamn')).toBe('Vård & omsorg <Öst> "Ängen"');
  });

  test('tidpunkt is written with exactly three fraction digits, summer and winter', () => {
    expect(textAt(build({ eventTime: WINTER_MS }), 'tidpunkt')).toBe('2025-01-20T09:05:07.009');
    expect(textAt(build({ eventTime: SUMMER_MS }), 'tidpunkt')).toBe('2025-06-16T10:15:30.250');
    expect(textAt(build({ eventTime: Date.UTC(2025, 0, 1, 0, 0, 0, 0) }), 'tidpunkt')).toBe('2025-01-01T01:00:00.000');
  });

  test('bad input is refused with a message saying what to fix', () => {
    expect(() => build({ sistaDatumForSvar: '10/2/2025', eventCode: 'NYFRFM' })).toThrow(/YYYY-MM-DD/);
    expect(() => build({ questionsSent: { totalt: 1.5, ejBesvarade: 0, besvarade: 0, hanterade: 0 } })).toThrow(/skickadeFragor\.totalt/);
    const certificate = lisjpDraft();
    certificate.patient.personId = '19121212-1212';
    expect(() => buildCertificateStatusUpdate({ certificate, eventCode: 'SKAPAT', eventTime: 0 })).toThrow(/12 digits/);
    certificate.patient.personId = '191212121212';
    certificate.patient.fornamn = 'bell\u0007';
    expect(() => buildCertificateStatusUpdate({ certificate, eventCode: 'SKAPAT', eventTime: 0 })).toThrow(/U\+0007/);
  });
});

test.describe('CertificateStatusUpdateForCare validation rejects broken messages', () => {
  test('tidpunkt without milliseconds', () => {
    const xml = build().replace(/<core:tidpunkt>([^<.]+)\.\d{3}<\/core:tidpunkt>/, '<core:tidpunkt>$1</core:tidpunkt>');
    expect(xml).toContain('<core:tidpunkt>2025-01-20T09:05:07</core:tidpunkt>');
    const result = validateSoapMessage(soapEnvelopeForTests(xml, 'X'), 'CertificateStatusUpdateForCare', 'request', schemaRoot);
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/tidpunkt.*2025-01-20T09:05:07.*(pattern|TimeStampMedMillisekunder)/);
  });

  test('missing intyg', () => {
    const xml = build().replace(/<tns:intyg>.*<\/tns:intyg>/, '');
    const result = validateSoapMessage(soapEnvelopeForTests(xml, 'X'), 'CertificateStatusUpdateForCare', 'request', schemaRoot);
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/handelse.*This element is not expected\. Expected is \( \{urn:riv:clinicalprocess:healthcond:certificate:CertificateStatusUpdateForCareResponder:3\}intyg \)/);
  });

  test('missing LogicalAddress header and wrong payload element', () => {
    const noHeader = validateSoapMessage(soapEnvelopeForTests(build()), 'CertificateStatusUpdateForCare', 'request', schemaRoot);
    expect(noHeader.valid).toBe(false);
    expect(noHeader.errors).toEqual([expect.stringMatching(/exactly one LogicalAddress header.*found 0/)]);
    const asResponse = validateSoapMessage(soapEnvelopeForTests(build(), 'X'), 'CertificateStatusUpdateForCare', 'response', schemaRoot);
    expect(asResponse.errors).toEqual([expect.stringMatching(/holds \{.*\}CertificateStatusUpdateForCare, expected \{.*\}CertificateStatusUpdateForCareResponse/)]);
  });
});
