/**
 * Certificate forms as data: the questions of one certificate type, their answer ids (svar and
 * delsvar of RIV-TA RegisterCertificate v3), field kinds, required rules, Swedish labels and the
 * validation messages Webcert shows. One renderer, one validator and one answer mapping serve
 * every type; a type's form is a list of {@link FormField}s and {@link FormRule}s.
 *
 * Form values are flat strings keyed by field name, as an HTML form posts them. Composite fields
 * use keys under their name: `name.CODE` (`'true'` when an option is ticked), `name.CODE.datum`,
 * `name.CODE.from`, `name.CODE.tom`, `name.CODE.text`, `name.N.kod`, `name.N.text`, `name.ar`,
 * `name.manad`.
 */
import type { DelsvarValue } from '../certificate.js';

/** Form values by key (see the file comment); a missing key is an empty answer. */
export type FormValues = Partial<Record<string, string>>;

/** When a field is shown (and answered); hidden fields are neither validated nor sent. */
export type Condition =
  /** The field's value is one of these (choice value, text). */
  | { field: string; equals: string | readonly string[] }
  /** The field has a value that is not this one (an unanswered field does not hold). */
  | { field: string; notEquals: string }
  /** The field is not answered with this value (an unanswered field holds). */
  | { field: string; isNot: string }
  /** At least one of these options of a multi or flags field is ticked. */
  | { field: string; checked: string | readonly string[] }
  | { all: readonly Condition[] }
  | { any: readonly Condition[] };

/** One delsvar a choice option stands for. */
export interface Emit {
  delsvarId: string;
  value: DelsvarValue;
}

/** One option of a choice: the value posted, the label the user sees, the delsvar it stands for. */
export interface ChoiceOption {
  value: string;
  label: string;
  emits: readonly Emit[];
}

/** One option of a multi (checkbox) field: a code of `codeSystem`. */
export interface CodeOption {
  code: string;
  /** What the user sees. */
  label: string;
  /** `displayName` of the cv in the message (Webcert's enum label); default `label`. */
  displayName?: string;
}

interface FieldBase {
  /** Form key (and HTML name) of the field; unique in the form, no dots. */
  name: string;
  /** The question as the user sees it (label or legend). */
  label: string;
  /** Help text under the label. */
  help?: string;
  required?: boolean;
  /** Message for a required field left empty, when not the kind's default. */
  requiredMessage?: string;
  showWhen?: Condition;
}

/**
 * Where a single-value field's delsvar goes when several fields share a svar id: fields with the
 * same svar id, `instans` and `group` fill one svar; a different `group` (with no `instans`)
 * makes a repeated svar of the same id (DOI 10 "bidragande sjukdomar").
 */
interface SvarPlace {
  svarId: string;
  instans?: number;
  group?: string;
}

/** Free text: one delsvar holding the text. */
export interface TextField extends FieldBase, SvarPlace {
  kind: 'text' | 'textarea';
  delsvarId: string;
  maxLength?: number;
}

/** A date `YYYY-MM-DD` in one delsvar (as a string, or as a types:partialDate). */
export interface DateField extends FieldBase, SvarPlace {
  kind: 'date';
  delsvarId: string;
  as?: 'string' | 'partialDate';
  /** "Ange dagens eller ett tidigare datum." (or `futureMessage`) when after today. */
  notFuture?: boolean;
  /** The message for a date after today when not the default (FK forms: "Framtida datum får inte anges."). */
  futureMessage?: string;
  /** "Ange ett datum, samma som eller senare än patientens födelsedatum." when before birth. */
  notBeforeBirth?: boolean;
}

/** A period (from and to dates) as a types:datePeriod in one delsvar. */
export interface PeriodField extends FieldBase, SvarPlace {
  kind: 'period';
  delsvarId: string;
}

/** A year `YYYY` as a types:partialDate. */
export interface YearField extends FieldBase, SvarPlace {
  kind: 'year';
  delsvarId: string;
  notFuture?: boolean;
}

/** A decimal number, sent as Java writes a double, or as a types:pq with a unit. */
export interface NumberField extends FieldBase, SvarPlace {
  kind: 'number';
  delsvarId: string;
  min: number;
  max: number;
  /** Send as types:pq with this unit (e.g. `%`). */
  pqUnit?: string;
  invalidMessage: string;
}

/** Exactly one of some options (radio buttons or a drop-down). */
export interface ChoiceField extends FieldBase, SvarPlace {
  kind: 'choice';
  options: readonly ChoiceOption[];
  display?: 'radio' | 'select';
}

/**
 * Ticked codes, each its own svar (with `instans` 1, 2 … when `instans`), optionally with a date,
 * a period or a text per ticked option.
 */
export interface MultiField extends FieldBase {
  kind: 'multi';
  svarId: string;
  /** Delsvar of the code (a cv of `codeSystem`). */
  delsvarId: string;
  codeSystem: string;
  options: readonly CodeOption[];
  instans: boolean;
  /** Each ticked option needs a date, sent in this delsvar. */
  dateDelsvarId?: string;
  /** Each ticked option needs a period (types:datePeriod), sent in this delsvar. */
  periodDelsvarId?: string;
  /** Options whose dates must not be after today. */
  datesNotFuture?: boolean;
  /** The message for such a date when not the default. */
  futureMessage?: string;
  /** A text belonging to one option (e.g. "Ange vad annat är" for ANNAT). */
  optionText?: { option: string; delsvarId: string; label: string };
  /** An option that cannot be combined with the others, and the message when it is. */
  exclusive?: { option: string; message: string };
  /** Message when two ticked periods overlap. */
  overlapMessage?: string;
}

/** Booleans in one svar, one delsvar per ticked flag (`true`; unticked flags are left out). */
export interface FlagsField extends FieldBase {
  kind: 'flags';
  svarId: string;
  options: readonly { code: string; label: string; delsvarId: string }[];
}

/** Up to `rows` diagnoses (ICD-10-SE code and text). */
export interface DiagnosesField extends FieldBase {
  kind: 'diagnoses';
  svarId: string;
  /** Per row: the delsvar of the code (cv) and of the text. */
  rows: readonly { code: string; text: string }[];
  /** `pairs`: one svar holding every row; `instances`: one svar per row with instans 1, 2 … */
  layout: 'pairs' | 'instances';
}

/** A date that may be uncertain: year and month (`00` when unknown), sent as `YYYY-MM-00`. */
export interface VagueDateField extends FieldBase, SvarPlace {
  kind: 'vagueDate';
  delsvarId: string;
}

export type FormField =
  | TextField
  | DateField
  | PeriodField
  | YearField
  | NumberField
  | ChoiceField
  | MultiField
  | FlagsField
  | DiagnosesField
  | VagueDateField;

/** A rule between fields, checked when both are shown and hold valid dates. */
export type FormRule =
  /** `field`'s date must not be after `other`'s. */
  | { kind: 'notAfter'; field: string; other: string; message: string }
  /** `field`'s date must not be before `other`'s minus `days`. */
  | { kind: 'notBefore'; field: string; other: string; days?: number; message: string }
  /** `field` must hold `value` when the condition holds. */
  | { kind: 'mustBe'; field: string; value: string; when: Condition; message: string }
  /**
   * `field` (a Ja/Nej choice, "died within 28 days of birth") must agree with the date of death
   * in `date` and the patient's birth date.
   */
  | { kind: 'within28DaysOfBirth'; field: string; date: string; message: string }
  /** At least one of `fields` (texts) must be answered; the message goes on `field`. */
  | { kind: 'atLeastOne'; field: string; fields: readonly string[]; message: string };

/** A section heading with the fields under it. */
export interface FormSection {
  heading: string;
  fields: readonly FormField[];
}

/** The form of one certificate type. */
export interface FormDefinition {
  /** KV intygstyp code. */
  typeCode: string;
  sections: readonly FormSection[];
  rules?: readonly FormRule[];
  /**
   * Order of the svar in the message when it differs from the page order (Webcert's converter
   * writes e.g. DOI's "land", asked first, last); ids not listed follow in page order.
   */
  svarOrder?: readonly string[];
}

/** Every field of the form, in page order. */
export function formFields(form: FormDefinition): FormField[] {
  return form.sections.flatMap((s) => s.fields);
}
