/** Every browser-facing route of the Webcert simulator, in one list. */
import type { RequestHandler } from 'msw';
import { http } from '../../kit/network/routeHandlers.js';
import { certificateRoutes, type SignatureInfo } from './certificateRoutes.js';
import { fakeLoginRoutes } from './fakeLogin.js';
import { launchRoutes } from './launch.js';
import { errorPage, html, page } from './pages/layout.js';
import { htmlResponse, jsonResponse, redirect, START_PAGE_LIMIT, type WebContext } from './webContext.js';

export interface WebRouteParts {
  signatureInfo: SignatureInfo;
  fakeSign: (certificateId: string, by: string) => Promise<void>;
  /** Routes added by later parts (SAML login, the signing-service client). */
  extra?: RequestHandler[];
}

export function webRoutes(ctx: WebContext, parts: WebRouteParts): RequestHandler[] {
  return [
    ...launchRoutes(ctx),
    ...fakeLoginRoutes(ctx),
    ...certificateRoutes(ctx, parts.signatureInfo, parts.fakeSign),
    ...(parts.extra ?? []),
    http.get('/error', ({ request }) => htmlResponse(errorPage(new URL(request.url).searchParams.get('reason') ?? 'unknown'))),
    http.post('/api/v1/session/invalidate', async ({ request }) => {
      try {
        const body = JSON.parse(await request.text()) as { launchId?: string; userHsaId?: string };
        if (body.launchId && body.userHsaId) ctx.sessions.invalidateByLaunchId(body.launchId, body.userHsaId);
      } catch {
        // Webcert answers 204 whatever it was sent.
      }
      return new Response(null, { status: 204 });
    }),
    http.get('/', ({ request }) => {
      const user = ctx.sessions.find(request)?.user;
      if (!user) return redirect('/welcome', 302);
      // The newest drafts and certificates on the user's units (indexed by unit), shown oldest first.
      const mine = ctx.store.list({ unitIds: user.staff.commissions, excludeStatuses: ['DELETED'] }, { order: 'newest-first', limit: START_PAGE_LIMIT }).reverse();
      const items = mine.map((c) => `<li><a href="/certificate/${html(c.id)}/">${html(c.typeCode)} ${html(c.patient.fornamn)} ${html(c.patient.efternamn)} – ${html(c.status)}</a></li>`).join('');
      return htmlResponse(page('Start', `<h1 id="inloggad-som">Inloggad som ${html(user.staff.fullName)}</h1><p class="status">${html(user.authenticationScheme)}</p><ul id="intyg">${items || '<li>Inga utkast eller intyg</li>'}</ul>`, { user: user.staff.fullName }));
    }),
    http.get('/api/health', () => jsonResponse({ ok: true })),
  ];
}
