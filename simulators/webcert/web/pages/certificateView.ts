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
import type { AccessDecision } from '../../access/certificateAccess.js';
import type { ShownPatient } from '../patientDetails.js';

const dashed = (personId: string) => personId.replace(/^(\d{8})(\d{4})$/, '$1-$2');

/** The patient lines under the heading: name and number, address, a changed number, the responsible doctor. */
function patientLines(o: CertificateViewOptions): string {
  const c = o.certificate;
  const info = o.patientInfo;
  const name = info ? info.shown.name : `${c.patient.fornamn} ${c.patient.efternamn}`;
  const lines = [`<p id="patient" data-namnkalla="${info?.shown.nameSource ?? 'INTYG'}">${html(name)} – ${html(dashed(c.patient.personId))}</p>`];
  if (info) lines.push(`<p id="patientadress" class="status" data-adresskalla="${info.shown.addressSource}">${html(info.shown.address)}</p>`);
  // The heading is Webcert's patient status "Patientens personnummer har ändrats" (sklintyg/frontend
  // PatientStatusNotifications.tsx); the sentence after it is the simulator's own detail.
  const changed = (detail: string) => `<p id="patient-nytt-personnummer" role="status"><strong id="patient-nytt-personnummer-rubrik">Patientens personnummer har ändrats</strong> <span id="patient-nytt-personnummer-detalj">${detail}</span></p>`;
  if (info?.beforeAlternateSsn) {
    lines.push(changed(`Utkastet har uppdaterats från ${html(dashed(info.beforeAlternateSsn))} till ${html(dashed(c.patient.personId))}.`));
  } else if (info?.alternatePatientSsn) {
    lines.push(changed(`Journalsystemet anger ${html(dashed(info.alternatePatientSsn))}; intyget är utfärdat på ${html(dashed(c.patient.personId))}.`));
  }
  if (info?.responsibleHospName) lines.push(`<p id="ansvarig-lakare">Ansvarig läkare: ${html(info.responsibleHospName)}</p>`);
  return lines.join('\n');
}

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
  /** The patient as shown (patientDetails.ts) and what the launch says about him or her. */
  patientInfo?: {
    shown: ShownPatient;
    /** The journal's current number differs from the certificate's (alternatePatientSSn). */
    alternatePatientSsn?: string;
    /** The number the launch moved the draft from. */
    beforeAlternateSsn?: string;
    responsibleHospName?: string;
  };
  /** For a draft: what the user's role and the launch allow (draftAccess.ts); all allowed when absent. */
  draftActions?: { sign: AccessDecision; readyForSign: AccessDecision; edit: AccessDecision };
}

/**
 * The draft's main button: "Signera intyget" for a user who may sign; for one who may not,
 * "Markera klart för signering" when launched from a journal (KFSIGN), else the reason.
 */
function draftButton(o: CertificateViewOptions, missing: readonly string[]): { html: string; mode: 'SIGN' | 'READY_FOR_SIGN' | 'NONE' } {
  const d = o.draftActions;
  const disabled = missing.length ? ' disabled' : '';
  if (!d || d.sign.allowed) return { html: `<button id="signera" type="button"${disabled}>Signera intyget</button>`, mode: 'SIGN' };
  const why = `<p id="signering-nekad" class="status">${html(d.sign.reason)}</p>`;
  if (!d.readyForSign.allowed) return { html: why, mode: 'NONE' };
  if (o.certificate.readyForSignAt !== undefined) {
    return { html: `<button id="signera" type="button" disabled>Markera klart för signering</button>${why}<p id="klar-for-signering" role="status" class="status">Utkastet är sparat och markerat klart för signering.</p>`, mode: 'READY_FOR_SIGN' };
  }
  return { html: `<button id="signera" type="button"${disabled}>Markera klart för signering</button>${why}`, mode: 'READY_FOR_SIGN' };
}

/** The page for one certificate. */
export function certificateView(o: CertificateViewOptions): string {
  const c = o.certificate;
  const type = certificateTypeByCode(c.typeCode);
  const signed = c.status === 'SIGNED' || c.status === 'REVOKED';
  const missing = questionsWithErrors(o.errors);
  const header = `<h1>${html(type?.name ?? c.typeCode)}</h1>
${patientLines(o)}${o.patientStatus ?? ''}
<p id="intygsstatus" class="status">${c.status === 'REVOKED' ? 'Intyget är makulerat' : signed ? 'Intyget är signerat' : missing.length ? 'Utkast, uppgifter saknas' : 'Utkast, klart att signera'}</p>`;
  const dialog = o.signError
    ? `<div role="alertdialog" aria-labelledby="signfel-rubrik" id="signfel"><h2 id="signfel-rubrik">Signering misslyckades</h2><p>Intyget har inte signerats. Detta beror på ett tekniskt fel eller att signeringen avbrutits.</p><p>Prova igen om en stund. Om problemet kvarstår, kontakta i första hand din lokala IT-avdelning och i andra hand Inera Support.</p></div>`
    : '';
  if (!o.form) {
    return page('Intyg', `${header}${o.actions ?? ''}<p id="formular-saknas" class="fel">Simulatorn har inget formulär för intygstypen ${html(c.typeCode)}.</p>`, { user: o.user, script: signed ? ACTIONS_SCRIPT : undefined });
  }
  const editRefusal = !signed && o.draftActions && !o.draftActions.edit.allowed ? o.draftActions.edit : undefined;
  const fields = renderForm(o.form, { values: o.values, errors: signed ? [] : o.errors, readOnly: signed || editRefusal !== undefined, today: o.today });
  const button = draftButton(o, missing);
  const signedInfo = signed ? `<ul id="signatur">${(o.signatureInfo ?? []).map((l) => `<li>${html(l)}</li>`).join('')}</ul>` : '';
  const controls = signed
    ? ''
    : `<p id="sparstatus" role="status" class="status">${missing.length ? `Obligatoriska uppgifter saknas: ${html(missing.join(', '))}` : 'Klart att signera.'}</p>` +
      `<button id="visa-saknas" type="button">Visa vad som saknas</button> ${button.html}` +
      (editRefusal && !editRefusal.allowed ? `<p id="andring-nekad" class="status">${html(editRefusal.reason)}</p>` : '');
  const signUrl = button.mode === 'READY_FOR_SIGN' ? `/api/certificate/${c.id}/readyforsign` : o.signMethod === 'FAKE' ? `/api/certificate/${c.id}/sign` : `/api/signature/${type?.moduleId ?? c.typeCode.toLowerCase()}/${c.id}/{version}/signeringshash/SIGN_SERVICE`;
  const form = `<form id="intygsform" data-version="${c.version}" data-save-url="/api/certificate/${c.id}" data-sign-url="${signUrl}" data-sign-method="${button.mode === 'READY_FOR_SIGN' ? 'READY_FOR_SIGN' : o.signMethod}" data-autosave-ms="${Math.max(0, Math.round(o.autosaveDebounceMs ?? 400))}" onsubmit="return false">${fields}</form>`;
  return page('Intyg', `${header}${o.actions ?? ''}${dialog}${signedInfo}${form}${controls}${o.questionsHtml ?? ''}`, { user: o.user, script: signed ? ACTIONS_SCRIPT : FORM_SCRIPT });
}
