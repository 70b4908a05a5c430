/**
 * Fake login for quick local use, as Webcert has in its dev and test profiles: a welcome page
 * to pick a user and unit, and `POST /testability/fake` (JSON) that logs the browser in without
 * SAML. Fake users sign with Webcert's fake signing, not the signing service.
 */
import type { RequestHandler } from 'msw';
import { http } from '../../kit/network/routeHandlers.js';
import { welcomePage } from './pages/welcomePage.js';
import { htmlResponse, jsonResponse, START_PAGE_LIMIT, type WebContext } from './webContext.js';
import { SessionStore } from './sessions.js';

/** The fake-login routes. */
export function fakeLoginRoutes(ctx: WebContext): RequestHandler[] {
  return [
    http.get('/welcome', () => htmlResponse(welcomePage(ctx.directory.staffMembers(), ctx.directory.data.careUnits, ctx.store.list({ excludeStatuses: ['DELETED'] }, { order: 'newest-first', limit: START_PAGE_LIMIT }).reverse()))),
    http.post('/testability/fake', async ({ request }) => {
      let body: { hsaId?: string; enhetId?: string; origin?: string };
      try {
        body = JSON.parse(await request.text()) as typeof body;
      } catch {
        return jsonResponse({ error: 'send JSON {"hsaId": "...", "enhetId": "...", "origin": "NORMAL|DJUPINTEGRATION"}' }, 400);
      }
      const staff = body.hsaId ? ctx.directory.staffMember(body.hsaId) : undefined;
      if (!staff) return jsonResponse({ error: `no user with HSA-ID ${body.hsaId ?? '(none)'} in the directory; GET /welcome lists them` }, 400);
      if (body.enhetId && !staff.commissions.includes(body.enhetId)) {
        return jsonResponse({ error: `${staff.hsaId} has no commission on ${body.enhetId}; choose one of ${staff.commissions.join(', ')}` }, 400);
      }
      const origin = body.origin === 'DJUPINTEGRATION' ? 'DJUPINTEGRATION' : 'NORMAL';
      const subscription = ctx.directory.subscriptions.check(origin, ctx.directory.careProvidersOf(staff.hsaId));
      if (subscription.refusal) return jsonResponse({ error: subscription.why, reason: subscription.refusal }, 403);
      const { session } = ctx.sessions.open(request);
      session.user = {
        staff,
        authenticationMethod: 'FAKE',
        authenticationScheme: 'urn:inera:webcert:siths:fake',
        identityProviderForSign: 'fake_signature_provider',
        origin,
        selectedUnit: body.enhetId ?? (staff.commissions.length === 1 ? staff.commissions[0] : undefined),
      };
      session.integration = undefined;
      return new Response(null, { status: 204, headers: { 'set-cookie': SessionStore.cookie(session) } });
    }),
    http.post('/testability/logout', ({ request }) => {
      const session = ctx.sessions.find(request);
      if (session) ctx.sessions.remove(session);
      return new Response(null, { status: 204 });
    }),
  ];
}
