/**
 * Webcert's SAML login routes (webcert-surfaces.md §2): SP metadata, `/saml2/authenticate/{reg}`
 * (redirect to the IdP) and the ACS `/login/saml2/sso/{reg}`, which validates the Response, reads
 * employeeHsaId and urn:identityProviderForSign (both required), builds the user from HSA, checks
 * the user's subscriptions (directory/subscriptions.ts) and resumes a launch that was waiting for
 * the login.
 */
import type { RequestHandler } from 'msw';
import type { Clock } from '../../kit/clock/virtualClock.js';
import { withNotes } from '../../kit/network/exchangeNotes.js';
import { http } from '../../kit/network/routeHandlers.js';
import { OutstandingRequests, ReplayCache } from '../../kit/saml/replayCache.js';
import { validateSamlResponse } from '../../kit/saml/responseValidator.js';
import { formBody, htmlResponse, redirect, type WebContext } from '../web/webContext.js';
import { SessionStore } from '../web/sessions.js';
import { acsUrl, authnRequestRedirect, readIdp, REGISTRATIONS, spEntityId, webcertSpMetadata, type Registration, type SamlLoginConfig } from './samlServiceProvider.js';

const EMPLOYEE_HSA_ID = 'http://sambi.se/attributes/1/employeeHsaId';
const IDP_FOR_SIGN = 'urn:identityProviderForSign';

const registration = (value: unknown): Registration | undefined => REGISTRATIONS.find((r) => r === value);

export function loginRoutes(ctx: WebContext, clock: Clock, config: () => SamlLoginConfig | undefined): RequestHandler[] {
  const replay = new ReplayCache(clock);
  const outstanding = new OutstandingRequests<string>(clock, 15 * 60_000);
  const notConfigured = () => htmlResponse('<!doctype html><html lang="sv"><body><p>Ingen IdP är konfigurerad för den här Webcert-simulatorn. Använd fejkinloggningen på /welcome, eller starta topologin med en IdP.</p></body></html>', 503);
  return [
    http.get('/saml2/service-provider-metadata/:reg', ({ params }) => {
      const reg = registration(params.reg);
      const c = config();
      if (!reg || !c) return htmlResponse('unknown registration', 404);
      return new Response(webcertSpMetadata(ctx.baseUrl(), reg, c.credential), { headers: { 'content-type': 'application/samlmetadata+xml' } });
    }),
    http.get('/saml2/authenticate/:reg', ({ request, params }) => {
      const reg = registration(params.reg);
      const c = config();
      if (!reg) return redirect('/error?reason=auth-exception-resource', 302);
      if (!c) return notConfigured();
      const { session } = ctx.sessions.open(request);
      const built = authnRequestRedirect(clock, ctx.baseUrl(), reg, c);
      outstanding.add(built.id, session.id);
      return withNotes(redirect(built.url, 302, session), { operation: 'SAML AuthnRequest', message: `to ${readIdp(c).entityId}` });
    }),
    http.post('/login/saml2/sso/:reg', async ({ request, params }) => {
      const reg = registration(params.reg);
      const c = config();
      if (!reg || !c) return redirect('/error?reason=login.failed');
      const form = await formBody(request);
      const session = ctx.sessions.find(request);
      const fail = (reason: string, why: string) => withNotes(redirect(`/error?reason=${reason}`), { operation: 'SAML Response', outcome: 'error', message: why });
      let validated;
      try {
        const idp = readIdp(c);
        validated = validateSamlResponse(
          { samlResponse: form.get('SAMLResponse') ?? '' },
          {
            clock,
            idp: { entityId: idp.entityId, signingCertificatesPem: idp.idp.signingCertificatesPem },
            sp: { entityId: spEntityId(ctx.baseUrl(), reg), assertionConsumerServiceUrls: [acsUrl(ctx.baseUrl(), reg)] },
            isOutstandingRequest: (id) => outstanding.has(id),
            replayCache: replay,
          },
        );
      } catch (error) {
        return fail('login.failed', error instanceof Error ? error.message : String(error));
      }
      const requestSession = validated.inResponseTo ? outstanding.take(validated.inResponseTo)?.data : undefined;
      const hsaId = validated.attributes[EMPLOYEE_HSA_ID]?.[0];
      const idpForSign = validated.attributes[IDP_FOR_SIGN]?.[0];
      if (!hsaId || idpForSign === undefined) return fail('login.failed', `the assertion lacks ${hsaId ? IDP_FOR_SIGN : EMPLOYEE_HSA_ID}, which Webcert requires`);
      const staff = ctx.directory.staffMember(hsaId);
      if (!staff) return fail('login.failed', `HSA knows no employee ${hsaId} (MissingHsaEmployeeInformation)`);
      if (staff.commissions.length === 0) return fail('login.medarbetaruppdrag', `${hsaId} has no commission for "Vård och behandling"`);
      const target = session && session.id === requestSession ? session : ctx.sessions.open(request).session;
      const origin = target.pendingLaunch ? 'DJUPINTEGRATION' : 'NORMAL';
      // Webcert's subscription check ends the login (buildUserPrincipal) before the launch goes on.
      const subscription = ctx.directory.subscriptions.check(origin, ctx.directory.careProvidersOf(hsaId));
      if (subscription.refusal) return fail(subscription.refusal, subscription.why);
      target.user = {
        staff,
        authenticationMethod: validated.authnContextClassRef.endsWith(':fake') ? 'FAKE' : 'SITHS',
        authenticationScheme: validated.authnContextClassRef,
        identityProviderForSign: idpForSign,
        origin,
        saml: { nameId: validated.nameId, sessionIndex: validated.sessionIndex },
      };
      const next = target.pendingLaunch ? `/visa/intyg/${target.pendingLaunch.certificateId}/saved` : '/';
      const response = redirect(next, 302);
      response.headers.set('set-cookie', SessionStore.cookie(target));
      return withNotes(response, { operation: 'SAML Response', outcome: 'ok', message: `logged in ${hsaId} (${validated.authnContextClassRef})` });
    }),
  ];
}
