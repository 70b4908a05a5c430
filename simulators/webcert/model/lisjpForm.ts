/**
 * The part of Läkarintyg för sjukpenning (LISJP, FK 7804) that the simulator's UI lets a doctor
 * fill in: the questions a sick-leave certificate cannot be signed without. Each field maps to a
 * RIV-TA svar/delsvar; answers travel as the generic svar structure.
 */
import type { Svar } from './certificate.js';

/** One field of the form. */
export interface LisjpField {
  /** Form field name, also the HTML input name and id. */
  name: string;
  label: string;
  svarId: string;
  delsvarId: string;
  kind: 'date' | 'text' | 'textarea' | 'code' | 'choice';
  required: boolean;
  /** For `choice`: code, code system and Swedish label of each option. */
  options?: { code: string; label: string }[];
  codeSystem?: string;
}

/** The fields, in the order the page shows them. */
export const LISJP_FIELDS: readonly LisjpField[] = [
  { name: 'undersokningDatum', label: 'Min undersökning av patienten, datum', svarId: '1', delsvarId: '1.2', kind: 'date', required: true },
  {
    name: 'sysselsattning', label: 'Sysselsättning', svarId: '28', delsvarId: '28.1', kind: 'choice', required: true, codeSystem: 'KV_FKMU_0002',
    options: [
      { code: 'NUVARANDE_ARBETE', label: 'Nuvarande arbete' },
      { code: 'ARBETSSOKANDE', label: 'Arbetssökande' },
      { code: 'STUDIER', label: 'Studier' },
    ],
  },
  { name: 'diagnosKod', label: 'Diagnoskod (ICD-10-SE)', svarId: '6', delsvarId: '6.2', kind: 'code', required: true },
  { name: 'diagnosText', label: 'Diagnos', svarId: '6', delsvarId: '6.1', kind: 'text', required: true },
  { name: 'funktionsnedsattning', label: 'Funktionsnedsättning – beskriv undersökningsfynd och testresultat', svarId: '35', delsvarId: '35.1', kind: 'textarea', required: true },
  { name: 'aktivitetsbegransning', label: 'Aktivitetsbegränsning – beskriv vad patienten har svårt att göra', svarId: '17', delsvarId: '17.1', kind: 'textarea', required: true },
  {
    name: 'nedsattning', label: 'Behov av sjukskrivning, arbetsförmåga nedsatt med', svarId: '32', delsvarId: '32.1', kind: 'choice', required: true, codeSystem: 'KV_FKMU_0003',
    options: [
      { code: 'HELT_NEDSATT', label: '100 procent' },
      { code: 'TRE_FJARDEDEL', label: '75 procent' },
      { code: 'HALFTEN', label: '50 procent' },
      { code: 'EN_FJARDEDEL', label: '25 procent' },
    ],
  },
  { name: 'sjukskrivningFrom', label: 'Från och med', svarId: '32', delsvarId: '32.2', kind: 'date', required: true },
  { name: 'sjukskrivningTom', label: 'Till och med', svarId: '32', delsvarId: '32.2', kind: 'date', required: true },
];

/** Form values by field name. */
export type LisjpValues = Partial<Record<string, string>>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Fields that are required and empty or malformed, by label (what the page lists). */
export function missingFields(values: LisjpValues): string[] {
  return LISJP_FIELDS.filter((f) => {
    const v = values[f.name]?.trim() ?? '';
    if (!f.required) return false;
    if (v === '') return true;
    if (f.kind === 'date') return !DATE.test(v);
    if (f.kind === 'choice') return !f.options!.some((o) => o.code === v);
    return false;
  }).map((f) => f.label);
}

/** The answers (svar) the values stand for; empty fields are left out. */
export function valuesToSvar(values: LisjpValues): Svar[] {
  const v = (name: string) => values[name]?.trim() ?? '';
  const svar: Svar[] = [];
  if (v('undersokningDatum')) svar.push({ id: '1', delsvar: [{ id: '1.1', value: { cv: { code: 'UNDERSOKNING', codeSystem: 'KV_FKMU_0001', displayName: 'Min undersökning av patienten' } } }, { id: '1.2', value: v('undersokningDatum') }] });
  const syssel = LISJP_FIELDS[1]!.options!.find((o) => o.code === v('sysselsattning'));
  if (syssel) svar.push({ id: '28', delsvar: [{ id: '28.1', value: { cv: { code: syssel.code, codeSystem: 'KV_FKMU_0002', displayName: syssel.label } } }] });
  if (v('diagnosKod') || v('diagnosText')) {
    svar.push({ id: '6', delsvar: [
      ...(v('diagnosText') ? [{ id: '6.1', value: v('diagnosText') }] : []),
      ...(v('diagnosKod') ? [{ id: '6.2', value: { cv: { code: v('diagnosKod'), codeSystem: '1.2.752.116.1.1.1.1.3', displayName: v('diagnosText') || undefined } } }] : []),
    ] });
  }
  if (v('funktionsnedsattning')) svar.push({ id: '35', delsvar: [{ id: '35.1', value: v('funktionsnedsattning') }] });
  if (v('aktivitetsbegransning')) svar.push({ id: '17', delsvar: [{ id: '17.1', value: v('aktivitetsbegransning') }] });
  const ned = LISJP_FIELDS[6]!.options!.find((o) => o.code === v('nedsattning'));
  if (ned && DATE.test(v('sjukskrivningFrom')) && DATE.test(v('sjukskrivningTom'))) {
    svar.push({ id: '32', instans: 1, delsvar: [
      { id: '32.1', value: { cv: { code: ned.code, codeSystem: 'KV_FKMU_0003', displayName: ned.label } } },
      { id: '32.2', value: { datePeriod: { start: v('sjukskrivningFrom'), end: v('sjukskrivningTom') } } },
    ] });
  }
  return svar;
}
