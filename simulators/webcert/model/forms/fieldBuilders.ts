/** Small builders that keep the form definitions short. */
import type { ChoiceField, ChoiceOption, CodeOption, Condition } from './formDefinition.js';

/** Ja/Nej options sending `true`/`false` in `delsvarId`. */
export function yesNoOptions(delsvarId: string, labels: { yes: string; no: string } = { yes: 'Ja', no: 'Nej' }): ChoiceOption[] {
  return [
    { value: 'true', label: labels.yes, emits: [{ delsvarId, value: 'true' }] },
    { value: 'false', label: labels.no, emits: [{ delsvarId, value: 'false' }] },
  ];
}

/** Options sending a cv of `codeSystem` in `delsvarId`. */
export function cvOptions(delsvarId: string, codeSystem: string, options: readonly CodeOption[]): ChoiceOption[] {
  return options.map((o) => ({
    value: o.code,
    label: o.label,
    emits: [{ delsvarId, value: { cv: { code: o.code, codeSystem, displayName: o.displayName ?? o.label } } }],
  }));
}

/** A required Ja/Nej question in its own svar. */
export function yesNo(name: string, label: string, svarId: string, delsvarId: string, more: Partial<ChoiceField> = {}): ChoiceField {
  return { kind: 'choice', name, label, svarId, options: yesNoOptions(delsvarId), required: true, ...more };
}

/** Shown when the Ja/Nej question `field` is answered Ja. */
export function whenYes(field: string): Condition {
  return { field, equals: 'true' };
}

/** Shown when the Ja/Nej question `field` is answered Nej. */
export function whenNo(field: string): Condition {
  return { field, equals: 'false' };
}
