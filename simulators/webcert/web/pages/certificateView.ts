/**
 * The certificate page, for every type with a form: the draft form with autosave, validation and
 * "Signera intyget", or the signed certificate read-only with its functions (certificateActions.ts);
 * after a failed signing the "Signering misslyckades" dialog.
 */
import type { Certificate } from '../../model/certificate.js';
import { certificateTypeByCode } from '../../model/certificateTypes.js';
import type { FormDefinition, FormValues } from '../../model/forms/formDefinition.js';
import { questionsWithErrors, type ValidationError } from '../../model/forms/formValidation.js';
import { FORM_SCRIPT } from './formScript.js';
import { renderForm } from './formRenderer.js';
import { html, page } from './layout.js';
import { ACTIONS_SCRIPT } from './certificateActions.js';

export interface CertificateViewOptions {
  certificate: Certificate;
  /** The type's form; undefined for a type the UI cannot fill in. */
  form: FormDefinition | undefined;
  values: FormValues;
  errors: readonly ValidationError[];
  /** Today in Stockholm (`YYYY-MM-DD`). */
  today: string;
  user: string;
  /** How signing starts: the signing service (DSS) or Webcert's fake signing. */
  signMethod: 'SIGN_SERVICE' | 'FAKE';
  signError?: boolean;
  /** Extra lines shown for a signed certificate (signer, time). */
  signatureInfo?: string[];
  /** The patient's status notices (deceased, protected identity), see patientStatusBanner.ts. */
  patientStatus?: string;
  /** The questions-and-answers section of a signed certificate. */
  questionsHtml?: string;
  /** Send state, relations, and for a signed certificate its functions and their dialogs (certificateActions.ts). */
  actions?: string;
  /** Wall-clock ms after the last edit before the page autosaves; default 400. */
  autosaveDebounceMs?: number;
}

/** The page for one certificate. */
export function certificateView(o: CertificateViewOptions): string {
  const c = o.certificate;
  const type = certificateTypeByCode(c.typeCode);
  const signed = c.status === 'SIGNED' || c.status === 'REVOKED';
  const missing = questionsWithErrors(o.errors);
  const header = `<h1>${html(type?.name ?? c.typeCode)}</h1>
<p id="patient">${html(c.patient.fornamn)} ${html(c.patient.efternamn)} – ${html(c.patient.personId.replace(/^(\d{8})(\d{4})$/, '$1-$2'))}</p>${o.patientStatus ?? ''}
<p id="intygsstatus" class="status">${c.status === 'REVOKED' ? 'Intyget är makulerat' : signed ? 'Intyget är signerat' : missing.length ? 'Utkast, uppgifter saknas' : 'Utkast, klart att signera'}</p>`;
  const dialog = o.signError
    ? `<div role="alertdialog" aria-labelledby="signfel-rubrik" id="signfel"><h2 id="signfel-rubrik">Signering misslyckades</h2><p>Intyget kunde inte signeras. Orsaken kan vara ett tekniskt fel eller att signeringen avbrutits. Försök igen om en stund.</p></div>`
    : '';
  if (!o.form) {
    return page('Intyg', `${header}${o.actions ?? ''}<p id="formular-saknas" class="fel">Simulatorn har inget formulär för intygstypen ${html(c.typeCode)}.</p>`, { user: o.user, script: signed ? ACTIONS_SCRIPT : undefined });
  }
  const fields = renderForm(o.form, { values: o.values, errors: signed ? [] : o.errors, readOnly: signed, today: o.today });
  const signedInfo = signed ? `<ul id="signatur">${(o.signatureInfo ?? []).map((l) => `<li>${html(l)}</li>`).join('')}</ul>` : '';
  const controls = signed
    ? ''
    : `<p id="sparstatus" role="status" class="status">${missing.length ? `Obligatoriska uppgifter saknas: ${html(missing.join(', '))}` : 'Klart att signera.'}</p>` +
      `<button id="visa-saknas" type="button">Visa vad som saknas</button> <button id="signera" type="button"${missing.length ? ' disabled' : ''}>Signera intyget</button>`;
  const signUrl = o.signMethod === 'FAKE' ? `/api/certificate/${c.id}/sign` : `/api/signature/${type?.moduleId ?? c.typeCode.toLowerCase()}/${c.id}/{version}/signeringshash/SIGN_SERVICE`;
  const form = `<form id="intygsform" data-version="${c.version}" data-save-url="/api/certificate/${c.id}" data-sign-url="${signUrl}" data-sign-method="${o.signMethod}" data-autosave-ms="${Math.max(0, Math.round(o.autosaveDebounceMs ?? 400))}" onsubmit="return false">${fields}</form>`;
  return page('Intyg', `${header}${o.actions ?? ''}${dialog}${signedInfo}${form}${controls}${o.questionsHtml ?? ''}`, { user: o.user, script: signed ? ACTIONS_SCRIPT : FORM_SCRIPT });
}
