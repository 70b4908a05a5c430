/**
 * The login pages of a transaction: method choice, starting the chosen method, cancel, retry,
 * and `complete`, where the SAML Response leaves for the SP.
 */
import type { RequestHandler } from 'msw';
import type { ExchangeNotes } from '../../kit/network/exchangeNotes.js';
import { http } from '../../kit/network/routeHandlers.js';
import { ERROR_STATUS } from '../../kit/saml/responseBuilder.js';
import { EidAppError } from '../eid/eidAppClient.js';
import { startEidOrder } from '../eid/eidOrders.js';
import type { IdpContext } from '../idpContext.js';
import { LOGIN_METHODS, netIdRefusal, type LoginMethod } from '../loginMethods.js';
import { esc, messagePage } from '../pages/layout.js';
import { loginPage } from '../pages/loginPage.js';
import { answerTransaction } from '../response/samlAnswer.js';
import type { LoginTransaction } from '../session/loginTransactions.js';
import { htmlPage, readForm, seeOther, takeTransportFault } from './httpHelpers.js';

const PAGE = 'IdP login page';

/** The "no such login" page. */
export function unknownTransaction(operation: string): Response {
  return htmlPage(
    messagePage('Inloggningen finns inte', 'Inloggningen finns inte eller har gått ut. Gå tillbaka till tjänsten och logga in igen.'),
    { operation, outcome: 'error', message: 'unknown or expired login transaction' },
    404,
  );
}

/** Forms to retry and cancel, for message pages within a transaction. */
export function retryAndCancel(tx: LoginTransaction, base = ''): string {
  return `<form method="post" action="${base}/saml/login/${esc(tx.id)}/retry"><button type="submit" class="method" id="forsok-igen">Försök igen</button></form>
<form method="post" action="${base}/saml/login/${esc(tx.id)}/cancel"><button type="submit" class="secondary" id="avbryt">Avbryt</button></form>`;
}

const notesOf = (tx: LoginTransaction, operation: string, message?: string): ExchangeNotes => ({ operation, messageId: tx.request.id, message });

/** Starts an eID order and sends the browser to the wait page, or shows why it could not start. */
async function startEid(ctx: IdpContext, tx: LoginTransaction, method: LoginMethod): Promise<Response> {
  tx.method = method;
  try {
    await startEidOrder(ctx, tx);
  } catch (error) {
    const technical = error instanceof EidAppError ? error.message : String(error);
    return htmlPage(
      messagePage('SITHS eID kan inte användas just nu', 'Autentiseringstjänsten för SITHS eID svarar inte. Försök igen om en stund eller välj ett annat sätt att logga in.', retryAndCancel(tx), technical),
      { ...notesOf(tx, 'eID StartOrder', technical), outcome: 'error' },
      502,
    );
  }
  return seeOther(`/saml/login/${tx.id}/eid`, notesOf(tx, PAGE, `${method} order ${tx.order?.orderRef ?? ''} started`));
}

/** Handlers of the login pages (on the plain HTTP listener). */
export function loginHandlers(ctx: IdpContext): RequestHandler[] {
  const tx = (id: unknown) => ctx.transactions.get(String(id));
  return [
    http.get('/saml/login/:tx', async ({ params }) => {
      const t = tx(params.tx);
      if (!t) return unknownTransaction(PAGE);
      if (t.outcome) return seeOther(`/saml/login/${t.id}/complete`, notesOf(t, PAGE));
      if (t.entity.method) return t.order ? seeOther(`/saml/login/${t.id}/eid`, notesOf(t, PAGE)) : startEid(ctx, t, t.entity.method);
      return htmlPage(loginPage({ txId: t.id, serviceProvider: t.request.issuer }), notesOf(t, PAGE));
    }),

    http.post('/saml/login/:tx/method', async ({ params, request }) => {
      const t = tx(params.tx);
      if (!t) return unknownTransaction(PAGE);
      const method = (await readForm(request)).method as LoginMethod | undefined;
      if (!method || !LOGIN_METHODS.includes(method) || t.entity.method) {
        return htmlPage(loginPage({ txId: t.id, serviceProvider: t.request.issuer, notice: 'Välj ett av sätten att logga in.' }), notesOf(t, PAGE, `unknown method ${method ?? '(none)'}`), 400);
      }
      if (method === 'sithseid-other-device' || method === 'sithseid-same-device') return startEid(ctx, t, method);
      if (method === 'netid') {
        const refusal = netIdRefusal(request.headers.get('user-agent') ?? '', ctx.clock.now());
        if (refusal) {
          const back = `<p><a href="/saml/login/${esc(t.id)}" id="valj-annan-metod">Välj ett annat sätt att logga in</a></p>`;
          return htmlPage(messagePage('Net iD kan inte användas', refusal, back), notesOf(t, PAGE, `Net iD refused: ${refusal}`), 200);
        }
      }
      t.method = method;
      return seeOther(`${ctx.cardUrl()}/saml/card/${t.id}${method === 'netid' ? '?method=netid' : ''}`, notesOf(t, PAGE, `${method}: to the card listener`));
    }),

    http.post('/saml/login/:tx/cancel', async ({ params }) => {
      const t = tx(params.tx);
      if (!t) return unknownTransaction(PAGE);
      if (t.order && !t.outcome) await ctx.eid.cancel(t.order.orderRef, { messageId: t.request.id });
      t.outcome ??= { kind: 'error', status: ERROR_STATUS.cancel(), reason: 'the user cancelled on the IdP page' };
      return seeOther(`/saml/login/${t.id}/complete`, notesOf(t, PAGE, 'cancelled by the user'));
    }),

    http.post('/saml/login/:tx/retry', async ({ params }) => {
      const t = tx(params.tx);
      if (!t) return unknownTransaction(PAGE);
      if (t.outcome) return seeOther(`/saml/login/${t.id}/complete`, notesOf(t, PAGE));
      if (t.order && !t.order.failure) await ctx.eid.cancel(t.order.orderRef, { messageId: t.request.id });
      t.order = undefined;
      if (t.entity.method) return startEid(ctx, t, t.entity.method);
      t.method = undefined;
      return seeOther(`/saml/login/${t.id}`, notesOf(t, PAGE, 'retry'));
    }),

    http.get('/saml/login/:tx/complete', async ({ params }) => {
      const fault = await takeTransportFault(ctx.faults, 'SAML Response');
      if (fault) return fault;
      const t = tx(params.tx);
      if (!t) return unknownTransaction('SAML Response');
      if (!t.outcome) return seeOther(`/saml/login/${t.id}`, notesOf(t, PAGE, 'not finished yet'));
      const answer = answerTransaction(ctx, t);
      return htmlPage(answer.html, answer.notes, 200, answer.setCookie ? { 'set-cookie': answer.setCookie } : {});
    }),
  ];
}
