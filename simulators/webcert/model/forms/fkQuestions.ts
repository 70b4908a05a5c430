/**
 * Questions the Försäkringskassan and employer (AG) certificates share, with the answer ids of
 * sklintyg/common fk-parent/ag-parent RespConstants, Webcert's code systems KV_FKMU_0001–0007 and
 * labels from the refdata texts.
 */
import { cvOptions, yesNoOptions } from './fieldBuilders.js';
import type { ChoiceField, CodeOption, DiagnosesField, FormField, MultiField, TextField } from './formDefinition.js';
import { MESSAGES } from './formValidation.js';

export const KV_FKMU_0001 = 'KV_FKMU_0001';
export const KV_FKMU_0002 = 'KV_FKMU_0002';
export const KV_FKMU_0003 = 'KV_FKMU_0003';
export const KV_FKMU_0004 = 'KV_FKMU_0004';
export const KV_FKMU_0006 = 'KV_FKMU_0006';
export const KV_FKMU_0007 = 'KV_FKMU_0007';

/** The kinds of medical basis (KV_FKMU_0001, ReferensTyp): label shown, display name sent. */
export const GRUND = {
  UNDERSOKNING: { code: 'UNDERSOKNING', label: 'Min undersökning av patienten' },
  TELEFONKONTAKT: { code: 'TELEFONKONTAKT', label: 'Min telefonkontakt med patienten' },
  JOURNALUPPGIFTER: { code: 'JOURNALUPPGIFTER', label: 'Journaluppgifter från den' },
  ANHORIG: { code: 'ANHORIG', label: 'Anhörigs beskrivning av patienten' },
  ANNAT: { code: 'ANNAT', label: 'Annat' },
} satisfies Record<string, CodeOption>;

/** "Intyget är baserat på": ticked kinds, each with its date (and a text for Annat). */
export function grundForMU(o: { svarId: string; label: string; options: readonly CodeOption[]; annatLabel?: string }): MultiField {
  const d = (n: number) => `${o.svarId}.${n}`;
  return {
    kind: 'multi', name: 'grund', label: o.label, svarId: o.svarId, delsvarId: d(1), codeSystem: KV_FKMU_0001,
    options: o.options, instans: true, dateDelsvarId: d(2), datesNotFuture: true, futureMessage: MESSAGES.noFutureDate, required: true,
    optionText: { option: 'ANNAT', delsvarId: d(3), label: o.annatLabel ?? 'Ange vad annat är' },
  };
}

/** Sysselsättning (KV_FKMU_0002), each ticked one its own svar with instans. */
export function sysselsattning(svarId: string, delsvarId: string, options: readonly CodeOption[], label = 'I relation till vilken sysselsättning bedömer du arbetsförmågan?'): MultiField {
  return { kind: 'multi', name: 'sysselsattning', label, svarId, delsvarId, codeSystem: KV_FKMU_0002, options, instans: true, required: true };
}

export const SYSSELSATTNING_OPTIONS: readonly CodeOption[] = [
  { code: 'NUVARANDE_ARBETE', label: 'Nuvarande arbete' },
  { code: 'ARBETSSOKANDE', label: 'Arbetssökande - att utföra sådant arbete som är normalt förekommande på arbetsmarknaden', displayName: 'Arbetssökande' },
  { code: 'FORALDRALEDIG', label: 'Föräldraledighet för vård av barn' },
  { code: 'STUDIER', label: 'Studier' },
];

/** "Ange yrke och arbetsuppgifter", shown when Nuvarande arbete is ticked. */
export function nuvarandeArbete(svarId: string, delsvarId: string): TextField {
  return {
    kind: 'textarea', name: 'nuvarandeArbete', label: 'Ange yrke och arbetsuppgifter', svarId, delsvarId, required: true,
    showWhen: { field: 'sysselsattning', checked: 'NUVARANDE_ARBETE' },
  };
}

/** Up to three ICD-10-SE diagnoses in one svar (delsvar pairs code/text). */
export function diagnoser(label = 'Diagnos/diagnoser för sjukdom som orsakar nedsatt arbetsförmåga'): DiagnosesField {
  return {
    kind: 'diagnoses', name: 'diagnos', label, svarId: '6', layout: 'pairs', required: true,
    rows: [{ code: '6.2', text: '6.1' }, { code: '6.4', text: '6.3' }, { code: '6.6', text: '6.5' }],
  };
}

/** Free text in its own svar `id` (delsvar `id.1`). */
export function freeText(name: string, label: string, id: string, required = false, more: Partial<TextField> = {}): TextField {
  return { kind: 'textarea', name, label, svarId: id, delsvarId: `${id}.1`, required, ...more };
}

export const SJUKSKRIVNING_OPTIONS: readonly CodeOption[] = [
  { code: 'HELT_NEDSATT', label: '100 procent', displayName: '100%' },
  { code: 'TRE_FJARDEDEL', label: '75 procent', displayName: '75%' },
  { code: 'HALFTEN', label: '50 procent', displayName: '50%' },
  { code: 'EN_FJARDEDEL', label: '25 procent', displayName: '25%' },
];

/** Sick-leave levels with their periods (svar 32, KV_FKMU_0003). */
export function sjukskrivning(): MultiField {
  return {
    kind: 'multi', name: 'sjukskrivning', label: 'Min bedömning av patientens nedsättning av arbetsförmågan', svarId: '32', delsvarId: '32.1',
    codeSystem: KV_FKMU_0003, options: SJUKSKRIVNING_OPTIONS, instans: true, periodDelsvarId: '32.2', required: true,
    overlapMessage: 'Ange sjukskrivningsperioder som inte överlappar varandra.',
  };
}

/** Arbetstidsförläggning (33), asked only for partial sick leave, with its motivation. */
export function arbetstidsforlaggning(): FormField[] {
  return [
    {
      kind: 'choice', name: 'arbetstidsforlaggning', svarId: '33', options: yesNoOptions('33.1'), required: true,
      label: 'Kommer möjligheterna till återgång i arbete försämras om arbetstiden förläggs på annat sätt än att arbetstiden minskas lika mycket varje dag?',
      showWhen: { field: 'sjukskrivning', checked: ['TRE_FJARDEDEL', 'HALFTEN', 'EN_FJARDEDEL'] },
    },
    {
      kind: 'textarea', name: 'arbetstidsforlaggningMotivering', svarId: '33', delsvarId: '33.2', required: true,
      label: 'Beskriv de medicinska skälen till att möjligheterna till återgång i arbete försämras',
      showWhen: { field: 'arbetstidsforlaggning', equals: 'true' },
    },
  ];
}

/** Prognos (39, KV_FKMU_0006) and, for "återgå efter x dagar", the number of days (39.3, KV_FKMU_0007). */
export function prognos(): FormField[] {
  const prognoses: CodeOption[] = [
    { code: 'STOR_SANNOLIKHET', label: 'Patienten förväntas kunna återgå helt i nuvarande sysselsättning efter denna sjukskrivning.', displayName: 'Patienten kommer med stor sannolikhet att kunna återgå helt i nuvarande sysselsättning efter denna sjukskrivning' },
    { code: 'ATER_X_ANTAL_DGR', label: 'Patienten förväntas kunna återgå helt i nuvarande sysselsättning inom', displayName: 'Patienten kommer med stor sannolikhet att återgå helt i nuvarande sysselsättning efter x antal dagar' },
    { code: 'SANNOLIKT_INTE', label: 'Patienten förväntas inte kunna återgå helt i nuvarande sysselsättning inom 12 månader.', displayName: 'Patienten kan sannolikt inte återgå till nuvarande sysselsättning' },
    { code: 'PROGNOS_OKLAR', label: 'Återgång i nuvarande sysselsättning är oklar.', displayName: 'Prognos för återgång i nuvarande sysselsättning är oklar' },
  ];
  const days: CodeOption[] = [
    { code: 'TRETTIO_DGR', label: '1 månad', displayName: '30 dagar' },
    { code: 'SEXTIO_DGR', label: '2 månader', displayName: '60 dagar' },
    { code: 'NITTIO_DGR', label: '3 månader', displayName: '90 dagar' },
    { code: 'HUNDRAATTIO_DAGAR', label: '6 månader', displayName: '180 dagar' },
    { code: 'TREHUNDRASEXTIOFEM_DAGAR', label: '12 månader', displayName: '365 dagar' },
  ];
  const prognosField: ChoiceField = {
    kind: 'choice', name: 'prognos', label: 'Prognos för arbetsförmåga utifrån aktuellt undersökningstillfälle', svarId: '39',
    options: cvOptions('39.1', KV_FKMU_0006, prognoses), required: true,
  };
  const daysField: ChoiceField = {
    kind: 'choice', name: 'prognosDagar', label: 'Återgång inom', svarId: '39', display: 'select',
    options: cvOptions('39.3', KV_FKMU_0007, days), required: true, showWhen: { field: 'prognos', equals: 'ATER_X_ANTAL_DGR' },
  };
  return [prognosField, daysField];
}

/** Arbetslivsinriktade åtgärder (40, KV_FKMU_0004); "Inte aktuellt" stands alone. */
export function atgarder(): MultiField {
  const options: CodeOption[] = [
    { code: 'EJ_AKTUELLT', label: 'Inte aktuellt' },
    { code: 'ARBETSTRANING', label: 'Arbetsträning' },
    { code: 'ARBETSANPASSNING', label: 'Arbetsanpassning' },
    { code: 'SOKA_NYTT_ARBETE', label: 'Söka nytt arbete' },
    { code: 'BESOK_ARBETSPLATS', label: 'Besök på arbetsplatsen' },
    { code: 'ERGONOMISK', label: 'Ergonomisk bedömning' },
    { code: 'HJALPMEDEL', label: 'Hjälpmedel' },
    { code: 'KONFLIKTHANTERING', label: 'Konflikthantering' },
    { code: 'KONTAKT_FHV', label: 'Kontakt med företagshälsovård' },
    { code: 'OMFORDELNING', label: 'Omfördelning av arbetsuppgifter' },
    { code: 'OVRIGA_ATGARDER', label: 'Övrigt' },
  ];
  return {
    kind: 'multi', name: 'atgarder', label: 'Här kan du ange åtgärder som du tror skulle göra det lättare för patienten att återgå i arbete',
    svarId: '40', delsvarId: '40.1', codeSystem: KV_FKMU_0004, options, instans: true, required: true,
    exclusive: { option: 'EJ_AKTUELLT', message: 'Inte aktuellt kan inte kombineras med andra val.' },
  };
}

/** Kontakt (26 for FK; AG1-14 uses 9): "Jag önskar att … kontaktar mig" and why. */
export function kontakt(svarId: string, label: string, reasonLabel: string): FormField[] {
  return [
    { kind: 'flags', name: 'kontakt', label: 'Kontakt', svarId, options: [{ code: 'JA', label, delsvarId: `${svarId}.1` }] },
    { kind: 'textarea', name: 'kontaktAnledning', label: reasonLabel, svarId, delsvarId: `${svarId}.2`, showWhen: { field: 'kontakt', checked: 'JA' } },
  ];
}
