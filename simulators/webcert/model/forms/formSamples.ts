/**
 * Complete answers for each form (values a doctor would enter), for tests of the forms and the
 * messages they produce. Dates fit a virtual "today" of 2026-03-02 and the test patient Tolvan
 * Tolvansson (born 1912-12-12).
 */
import type { FormValues } from './formDefinition.js';

const lisjpLike: FormValues = {
  'grund.UNDERSOKNING': 'true', 'grund.UNDERSOKNING.datum': '2026-03-02',
  'sysselsattning.NUVARANDE_ARBETE': 'true', nuvarandeArbete: 'Lagerarbetare, tunga lyft',
  'diagnos.1.kod': 'J20', 'diagnos.1.text': 'Akut bronkit',
  funktionsnedsattning: 'Nedsatt kondition, hosta vid ansträngning.', aktivitetsbegransning: 'Klarar inte tunga lyft.',
  'sjukskrivning.HALFTEN': 'true', 'sjukskrivning.HALFTEN.from': '2026-03-02', 'sjukskrivning.HALFTEN.tom': '2026-03-15',
  arbetstidsforlaggning: 'false', prognos: 'STOR_SANNOLIKHET', 'atgarder.EJ_AKTUELLT': 'true',
};

const sos: FormValues = {
  identitet: 'Körkort', dodsdatumSakert: 'true', dodsdatum: '2026-03-01', dodsplatsKommun: 'Testby', dodsplatsBoende: 'SJUKHUS', barn: 'false',
};

const fkUtlatande: FormValues = {
  'grund.UNDERSOKNING': 'true', 'grund.UNDERSOKNING.datum': '2026-03-02', kannedom: '2020-01-15', underlagFinns: 'false',
  'diagnos.1.kod': 'F32.1', 'diagnos.1.text': 'Medelsvår depressiv episod',
};

const noToAll = (...names: string[]): FormValues => Object.fromEntries(names.map((n) => [n, 'false']));

/** Values that make each form complete, by type code. */
export const FORM_SAMPLES: Readonly<Record<string, FormValues>> = Object.freeze({
  LISJP: lisjpLike,
  AG7804: { ...lisjpLike, onskarFormedlaDiagnos: 'true' },
  DB: { ...sos, explosivImplantat: 'false', undersokningYttre: 'JA', polisanmalan: 'false' },
  DOI: {
    ...sos,
    terminalDodsorsak: 'Hjärtinfarkt', terminalDodsorsakDatum: '2026-03-01', terminalDodsorsakSpecifikation: 'PLOTSLIG',
    foljdB: 'Kranskärlssjukdom', foljdBDatum: '2020-01-01', foljdBSpecifikation: 'KRONISK',
    bidragande1: 'Diabetes mellitus typ 2', operation: 'NEJ', forgiftning: 'false', 'grunder.UNDERSOKNING_FORE_DODEN': 'true',
  },
  LUSE: {
    ...fkUtlatande, sjukdomsforlopp: 'Depression sedan 2019.', diagnosgrund: 'Vårdcentralen 2019.', nyBedomning: 'false',
    funktionPsykosocial: 'Svårt att fungera i sociala sammanhang.', aktivitetsbegransning: 'Klarar inte att arbeta.', forutsattningar: 'Långsam förbättring.',
  },
  LUAE_NA: {
    ...fkUtlatande, sjukdomsforlopp: 'Depression sedan 2019.', diagnosgrund: 'Vårdcentralen 2019.', nyBedomning: 'false',
    funktionPsykosocial: 'Svårt att fungera i sociala sammanhang.', aktivitetsbegransning: 'Klarar inte att arbeta.', forutsattningar: 'Långsam förbättring.',
  },
  LUAE_FS: { ...fkUtlatande, debut: 'Debuterade i tonåren.', paverkan: 'Har inte klarat skolgången.' },
  'AG1-14': {
    'grund.UNDERSOKNING': 'true', 'grund.UNDERSOKNING.datum': '2026-03-02', 'sysselsattning.NUVARANDE_ARBETE': 'true',
    nuvarandeArbete: 'Lagerarbetare', onskarFormedlaDiagnos: 'false', nedsattArbetsformaga: 'Kan inte lyfta.', arbetsformagaTrotsSjukdom: 'false',
    sjukskrivningsgrad: '50', 'sjukskrivningsperiod.from': '2026-03-02', 'sjukskrivningsperiod.tom': '2026-03-15',
  },
  TSTRK1007: {
    'intygAvser.IAV1': 'true', identitet: 'IDK1',
    ...noToAll('synfaltsdefekter', 'nattblindhet', 'progressivOgonsjukdom', 'diplopi', 'nystagmus', 'balansrubbningar', 'funktionsnedsattning',
      'hjartKarlSjukdom', 'hjarnskada', 'riskfaktorerStroke', 'harDiabetes', 'neurologiskSjukdom', 'medvetandestorning', 'njurfunktion',
      'kognitivFunktion', 'somnstorning', 'teckenMissbruk', 'vardinsats', 'lakemedel', 'psykiskSjukdom', 'utvecklingsstorning', 'adhd',
      'sjukhusvard', 'stadigvarandeMedicinering'),
    hogerUtanKorrektion: '1.0', vansterUtanKorrektion: '0,8', binokulartUtanKorrektion: '1.0', 'bedomning.VAR1': 'true',
  },
  TSTRK1031: {
    'intygAvser.VAR16': 'true', identitet: 'IDK3', foljsAv: 'VN1', diagnosAr: '2010', typAvDiabetes: 'E11', medicinering: 'false',
    komplikationer: 'false', 'bedomning.VAR16': 'true',
  },
});
