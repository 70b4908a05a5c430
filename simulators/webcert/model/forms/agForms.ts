/**
 * The employer certificates AG1-14 (sjuklöneperioden) and AG7804 (arbetsgivaren), with the
 * questions their draft validators require (sklintyg/common ag114, ag7804) and the answer ids
 * their `UtlatandeToIntyg` writes. They have no electronic recipient: the patient hands them on.
 */
import { whenYes, yesNo } from './fieldBuilders.js';
import type { FormDefinition } from './formDefinition.js';
import {
  arbetstidsforlaggning, atgarder, diagnoser, freeText, GRUND, grundForMU, nuvarandeArbete, prognos, sjukskrivning, sysselsattning,
  SYSSELSATTNING_OPTIONS,
} from './fkQuestions.js';

export const AG1_14_FORM: FormDefinition = {
  typeCode: 'AG1-14',
  sections: [
    {
      heading: 'Grund för medicinskt underlag',
      fields: [grundForMU({ svarId: '10', label: 'Intyget är baserat på', options: [GRUND.UNDERSOKNING, GRUND.TELEFONKONTAKT, GRUND.JOURNALUPPGIFTER, GRUND.ANNAT] })],
    },
    {
      heading: 'Sysselsättning',
      fields: [
        sysselsattning('1', '1.1', [{ code: 'NUVARANDE_ARBETE', label: 'Nuvarande arbete' }]),
        { kind: 'textarea', name: 'nuvarandeArbete', label: 'Ange yrke och arbetsuppgifter', svarId: '2', delsvarId: '2.1', required: true },
      ],
    },
    {
      heading: 'Diagnos',
      fields: [
        yesNo('onskarFormedlaDiagnos', 'Önskar patienten uppge information om diagnos/diagnoser till sin arbetsgivare?', '3', '3.1'),
        {
          kind: 'diagnoses', name: 'diagnos', label: 'Diagnos/diagnoser för sjukdom som orsakar nedsatt arbetsförmåga', svarId: '4', layout: 'instances',
          required: true, showWhen: whenYes('onskarFormedlaDiagnos'),
          rows: [{ code: '4.2', text: '4.1' }, { code: '4.2', text: '4.1' }, { code: '4.2', text: '4.1' }],
        },
      ],
    },
    { heading: 'Arbetsförmåga', fields: [freeText('nedsattArbetsformaga', 'På vilket sätt medför sjukdomen nedsatt arbetsförmåga?', '5', true)] },
    {
      heading: 'Arbetsförmåga trots sjukdom',
      fields: [
        yesNo('arbetsformagaTrotsSjukdom', 'Finns arbetsförmåga trots sjukdom?', '6', '6.1'),
        { kind: 'textarea', name: 'arbetsformagaBeskrivning', label: 'Beskriv arbetsförmågan', svarId: '6', delsvarId: '6.2', required: true, showWhen: whenYes('arbetsformagaTrotsSjukdom') },
      ],
    },
    {
      heading: 'Bedömning',
      fields: [
        {
          kind: 'number', name: 'sjukskrivningsgrad', label: 'Patientens arbetsförmåga bedöms vara nedsatt med (procent)', svarId: '7', delsvarId: '7.1',
          min: 0, max: 100, pqUnit: '%', required: true, invalidMessage: 'Ange ett värde mellan 0 och 100 %',
        },
        { kind: 'period', name: 'sjukskrivningsperiod', label: 'Period då arbetsförmågan bedöms vara nedsatt', svarId: '7', delsvarId: '7.2', required: true },
      ],
    },
    { heading: 'Övriga upplysningar', fields: [freeText('ovrigt', 'Övriga upplysningar till arbetsgivaren', '8')] },
  ],
};

export const AG7804_FORM: FormDefinition = {
  typeCode: 'AG7804',
  sections: [
    {
      heading: 'Grund för medicinskt underlag',
      fields: [grundForMU({ svarId: '1', label: 'Intyget är baserat på', options: [GRUND.UNDERSOKNING, GRUND.TELEFONKONTAKT, GRUND.JOURNALUPPGIFTER, GRUND.ANNAT] })],
    },
    { heading: 'Sysselsättning', fields: [sysselsattning('28', '28.1', SYSSELSATTNING_OPTIONS), nuvarandeArbete('29', '29.1')] },
    {
      heading: 'Diagnos',
      fields: [
        yesNo('onskarFormedlaDiagnos', 'Önskar patienten förmedla information om diagnos till arbetsgivaren?', '100', '100.1'),
        { ...diagnoser(), showWhen: whenYes('onskarFormedlaDiagnos') },
      ],
    },
    {
      heading: 'Sjukdomens konsekvenser',
      fields: [
        freeText('funktionsnedsattning', 'Funktionsnedsättning – beskriv undersökningsfynd, testresultat och observationer', '35', true),
        freeText('aktivitetsbegransning', 'Aktivitetsbegränsning – beskriv vad patienten inte kan göra på grund av sin sjukdom', '17', true),
      ],
    },
    { heading: 'Bedömning', fields: [sjukskrivning(), ...arbetstidsforlaggning(), ...prognos()] },
    { heading: 'Åtgärder', fields: [atgarder()] },
    { heading: 'Övriga upplysningar', fields: [freeText('ovrigt', 'Övriga upplysningar', '25')] },
  ],
};
