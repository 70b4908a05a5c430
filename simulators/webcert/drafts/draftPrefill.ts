/**
 * CreateDraftCertificate 3.3 `forifyllnad` applied to a new draft, for the types whose feature
 * CREATE_DRAFT_PREFILL is on (LISJP; webcert `CreateNewDraftRequestBuilderImpl`
 * `getOptionalForifyllnadIfApplicable`). As Webcert's prefill handler, it never stops the draft:
 * answers the form has no question for, unknown codes and malformed dates are left out and
 * reported.
 */
import type { Svar } from '../model/certificate.js';
import type { CertificateType } from '../model/certificateTypes.js';
import { valuesToSvar } from '../model/forms/formAnswers.js';
import { svarToValues } from '../model/forms/formAnswersRead.js';
import { validateForm, type ValidationContext } from '../model/forms/formValidation.js';
import { formFor } from '../model/forms/forms.js';

/** The prefilled answers, whether they make the draft complete, and which svar were ignored. */
export interface Prefill {
  answers: Svar[];
  complete: boolean;
  /** Svar ids (with instans) of `forifyllnad` that left nothing in the draft. */
  ignored: string[];
}

/**
 * The draft's answers from `forifyllnad`, or undefined when there is nothing to apply: no
 * prefill, or a type without CREATE_DRAFT_PREFILL (Webcert logs that and ignores it).
 */
export function applyPrefill(type: CertificateType, forifyllnad: readonly Svar[] | undefined, ctx: ValidationContext): Prefill | undefined {
  const form = formFor(type.code);
  if (!forifyllnad?.length || !type.acceptsPrefill || !form) return undefined;
  const values = svarToValues(form, forifyllnad);
  const answers = valuesToSvar(form, values);
  const kept = new Set(answers.map((s) => s.id));
  const ignored = forifyllnad.filter((s) => !kept.has(s.id)).map((s) => (s.instans === undefined ? s.id : `${s.id}#${s.instans}`));
  return { answers, complete: validateForm(form, values, ctx).length === 0, ignored };
}
