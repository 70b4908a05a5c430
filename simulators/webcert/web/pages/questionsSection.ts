/**
 * "Ärendekommunikation" on a signed certificate's page: every question from the recipient and from
 * care with its subject, text, last answer date and state; the doctor answers a question, ticks or
 * unticks its "Hanterad" checkbox as in Webcert's React front end (QuestionItem: through Webcert's
 * REST route `POST /api/question/{id}/handle`, shown where Webcert offers HANDLE_QUESTION, a KOMPLT
 * only after a confirmation dialog), answers a KOMPLT with a complement ("Komplettera"), or asks
 * the recipient a question.
 */
import { isQuestion, offersHandle, type Arende } from '../../questions/arende.js';
import { AMNE_DISPLAY_NAMES } from '../../message/statusUpdateMessage.js';
import type { Certificate } from '../../model/certificate.js';
import { html } from './layout.js';

const STATUS_TEXT: Record<Arende['status'], string> = {
  PENDING_INTERNAL_ACTION: 'Ej besvarad',
  PENDING_EXTERNAL_ACTION: 'Väntar på svar från mottagaren',
  ANSWERED: 'Besvarad',
  CLOSED: 'Hanterad',
};

function questionBlock(c: Certificate, q: Arende, all: readonly Arende[]): string {
  const svar = all.filter((a) => a.svarPaId === q.meddelandeId);
  const base = `/certificate/${c.id}/arenden/${encodeURIComponent(q.meddelandeId)}`;
  const from = q.skickatAv === 'FK' ? 'Från Försäkringskassan' : 'Från vården';
  const komplettering = (q.komplettering ?? []).map((k) => `<li>Fråga ${html(k.frageId)}: ${html(k.text)}</li>`).join('');
  const actions: string[] = [];
  if (q.skickatAv === 'FK' && q.status === 'PENDING_INTERNAL_ACTION' && q.amne !== 'KOMPLT' && q.amne !== 'PAMINN') {
    actions.push(`<form method="post" action="${base}/svar"><label>Svar<textarea name="meddelande" required></textarea></label><button type="submit">Skicka svar</button></form>`);
  }
  if (q.amne === 'KOMPLT' && q.status !== 'CLOSED' && c.status === 'SIGNED') {
    actions.push(`<form method="post" action="/certificate/${c.id}/komplettera"><button type="submit">Komplettera</button></form>`);
  }
  // Webcert's checkbox: checked = handled; a KOMPLT asks first (CheckboxWithConfirmModal).
  const handle = offersHandle(q, all)
    ? `<label class="hanterad"><input type="checkbox" data-handle-url="/api/question/${encodeURIComponent(q.meddelandeId)}/handle"${q.amne === 'KOMPLT' ? ' data-confirm="dialog-hanterad"' : ''}${q.status === 'CLOSED' ? ' checked' : ''}> Hanterad</label>`
    : '';
  return `<article class="arende" data-meddelande-id="${html(q.meddelandeId)}" data-amne="${q.amne}" aria-label="${html(AMNE_DISPLAY_NAMES[q.amne] ?? q.amne)}">
<h3>${html(AMNE_DISPLAY_NAMES[q.amne] ?? q.amne)}${q.rubrik ? ` – ${html(q.rubrik)}` : ''}</h3>${handle}
<p class="avsandare">${from}</p><p class="meddelande">${html(q.meddelande)}</p>${komplettering ? `<ul class="komplettering">${komplettering}</ul>` : ''}
${q.sistaDatumForSvar ? `<p class="sista-datum">Svara senast: ${html(q.sistaDatumForSvar)}</p>` : ''}
<p class="arendestatus">${STATUS_TEXT[q.status]}</p>
${svar.map((s) => `<blockquote class="svar">${s.skickatAv === 'FK' ? 'Svar från Försäkringskassan' : 'Svar från vården'}: ${html(s.meddelande)}</blockquote>`).join('')}
${actions.join('')}</article>`;
}

/** Webcert's confirmation before a KOMPLT is marked handled (QuestionItem's CheckboxWithConfirmModal). */
const CONFIRM_DIALOG = `<dialog id="dialog-hanterad" aria-labelledby="dialog-hanterad-rubrik"><h2 id="dialog-hanterad-rubrik">Markera som hanterad</h2>
<p>När ett intyg markeras som hanterad kan detta inte ångras senare.</p>
<p class="knappar"><button type="button" class="hanterad-avbryt">Avbryt</button> <button type="button" class="hanterad-bekrafta">Markera som hanterad</button></p></dialog>`;

/**
 * Posts `{"handled": <ticked>}` to Webcert's REST route and shows the page again, or Webcert's
 * refusal. As in Webcert the box shows the stored state until Webcert has answered, and one with
 * `data-confirm` asks in that dialog first. In a function, so its names meet no other script's.
 */
const HANDLE_SCRIPT = `<script>
(() => {
const fel = document.getElementById('arende-fel');
async function handle(box, handled) {
  box.disabled = true;
  const res = await fetch(box.dataset.handleUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ handled }) });
  if (res.ok) { location.reload(); return; }
  const answer = await res.json().catch(() => ({}));
  fel.textContent = answer.message || 'Åtgärden kunde inte utföras (HTTP ' + res.status + ').'; fel.hidden = false; box.disabled = false;
}
let pending;
for (const box of document.querySelectorAll('#arenden input[data-handle-url]')) box.addEventListener('change', () => {
  const handled = box.checked;
  box.checked = !handled;
  if (!box.dataset.confirm) { handle(box, handled); return; }
  pending = { box, handled };
  document.getElementById(box.dataset.confirm).showModal();
});
const dialog = document.getElementById('dialog-hanterad');
if (dialog) {
  dialog.querySelector('.hanterad-avbryt').addEventListener('click', () => dialog.close());
  dialog.querySelector('.hanterad-bekrafta').addEventListener('click', () => { dialog.close(); if (pending) handle(pending.box, pending.handled); pending = undefined; });
}
})();
</script>`;

/** The section, for a signed or revoked certificate. */
export function questionsSection(c: Certificate): string {
  const all = c.arenden ?? [];
  const questions = all.filter(isQuestion);
  const handles = questions.filter((q) => offersHandle(q, all));
  const ask = c.status === 'SIGNED'
    ? `<form id="ny-fraga" method="post" action="/certificate/${c.id}/arenden"><h3>Ny fråga till Försäkringskassan</h3>
<label>Ämne<select name="amne"><option value="AVSTMN">Avstämningsmöte</option><option value="KONTKT">Kontakt</option><option value="OVRIGT">Övrigt</option></select></label>
<label>Meddelande<textarea name="meddelande" required></textarea></label><button type="submit">Skicka fråga</button></form>`
    : '';
  return `<section id="arenden" aria-labelledby="arenden-rubrik"><h2 id="arenden-rubrik">Ärendekommunikation</h2>
<p id="arende-fel" class="fel" role="alert" hidden></p>
${questions.length ? questions.map((q) => questionBlock(c, q, all)).join('') : '<p id="inga-arenden">Det finns inga frågor eller svar för intyget.</p>'}${ask}${handles.some((q) => q.amne === 'KOMPLT') ? CONFIRM_DIALOG : ''}${handles.length ? HANDLE_SCRIPT : ''}</section>`;
}
