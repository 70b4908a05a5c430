/**
 * The validation a user meets in Webcert's draft form, for every form: required answers of the
 * shown fields, date formats and limits, and the form's rules between fields, with Webcert's
 * Swedish messages (common/messages.js, the modules' messages). A draft is complete (ready to
 * sign) when there is no error.
 */
import { holds, visibleFields } from './formConditions.js';
import { addDays, birthDateOf, earliestDay, isDate } from './formDates.js';
import { normaliseDiagnosisCode, parseDecimal } from './formValueFormats.js';
import type { FormDefinition, FormField, FormRule, FormValues } from './formDefinition.js';

/** Webcert's validation messages used by more than one form. */
export const MESSAGES = Object.freeze({
  answer: 'Ange ett svar.',
  chooseOne: 'Välj ett alternativ.',
  chooseAtLeastOne: 'Välj minst ett alternativ.',
  date: 'Ange ett datum.',
  dateFormat: 'Ange datum i formatet åååå-mm-dd.',
  todayOrEarlier: 'Ange dagens eller ett tidigare datum.',
  /** common.validation.c-06, the FK forms' text for a date after today. */
  noFutureDate: 'Ange ett giltigt datum. Framtida datum får inte anges.',
  notBeforeBirth: 'Ange ett datum, samma som eller senare än patientens födelsedatum.',
  year: 'Ange ett år.',
  yearFormat: 'Ange ett år på formatet åååå.',
  vagueYear: 'Ange år.',
  vagueMonth: 'Ange månad.',
  periodOrder: 'Ange ett slutdatum som infaller efter startdatumet.',
  diagnosisMissing: 'Ange minst en diagnos.',
  diagnosisText: 'Ange diagnostext.',
  diagnosisCode: 'Ange diagnoskod.',
  diagnosisInvalid: 'Diagnoskod är ej giltig.',
  diagnosisPsychiatric: 'Ange diagnosrad med minst fyra positioner på en psykisk diagnos.',
});

/** One problem, on one field. */
export interface ValidationError {
  /** Name of the field the message belongs to. */
  field: string;
  /** The field's question, for the list of what is missing. */
  question: string;
  message: string;
  /** A required answer is missing (Webcert shows these on "Visa vad som saknas"); else a wrong answer. */
  missing: boolean;
}

/** What validation needs to know besides the values. */
export interface ValidationContext {
  /** Today in Stockholm, `YYYY-MM-DD` (from the virtual clock). */
  today: string;
  /** The patient's personnummer or samordningsnummer (for the birth date). */
  patientPersonId: string;
}

type Report = (message: string, missing?: boolean) => void;

function blank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}

function checkDate(value: string | undefined, report: Report, ctx: ValidationContext, o: { required?: boolean; notFuture?: boolean; futureMessage?: string; notBeforeBirth?: boolean }): void {
  if (blank(value)) {
    if (o.required) report(MESSAGES.date, true);
    return;
  }
  if (!isDate(value)) return report(MESSAGES.dateFormat);
  if (o.notFuture && value > ctx.today) return report(o.futureMessage ?? MESSAGES.todayOrEarlier);
  const birth = birthDateOf(ctx.patientPersonId);
  if (o.notBeforeBirth && birth && value < birth) report(MESSAGES.notBeforeBirth);
}

function validateField(field: FormField, v: FormValues, ctx: ValidationContext, report: Report): void {
  const required = field.required === true;
  const empty = (message: string) => report(field.requiredMessage ?? message, true);
  switch (field.kind) {
    case 'text':
    case 'textarea':
      if (required && blank(v[field.name])) empty(MESSAGES.answer);
      else if (field.maxLength !== undefined && (v[field.name]?.length ?? 0) > field.maxLength) report(`Ange högst ${field.maxLength} tecken.`);
      return;
    case 'date':
      if (required && blank(v[field.name])) return empty(MESSAGES.date);
      return checkDate(v[field.name], report, ctx, field);
    case 'period': {
      const from = v[`${field.name}.from`];
      const tom = v[`${field.name}.tom`];
      if (!required && blank(from) && blank(tom)) return;
      checkDate(from, report, ctx, { required: true });
      checkDate(tom, report, ctx, { required: true });
      if (isDate(from) && isDate(tom) && from > tom) report(MESSAGES.periodOrder);
      return;
    }
    case 'year': {
      const value = v[field.name]?.trim();
      if (!value) return required ? empty(MESSAGES.year) : undefined;
      if (!/^\d{4}$/.test(value)) return report(MESSAGES.yearFormat);
      if (field.notFuture && value > ctx.today.slice(0, 4)) report(MESSAGES.todayOrEarlier);
      return;
    }
    case 'number': {
      if (blank(v[field.name])) return required ? empty(MESSAGES.answer) : undefined;
      const n = parseDecimal(v[field.name]);
      if (n === undefined || n < field.min || n > field.max) report(field.invalidMessage);
      return;
    }
    case 'choice':
      if (required && !field.options.some((o) => o.value === v[field.name])) empty(MESSAGES.chooseOne);
      return;
    case 'flags':
      if (required && !field.options.some((o) => v[`${field.name}.${o.code}`] === 'true')) empty(MESSAGES.chooseAtLeastOne);
      return;
    case 'vagueDate': {
      const year = v[`${field.name}.ar`];
      const month = v[`${field.name}.manad`];
      if (blank(year)) {
        if (!required) return;
        empty(MESSAGES.vagueYear);
        if (blank(month)) empty(MESSAGES.vagueMonth);
        return;
      }
      if (blank(month)) return empty(MESSAGES.vagueMonth);
      if (`${year}-${month}` > ctx.today.slice(0, 7)) report(MESSAGES.todayOrEarlier);
      return;
    }
    case 'multi': {
      const ticked = field.options.filter((o) => v[`${field.name}.${o.code}`] === 'true');
      if (!ticked.length) return required ? empty(MESSAGES.chooseAtLeastOne) : undefined;
      if (field.exclusive && ticked.length > 1 && ticked.some((o) => o.code === field.exclusive!.option)) report(field.exclusive.message);
      const periods: { from: string; tom: string }[] = [];
      for (const option of ticked) {
        const base = `${field.name}.${option.code}`;
        if (field.dateDelsvarId) checkDate(v[`${base}.datum`], report, ctx, { required: true, notFuture: field.datesNotFuture, futureMessage: field.futureMessage });
        if (field.periodDelsvarId) {
          const from = v[`${base}.from`];
          const tom = v[`${base}.tom`];
          checkDate(from, report, ctx, { required: true });
          checkDate(tom, report, ctx, { required: true });
          if (isDate(from) && isDate(tom)) {
            if (from > tom) report(MESSAGES.periodOrder);
            else periods.push({ from, tom });
          }
        }
        if (field.optionText?.option === option.code && blank(v[`${base}.text`])) report(MESSAGES.answer, true);
      }
      const overlapping = periods.some((p, i) => periods.some((q, j) => i !== j && p.from <= q.tom && q.from <= p.tom));
      if (overlapping && field.overlapMessage) report(field.overlapMessage);
      return;
    }
    case 'diagnoses': {
      let any = false;
      field.rows.forEach((_, i) => {
        const code = v[`${field.name}.${i + 1}.kod`];
        const text = v[`${field.name}.${i + 1}.text`];
        if (blank(code) && blank(text)) return;
        any = true;
        if (blank(code)) return report(MESSAGES.diagnosisCode, true);
        const normalised = normaliseDiagnosisCode(code);
        if (!normalised) return report(MESSAGES.diagnosisInvalid);
        if (normalised.startsWith('F') && normalised.length < 4) report(MESSAGES.diagnosisPsychiatric);
        if (blank(text)) report(MESSAGES.diagnosisText, true);
      });
      if (!any && required) empty(MESSAGES.diagnosisMissing);
      return;
    }
  }
}

/** The date a shown field holds (a vague date stands for its earliest day), if valid. */
function dateIn(name: string, fields: FormField[], v: FormValues): string | undefined {
  const field = fields.find((f) => f.name === name);
  if (!field) return undefined;
  if (field.kind === 'vagueDate') {
    const year = v[`${name}.ar`];
    const month = v[`${name}.manad`];
    return year && month ? earliestDay(`${year}-${month}-00`) : undefined;
  }
  const value = v[name];
  return isDate(value) ? value : undefined;
}

function checkRule(rule: FormRule, fields: FormField[], v: FormValues, ctx: ValidationContext, report: Report): void {
  switch (rule.kind) {
    case 'notAfter': {
      const date = dateIn(rule.field, fields, v);
      const other = dateIn(rule.other, fields, v);
      if (date && other && date > other) report(rule.message);
      return;
    }
    case 'notBefore': {
      const date = dateIn(rule.field, fields, v);
      const other = dateIn(rule.other, fields, v);
      if (date && other && date < addDays(other, -(rule.days ?? 0))) report(rule.message);
      return;
    }
    case 'mustBe':
      if (fields.some((f) => f.name === rule.field) && holds(rule.when, v) && v[rule.field] !== undefined && v[rule.field] !== rule.value) report(rule.message);
      return;
    case 'atLeastOne':
      if (rule.fields.every((name) => blank(v[name]))) report(rule.message, true);
      return;
    case 'within28DaysOfBirth': {
      const answer = v[rule.field];
      const death = dateIn(rule.date, fields, v);
      const birth = birthDateOf(ctx.patientPersonId);
      if (!death || !birth || (answer !== 'true' && answer !== 'false')) return;
      const within = death <= addDays(birth, 28);
      if ((answer === 'true') !== within) report(rule.message);
      return;
    }
  }
}

/** Every problem of the shown fields, in page order; none means the draft is complete. */
export function validateForm(form: FormDefinition, values: FormValues, ctx: ValidationContext): ValidationError[] {
  const { fields, values: v } = visibleFields(form, values);
  const errors: ValidationError[] = [];
  const reporter = (field: FormField): Report => (message, missing = false) => {
    errors.push({ field: field.name, question: field.label, message, missing });
  };
  for (const field of fields) validateField(field, v, ctx, reporter(field));
  for (const rule of form.rules ?? []) {
    const field = fields.find((f) => f.name === rule.field);
    if (field) checkRule(rule, fields, v, ctx, reporter(field));
  }
  return errors;
}

/** The questions with problems, each once, in page order (the page's "saknas" list). */
export function questionsWithErrors(errors: readonly ValidationError[]): string[] {
  return [...new Set(errors.map((e) => e.question))];
}
