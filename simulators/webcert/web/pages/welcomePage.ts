/** The fake-login welcome page: pick a user and unit; then open a draft directly. */
import type { CareUnit, Certificate, StaffMember } from '../../model/certificate.js';
import { html, page } from './layout.js';

export function welcomePage(staff: StaffMember[], units: CareUnit[], certificates: Certificate[]): string {
  const unitName = (id: string) => units.find((u) => u.hsaId === id)?.name ?? id;
  const options = staff
    .flatMap((s) => s.commissions.map((u) => `<option value="${html(s.hsaId)}|${html(u)}">${html(s.fullName)} (${html(s.role)}) – ${html(unitName(u))}</option>`))
    .join('');
  const drafts = certificates
    .filter((c) => c.status !== 'DELETED')
    .map((c) => `<li><a href="/certificate/${html(c.id)}/">${html(c.typeCode)} ${html(c.patient.fornamn)} ${html(c.patient.efternamn)} – ${html(c.status)}</a></li>`)
    .join('');
  const script = `document.getElementById('logga-in').addEventListener('click', async () => {
  const [hsaId, enhetId] = document.getElementById('anvandare').value.split('|');
  const origin = document.getElementById('djupintegration').checked ? 'DJUPINTEGRATION' : 'NORMAL';
  const res = await fetch('/testability/fake', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ hsaId, enhetId, origin }) });
  document.getElementById('inloggad').textContent = res.ok ? 'Inloggad som ' + hsaId : 'Inloggningen misslyckades: ' + (await res.text());
});`;
  return page(
    'Välkommen',
    `<h1>Välkommen till Webcert (fejkinloggning)</h1><p>Endast för test: logga in utan SITHS. Signering sker då med Webcerts fejksignering.</p>
<label for="anvandare">Användare och vårdenhet</label><select id="anvandare">${options}</select>
<label><input type="checkbox" id="djupintegration"> Djupintegration</label>
<button id="logga-in" type="button">Logga in</button><p id="inloggad" role="status"></p>
<h2>Utkast och intyg</h2><ul id="intyg">${drafts || '<li>Inga ännu</li>'}</ul>`,
    { script },
  );
}
