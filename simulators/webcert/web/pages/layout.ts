/** The HTML shell of the Webcert simulator's pages (Swedish, no external resources). */
import { xmlEscape } from '../../../kit/xml/xmlText.js';

/** Escapes text for HTML. */
export const html = (value: string | number | undefined): string => xmlEscape(value ?? '');

/** A complete page with a header naming the simulator and the logged-in user. */
export function page(title: string, body: string, options: { user?: string; script?: string } = {}): string {
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${html(title)} – Webcert (samverkan)</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;color:#222}header{background:#3d4260;color:#fff;padding:.6em 1.2em;display:flex;justify-content:space-between}
main{padding:1.2em;max-width:60em}label{display:block;margin-top:.8em;font-weight:600}input,select,textarea{font:inherit;padding:.3em;min-width:20em}
textarea{width:100%;min-height:4em}button{font:inherit;padding:.5em 1.2em;margin-top:1em;cursor:pointer}.fel{color:#a00}.ok{color:#060}
[role=alertdialog]{border:2px solid #a00;padding:1em;margin:1em 0;background:#fff5f5}.status{margin:.6em 0;font-style:italic}
fieldset{border:1px solid #ccd;margin:.8em 0;padding:.4em .8em}legend{font-weight:600}label.val{display:block;font-weight:normal;margin:.2em 0}label.val input{margin-right:.4em;min-width:0}
.rad{margin:.3em 0}.hjalp{font-size:.9em;color:#555;margin:.2em 0}.fel{margin:.2em 0}.saknas{display:none}form.visa-saknas .saknas{display:block}
#funktioner{display:flex;flex-wrap:wrap;gap:0 1.2em;margin:.6em 0}.funktion{max-width:18em}.orsak{font-size:.9em;color:#555;margin:.2em 0}
dialog{max-width:40em;border:1px solid #3d4260;padding:1.2em}dialog::backdrop{background:rgba(0,0,0,.3)}.fortydligande textarea{min-height:3em}
.obligatorisk{color:#a00}.etikett{margin-top:.8em}.etikett label{display:inline}section h2{font-size:1.1em;margin-top:1.4em;border-bottom:1px solid #ccd}
</style></head><body><header><span>Webcert – samverkan-simulator</span><span id="inloggad-anvandare">${html(options.user)}</span></header>
<main>${body}</main>${options.script ? `<script>${options.script}</script>` : ''}</body></html>`;
}

/** Webcert's ContactSupportMessage (its link, "Inera Support", as plain text). */
const CONTACT_SUPPORT = 'Om problemet kvarstår, kontakta i första hand din lokala IT-avdelning och i andra hand Inera Support.';

/** Error texts per `reason`, as Webcert's error page shows them (paraphrased unless marked); an unknown reason gets `unknown`'s. */
export const ERROR_REASONS: Record<string, { title: string; text: string }> = {
  'missing-parameter': { title: 'Intyget kunde inte visas', text: 'Webcert anropades med felaktiga eller saknade parametrar. Parametrarna ska skickas i formulärdata (POST), inte i adressen.' },
  'auth-exception': { title: 'Behörighet saknas', text: 'Du saknar behörighet att använda Webcert med det här anropet.' },
  'auth-exception-user-already-active': { title: 'Intyget kunde inte visas', text: 'Ett problem med sessionen uppstod. Stäng de fönster eller flikar med Webcert som är öppna och försök igen.' },
  'integration.nocontent': { title: 'Intyget finns inte', text: 'Intygsutkastet är raderat eller finns inte i Webcert.' },
  'login.medarbetaruppdrag': { title: 'Medarbetaruppdrag saknas', text: 'Du har inget medarbetaruppdrag med ändamålet "Vård och behandling" på den vårdenhet du försöker logga in på.' },
  'login.failed': { title: 'Inloggningen misslyckades', text: 'Inloggningen kunde inte genomföras. Försök igen, eller kontakta supporten.' },
  'auth-exception-resource': { title: 'Du är inte inloggad', text: 'Sidan kräver inloggning.' },
  // Webcert's frontend (AuthorizationProblemConfidentialityMarking, ContactSupportMessage), word for word.
  'auth-exception-sekretessmarkering': {
    title: 'Behörighet saknas',
    text: `För att hantera intyg för patienter med skyddade personuppgifter krävs att du har befattningen läkare eller tandläkare. Vissa intygstyper får inte hanteras alls för patienter med skyddade personuppgifter, även om du har befattningen som krävs. ${CONTACT_SUPPORT}`,
  },
  // Webcert's frontend shows its UnknownInternalProblem page for pu-problem and unknown (UNKNOWN_INTERNAL_PROBLEM).
  'pu-problem': { title: 'Intyget kunde inte visas', text: `Prova att ladda om sidan. ${CONTACT_SUPPORT}` },
  unknown: { title: 'Intyget kunde inte visas', text: `Prova att ladda om sidan. ${CONTACT_SUPPORT}` },
  // Webcert's frontend (AuthorizationProblemSubscription), word for word except its link (a dynamic link whose text Webcert loads), written as plain words.
  'auth-exception-subscription': {
    title: 'Abonnemang saknas för Webcert',
    text: 'För att kunna skapa konto behöver du först teckna kundavtal med Inera och beställa abonnemang för Webcert. Läs mer om Webcert och hur du beställer abonnemang på Ineras webbplats. När du beställt abonnemang återvänder du till den här sidan för att skapa ditt konto i Webcert.',
  },
};

/**
 * The page a user sees when the access rules refuse to open a certificate (Webcert's error page
 * for AUTHORIZATION_PROBLEM), with the rule's code and text.
 */
export function accessRefusedPage(code: string, reason: string): string {
  return page('Behörighet saknas', `<h1 id="fel-rubrik">Behörighet saknas</h1><p id="fel-text">${html(reason)}</p><p class="status">Felkod: <code id="fel-kod">${html(code)}</code></p>`);
}

/** The error page for `reason` (unknown reasons get the generic text). */
export function errorPage(reason: string): string {
  const e = ERROR_REASONS[reason] ?? ERROR_REASONS.unknown!;
  return page(e.title, `<h1 id="fel-rubrik">${html(e.title)}</h1><p id="fel-text">${html(e.text)}</p><p class="status">Felkod: <code id="fel-kod">${html(reason)}</code></p>`);
}
