import { test, expect } from '@playwright/test';
import { CONTRACTS, REGISTER_CERTIFICATE_RESPONDER_NS } from '../../../kit/contracts/contracts.js';
import { requireSchemaRoot } from '../../../kit/contracts/schemaRoot.js';
import { validateXml } from '../../../kit/contracts/xsdValidator.js';
import { lisjpDraft } from '../../message/certificateFixtures.js';
import { buildIntygXml } from '../../message/intygXml.js';
import { FORUM_STATISTICS_TYPES, requireCertificateType } from '../certificateTypes.js';
import { valuesToSvar } from './formAnswers.js';
import { svarToValues } from './formAnswersRead.js';
import { FORM_SAMPLES } from './formSamples.js';
import { validateForm } from './formValidation.js';
import { FORMS, formFor } from './forms.js';

const ctx = { today: '2026-03-02', patientPersonId: '191212121212' };
const schemaRoot = requireSchemaRoot();

/** The RegisterCertificate v3 request that would carry `typeCode`'s sample answers. */
function registerCertificate(typeCode: string): string {
  const certificate = lisjpDraft();
  certificate.typeCode = typeCode;
  certificate.typeVersion = requireCertificateType(typeCode).latestVersion;
  certificate.status = 'SIGNED';
  certificate.signedAt = Date.parse('2026-03-02T09:00:00+01:00');
  certificate.answers = valuesToSvar(formFor(typeCode)!, FORM_SAMPLES[typeCode]!);
  const intyg = buildIntygXml(certificate, { elementNamespace: REGISTER_CERTIFICATE_RESPONDER_NS, elementPrefix: 'ns3' });
  return `<ns3:RegisterCertificate xmlns:ns3="${REGISTER_CERTIFICATE_RESPONDER_NS}">${intyg}</ns3:RegisterCertificate>`;
}

test.describe('certificate forms', () => {
  test('each of the ten types of the forum statistics has a form and complete sample answers', () => {
    expect(Object.keys(FORMS).sort()).toEqual([...FORUM_STATISTICS_TYPES].sort());
    for (const code of FORUM_STATISTICS_TYPES) {
      const form = formFor(code)!;
      expect(validateForm(form, {}, ctx).length, `${code}: an empty draft is incomplete`).toBeGreaterThan(0);
      expect(validateForm(form, FORM_SAMPLES[code]!, ctx), `${code}: the sample is complete`).toEqual([]);
    }
  });

  test('field names are unique in each form', () => {
    for (const form of Object.values(FORMS)) {
      const names = form.sections.flatMap((s) => s.fields.map((f) => f.name));
      expect(new Set(names).size, form.typeCode).toBe(names.length);
    }
  });

  test('the svar each type sends, in Webcert\'s order', () => {
    const ids = (code: string) => valuesToSvar(formFor(code)!, FORM_SAMPLES[code]!).map((s) => s.id + (s.instans ? `#${s.instans}` : ''));
    expect(ids('LISJP')).toEqual(['1#1', '28#1', '29', '6', '35', '17', '32#1', '33', '39', '40#1']);
    expect(ids('DB')).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(ids('DOI')).toEqual(['1', '2', '3', '4', '8', '9#1', '10', '11', '12', '13']);
    expect(ids('AG1-14')).toEqual(['10#1', '1#1', '2', '3', '5', '6', '7']);
    expect(ids('TSTRK1031')).toEqual(['1#1', '2', '205', '35', '18', '207', '206', '33#1']);
  });

  test('answer shapes follow Webcert\'s converters', () => {
    const lisjp = valuesToSvar(formFor('LISJP')!, FORM_SAMPLES.LISJP!);
    expect(lisjp.find((s) => s.id === '6')!.delsvar).toEqual([
      { id: '6.2', value: { cv: { code: 'J20', codeSystem: '1.2.752.116.1.1.1.1.3', displayName: 'Akut bronkit' } } },
      { id: '6.1', value: 'Akut bronkit' },
    ]);
    expect(lisjp.find((s) => s.id === '32')!.delsvar).toEqual([
      { id: '32.1', value: { cv: { code: 'HALFTEN', codeSystem: 'KV_FKMU_0003', displayName: '50%' } } },
      { id: '32.2', value: { datePeriod: { start: '2026-03-02', end: '2026-03-15' } } },
    ]);
    const db = valuesToSvar(formFor('DB')!, { ...FORM_SAMPLES.DB, dodsdatumSakert: 'false', 'dodsdatumOsakert.ar': '2026', 'dodsdatumOsakert.manad': '00', antraffatDod: '2026-03-01', undersokningYttre: 'UNDERSOKNING_SKA_GORAS', polisanmalan: 'true' });
    expect(db.find((s) => s.id === '2')!.delsvar).toEqual([{ id: '2.1', value: 'false' }, { id: '2.2', value: '2026-00-00' }, { id: '2.3', value: '2026-03-01' }]);
    expect(db.find((s) => s.id === '6')!.delsvar).toEqual([
      { id: '6.1', value: 'false' },
      { id: '6.2', value: { cv: { code: 'UNDERSOKNING_SKA_GORAS', codeSystem: 'da46dd8c-b3f1-4e39-8d62-777d069213ea', displayName: 'Rättsmedicinsk undersökning ska göras' } } },
    ]);
    const doi = valuesToSvar(formFor('DOI')!, { ...FORM_SAMPLES.DOI, operation: 'UPPGIFT_SAKNAS', bidragande2: 'Högt blodtryck' });
    expect(doi.filter((s) => s.id === '10').map((s) => s.instans)).toEqual([undefined, undefined]);
    expect(doi.find((s) => s.id === '11')!.delsvar).toEqual([{ id: '11.1', value: { cv: { code: 'NI', codeSystem: '2.16.840.1.113883.5.1008', displayName: 'Uppgift saknas' } } }]);
    const ag = valuesToSvar(formFor('AG1-14')!, FORM_SAMPLES['AG1-14']!);
    expect(ag.find((s) => s.id === '7')!.delsvar[0]).toEqual({ id: '7.1', value: { pq: { value: 50, unit: '%' } } });
    const ts = valuesToSvar(formFor('TSTRK1007')!, FORM_SAMPLES.TSTRK1007!);
    expect(ts.find((s) => s.id === '8')!.delsvar).toEqual([{ id: '8.2', value: '1.0' }, { id: '8.3', value: '0.8' }, { id: '8.4', value: '1.0' }]);
    const diabetes = valuesToSvar(formFor('TSTRK1031')!, FORM_SAMPLES.TSTRK1031!);
    expect(diabetes.find((s) => s.id === '35')!.delsvar).toEqual([{ id: '35.1', value: { partialDate: { format: 'YYYY', value: '2010' } } }]);
  });

  test('answers read back into values give the same answers (prefill, admin saves)', () => {
    for (const code of FORUM_STATISTICS_TYPES) {
      const form = formFor(code)!;
      const svar = valuesToSvar(form, FORM_SAMPLES[code]!);
      expect(valuesToSvar(form, svarToValues(form, svar)), code).toEqual(svar);
    }
  });

  test('hidden questions are neither validated nor sent: smittskydd skips what Webcert skips', () => {
    const form = formFor('LISJP')!;
    const values = { ...FORM_SAMPLES.LISJP, 'smittskydd.JA': 'true' };
    expect(valuesToSvar(form, values).map((s) => s.id)).toEqual(['27', '6', '32', '33']);
    const onlySmittskydd = { 'smittskydd.JA': 'true', 'diagnos.1.kod': 'A09', 'diagnos.1.text': 'Gastroenterit', 'sjukskrivning.HELT_NEDSATT': 'true', 'sjukskrivning.HELT_NEDSATT.from': '2026-03-02', 'sjukskrivning.HELT_NEDSATT.tom': '2026-03-05' };
    expect(validateForm(form, onlySmittskydd, ctx)).toEqual([]);
  });

  test('every type\'s sample, as RegisterCertificate v3 carries it, is valid against the real XSD', () => {
    for (const code of FORUM_STATISTICS_TYPES) {
      expect(validateXml(registerCertificate(code), `${schemaRoot}/${CONTRACTS.RegisterCertificate.xsdPath}`), code).toEqual({ valid: true, errors: [] });
    }
  });
});

test.describe('validation a user meets', () => {
  const messages = (code: string, values: Record<string, string>) => validateForm(formFor(code)!, values, ctx).map((e) => `${e.field}: ${e.message}`);

  test('DB: dates of death, examination and police report', () => {
    const db = FORM_SAMPLES.DB!;
    expect(messages('DB', { ...db, dodsdatum: '2026-03-03' })).toEqual(['dodsdatum: Ange dagens eller ett tidigare datum.']);
    // A death before birth also contradicts "not within 28 days of birth" (Webcert's R20 says so too).
    expect(messages('DB', { ...db, dodsdatum: '1900-01-01' })).toEqual(['dodsdatum: Ange ett datum, samma som eller senare än patientens födelsedatum.', 'barn: Välj ett alternativ.']);
    expect(messages('DB', { ...db, dodsdatum: '2026-02-30' })).toEqual(['dodsdatum: Ange datum i formatet åååå-mm-dd.']);
    expect(messages('DB', { ...db, undersokningYttre: 'UNDERSOKNING_GJORT', undersokningDatum: '2026-03-02' })).toEqual(['undersokningDatum: Ange ett datum, samma som eller tidigare än "Dödsdatum".']);
    expect(messages('DB', { ...db, undersokningYttre: 'UNDERSOKNING_GJORT', undersokningDatum: '2026-01-01' })).toEqual(['undersokningDatum: Ange ett datum, samma som eller tidigare än fyra veckor före döden.']);
    expect(messages('DB', { ...db, undersokningYttre: 'UNDERSOKNING_GJORT' })).toEqual(['undersokningDatum: Ange ett datum.']);
    expect(messages('DB', { ...db, undersokningYttre: 'UNDERSOKNING_SKA_GORAS', polisanmalan: 'false' })).toEqual(['polisanmalan: Välj ett alternativ.']);
    expect(messages('DB', { ...db, explosivImplantat: 'true' })).toEqual(['explosivAvlagsnat: Välj ett alternativ.']);
    expect(messages('DB', { ...db, barn: 'true' })).toEqual(['barn: Välj ett alternativ.']);
    const uncertain = { ...db, dodsdatumSakert: 'false', dodsdatum: '' };
    expect(messages('DB', uncertain)).toEqual(['dodsdatumOsakert: Ange år.', 'dodsdatumOsakert: Ange månad.', 'antraffatDod: Ange ett datum.']);
    expect(messages('DB', { ...uncertain, 'dodsdatumOsakert.ar': '2026', 'dodsdatumOsakert.manad': '03', antraffatDod: '2026-02-20' }))
      .toEqual(['antraffatDod: Ange ett datum, samma som eller senare än "Dödsdatum".']);
    expect(messages('DB', {})).toContain('identitet: Ange ett svar.');
  });

  test('DOI: causes, operation and injury', () => {
    const doi = FORM_SAMPLES.DOI!;
    expect(messages('DOI', { ...doi, terminalDodsorsakDatum: '2026-03-02' })).toEqual(['terminalDodsorsakDatum: Ange ett datum, samma som eller tidigare än "Dödsdatum".']);
    expect(messages('DOI', { ...doi, foljdBDatum: '2026-03-02' })).toEqual(['foljdBDatum: Ange ett datum, samma som eller tidigare än den terminala dödsorsaken.']);
    expect(messages('DOI', { ...doi, operation: 'JA', operationDatum: '2026-01-01' })).toEqual([
      'operationAnledning: Ange ett svar.',
      'operationDatum: Ange ett datum, samma som eller tidigare än fyra veckor före döden.',
    ]);
    expect(messages('DOI', { ...doi, forgiftning: 'true' })).toEqual(['forgiftningOrsak: Välj ett alternativ.', 'forgiftningDatum: Ange ett datum.', 'forgiftningUppkommelse: Ange ett svar.']);
    expect(messages('DOI', { ...doi, 'grunder.UNDERSOKNING_FORE_DODEN': '' })).toEqual(['grunder: Välj minst ett alternativ.']);
  });

  test('LISJP: basis, diagnoses, sick-leave periods and measures', () => {
    const lisjp = FORM_SAMPLES.LISJP!;
    expect(messages('LISJP', { ...lisjp, 'grund.UNDERSOKNING': '' })).toEqual(['grund: Välj minst ett alternativ.']);
    expect(messages('LISJP', { ...lisjp, 'grund.UNDERSOKNING.datum': '2026-03-05' })).toEqual(['grund: Ange ett giltigt datum. Framtida datum får inte anges.']);
    expect(messages('LISJP', { ...lisjp, 'diagnos.1.kod': 'F32' })).toEqual(['diagnos: Ange diagnosrad med minst fyra positioner på en psykisk diagnos.']);
    expect(messages('LISJP', { ...lisjp, 'diagnos.1.kod': '123' })).toEqual(['diagnos: Diagnoskod är ej giltig.']);
    expect(messages('LISJP', { ...lisjp, 'diagnos.1.text': '' })).toEqual(['diagnos: Ange diagnostext.']);
    expect(messages('LISJP', { ...lisjp, 'sjukskrivning.HALFTEN.tom': '2026-03-01' })).toEqual(['sjukskrivning: Ange ett slutdatum som infaller efter startdatumet.']);
    expect(messages('LISJP', { ...lisjp, 'sjukskrivning.HELT_NEDSATT': 'true', 'sjukskrivning.HELT_NEDSATT.from': '2026-03-10', 'sjukskrivning.HELT_NEDSATT.tom': '2026-03-20' }))
      .toEqual(['sjukskrivning: Ange sjukskrivningsperioder som inte överlappar varandra.']);
    expect(messages('LISJP', { ...lisjp, 'atgarder.ARBETSTRANING': 'true' })).toEqual(['atgarder: Inte aktuellt kan inte kombineras med andra val.']);
    expect(messages('LISJP', { ...lisjp, arbetstidsforlaggning: 'true' })).toEqual(['arbetstidsforlaggningMotivering: Ange ett svar.']);
    expect(messages('LISJP', { ...lisjp, prognos: 'ATER_X_ANTAL_DGR' })).toEqual(['prognosDagar: Välj ett alternativ.']);
    expect(messages('LISJP', { ...lisjp, 'sysselsattning.NUVARANDE_ARBETE': '', 'sysselsattning.STUDIER': 'true' })).toEqual([]);
  });

  test('missing answers are marked as missing, wrong ones are not', () => {
    const errors = validateForm(formFor('DB')!, { ...FORM_SAMPLES.DB, identitet: '', dodsdatum: '2026-03-03' }, ctx);
    expect(errors.map((e) => [e.field, e.missing])).toEqual([['identitet', true], ['dodsdatum', false]]);
  });
});
