/**
 * Single logout: an SP's LogoutRequest (Redirect or POST) ends the browser's SSO session and is
 * answered with a LogoutResponse to the SP's SingleLogoutService; `/saml/logout` ends the session
 * from the IdP side.
 */
import { HttpResponse, type RequestHandler } from 'msw';
import { withNotes } from '../../kit/network/exchangeNotes.js';
import { http } from '../../kit/network/routeHandlers.js';
import { autoPostForm } from '../../kit/saml/autoPostForm.js';
import { buildRedirectUrl, decodeFromPost, readRedirectQuery, redirectSignatureProblem } from '../../kit/saml/bindings.js';
import { buildLogoutResponse, parseLogoutRequest } from '../../kit/saml/logout.js';
import { BINDINGS, STATUS } from '../../kit/saml/samlConstants.js';
import { SamlError } from '../../kit/saml/samlError.js';
import { IDP_PATHS } from '../idpEntities.js';
import type { IdpContext } from '../idpContext.js';
import { messagePage } from '../pages/layout.js';
import { cookieValue, htmlPage, readForm, ssoCookie } from './httpHelpers.js';
import { inputExcerpt } from '../../kit/text/inputExcerpt.js';

const OPERATION = 'SAML LogoutRequest';

function loggedOut(ctx: IdpContext, message: string): Response {
  return htmlPage(messagePage('Du är utloggad', 'Du är utloggad från SITHS IdP.'), { operation: OPERATION, message }, 200, { 'set-cookie': ssoCookie(ctx.cookieName(), undefined) });
}

async function logout(ctx: IdpContext, request: Request, binding: 'redirect' | 'post'): Promise<Response> {
  let xml: string;
  let relayState: string | undefined;
  let redirect;
  try {
    if (binding === 'redirect') {
      const query = new URL(request.url).search;
      if (!new URLSearchParams(query).has('SAMLRequest')) return loggedOut(ctx, 'LogoutResponse or plain visit to the SLO endpoint');
      redirect = readRedirectQuery(query, 'SAMLRequest');
      xml = redirect.xml;
      relayState = redirect.relayState;
    } else {
      const form = await readForm(request);
      xml = decodeFromPost(form.SAMLRequest ?? '', 'SAMLRequest');
      relayState = form.RelayState;
    }
    const logoutRequest = parseLogoutRequest(xml);
    const sp = ctx.serviceProviders.get(logoutRequest.issuer)?.sp;
    if (!sp) throw new SamlError('unknown-sp', `no service provider "${inputExcerpt(logoutRequest.issuer)}" is registered at this IdP`);
    if (redirect?.signature) {
      const problem = redirectSignatureProblem(redirect, sp.signingCertificatesPem);
      if (problem) throw new SamlError('bad-signature', `LogoutRequest signature is not valid: ${problem}`);
    }
    const cookieSession = ctx.sessions.get(cookieValue(request, ctx.cookieName()));
    const session = cookieSession ?? logoutRequest.sessionIndexes.map((i) => ctx.sessions.bySessionIndex(i)).find(Boolean);
    ctx.sessions.close(session?.id);
    const notes = { operation: OPERATION, messageId: logoutRequest.id, message: `from ${logoutRequest.issuer}: ${session ? `session of ${session.user.hsaId} ended` : 'no session to end'}` };
    const clear = { 'set-cookie': ssoCookie(ctx.cookieName(), undefined) };
    const slo = sp.singleLogoutServices.find((s) => s.binding === BINDINGS.redirect) ?? sp.singleLogoutServices.find((s) => s.binding === BINDINGS.post);
    if (!slo) return htmlPage(messagePage('Du är utloggad', 'Du är utloggad från SITHS IdP.'), notes, 200, clear);
    const answer = buildLogoutResponse({ clock: ctx.clock, issuer: ctx.entities().login.entityId, destination: slo.location, inResponseTo: logoutRequest.id, statusCode: STATUS.success });
    if (slo.binding === BINDINGS.redirect) {
      const location = buildRedirectUrl(slo.location, { kind: 'SAMLResponse', xml: answer.xml, relayState });
      return withNotes(new HttpResponse(null, { status: 302, headers: { location, ...clear } }), notes);
    }
    const html = autoPostForm({ action: slo.location, fields: { SAMLResponse: Buffer.from(answer.xml).toString('base64'), RelayState: relayState }, title: 'Loggar ut …' });
    return htmlPage(html, notes, 200, clear);
  } catch (error) {
    const e = error instanceof SamlError ? error : new SamlError('bad-xml', (error as Error).message);
    return htmlPage(messagePage('Utloggningen kunde inte genomföras', 'Tjänsten skickade en utloggningsbegäran som inte kan tas emot.', '', `${e.code}: ${e.message}`), { operation: OPERATION, outcome: 'error', errorId: e.code, message: e.message }, 400);
  }
}

/** Handlers of the SLO endpoints and the IdP's own logout page. */
export function sloHandlers(ctx: IdpContext): RequestHandler[] {
  return [
    http.get(IDP_PATHS.sloRedirect, ({ request }) => logout(ctx, request, 'redirect')),
    http.post(IDP_PATHS.sloPost, ({ request }) => logout(ctx, request, 'post')),
    http.get(IDP_PATHS.logout, ({ request }) => {
      const ended = ctx.sessions.close(cookieValue(request, ctx.cookieName()));
      return loggedOut(ctx, ended ? 'SSO session ended at the IdP' : 'no SSO session');
    }),
  ];
}
