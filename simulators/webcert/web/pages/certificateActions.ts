/**
 * The functions of a signed certificate on its page: a toolbar with "Skicka till …", "Förnya",
 * "Ersätt", "Makulera" and "Skapa dödsorsaksintyg" as the access rules decide (refused ones
 * disabled, with the reason as their description), the relations to earlier and later
 * certificates, the send state, and the confirm dialogs (texts in lifecycleDialogTexts.ts).
 */
import type { AccessDecision, LifecycleAction } from '../../access/certificateAccess.js';
import type { CertificateRelations, RelatedCertificate } from '../../lifecycle/certificateRelations.js';
import type { Certificate } from '../../model/certificate.js';
import { certificateTypeByCode } from '../../model/certificateTypes.js';
import { recipientName } from '../../model/recipientNames.js';
import { html } from './layout.js';
import {
  CREATE_DOI_DIALOG, REFUSAL_DIALOG_TITLE, RENEW_DIALOG, REPLACE_DIALOG, REVOKE_DEATH_CERTIFICATE_DIALOG, REVOKE_DIALOG, revokeReasonPrompt, sendDialog,
  type DialogText,
} from './lifecycleDialogTexts.js';

export interface CertificateActionsOptions {
  certificate: Certificate;
  relations: CertificateRelations;
  /** The access rules' decision per action (only for a signed or revoked certificate). */
  decisions?: Record<LifecycleAction, AccessDecision>;
  /** A send is queued but not yet accepted by Intygstjänsten. */
  sendPending: boolean;
  /** The session's launch said `inaktivEnhet=true`. */
  inactiveUnit: boolean;
}

/** Path segment of each action's API route (`POST /api/certificate/{id}/{segment}`). */
export const ACTION_PATHS: Readonly<Record<LifecycleAction, string>> = Object.freeze({
  SEND: 'send', RENEW: 'renew', REPLACE: 'replace', REVOKE: 'revoke', CREATE_FROM_TEMPLATE: 'template',
});

const RELATION_TEXTS: Readonly<Record<string, { parent: string; child: string }>> = Object.freeze({
  FRLANG: { parent: 'Förnyar ett tidigare intyg', child: 'Förnyat' },
  ERSATT: { parent: 'Ersätter ett tidigare intyg', child: 'Ersatt' },
  KOMPLT: { parent: 'Kompletterar ett tidigare intyg', child: 'Kompletterat' },
  KOPIA: { parent: 'Kopia av ett tidigare utkast', child: 'Kopierat' },
});

const STATUS_WORDS: Readonly<Record<string, string>> = Object.freeze({
  DRAFT_INCOMPLETE: 'utkast', DRAFT_COMPLETE: 'utkast', SIGNED: 'signerat intyg', REVOKED: 'makulerat intyg', DELETED: 'raderat utkast',
});

function link(r: RelatedCertificate, text: string): string {
  return `<a href="/certificate/${html(r.certificateId)}/">${html(text)} (${html(STATUS_WORDS[r.status] ?? r.status)})</a>`;
}

/** The relations list: what this one was made from, and what was made from it. */
export function relationsHtml(relations: CertificateRelations): string {
  const items = [
    ...(relations.parent ? [`<li>${link(relations.parent, RELATION_TEXTS[relations.parent.code]?.parent ?? relations.parent.code)}</li>`] : []),
    ...relations.children.map((c) => `<li>${link(c, `${RELATION_TEXTS[c.code]?.child ?? c.code} av ett nytt intyg`)}</li>`),
  ];
  return items.length ? `<ul id="relationer" aria-label="Relaterade intyg">${items.join('')}</ul>` : '';
}

function dialogHtml(id: string, action: LifecycleAction, certificateId: string, text: DialogText, extra = ''): string {
  const paragraphs = text.paragraphs.map((p) => `<p class="dialogtext">${html(p)}</p>`).join('');
  return `<dialog id="${id}" aria-labelledby="${id}-rubrik" data-url="/api/certificate/${html(certificateId)}/${ACTION_PATHS[action]}">` +
    `<h2 id="${id}-rubrik">${html(text.title)}</h2>${paragraphs}${extra}` +
    `<p class="knappar"><button type="button" class="bekrafta">${html(text.confirm)}</button> <button type="button" class="avbryt">${html(text.cancel)}</button></p></dialog>`;
}

function revokeReasons(sentToName: string | undefined): string {
  const reasons = REVOKE_DIALOG.reasons.map((r) =>
    `<label class="val"><input type="radio" name="orsak" value="${r.code}">${html(r.label)}</label>` +
    `<div class="fortydligande" data-reason="${r.code}" hidden><label for="fortydligande-${r.code}">${html(r.clarification.label)}</label>` +
    `<textarea id="fortydligande-${r.code}" maxlength="3500"${r.clarification.required ? ' required' : ''}></textarea></div>`).join('');
  return `<p class="dialogfraga">${html(revokeReasonPrompt(sentToName))}</p><div role="radiogroup" aria-label="Anledning till makulering">${reasons}</div>`;
}

/** The status lines, relations, toolbar and dialogs of the certificate page. */
export function certificateActionsHtml(o: CertificateActionsOptions): string {
  const c = o.certificate;
  const type = certificateTypeByCode(c.typeCode);
  const parts: string[] = [];
  if (o.inactiveUnit) parts.push('<p id="inaktiv-enhet" class="status"><strong>Inaktiv enhet</strong> – Enheten är markerad som inaktiv i journalsystemet, vilket innebär att viss funktionalitet ej är tillgänglig.</p>');
  if (c.sentTo) parts.push(`<p id="skickastatus" class="status">Intyget är skickat till ${html(recipientName(c.sentTo))}</p>`);
  else if (o.sendPending && type?.defaultRecipient) parts.push(`<p id="skickastatus" class="status">Intyget skickas till ${html(recipientName(type.defaultRecipient))}</p>`);
  parts.push(relationsHtml(o.relations));
  if (!o.decisions) return parts.join('');

  const recipient = type?.defaultRecipient ? recipientName(type.defaultRecipient) : '';
  const labels: Record<LifecycleAction, string> = {
    SEND: `Skicka till ${recipient}`, RENEW: 'Förnya', REPLACE: 'Ersätt', REVOKE: 'Makulera', CREATE_FROM_TEMPLATE: CREATE_DOI_DIALOG.confirm,
  };
  const deathCertificate = c.typeCode === 'DB' || c.typeCode === 'DOI';
  const dialogs: Record<LifecycleAction, () => string> = {
    SEND: () => dialogHtml('dialog-skicka', 'SEND', c.id, sendDialog(recipient)),
    RENEW: () => dialogHtml('dialog-fornya', 'RENEW', c.id, RENEW_DIALOG),
    REPLACE: () => dialogHtml('dialog-ersatt', 'REPLACE', c.id, REPLACE_DIALOG),
    REVOKE: () => deathCertificate
      ? dialogHtml('dialog-makulera', 'REVOKE', c.id, REVOKE_DEATH_CERTIFICATE_DIALOG)
      : dialogHtml('dialog-makulera', 'REVOKE', c.id, REVOKE_DIALOG, revokeReasons(c.sentTo ? recipientName(c.sentTo) : undefined)),
    CREATE_FROM_TEMPLATE: () => dialogHtml('dialog-mall', 'CREATE_FROM_TEMPLATE', c.id, CREATE_DOI_DIALOG),
  };
  const buttons: string[] = [];
  const shownDialogs: string[] = [];
  for (const action of ['SEND', 'RENEW', 'REPLACE', 'REVOKE', 'CREATE_FROM_TEMPLATE'] as const) {
    const d = o.decisions[action];
    if (d.allowed) {
      const dialog = dialogs[action]();
      shownDialogs.push(dialog);
      buttons.push(`<div class="funktion"><button type="button" data-dialog="${/id="([^"]+)"/.exec(dialog)![1]}">${html(labels[action])}</button></div>`);
    } else if (d.offered) {
      buttons.push(`<div class="funktion"><button type="button" disabled aria-describedby="orsak-${action}" data-code="${d.code}">${html(labels[action])}</button>` +
        `<p class="orsak" id="orsak-${action}">${html(d.reason)}</p></div>`);
    }
  }
  if (buttons.length) parts.push(`<div role="toolbar" aria-label="Intygets funktioner" id="funktioner">${buttons.join('')}</div>`);
  parts.push(...shownDialogs);
  parts.push(`<dialog id="dialog-fel" role="alertdialog" aria-labelledby="dialog-fel-rubrik"><h2 id="dialog-fel-rubrik">${html(REFUSAL_DIALOG_TITLE)}</h2><p id="dialog-fel-orsak"></p><p class="knappar"><button type="button" class="avbryt">Stäng</button></p></dialog>`);
  return parts.join('');
}

/** The script of a signed certificate's page: opens the dialogs, checks the revoke reason, posts the action. */
export const ACTIONS_SCRIPT = `
for (const b of document.querySelectorAll('button[data-dialog]')) b.addEventListener('click', () => document.getElementById(b.dataset.dialog).showModal());
for (const d of document.querySelectorAll('dialog')) { const cancel = d.querySelector('.avbryt'); if (cancel) cancel.addEventListener('click', () => d.close()); }
function refused(text) { document.getElementById('dialog-fel-orsak').textContent = text; document.getElementById('dialog-fel').showModal(); }
for (const d of document.querySelectorAll('dialog[data-url]')) {
  const confirm = d.querySelector('.bekrafta'); const reasons = d.querySelectorAll('input[name=orsak]');
  const chosenText = () => { const chosen = d.querySelector('input[name=orsak]:checked'); return chosen && d.querySelector('.fortydligande[data-reason="' + chosen.value + '"] textarea'); };
  const update = () => {
    if (!reasons.length) return;
    const chosen = d.querySelector('input[name=orsak]:checked');
    for (const box of d.querySelectorAll('.fortydligande')) box.hidden = !chosen || box.dataset.reason !== chosen.value;
    const text = chosenText();
    confirm.disabled = !chosen || (text.required && text.value.trim() === '');
  };
  d.addEventListener('input', update); d.addEventListener('change', update); update();
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    const chosen = d.querySelector('input[name=orsak]:checked');
    const body = chosen ? { reason: chosen.value, message: chosenText().value } : {};
    const res = await fetch(d.dataset.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const answer = await res.json().catch(() => ({}));
    d.close(); confirm.disabled = false;
    if (!res.ok) { refused(answer.message || 'Åtgärden kunde inte utföras (HTTP ' + res.status + ').'); return; }
    location.href = answer.certificateId ? '/certificate/' + answer.certificateId + '/' : location.pathname;
  });
}`;
