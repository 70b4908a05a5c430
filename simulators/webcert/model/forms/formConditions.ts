/**
 * Which fields of a form are shown: a field whose condition does not hold is hidden, and so are
 * the answers it holds, so that fields depending on a hidden field are hidden too.
 */
import { formFields, type Condition, type FormDefinition, type FormField, type FormValues } from './formDefinition.js';

/** Whether `condition` holds for `values`. */
export function holds(condition: Condition, values: FormValues): boolean {
  if ('all' in condition) return condition.all.every((c) => holds(c, values));
  if ('any' in condition) return condition.any.some((c) => holds(c, values));
  const value = values[condition.field];
  if ('equals' in condition) {
    const wanted: readonly string[] = typeof condition.equals === 'string' ? [condition.equals] : condition.equals;
    return value !== undefined && wanted.includes(value);
  }
  if ('notEquals' in condition) return value !== undefined && value !== '' && value !== condition.notEquals;
  if ('isNot' in condition) return value !== condition.isNot;
  const options: readonly string[] = typeof condition.checked === 'string' ? [condition.checked] : condition.checked;
  return options.some((o) => values[`${condition.field}.${o}`] === 'true');
}

/** Whether `key` is one of the field's value keys (`name` or `name.…`). */
export function belongsTo(field: Pick<FormField, 'name'>, key: string): boolean {
  return key === field.name || key.startsWith(`${field.name}.`);
}

/**
 * The shown fields, in page order, and the values of shown fields only. Conditions are read in
 * page order against the values of fields shown so far.
 */
export function visibleFields(form: FormDefinition, values: FormValues): { fields: FormField[]; values: FormValues } {
  const visible: FormValues = { ...values };
  const fields: FormField[] = [];
  for (const field of formFields(form)) {
    if (!field.showWhen || holds(field.showWhen, visible)) {
      fields.push(field);
      continue;
    }
    for (const key of Object.keys(visible)) if (belongsTo(field, key)) delete visible[key];
  }
  return { fields, values: visible };
}
