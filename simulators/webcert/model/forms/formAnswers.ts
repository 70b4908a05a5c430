/**
 * Form values ↔ RIV-TA answers (svar/delsvar), for every form: the answers a draft's values
 * stand for (shown fields only, complete entries only, as Webcert's converters write them), and
 * the values a list of answers stands for (prefill from CreateDraftCertificate, drafts saved
 * through the admin API).
 */
import type { CodedValue, DelsvarValue, Svar } from '../certificate.js';
import { visibleFields } from './formConditions.js';
import { isDate } from './formDates.js';
import { formFields, type ChoiceOption, type FormDefinition, type FormField, type FormValues } from './formDefinition.js';

/** ICD-10-SE (Diagnoskodverk.ICD_10_SE). */
export const ICD_10_SE = '1.2.752.116.1.1.1.1.3';

/** An ICD-10-SE code as Webcert stores it (upper case, no dot), or undefined when malformed. */
export function normaliseDiagnosisCode(value: string | undefined): string | undefined {
  const code = (value ?? '').toUpperCase().replace(/[.\s]/g, '');
  return /^[A-Z]\d{2}[0-9A-Z]{0,3}$/.test(code) ? code : undefined;
}

/** Java's Double.toString for the numbers forms hold (0.8 → "0.8", 1 → "1.0"). */
export function javaDouble(n: number): string {
  return Number.isInteger(n) ? n.toFixed(1) : String(n);
}

/** A decimal number as typed (comma or point), or undefined. */
export function parseDecimal(value: string | undefined): number | undefined {
  const text = (value ?? '').trim().replace(',', '.');
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
}

const YEAR = /^\d{4}$/;

interface Part {
  key: string;
  svarId: string;
  instans?: number;
  delsvar: { id: string; value: DelsvarValue }[];
}

function placeKey(svarId: string, instans: number | undefined, group: string | undefined): string {
  return `${svarId}|${instans ?? ''}|${group ?? ''}`;
}

function cv(code: string, codeSystem: string, displayName?: string): { cv: CodedValue } {
  return { cv: displayName === undefined ? { code, codeSystem } : { code, codeSystem, displayName } };
}

/** The delsvar a shown field's values stand for, as parts of svar; `separate()` keys a svar of its own. */
function parts(field: FormField, v: FormValues, separate: () => string): Part[] {
  const text = (key: string) => {
    const value = v[key];
    return value !== undefined && value.trim() !== '' ? value : undefined;
  };
  const single = (delsvar: Part['delsvar']): Part[] => {
    const place = field as { svarId: string; instans?: number; group?: string };
    return delsvar.length ? [{ key: placeKey(place.svarId, place.instans, place.group), svarId: place.svarId, instans: place.instans, delsvar }] : [];
  };
  switch (field.kind) {
    case 'text':
    case 'textarea': {
      const value = text(field.name);
      return single(value === undefined ? [] : [{ id: field.delsvarId, value }]);
    }
    case 'date': {
      const value = v[field.name];
      if (!isDate(value)) return [];
      return single([{ id: field.delsvarId, value: field.as === 'partialDate' ? { partialDate: { format: 'YYYY-MM-DD', value } } : value }]);
    }
    case 'period': {
      const from = v[`${field.name}.from`];
      const tom = v[`${field.name}.tom`];
      return single(isDate(from) && isDate(tom) && from <= tom ? [{ id: field.delsvarId, value: { datePeriod: { start: from, end: tom } } }] : []);
    }
    case 'year': {
      const value = v[field.name]?.trim();
      return single(value && YEAR.test(value) ? [{ id: field.delsvarId, value: { partialDate: { format: 'YYYY', value } } }] : []);
    }
    case 'number': {
      const n = parseDecimal(v[field.name]);
      if (n === undefined || n < field.min || n > field.max) return [];
      return single([{ id: field.delsvarId, value: field.pqUnit ? { pq: { value: n, unit: field.pqUnit } } : javaDouble(n) }]);
    }
    case 'choice': {
      const option = field.options.find((o) => o.value === v[field.name]);
      return single(option ? option.emits.map((e) => ({ id: e.delsvarId, value: e.value })) : []);
    }
    case 'vagueDate': {
      const year = v[`${field.name}.ar`];
      const month = v[`${field.name}.manad`];
      if (!year || !YEAR.test(year) || !month || !/^(0\d|1[0-2])$/.test(month)) return [];
      return single([{ id: field.delsvarId, value: `${year}-${month}-00` }]);
    }
    case 'flags': {
      const ticked = field.options.filter((o) => v[`${field.name}.${o.code}`] === 'true');
      return ticked.length ? [{ key: placeKey(field.svarId, undefined, undefined), svarId: field.svarId, delsvar: ticked.map((o) => ({ id: o.delsvarId, value: 'true' })) }] : [];
    }
    case 'multi': {
      const out: Part[] = [];
      for (const option of field.options) {
        const base = `${field.name}.${option.code}`;
        if (v[base] !== 'true') continue;
        const delsvar: Part['delsvar'] = [{ id: field.delsvarId, value: cv(option.code, field.codeSystem, option.displayName ?? option.label) }];
        if (field.dateDelsvarId) {
          const date = v[`${base}.datum`];
          if (!isDate(date)) continue;
          delsvar.push({ id: field.dateDelsvarId, value: date });
        }
        if (field.periodDelsvarId) {
          const from = v[`${base}.from`];
          const tom = v[`${base}.tom`];
          if (!isDate(from) || !isDate(tom) || from > tom) continue;
          delsvar.push({ id: field.periodDelsvarId, value: { datePeriod: { start: from, end: tom } } });
        }
        const extra = field.optionText?.option === option.code ? text(`${base}.text`) : undefined;
        if (extra !== undefined) delsvar.push({ id: field.optionText!.delsvarId, value: extra });
        const instans = field.instans ? out.length + 1 : undefined;
        out.push({ key: separate(), svarId: field.svarId, instans, delsvar });
      }
      return out;
    }
    case 'diagnoses': {
      const rows = field.rows.flatMap((row, i) => {
        const code = normaliseDiagnosisCode(v[`${field.name}.${i + 1}.kod`]);
        if (!code) return [];
        const description = text(`${field.name}.${i + 1}.text`);
        const delsvar: Part['delsvar'] = [{ id: row.code, value: cv(code, ICD_10_SE, description) }];
        if (description !== undefined) delsvar.push({ id: row.text, value: description });
        return [delsvar];
      });
      if (!rows.length) return [];
      if (field.layout === 'pairs') return [{ key: placeKey(field.svarId, undefined, undefined), svarId: field.svarId, delsvar: rows.flat() }];
      return rows.map((delsvar, i) => ({ key: separate(), svarId: field.svarId, instans: i + 1, delsvar }));
    }
  }
}

/** The answers the values of the shown fields stand for, svar in page order. */
export function valuesToSvar(form: FormDefinition, values: FormValues): Svar[] {
  const { fields, values: shown } = visibleFields(form, values);
  const merged = new Map<string, Svar>();
  let count = 0;
  const separate = () => `separate|${count++}`;
  for (const field of fields) {
    for (const part of parts(field, shown, separate)) {
      const existing = merged.get(part.key);
      if (existing) existing.delsvar.push(...part.delsvar);
      else merged.set(part.key, { id: part.svarId, ...(part.instans === undefined ? {} : { instans: part.instans }), delsvar: part.delsvar });
    }
  }
  const svar = [...merged.values()];
  const order = form.svarOrder;
  if (!order) return svar;
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  return svar.map((s, i) => ({ s, i })).sort((a, b) => rank(a.s.id) - rank(b.s.id) || a.i - b.i).map(({ s }) => s);
}

// ---- answers → values ----

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
