/**
 * Läkarintyg för sjukpenning (LISJP, FK 7804, text version 1.3): the whole form as Webcert shows
 * it, with the answer ids of sklintyg/common lisjp `UtlatandeToIntyg` and the rules of its
 * `InternalDraftValidatorImpl` (smittskydd skips the questions it skips, arbetstidsförläggning only
 * for partial sick leave, days until return only for that prognosis, "Inte aktuellt" alone).
 */
import type { FormDefinition } from './formDefinition.js';
import {
  arbetstidsforlaggning, atgarder, diagnoser, freeText, GRUND, grundForMU, kontakt, nuvarandeArbete, prognos, sjukskrivning,
  sysselsattning, SYSSELSATTNING_OPTIONS,
} from './fkQuestions.js';

const notSmittskydd = { field: 'smittskydd.JA', isNot: 'true' } as const;

export const LISJP_FORM: FormDefinition = {
  typeCode: 'LISJP',
  sections: [
    {
      heading: 'Smittbärarpenning',
      fields: [{
        kind: 'flags', name: 'smittskydd', label: 'Smittbärarpenning', svarId: '27',
        options: [{ code: 'JA', delsvarId: '27.1', label: 'Avstängning enligt smittskyddslagen på grund av smitta. (Fortsätt till frågorna "Diagnos" och "Nedsättning av arbetsförmåga").' }],
      }],
    },
    {
      heading: 'Grund för medicinskt underlag',
      fields: [{
        ...grundForMU({ svarId: '1', label: 'Intyget är baserat på', options: [GRUND.UNDERSOKNING, GRUND.TELEFONKONTAKT, GRUND.JOURNALUPPGIFTER, GRUND.ANNAT] }),
        showWhen: notSmittskydd,
      }],
    },
    {
      heading: 'Sysselsättning',
      fields: [
        { ...sysselsattning('28', '28.1', SYSSELSATTNING_OPTIONS), showWhen: notSmittskydd },
        nuvarandeArbete('29', '29.1'),
      ],
    },
    { heading: 'Diagnos', fields: [diagnoser()] },
    {
      heading: 'Sjukdomens konsekvenser',
      fields: [
        freeText('funktionsnedsattning', 'Funktionsnedsättning – beskriv undersökningsfynd, testresultat och observationer', '35', true, { showWhen: notSmittskydd }),
        freeText('aktivitetsbegransning', 'Aktivitetsbegränsning – beskriv vad patienten inte kan göra på grund av sin sjukdom. Ange vad uppgiften grundas på.', '17', true, { showWhen: notSmittskydd }),
      ],
    },
    {
      heading: 'Medicinsk behandling',
      fields: [
        freeText('pagaendeBehandling', 'Pågående medicinska behandlingar/åtgärder', '19'),
        freeText('planeradBehandling', 'Planerade medicinska behandlingar/åtgärder', '20'),
      ],
    },
    {
      heading: 'Bedömning',
      fields: [
        sjukskrivning(),
        freeText('beslutsstod', 'Patientens arbetsförmåga bedöms nedsatt längre tid än den som Socialstyrelsens försäkringsmedicinska beslutsstöd anger, därför att', '37'),
        ...arbetstidsforlaggning(),
        {
          kind: 'flags', name: 'arbetsresor', label: 'Resor till och från arbetet', svarId: '34',
          options: [{ code: 'JA', delsvarId: '34.1', label: 'Resor till och från arbetet med annat färdmedel än normalt kan göra det möjligt för patienten att återgå till arbetet under sjukskrivningsperioden.' }],
          showWhen: notSmittskydd,
        },
        ...prognos().map((f) => (f.name === 'prognos' ? { ...f, showWhen: notSmittskydd } : f)),
      ],
    },
    {
      heading: 'Åtgärder',
      fields: [
        { ...atgarder(), showWhen: notSmittskydd },
        freeText('atgarderBeskrivning', 'Här kan du ange fler åtgärder. Du kan också beskriva hur åtgärderna kan underlätta återgång i arbete.', '44', false, { showWhen: notSmittskydd }),
      ],
    },
    { heading: 'Övriga upplysningar', fields: [freeText('ovrigt', 'Övriga upplysningar', '25')] },
    { heading: 'Kontakt', fields: kontakt('26', 'Jag önskar att Försäkringskassan kontaktar mig.', 'Ange gärna varför du vill ha kontakt.') },
  ],
};
