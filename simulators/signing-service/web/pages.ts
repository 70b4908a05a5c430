/**
 * The signing service's pages (Swedish, plain, with stable ids for tests and page objects):
 * - the waiting page "Du ska nu underteckna" with the sign message, which then sends the browser on
 *   to the IdP (`#rubrik`, `#signeringsmeddelande`, `#vidare`, `#till-idp` form or link);
 * - the error page for requests that get no SignResponse (`#felrubrik`, `#felmeddelande`,
 *   `#teknisk-detalj`);
 * - the auto-posting form that carries the SignResponse back (`#auto-post-form`, from kit/saml).
 */
import { autoPostForm } from '../../kit/saml/autoPostForm.js';
import { xmlEscape } from '../../kit/xml/xmlText.js';
import { DSS_POST_BINDING } from '../dss/dssNames.js';

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#222}' +
  '#signeringsmeddelande{border:1px solid #999;border-radius:4px;padding:1rem;margin:1rem 0;white-space:pre-wrap;background:#f7f7f7}' +
  'pre{white-space:pre-wrap;background:#f4f4f4;padding:.5rem;font-size:.85rem}';

function page(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>${xmlEscape(title)}</title><style>${STYLE}</style>${head}</head>
<body>
<p id="tjanst">Underskriftstjänst (samverkan, test)</p>
${body}
</body></html>
`;
}

/**
 * The sign message as plain text: an HTML message (MimeType text/html) loses its markup (line
 * breaks kept), so nothing a requester sends can run in this page.
 */
export function signMessageText(message: string | undefined, mimeType: string, encrypted: boolean): string {
  if (encrypted) return '(Meddelandet är krypterat och visas av legitimeringstjänsten.)';
  if (message === undefined || message === '') return '(Inget meddelande angavs.)';
  if (mimeType !== 'text/html') return message;
  return message
    .replace(/<\s*br\s*\/?>/gi, '\n')
    .replace(/<\/\s*(p|div|h[1-4]|li|tr)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim();
}

/** How the browser gets to the IdP. */
export type IdpHandoff = { binding: 'redirect'; url: string } | { binding: 'post'; action: string; fields: Record<string, string> };

/** The page shown while the signer is sent on to authenticate. */
export function waitingPage(args: { signMessage: string; identityProvider: string; handoff: IdpHandoff; delayMs: number }): string {
  const h = args.handoff;
  const go =
    h.binding === 'redirect'
      ? `<p><a id="till-idp" href="${xmlEscape(h.url)}">Fortsätt till legitimering</a></p>`
      : `<form id="till-idp" method="post" action="${xmlEscape(h.action)}">` +
        Object.entries(h.fields)
          .map(([k, v]) => `<input type="hidden" name="${xmlEscape(k)}" value="${xmlEscape(v)}">`)
          .join('') +
        '<button type="submit" id="till-idp-knapp">Fortsätt till legitimering</button></form>';
  const script =
    h.binding === 'redirect'
      ? `setTimeout(function(){location.replace(document.getElementById("till-idp").href)},${args.delayMs});`
      : `setTimeout(function(){document.getElementById("till-idp").submit()},${args.delayMs});`;
  return page(
    'Underskrift',
    `<h1 id="rubrik">Du ska nu underteckna</h1>
<div id="signeringsmeddelande">${xmlEscape(args.signMessage)}</div>
<p id="vidare">Du skickas nu vidare för att legitimera dig med SITHS (${xmlEscape(args.identityProvider)}).</p>
${go}
<script>${script}</script>`,
  );
}

/** The page for a request that gets no SignResponse (or an unknown/ended transaction). */
export function errorPage(args: { title: string; detail: string; requestId?: string }): string {
  return page(
    `Fel: ${args.title}`,
    `<h1 id="felrubrik">${xmlEscape(args.title)}</h1>
<p id="felmeddelande">Underskriftstjänsten kunde inte behandla begäran, och inget svar har skickats tillbaka till e-tjänsten. Gå tillbaka till e-tjänsten och försök igen; kvarstår felet, kontakta e-tjänstens support.</p>
${args.requestId ? `<p id="begaran">Begäran: <code>${xmlEscape(args.requestId)}</code></p>` : ''}
<h2>Teknisk information</h2>
<pre id="teknisk-detalj">${xmlEscape(args.detail)}</pre>`,
  );
}

/** The page that posts a SignResponse to the requester (form fields Binding, RelayState, EidSignResponse). */
export function signResponsePostPage(args: { audience: string; relayState: string; signResponseXml: string; autoSubmit?: boolean }): string {
  return autoPostForm({
    action: args.audience,
    fields: {
      Binding: DSS_POST_BINDING,
      RelayState: args.relayState,
      EidSignResponse: Buffer.from(args.signResponseXml, 'utf8').toString('base64'),
    },
    title: 'Skickar underskriften tillbaka …',
    autoSubmit: args.autoSubmit,
  });
}
