/**
 * RIV-TA answers → form values: what a list of svar stands for in a form (prefill from
 * CreateDraftCertificate, drafts saved through the admin API, signed certificates shown again).
 */
import type { DelsvarValue, Svar } from '../certificate.js';
import { isDate } from './formDates.js';
import { formFields, type ChoiceOption, type FormDefinition, type FormField, type FormValues } from './formDefinition.js';
import { ICD_10_SE, normaliseDiagnosisCode, parseDecimal } from './formValueFormats.js';

const YEAR = /^\d{4}$/;

function sameValue(a: DelsvarValue, b: DelsvarValue): boolean {
  if (typeof a === 'string' || typeof b === 'string') return typeof a === 'string' && typeof b === 'string' && a.trim() === b.trim();
  if ('cv' in a && 'cv' in b) return a.cv.code === b.cv.code && a.cv.codeSystem === b.cv.codeSystem;
  return JSON.stringify(a) === JSON.stringify(b);
}

function stringOf(value: DelsvarValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function dateOf(value: DelsvarValue | undefined): string | undefined {
  const date = typeof value === 'string' ? value.trim() : value && 'partialDate' in value ? value.partialDate.value : undefined;
  return isDate(date) ? date : undefined;
}

function bestOption(options: readonly ChoiceOption[], svar: Svar): ChoiceOption | undefined {
  const matches = options.filter((o) => o.emits.every((e) => svar.delsvar.some((d) => d.id === e.delsvarId && sameValue(d.value, e.value))));
  return matches.sort((a, b) => b.emits.length - a.emits.length)[0];
}

/**
 * Which svar each single-value field reads: fields sharing a svar id and instans read the svar in
 * order of their `group` (the n-th group reads the n-th svar of that id and instans).
 */
function svarPlaces(form: FormDefinition, answers: readonly Svar[]): (field: FormField) => Svar | undefined {
  const groups = new Map<string, string[]>();
  for (const field of formFields(form)) {
    if (!('svarId' in field) || field.kind === 'multi' || field.kind === 'flags' || field.kind === 'diagnoses') continue;
    const place = field as { svarId: string; instans?: number; group?: string };
    const key = `${place.svarId}|${place.instans ?? ''}`;
    const list = groups.get(key) ?? [];
    if (!list.includes(place.group ?? '')) list.push(place.group ?? '');
    groups.set(key, list);
  }
  return (field) => {
    const place = field as { svarId: string; instans?: number; group?: string };
    const key = `${place.svarId}|${place.instans ?? ''}`;
    const index = (groups.get(key) ?? ['']).indexOf(place.group ?? '');
    const candidates = answers.filter((s) => s.id === place.svarId && (place.instans === undefined || s.instans === place.instans));
    return candidates[Math.max(index, 0)];
  };
}

/**
 * The form values that `answers` stand for. Answers the form has no field for, codes it does not
 * know and malformed dates are left out (as Webcert's prefill ignores them with a warning).
 */
export function svarToValues(form: FormDefinition, answers: readonly Svar[]): FormValues {
  const values: FormValues = {};
  const placeOf = svarPlaces(form, answers);
  const set = (key: string, value: string | undefined) => {
    if (value !== undefined && value.trim() !== '') values[key] = value;
  };
  for (const field of formFields(form)) {
    switch (field.kind) {
      case 'multi': {
        for (const svar of answers.filter((s) => s.id === field.svarId)) {
          const code = svar.delsvar.find((d) => d.id === field.delsvarId)?.value;
          const option = code && typeof code !== 'string' && 'cv' in code && code.cv.codeSystem === field.codeSystem
            ? field.options.find((o) => o.code === code.cv.code) : undefined;
          if (!option) continue;
          const base = `${field.name}.${option.code}`;
          values[base] = 'true';
          const get = (id: string | undefined) => (id === undefined ? undefined : svar.delsvar.find((d) => d.id === id)?.value);
          set(`${base}.datum`, dateOf(get(field.dateDelsvarId)));
          const period = get(field.periodDelsvarId);
          if (period && typeof period !== 'string' && 'datePeriod' in period) {
            set(`${base}.from`, isDate(period.datePeriod.start) ? period.datePeriod.start : undefined);
            set(`${base}.tom`, isDate(period.datePeriod.end) ? period.datePeriod.end : undefined);
          }
          if (field.optionText?.option === option.code) set(`${base}.text`, stringOf(get(field.optionText.delsvarId)));
        }
        break;
      }
      case 'flags': {
        const svar = answers.find((s) => s.id === field.svarId);
        for (const o of field.options) if (svar?.delsvar.some((d) => d.id === o.delsvarId && d.value === 'true')) values[`${field.name}.${o.code}`] = 'true';
        break;
      }
      case 'diagnoses': {
        const rowsOf = field.layout === 'pairs'
          ? field.rows.map((row) => ({ row, svar: answers.find((s) => s.id === field.svarId) }))
          : field.rows.map((row, i) => ({ row, svar: answers.filter((s) => s.id === field.svarId)[i] }));
        rowsOf.forEach(({ row, svar }, i) => {
          const code = svar?.delsvar.find((d) => d.id === row.code)?.value;
          if (!code || typeof code === 'string' || !('cv' in code) || code.cv.codeSystem !== ICD_10_SE) return;
          set(`${field.name}.${i + 1}.kod`, normaliseDiagnosisCode(code.cv.code));
          set(`${field.name}.${i + 1}.text`, stringOf(svar!.delsvar.find((d) => d.id === row.text)?.value) ?? code.cv.displayName);
        });
        break;
      }
      default: {
        const svar = placeOf(field);
        if (!svar) break;
        if (field.kind === 'choice') {
          set(field.name, bestOption(field.options, svar)?.value);
          break;
        }
        const value = svar.delsvar.find((d) => d.id === field.delsvarId)?.value;
        switch (field.kind) {
          case 'text':
          case 'textarea': {
            const s = stringOf(value);
            set(field.name, s !== undefined && (field.maxLength === undefined || s.length <= field.maxLength) ? s : undefined);
            break;
          }
          case 'date':
            set(field.name, dateOf(value));
            break;
          case 'period':
            if (value && typeof value !== 'string' && 'datePeriod' in value) {
              set(`${field.name}.from`, isDate(value.datePeriod.start) ? value.datePeriod.start : undefined);
              set(`${field.name}.tom`, isDate(value.datePeriod.end) ? value.datePeriod.end : undefined);
            }
            break;
          case 'year': {
            const year = value && typeof value !== 'string' && 'partialDate' in value ? value.partialDate.value : stringOf(value);
            set(field.name, year && YEAR.test(year) ? year : undefined);
            break;
          }
          case 'number': {
            const n = value && typeof value !== 'string' && 'pq' in value ? value.pq.value : parseDecimal(stringOf(value));
            set(field.name, n === undefined ? undefined : String(n));
            break;
          }
          case 'vagueDate': {
            const m = /^(\d{4})-(\d{2})-00$/.exec(stringOf(value) ?? '');
            if (m) {
              set(`${field.name}.ar`, m[1]);
              set(`${field.name}.manad`, m[2]);
            }
            break;
          }
        }
      }
    }
  }
  return values;
}
