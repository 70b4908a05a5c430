/** The eID wait page and the status endpoint its script polls (every second unless the IdP is told otherwise). */
import type { RequestHandler } from 'msw';
import { http } from '../../kit/network/routeHandlers.js';
import { refreshEidOrder } from '../eid/eidOrders.js';
import type { IdpContext } from '../idpContext.js';
import { eidWaitPage } from '../pages/eidWaitPage.js';
import { htmlPage, json, seeOther } from './httpHelpers.js';
import { unknownTransaction } from './loginHandlers.js';

/** Handlers of `/saml/login/:tx/eid` (page) and `/saml/login/:tx/status` (JSON). */
export function eidHandlers(ctx: IdpContext): RequestHandler[] {
  return [
    http.get('/saml/login/:tx/eid', async ({ params }) => {
      const t = ctx.transactions.get(String(params.tx));
      if (!t) return unknownTransaction('eID wait page');
      const progress = await refreshEidOrder(ctx, t);
      const notes = { operation: 'eID wait page', messageId: t.request.id, message: `${progress.state} ${progress.hintCode ?? ''}`.trim() };
      if (t.outcome) return seeOther(`/saml/login/${t.id}/complete`, notes);
      if (!t.order || (t.method !== 'sithseid-other-device' && t.method !== 'sithseid-same-device')) return seeOther(`/saml/login/${t.id}`, notes);
      const signMessage = t.entity.kind !== 'login' ? (t.request.signMessage?.message ?? '') : undefined;
      return htmlPage(
        eidWaitPage({
          txId: t.id,
          method: t.method,
          autoStartToken: t.order.autoStartToken,
          qrStartToken: t.order.qrStartToken,
          status: progress.message,
          signMessage,
          failed: progress.state === 'failed',
          pollMs: ctx.statusPollMs,
        }),
        notes,
      );
    }),

    http.get('/saml/login/:tx/status', async ({ params }) => {
      const t = ctx.transactions.get(String(params.tx));
      if (!t) return json({ state: 'failed', message: 'Inloggningen finns inte eller har gått ut.' }, { operation: 'eID status', outcome: 'error' }, 404);
      const progress = await refreshEidOrder(ctx, t);
      const next = t.outcome ? `/saml/login/${t.id}/complete` : undefined;
      return json({ ...progress, ...(next ? { next } : {}) }, { operation: 'eID status', messageId: t.request.id, message: `${progress.state} ${progress.hintCode ?? ''}`.trim() });
    }),
  ];
}
