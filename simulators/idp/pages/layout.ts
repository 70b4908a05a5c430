/** The frame of every IdP page: Swedish, plain, readable without scripts or external resources. */
import { xmlEscape } from '../../kit/xml/xmlText.js';
import { boundedMessage } from '../../kit/text/inputExcerpt.js';

/** Escapes text for HTML. */
export const esc = (s: string | number): string => xmlEscape(String(s));

/** A complete page. `body` is trusted HTML built with {@link esc}. */
export function layout(title: string, body: string, script = ''): string {
  return `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} – SITHS IdP (samverkan)</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;background:#f4f4f4;color:#222}
header{background:#3b1d4f;color:#fff;padding:12px 24px}main{max-width:560px;margin:24px auto;background:#fff;padding:24px;border-radius:6px}
.method{display:block;width:100%;text-align:left;margin:8px 0;padding:12px;font-size:1rem;border:1px solid #888;border-radius:4px;background:#fff;cursor:pointer}
.method small{display:block;color:#555}.secondary{background:none;border:none;color:#3b1d4f;text-decoration:underline;cursor:pointer;padding:8px 0}
.message{padding:12px;border-left:4px solid #b00;background:#fff4f4}.sign-message{padding:12px;border:1px solid #999;background:#fafafa;white-space:pre-wrap}
footer{max-width:560px;margin:0 auto;color:#666;font-size:.8rem;padding:0 24px}
</style></head>
<body><header><strong>SITHS IdP</strong> – testmiljö (samverkan, simulerad)</header>
<main>
<h1>${esc(title)}</h1>
${body}
</main>
<footer>Detta är en simulerad identitetsleverantör för test. Inga riktiga inloggningar görs.</footer>
${script}
</body></html>
`;
}

/** A page with one message and optional actions (already-built forms or links). */
export function messagePage(title: string, message: string, actions = '', technical?: string): string {
  const details = technical ? `<details><summary>Teknisk information</summary><pre id="teknisk-information">${esc(boundedMessage(technical))}</pre></details>` : '';
  return layout(title, `<p class="message" id="meddelande" role="alert">${esc(message)}</p>${actions}${details}`);
}
