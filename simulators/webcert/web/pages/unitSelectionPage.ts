/** "Välj vårdenhet": shown when a launch names no unit and the user has several commissions. */
import { html, page } from './layout.js';

export function unitSelectionPage(certificateId: string, units: { hsaId: string; name: string }[], user: string): string {
  const items = units
    .map((u) => `<li><a id="enhet-${html(u.hsaId)}" href="/visa/intyg/${encodeURIComponent(certificateId)}/resume?enhet=${encodeURIComponent(u.hsaId)}">${html(u.name)} (${html(u.hsaId)})</a></li>`)
    .join('');
  return page('Välj vårdenhet', `<h1>Välj vårdenhet</h1><p>Du har medarbetaruppdrag på flera vårdenheter. Välj den du vill arbeta på.</p><ul>${items}</ul>`, { user });
}
