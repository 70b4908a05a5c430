/**
 * Form values → RIV-TA answers (svar/delsvar), for every form: the answers a draft's values stand
 * for (shown fields only, complete entries only, as Webcert's converters write them). The way back
 * is formAnswersRead.ts.
 */
import type { CodedValue, DelsvarValue, Svar } from '../certificate.js';
import { visibleFields } from './formConditions.js';
import { isDate } from './formDates.js';
import type { FormDefinition, FormField, FormValues } from './formDefinition.js';
import { ICD_10_SE, javaDouble, normaliseDiagnosisCode, parseDecimal } from './formValueFormats.js';

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
