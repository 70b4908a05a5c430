/**
 * The card login over mutual TLS (and Net iD, which reached the card the same way): runs on the
 * separate HTTPS listener, reads the client certificate the TLS handshake presented, checks it,
 * and sends the browser back to the plain listener to finish.
 */
import type { RequestHandler } from 'msw';
import { CLIENT_CERTIFICATE_HEADER, CLIENT_CERTIFICATE_VERDICT_HEADER } from '../../kit/network/mtlsServer.js';
import { http } from '../../kit/network/routeHandlers.js';
import { STATUS } from '../../kit/saml/samlConstants.js';
import { checkCardCertificate } from '../eid/credentialCheck.js';
import type { IdpContext } from '../idpContext.js';
import { esc, messagePage } from '../pages/layout.js';
import { userLoa } from '../response/assertionAttributes.js';
import { htmlPage, seeOther } from './httpHelpers.js';
import { unknownTransaction } from './loginHandlers.js';

const OPERATION = 'SITHS card login (mTLS)';

/** Handlers of the mutual-TLS listener. */
export function cardHandlers(ctx: IdpContext): RequestHandler[] {
  return [
    http.get('/saml/card/:tx', ({ params, request }) => {
      const t = ctx.transactions.get(String(params.tx));
      if (!t) return unknownTransaction(OPERATION);
      const method = new URL(request.url).searchParams.get('method') === 'netid' ? 'netid' : 'siths-card';
      const base = ctx.baseUrl();
      const verdict = checkCardCertificate({
        certificateBase64: request.headers.get(CLIENT_CERTIFICATE_HEADER) ?? undefined,
        tlsVerdict: request.headers.get(CLIENT_CERTIFICATE_VERDICT_HEADER) ?? undefined,
        pki: ctx.pki,
        at: new Date(ctx.clock.now()),
        users: ctx.users,
      });
      const complete = `${base}/saml/login/${t.id}/complete`;
      if (verdict.ok) {
        t.method = method;
        t.outcome = { kind: 'authenticated', user: verdict.user, method, loa: userLoa(verdict.user) };
        return seeOther(complete, { operation: OPERATION, messageId: t.request.id, personId: verdict.user.personId?.replace(/\D/g, ''), message: `${method}: HSA-ID ${verdict.user.hsaId}` });
      }
      if (verdict.status.subCode === STATUS.unknownPrincipal) {
        t.outcome = { kind: 'error', status: verdict.status, reason: verdict.reason };
        return seeOther(complete, { operation: OPERATION, messageId: t.request.id, outcome: 'error', message: verdict.reason });
      }
      const actions = `<p><a id="forsok-kort-igen" href="/saml/card/${esc(t.id)}${method === 'netid' ? '?method=netid' : ''}">Försök igen med kortet</a></p>
<p><a id="valj-annan-metod" href="${esc(base)}/saml/login/${esc(t.id)}">Välj ett annat sätt att logga in</a></p>
<form method="post" action="${esc(base)}/saml/login/${esc(t.id)}/cancel"><button type="submit" class="secondary" id="avbryt">Avbryt inloggningen</button></form>`;
      return htmlPage(messagePage('SITHS-kortet kunde inte användas', verdict.userMessage, actions, verdict.reason), {
        operation: OPERATION,
        messageId: t.request.id,
        outcome: 'error',
        message: verdict.reason,
      }, 403);
    }),
  ];
}
