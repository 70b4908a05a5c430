/**
 * The page shown while an eID app order runs: a QR code (other device) or a link that opens the
 * app (same device), the sign message in sign flows, and a status line updated by polling the
 * IdP (every second by default). Without scripts, the user reloads with the "Kontrollera" link.
 */
import type { LoginMethod } from '../loginMethods.js';
import { esc, layout } from './layout.js';
import { qrPicture } from './qrPicture.js';

/** Swedish text for an order's hint code. */
export function hintText(hintCode: string | undefined, method: LoginMethod | undefined, message?: string): string {
  switch (hintCode) {
    case 'outstandingTransaction':
      return method === 'sithseid-same-device' ? 'Startar SITHS eID-appen …' : 'Starta SITHS eID-appen och skanna QR-koden.';
    case 'userSign':
      return 'Skriv in din PIN-kod i SITHS eID-appen.';
    case 'wrongPin':
      return 'Fel PIN-kod. Försök igen i SITHS eID-appen.';
    case 'noClient':
      return 'SITHS eID-appen startade inte. Kontrollera att den är installerad.';
    case 'userCancel':
      return 'Åtgärden avbröts i SITHS eID-appen.';
    case 'pinLocked':
      return 'Kortet är spärrat efter för många felaktiga PIN-koder. Kontakta din korthandläggare.';
    case 'expiredTransaction':
      return 'Tiden gick ut innan SITHS eID-appen användes. Försök igen.';
    case 'cardMismatch':
      return 'Fel kort användes i SITHS eID-appen.';
    case 'cancelled':
      return 'Åtgärden avbröts.';
    default:
      return message ? `Det gick inte att använda SITHS eID: ${message}` : 'Det gick inte att använda SITHS eID. Försök igen.';
  }
}

export interface EidWaitPageOptions {
  txId: string;
  method: 'sithseid-other-device' | 'sithseid-same-device';
  autoStartToken: string;
  qrStartToken: string;
  status: string;
  /** Shown in sign flows. */
  signMessage?: string;
  /** Set after a failure the user can retry. */
  failed?: boolean;
  /** Wall-clock ms before each status poll; default 1000. */
  pollMs?: number;
}

/** The wait page. Stable ids: `status`, `starta-siths-eid`, `qr-kod`, `forsok-igen`, `avbryt`, `underskriftstext`. */
export function eidWaitPage(o: EidWaitPageOptions): string {
  const base = `/saml/login/${esc(o.txId)}`;
  const start =
    o.method === 'sithseid-same-device'
      ? `<p><a id="starta-siths-eid" href="siths:///?autostarttoken=${esc(o.autoStartToken)}&amp;redirect=null">Öppna SITHS eID-appen</a></p>`
      : `<p>Öppna SITHS eID-appen på din andra enhet och skanna QR-koden.</p>${qrPicture(o.qrStartToken)}`;
  const sign = o.signMessage !== undefined ? `<h2>Du skriver under</h2><div class="sign-message" id="underskriftstext">${esc(o.signMessage)}</div>` : '';
  const body = `${sign}${start}
<p id="status" role="status" aria-live="polite">${esc(o.status)}</p>
<noscript><p><a id="kontrollera" href="${base}/eid">Kontrollera status</a></p></noscript>
<form method="post" action="${base}/retry" id="forsok-igen-form"${o.failed ? '' : ' hidden'}><button type="submit" class="method" id="forsok-igen">Försök igen</button></form>
<form method="post" action="${base}/cancel"><button type="submit" class="secondary" id="avbryt">Avbryt</button></form>`;
  const pollMs = Math.max(0, Math.round(o.pollMs ?? 1000));
  const script = `<script>
(function(){var s=document.getElementById('status'),r=document.getElementById('forsok-igen-form'),stop=${o.failed ? 'true' : 'false'};
function poll(){if(stop)return;fetch('${base}/status',{cache:'no-store'}).then(function(x){return x.json()}).then(function(j){
s.textContent=j.message||'';if(j.next){stop=true;window.location.assign(j.next);return}
if(j.state==='failed'){stop=true;r.hidden=false;return}setTimeout(poll,${pollMs})}).catch(function(){setTimeout(poll,${pollMs})})}
setTimeout(poll,${pollMs})})();
</script>`;
  return layout(o.signMessage !== undefined ? 'Underskrift med SITHS eID' : 'Logga in med SITHS eID', body, script);
}
