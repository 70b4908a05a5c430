/**
 * A stand-in page for certificate types that have no form in the simulator yet (e.g. DB until
 * its form arrives): the answers the draft holds, read-only, and "Signera intyget" once the draft
 * is complete, signing through the same chain as the LISJP page (the signing service, or fake
 * signing for fake-logged-in users). Drafts are filled through `POST /webcert/certificates/{id}/save`
 * on the admin API.
 */
import type { Certificate, DelsvarValue } from '../../model/certificate.js';
import { certificateTypeByCode } from '../../model/certificateTypes.js';
import type { CertificateViewOptions } from './certificateView.js';
import { html, page } from './layout.js';

const SCRIPT = `
const button = document.getElementById('signera'); const status = document.getElementById('sparstatus'); const view = document.getElementById('svar');
button.addEventListener('click', async () => {
  button.disabled = true; status.textContent = 'Signerar…';
  const res = await fetch(view.dataset.signUrl, { method: 'POST' });
  if (view.dataset.signMethod === 'FAKE') { location.href = res.ok ? location.pathname : location.pathname + 'sign/error'; return; }
  if (!res.ok) { location.href = location.pathname + 'sign/error'; return; }
  const ticket = await res.json();
  const post = document.createElement('form'); post.method = 'POST'; post.action = ticket.actionUrl;
  for (const [name, value] of [['Binding', 'POST/XML/1.0'], ['RelayState', ticket.id], ['EidSignRequest', ticket.signRequest]]) {
    const input = document.createElement('input'); input.type = 'hidden'; input.name = name; input.value = value; post.appendChild(input);
  }
  document.body.appendChild(post); post.submit();
});`;

const valueText = (v: DelsvarValue) => (typeof v === 'string' ? v : 'cv' in v ? (v.cv.displayName ?? v.cv.code) : `${v.datePeriod.start} – ${v.datePeriod.end}`);

/** The page for a draft or certificate of a type without a form. */
export function answersView(o: CertificateViewOptions): string {
  const c: Certificate = o.certificate;
  const type = certificateTypeByCode(c.typeCode);
  const signed = c.status === 'SIGNED' || c.status === 'REVOKED';
  const complete = c.status === 'DRAFT_COMPLETE';
  const rows = c.answers
    .flatMap((s) => s.delsvar.map((d) => `<tr><td>${html(s.id)}</td><td>${html(d.id)}</td><td>${html(valueText(d.value))}</td></tr>`))
    .join('');
  const signUrl = o.signMethod === 'FAKE' ? `/api/certificate/${c.id}/sign` : `/api/signature/${type?.moduleId ?? c.typeCode.toLowerCase()}/${c.id}/${c.version}/signeringshash/SIGN_SERVICE`;
  const status = c.status === 'REVOKED' ? 'Intyget är makulerat' : signed ? 'Intyget är signerat' : complete ? 'Utkast, klart att signera' : 'Utkast, uppgifter saknas';
  const dialog = o.signError
    ? '<div role="alertdialog" aria-labelledby="signfel-rubrik" id="signfel"><h2 id="signfel-rubrik">Signering misslyckades</h2><p>Intyget kunde inte signeras. Orsaken kan vara ett tekniskt fel eller att signeringen avbrutits. Försök igen om en stund.</p></div>'
    : '';
  const controls = signed
    ? `<ul id="signatur">${(o.signatureInfo ?? []).map((l) => `<li>${html(l)}</li>`).join('')}</ul>`
    : `<p id="sparstatus" role="status" class="status">${complete ? 'Klart att signera.' : 'Uppgifter saknas.'}</p><button id="signera" type="button"${complete ? '' : ' disabled'}>Signera intyget</button>`;
  const body = `<h1>${html(type?.name ?? c.typeCode)}</h1>
<p id="patient">${html(c.patient.fornamn)} ${html(c.patient.efternamn)} – ${html(c.patient.personId.replace(/^(\d{8})(\d{4})$/, '$1-$2'))}</p>
<p id="intygsstatus" class="status">${status}</p>${dialog}
<table id="svar" data-sign-url="${signUrl}" data-sign-method="${o.signMethod}"><thead><tr><th>Fråga</th><th>Delsvar</th><th>Svar</th></tr></thead><tbody>${rows}</tbody></table>${controls}`;
  return page('Intyg', body, { user: o.user, script: signed ? undefined : SCRIPT });
}
