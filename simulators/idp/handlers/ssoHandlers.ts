/**
 * The SSO endpoints of the three entities (HTTP-Redirect GET, HTTP-POST POST) and their metadata:
 * read and check the AuthnRequest, then answer from the SSO session, or send the browser to the
 * login page (login entity) or straight into an eID sign order (sign entities).
 */
import type { RequestHandler } from 'msw';
import { http } from '../../kit/network/routeHandlers.js';
import { parseAuthnRequest, type IncomingSamlRequest } from '../../kit/saml/authnRequestParser.js';
import { ERROR_STATUS } from '../../kit/saml/responseBuilder.js';
import { LOA, STATUS } from '../../kit/saml/samlConstants.js';
import { SamlError } from '../../kit/saml/samlError.js';
import { withNotes } from '../../kit/network/exchangeNotes.js';
import { HttpResponse } from 'msw';
import { entityMetadataXml, IDP_PATHS, type IdpEntity, type IdpEntityKind } from '../idpEntities.js';
import type { IdpContext } from '../idpContext.js';
import { messagePage } from '../pages/layout.js';
import { loaPossible, userLoa } from '../response/assertionAttributes.js';
import { cookieValue, htmlPage, readForm, seeOther, takeTransportFault } from './httpHelpers.js';

const OPERATION = 'SAML AuthnRequest';

function metadataResponse(ctx: IdpContext, entity: IdpEntity): Response {
  const xml = entityMetadataXml(entity, { certificatePem: ctx.credential.certificatePem, wantAuthnRequestsSigned: ctx.requireSignedRequests });
  return withNotes(new HttpResponse(xml, { headers: { 'content-type': 'application/samlmetadata+xml; charset=utf-8' } }), { operation: 'SAML Metadata', message: entity.entityId });
}

async function intake(ctx: IdpContext, kind: IdpEntityKind, request: Request, binding: 'redirect' | 'post'): Promise<Response> {
  const fault = await takeTransportFault(ctx.faults, OPERATION);
  if (fault) return fault;
  const entity = ctx.entities()[kind];
  let incoming: IncomingSamlRequest;
  if (binding === 'redirect') incoming = { binding, rawQuery: new URL(request.url).search };
  else {
    const form = await readForm(request);
    incoming = { binding, samlRequest: form.SAMLRequest ?? '', relayState: form.RelayState };
  }
  let parsed;
  try {
    parsed = parseAuthnRequest(incoming, {
      clock: ctx.clock,
      serviceProvider: (id) => ctx.serviceProviders.get(id),
      destinations: [entity.ssoRedirect, entity.ssoPost],
      requireSignedRequests: ctx.requireSignedRequests,
    });
  } catch (error) {
    const e = error instanceof SamlError ? error : new SamlError('bad-xml', (error as Error).message);
    return htmlPage(
      messagePage('Inloggningen kunde inte starta', 'Tjänsten du kom från skickade en inloggningsbegäran som inte kan tas emot. Gå tillbaka och försök igen, eller kontakta tjänstens förvaltning.', '', `${e.code}: ${e.message}`),
      { operation: OPERATION, outcome: 'error', errorId: e.code, messageId: e.context.id, message: `refused AuthnRequest${e.context.issuer ? ` from ${e.context.issuer}` : ''}: ${e.message}` },
      400,
    );
  }
  const tx = ctx.transactions.create(parsed, entity);
  const notes = { operation: OPERATION, messageId: parsed.id, message: `from ${parsed.issuer} to ${entity.entityId} (${binding}${parsed.signed ? ', signed' : ''}${parsed.forceAuthn ? ', ForceAuthn' : ''}${parsed.signMessage ? ', SignMessage' : ''})` };
  const complete = `/saml/login/${tx.id}/complete`;
  if (!loaPossible(parsed.requestedAuthnContext)) {
    tx.outcome = { kind: 'error', status: ERROR_STATUS.noAuthnContext(), reason: `none of ${parsed.requestedAuthnContext?.classRefs.join(', ')} (${parsed.requestedAuthnContext?.comparison}) can be met; this IdP gives ${LOA.loa3}, or ${LOA.loa2} for reserve cards` };
    return seeOther(complete, { ...notes, message: `${notes.message}: NoAuthnContext` });
  }
  if (entity.kind !== 'login' && parsed.signMessage?.encrypted && parsed.signMessage.mustShow) {
    tx.outcome = { kind: 'error', status: ERROR_STATUS.requestDenied('Underskriftstexten är krypterad och kan inte visas'), reason: 'encrypted SignMessage with MustShow cannot be shown by this simulator' };
    return seeOther(complete, notes);
  }
  if (entity.kind === 'login') {
    const session = ctx.sessions.get(cookieValue(request, ctx.cookieName()));
    if (session && !parsed.forceAuthn) {
      tx.outcome = { kind: 'authenticated', user: session.user, method: session.method, loa: userLoa(session.user), session };
      return seeOther(complete, { ...notes, message: `${notes.message}; answered from SSO session of ${session.user.hsaId}` });
    }
    if (parsed.isPassive) {
      tx.outcome = { kind: 'error', status: { code: STATUS.responder, subCode: STATUS.noPassive, message: 'Ingen inloggning finns' }, reason: 'IsPassive and no SSO session' };
      return seeOther(complete, notes);
    }
  } else {
    tx.method = entity.method;
  }
  return seeOther(`/saml/login/${tx.id}`, notes);
}

/** Handlers for SSO and metadata of all three entities. */
export function ssoHandlers(ctx: IdpContext): RequestHandler[] {
  const signEntity = (path: string, kind: IdpEntityKind): RequestHandler[] => [
    http.get(`${path}/metadata`, () => metadataResponse(ctx, ctx.entities()[kind])),
    http.get(path, ({ request }) =>
      new URL(request.url).searchParams.has('SAMLRequest') ? intake(ctx, kind, request, 'redirect') : metadataResponse(ctx, ctx.entities()[kind]),
    ),
    http.post(path, ({ request }) => intake(ctx, kind, request, 'post')),
  ];
  return [
    http.get(IDP_PATHS.metadata, () => metadataResponse(ctx, ctx.entities().login)),
    http.get(IDP_PATHS.ssoRedirect, ({ request }) => intake(ctx, 'login', request, 'redirect')),
    http.post(IDP_PATHS.ssoPost, ({ request }) => intake(ctx, 'login', request, 'post')),
    ...signEntity(IDP_PATHS.signSameDevice, 'sign-same-device'),
    ...signEntity(IDP_PATHS.signOtherDevice, 'sign-other-device'),
    http.all(IDP_PATHS.signMtls, () =>
      htmlPage(
        messagePage('Underskrift med SITHS-kort stöds inte', 'Underskriftstjänsten kan inte användas med SITHS-kort via dubbelriktad TLS. Logga in med SITHS eID för att kunna skriva under.'),
        { operation: OPERATION, outcome: 'error', message: 'sign request to the mTLS sign entity, which cannot be used for signing' },
        400,
      ),
    ),
  ];
}
