/**
 * Försäkringskassan's läkarutlåtanden: LUSE (FK 7800), LUAE_NA (FK 7801) and LUAE_FS (FK 7802),
 * with the questions their draft validators require (sklintyg/common luse, luae_na, luae_fs
 * `InternalDraftValidatorImpl`) and the answer ids their `UtlatandeToIntyg` writes. Optional
 * questions of the paper form that no rule needs are left out.
 */
import { cvOptions, whenYes, yesNo } from './fieldBuilders.js';
import type { FormDefinition, FormField } from './formDefinition.js';
import { diagnoser, freeText, GRUND, grundForMU, kontakt } from './fkQuestions.js';
import { MESSAGES } from './formValidation.js';

export const KV_FKMU_0005 = 'KV_FKMU_0005';

/** Svar 1–4: the basis, how long the doctor has known the patient, and other documents. */
function underlag(): FormField[] {
  return [
    grundForMU({ svarId: '1', label: 'Utlåtandet är baserat på', options: [GRUND.UNDERSOKNING, GRUND.JOURNALUPPGIFTER, GRUND.ANHORIG, GRUND.ANNAT], annatLabel: 'Ange vad annat är:' }),
    { kind: 'date', name: 'kannedom', label: 'Jag har känt patienten sedan den', svarId: '2', delsvarId: '2.1', required: true, notFuture: true, futureMessage: MESSAGES.noFutureDate },
    yesNo('underlagFinns', 'Är utlåtandet även baserat på andra medicinska utredningar eller underlag?', '3', '3.1'),
    {
      kind: 'choice', name: 'underlagTyp', label: 'Ange utredning eller underlag', svarId: '4', instans: 1, display: 'select', required: true,
      showWhen: whenYes('underlagFinns'),
      options: cvOptions('4.1', KV_FKMU_0005, [
        { code: 'NEUROPSYKIATRISKT', label: 'Neuropsykiatriskt utlåtande' },
        { code: 'HABILITERING', label: 'Underlag från habiliteringen' },
        { code: 'ARBETSTERAPEUT', label: 'Underlag från arbetsterapeut' },
        { code: 'FYSIOTERAPEUT', label: 'Underlag från fysioterapeut' },
        { code: 'LOGOPED', label: 'Underlag från logoped' },
        { code: 'PSYKOLOG', label: 'Underlag från psykolog' },
        { code: 'FORETAGSHALSOVARD', label: 'Underlag från företagshälsovård' },
        { code: 'SKOLHALSOVARD', label: 'Underlag från skolhälsovård' },
        { code: 'SPECIALISTKLINIK', label: 'Utredning av annan specialistklinik' },
        { code: 'OVRIGT_UTLATANDE', label: 'Övrigt' },
      ]),
    },
    { kind: 'date', name: 'underlagDatum', label: 'Datum för utredningen eller underlaget', svarId: '4', instans: 1, delsvarId: '4.2', required: true, notFuture: true, futureMessage: MESSAGES.noFutureDate, showWhen: whenYes('underlagFinns') },
    {
      kind: 'text', name: 'underlagHamtasFran', svarId: '4', instans: 1, delsvarId: '4.3', required: true, showWhen: whenYes('underlagFinns'),
      label: 'Från vilken vårdgivare kan Försäkringskassan hämta information om utredningen/underlaget?',
    },
  ];
}

const FUNKTIONER = [
  ['funktionIntellektuell', 'Intellektuell funktion', '8'],
  ['funktionPsykosocial', 'Övergripande psykosociala funktioner', '9'],
  ['funktionKoncentration', 'Uppmärksamhet, koncentration och exekutiv funktion', '10'],
  ['funktionPsykisk', 'Annan psykisk funktion', '11'],
  ['funktionSinnen', 'Sinnesfunktioner och smärta', '12'],
  ['funktionBalans', 'Balans, koordination och motorik', '13'],
  ['funktionAnnan', 'Annan kroppslig funktion', '14'],
] as const;

/** LUSE and LUAE_NA: the same questions, with their own type code. */
function luseLike(typeCode: string): FormDefinition {
  return {
    typeCode,
    sections: [
      { heading: 'Grund för medicinskt underlag', fields: underlag() },
      { heading: 'Sjukdomsförlopp', fields: [freeText('sjukdomsforlopp', 'Bakgrund - beskriv kortfattat förloppet för aktuella sjukdomar', '5', true)] },
      {
        heading: 'Diagnos',
        fields: [
          diagnoser(),
          { kind: 'textarea', name: 'diagnosgrund', label: 'När och var ställdes diagnosen/diagnoserna?', svarId: '7', delsvarId: '7.1', required: true },
          yesNo('nyBedomning', 'Finns skäl till att revidera/uppdatera tidigare satt diagnos?', '45', '45.1'),
          { kind: 'textarea', name: 'nyBedomningDiagnos', label: 'Beskriv vilken eller vilka diagnoser som avses', svarId: '45', delsvarId: '45.2', required: true, showWhen: whenYes('nyBedomning') },
        ],
      },
      { heading: 'Funktionsnedsättning', fields: FUNKTIONER.map(([name, label, id]) => freeText(name, label, id)) },
      {
        heading: 'Aktivitetsbegränsning',
        fields: [freeText('aktivitetsbegransning', 'Aktivitetsbegränsningar - beskriv vad har patienten svårt att göra på grund av den eller de funktionsnedsättningar som beskrivs ovan', '17', true)],
      },
      {
        heading: 'Medicinska förutsättningar för arbete',
        fields: [freeText('forutsattningar', 'Hur bedömer du att patientens medicinska förutsättningar för arbete, helt eller delvis, kan utvecklas över tid?', '22', true)],
      },
      { heading: 'Övriga upplysningar', fields: [freeText('ovrigt', 'Övriga upplysningar', '25')] },
      { heading: 'Kontakt', fields: kontakt('26', 'Jag önskar att Försäkringskassan kontaktar mig', 'Ange gärna varför du vill ha kontakt') },
    ],
    rules: [{ kind: 'atLeastOne', field: 'funktionIntellektuell', fields: FUNKTIONER.map(([name]) => name), message: 'Beskriv minst en funktionsnedsättning.' }],
  };
}

export const LUSE_FORM = luseLike('LUSE');
export const LUAE_NA_FORM = luseLike('LUAE_NA');

export const LUAE_FS_FORM: FormDefinition = {
  typeCode: 'LUAE_FS',
  sections: [
    { heading: 'Grund för medicinskt underlag', fields: underlag() },
    { heading: 'Diagnos', fields: [diagnoser('Diagnos/diagnoser för sjukdom som orsakar eller har orsakat funktionsnedsättning')] },
    {
      heading: 'Funktionsnedsättning',
      fields: [
        freeText('debut', 'Beskriv när och hur patientens funktionsnedsättning debuterat, utvecklats och visar sig för närvarande', '15', true),
        freeText('paverkan', 'Beskriv på vilket sätt funktionsnedsättningen påverkar eller har påverkat patientens förmåga att klara sin skolgång', '16', true),
      ],
    },
    { heading: 'Övriga upplysningar', fields: [freeText('ovrigt', 'Övriga upplysningar', '25')] },
    { heading: 'Kontakt', fields: kontakt('26', 'Jag önskar att Försäkringskassan kontaktar mig', 'Ange gärna varför du vill ha kontakt') },
  ],
};
