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

/** Webcert's unknown internal problem: "Intyget kunde inte visas" (UnknownInternalProblem.tsx). */
const UNKNOWN_INTERNAL_PROBLEM = { title: 'Intyget kunde inte visas', text: `Prova att ladda om sidan. ${CONTACT_SUPPORT}` };

/** Webcert's AuthorizationProblem page (AUTHORIZATION_PROBLEM), its support link as plain text. */
export const AUTHORIZATION_PROBLEM = {
  title: 'Behörighet saknas',
  text: 'Du saknar behörighet för att komma åt intyget. För att få hjälp, kontakta i första hand din lokala IT-avdelning och i andra hand Inera Support.',
};

/**
 * Error texts per `reason`, word for word as Webcert's React front end shows them: its ErrorPage
 * maps each reason to an error code and DisplayError to a page (sklintyg/frontend
 * apps/webcert/src/page/ErrorPage.tsx, components/error/errorPageContent/*.tsx); the support link
 * ("Inera Support") as plain text.
 */
export const ERROR_REASONS: Record<string, { title: string; text: string }> = {
  // ErrorPage maps missing-parameter, pu-problem and unknown to UNKNOWN_INTERNAL_PROBLEM.
  'missing-parameter': UNKNOWN_INTERNAL_PROBLEM,
  'auth-exception': AUTHORIZATION_PROBLEM,
  // AuthorizationUserSessionAlreadyActive.tsx
  'auth-exception-user-already-active': { title: 'Intyget kunde inte visas', text: `Ett problem med sessionen för Webcert har uppstått. Stäng de fönster eller flikar som är öppnade sedan tidigare och försök igen. ${CONTACT_SUPPORT}` },
  // IntegrationNoContentError.tsx
  'integration.nocontent': { title: 'Intyget gick inte att läsa in', text: `Intygsutkastet är raderat och kan därför inte längre visas. ${CONTACT_SUPPORT}` },
  // MedarbetaruppdragSaknas.tsx
  'login.medarbetaruppdrag': { title: 'Medarbetaruppdrag saknas', text: `Det krävs minst ett giltigt medarbetaruppdrag med ändamål "Vård och behandling" för att använda Webcert. ${CONTACT_SUPPORT}` },
  // LoginFailed.tsx (no full stop before the support sentence, as in Webcert)
  'login.failed': { title: 'Inloggningen misslyckades', text: `Detta kan bero på att du saknar behörighet till Webcert eller att du saknar giltigt medarbetaruppdrag med ändamål "Vård och behandling" ${CONTACT_SUPPORT}` },
  // HSAError.tsx ("Försök gärna igen" is a link to the start page there)
  'login.hsaerror': { title: 'Tekniskt fel', text: `Tyvärr har ett tekniskt problem uppstått i Webcert. Försök gärna igen för att se om felet är tillfälligt. ${CONTACT_SUPPORT}` },
  // AuthorizationProblemResource.tsx
  'auth-exception-resource': { title: 'Behörighet saknas', text: 'Du saknar behörighet för att komma åt sidan. För att få hjälp, kontakta i första hand din lokala IT-avdelning och i andra hand Inera Support.' },
  unknown: UNKNOWN_INTERNAL_PROBLEM,
  // AuthorizationProblemConfidentialityMarking.tsx
  'auth-exception-sekretessmarkering': {
    title: 'Behörighet saknas',
    text: `För att hantera intyg för patienter med skyddade personuppgifter krävs att du har befattningen läkare eller tandläkare. Vissa intygstyper får inte hanteras alls för patienter med skyddade personuppgifter, även om du har befattningen som krävs. ${CONTACT_SUPPORT}`,
  },
  'pu-problem': UNKNOWN_INTERNAL_PROBLEM,
  // Webcert's frontend (AuthorizationProblemSubscription), word for word except its link (a dynamic link whose text Webcert loads), written as plain words.
  'auth-exception-subscription': {
    title: 'Abonnemang saknas för Webcert',
    text: 'För att kunna skapa konto behöver du först teckna kundavtal med Inera och beställa abonnemang för Webcert. Läs mer om Webcert och hur du beställer abonnemang på Ineras webbplats. När du beställt abonnemang återvänder du till den här sidan för att skapa ditt konto i Webcert.',
  },
};

/**
 * The page a user sees when the access rules refuse to open a certificate: Webcert's error page for
 * AUTHORIZATION_PROBLEM (AuthorizationProblem.tsx) in its words, then the rule's code and, as the
 * simulator's own addition, which rule refused.
 */
export function accessRefusedPage(code: string, reason: string): string {
  const e = AUTHORIZATION_PROBLEM;
  return page(e.title, `<h1 id="fel-rubrik">${html(e.title)}</h1><p id="fel-text">${html(e.text)}</p><p id="fel-orsak" class="status">${html(reason)}</p><p class="status">Felkod: <code id="fel-kod">${html(code)}</code></p>`);
}

/** The error page for `reason` (unknown reasons get the generic text). */
export function errorPage(reason: string): string {
  const e = ERROR_REASONS[reason] ?? ERROR_REASONS.unknown!;
  return page(e.title, `<h1 id="fel-rubrik">${html(e.title)}</h1><p id="fel-text">${html(e.text)}</p><p class="status">Felkod: <code id="fel-kod">${html(reason)}</code></p>`);
}
