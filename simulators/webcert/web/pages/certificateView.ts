/**
 * The certificate page: the LISJP draft form with autosave and "Signera intyget", or the signed
 * certificate read-only; after a failed signing the "Signering misslyckades" dialog.
 */
import type { Certificate } from '../../model/certificate.js';
import { LISJP_FIELDS, missingFields, type LisjpField, type LisjpValues } from '../../model/lisjpForm.js';
import { html, page } from './layout.js';
import { answersView } from './answersView.js';

export interface CertificateViewOptions {
  certificate: Certificate;
  values: LisjpValues;
  user: string;
  /** How signing starts: the signing service (DSS) or Webcert's fake signing. */
  signMethod: 'SIGN_SERVICE' | 'FAKE';
  signError?: boolean;
  /** Extra lines shown for a signed certificate (signer, time). */
  signatureInfo?: string[];
}

function field(f: LisjpField, value: string, readOnly: boolean): string {
  const common = `id="${f.name}" name="${f.name}"${readOnly ? ' disabled' : ''}${f.required ? ' aria-required="true"' : ''}`;
  const label = `<label for="${f.name}">${html(f.label)}</label>`;
  switch (f.kind) {
    case 'choice':
      return `${label}<select ${common}><option value="">Välj</option>${f.options!.map((o) => `<option value="${o.code}"${o.code === value ? ' selected' : ''}>${html(o.label)}</option>`).join('')}</select>`;
    case 'textarea':
      return `${label}<textarea ${common}>${html(value)}</textarea>`;
    default:
      return `${label}<input ${common} type="${f.kind === 'date' ? 'date' : 'text'}" value="${html(value)}">`;
  }
}

const SCRIPT = `
const form = document.getElementById('intygsform'); const status = document.getElementById('sparstatus');
const signButton = document.getElementById('signera'); let version = Number(form.dataset.version); let timer;
async function save() {
  const values = Object.fromEntries(new FormData(form).entries());
  const res = await fetch(form.dataset.saveUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version, values }) });
  const body = await res.json();
  if (!res.ok) { status.textContent = 'Utkastet kunde inte sparas: ' + body.error; return; }
  version = body.version;
  status.textContent = body.missing.length ? 'Utkastet är sparat. Obligatoriska uppgifter saknas: ' + body.missing.join(', ') : 'Utkastet är sparat och klart att signera.';
  signButton.disabled = body.missing.length > 0;
}
form.addEventListener('input', () => { clearTimeout(timer); status.textContent = 'Sparar…'; timer = setTimeout(save, 400); });
signButton.addEventListener('click', async () => {
  signButton.disabled = true; clearTimeout(timer); await save(); status.textContent = 'Signerar…';
  const res = await fetch(form.dataset.signUrl.replace('{version}', version), { method: 'POST' });
  if (form.dataset.signMethod === 'FAKE') { location.href = res.ok ? location.pathname : location.pathname + 'sign/error'; return; }
  if (!res.ok) { location.href = location.pathname + 'sign/error'; return; }
  const ticket = await res.json();
  const post = document.createElement('form'); post.method = 'POST'; post.action = ticket.actionUrl;
  for (const [name, value] of [['Binding', 'POST/XML/1.0'], ['RelayState', ticket.id], ['EidSignRequest', ticket.signRequest]]) {
    const input = document.createElement('input'); input.type = 'hidden'; input.name = name; input.value = value; post.appendChild(input);
  }
  document.body.appendChild(post); post.submit();
});`;

/** The page for one certificate. */
export function certificateView(o: CertificateViewOptions): string {
  const c = o.certificate;
  if (c.typeCode !== 'LISJP') return answersView(o); // types without a form of their own yet
  const signed = c.status === 'SIGNED' || c.status === 'REVOKED';
  const missing = missingFields(o.values);
  const header = `<h1>Läkarintyg för sjukpenning</h1>
<p id="patient">${html(c.patient.fornamn)} ${html(c.patient.efternamn)} – ${html(c.patient.personId.replace(/^(\d{8})(\d{4})$/, '$1-$2'))}</p>
<p id="intygsstatus" class="status">${signed ? 'Intyget är signerat' : missing.length ? 'Utkast, uppgifter saknas' : 'Utkast, klart att signera'}</p>`;
  const dialog = o.signError
    ? `<div role="alertdialog" aria-labelledby="signfel-rubrik" id="signfel"><h2 id="signfel-rubrik">Signering misslyckades</h2><p>Intyget kunde inte signeras. Orsaken kan vara ett tekniskt fel eller att signeringen avbrutits. Försök igen om en stund.</p></div>`
    : '';
  const fields = LISJP_FIELDS.map((f) => field(f, o.values[f.name] ?? '', signed)).join('');
  const signedInfo = signed ? `<ul id="signatur">${(o.signatureInfo ?? []).map((l) => `<li>${html(l)}</li>`).join('')}</ul>` : '';
  const controls = signed
    ? ''
    : `<p id="sparstatus" role="status" class="status">${missing.length ? `Obligatoriska uppgifter saknas: ${html(missing.join(', '))}` : 'Klart att signera.'}</p><button id="signera" type="button"${missing.length ? ' disabled' : ''}>Signera intyget</button>`;
  const signUrl = o.signMethod === 'FAKE' ? `/api/certificate/${c.id}/sign` : `/api/signature/lisjp/${c.id}/{version}/signeringshash/SIGN_SERVICE`;
  const form = `<form id="intygsform" data-version="${c.version}" data-save-url="/api/certificate/${c.id}" data-sign-url="${signUrl}" data-sign-method="${o.signMethod}" onsubmit="return false">${fields}</form>`;
  return page('Intyg', `${header}${dialog}${signedInfo}${form}${controls}`, { user: o.user, script: signed ? undefined : SCRIPT });
}
