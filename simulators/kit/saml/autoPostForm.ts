/**
 * The page that carries a message through the browser by POST (SAML HTTP-POST, DSS `POST/XML/1.0`):
 * a form with hidden fields, submitted by a script, with a button for browsers without scripts.
 */
import { xmlEscape } from '../xml/xmlText.js';

export interface AutoPostFormOptions {
  /** Where the form posts to. */
  action: string;
  /** Hidden fields, e.g. `{ SAMLResponse, RelayState }`. */
  fields: Record<string, string | undefined>;
  /** Page title; default "Skickar vidare …". */
  title?: string;
  /** Button text shown when scripts are off; default "Fortsätt". */
  buttonText?: string;
  /** Submit automatically (default true); false leaves a page with the button only (for inspection). */
  autoSubmit?: boolean;
}

/** A complete HTML page (Swedish) that posts `fields` to `action`. The form has id `auto-post-form`. */
export function autoPostForm(options: AutoPostFormOptions): string {
  const inputs = Object.entries(options.fields)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([name, value]) => `<input type="hidden" name="${xmlEscape(name)}" value="${xmlEscape(value)}">`)
    .join('\n');
  const title = xmlEscape(options.title ?? 'Skickar vidare …');
  const button = xmlEscape(options.buttonText ?? 'Fortsätt');
  const auto = options.autoSubmit !== false;
  const script = auto ? '<script>document.getElementById("auto-post-form").submit();</script>' : '';
  const buttonHtml = `<button type="submit" id="auto-post-continue">${button}</button>`;
  const manual = auto ? `<noscript><p>Din webbläsare kör inte skript. Tryck på knappen för att fortsätta.</p>${buttonHtml}</noscript>` : buttonHtml;
  return `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>${title}</title></head>
<body>
<form id="auto-post-form" method="post" action="${xmlEscape(options.action)}">
${inputs}
${manual}
</form>
${script}
</body></html>
`;
}
