/**
 * The app's screen as a small Swedish HTML page (`GET /app`): the card in the reader, the mode,
 * and each pending order with its requester, its type, the text to sign, a PIN field and the
 * buttons Legitimera/Signera and Avbryt. Ids are stable for Playwright: `pin-<orderRef>`,
 * `godkann-<orderRef>`, `avbryt-<orderRef>`, `resultat`, `inga-bestallningar`, `kort`, `lage`;
 * every order is a `<section class="bestallning" data-order-ref=…>`.
 */
import type { Order } from '../orders/order.js';
import type { AppSettings } from './appMode.js';

/** Escapes text for HTML element content and attribute values; control characters become U+FFFD. */
export function htmlEscape(value: string): string {
  return value
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '\uFFFD')
    .replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const MODE_NAMES: Record<AppSettings['mode'], string> = {
  auto: 'automatiskt godkännande',
  manual: 'manuellt',
  cancel: 'användaren avbryter',
  wrongPin: 'fel PIN-kod',
  notInstalled: 'appen är inte installerad',
  noAnswer: 'inget svar',
};

function orderSection(order: Order): string {
  const ref = htmlEscape(order.orderRef);
  const sign = order.type === 'sign';
  const approve = sign ? 'Signera' : 'Legitimera';
  return `<section class="bestallning" data-order-ref="${ref}" data-type="${order.type}" aria-labelledby="rubrik-${ref}">
<h2 id="rubrik-${ref}">${sign ? 'Underskrift' : 'Legitimering'}</h2>
<p class="bestallare">${htmlEscape(order.requesterName)} vill att du ${sign ? 'skriver under' : 'legitimerar dig'}.</p>
<p class="typ">Typ: ${sign ? 'underskrift' : 'legitimering'}${order.hsaId ? ` · för ${htmlEscape(order.hsaId)}` : ''}</p>
${sign && order.signMessage !== undefined ? `<blockquote class="signeringstext" id="text-${ref}">${htmlEscape(order.signMessage)}</blockquote>` : ''}
${order.hintCode === 'wrongPin' ? `<p class="varning" role="alert">Fel PIN-kod.${order.attemptsLeft !== undefined ? ` ${order.attemptsLeft} försök kvar.` : ''}</p>` : ''}
<form method="post" action="/app/orders/${ref}/approve">
<label for="pin-${ref}">PIN-kod</label>
<input id="pin-${ref}" name="pin" type="password" inputmode="numeric" autocomplete="off" required>
<button type="submit" id="godkann-${ref}">${approve}</button>
</form>
<form method="post" action="/app/orders/${ref}/cancel"><button type="submit" id="avbryt-${ref}">Avbryt</button></form>
</section>`;
}

/** The whole page: settings, an optional result line, and the pending orders (newest first). */
export function appPage(args: { settings: AppSettings; cardName?: string; pending: Order[]; result?: string }): string {
  const { settings, pending } = args;
  const card = settings.activeCard ? `${htmlEscape(settings.activeCard)}${args.cardName ? ` (${htmlEscape(args.cardName)})` : ''}` : 'inget kort';
  const orders = pending.length
    ? [...pending].reverse().map(orderSection).join('\n')
    : '<p id="inga-bestallningar">Inga väntande beställningar.</p>';
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>SITHS eID (simulator)</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:sans-serif;margin:2em;max-width:36em}section{border:1px solid #ccc;border-radius:6px;padding:1em;margin:1em 0}
blockquote{white-space:pre-wrap;background:#f4f4f4;padding:.5em}.varning{color:#a00}form{display:inline-block;margin-right:1em}label{display:block}</style></head>
<body><h1>SITHS eID</h1>
<p id="kort">Kort i läsaren: ${card}</p>
<p id="lage">Läge: ${MODE_NAMES[settings.mode]}</p>
${args.result ? `<p id="resultat" role="status">${htmlEscape(args.result)}</p>` : ''}
${orders}
</body></html>`;
}
