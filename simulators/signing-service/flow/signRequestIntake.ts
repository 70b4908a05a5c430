/**
 * Step 1 of a signature: the browser posts `Binding`, `RelayState`, `EidSignRequest`. The request
 * is decoded, read and authenticated (failures: error page, no SignResponse), then checked against
 * the profile (failures: signed error SignResponse to the Audience). A good request becomes a
 * waiting transaction, and the signer is sent on to the IdP with a signed AuthnRequest
 * (ForceAuthn, the requested LoAs, the sign message in Extensions).
 */
import { buildAuthnRequestPost, buildAuthnRequestRedirect, type AuthnRequestOptions } from '../../kit/saml/authnRequestBuilder.js';
import { xmlEscape } from '../../kit/xml/xmlText.js';
import { DSS_POST_BINDING, EMPLOYEE_HSA_ID } from '../dss/dssNames.js';
import { RequestRefused } from '../dss/dssProblems.js';
import { authenticateSignRequest, type AuthenticatedRequest } from '../dss/requestSignature.js';
import { decodeSignRequest, readSignRequest, type SignRequestInput } from '../dss/signRequestReader.js';
import { applySignRequestRules, type AcceptedSignRequest } from '../dss/signRequestRules.js';
import { HSAID_ATTRIBUTE_SERVICE_INDEX, HSAID_AUTHN_PROFILE } from '../saml/serviceMetadata.js';
import type { ResolvedIdentityProvider } from '../trust/identityProviders.js';
import { signMessageText, waitingPage, type IdpHandoff } from '../web/pages.js';
import { asResultError, checkOwnCertificate, errorResponseAnswer, journalOutbound, refusedAnswer, type FlowAnswer, type FlowContext } from './flowContext.js';
import { SignTransactions } from './transactions.js';
import { inputExcerpt } from '../../kit/text/inputExcerpt.js';

const OPERATION = 'DSS SignRequest';
const PSC_NS = 'http://id.swedenconnect.se/authn/1.0/principal-selection/ns';

/** Handles a posted SignRequest form. */
export function receiveSignRequest(ctx: FlowContext, form: URLSearchParams): FlowAnswer {
  let input: SignRequestInput | undefined;
  let authenticated: AuthenticatedRequest;
  try {
    const binding = form.get('Binding');
    if (binding !== null && binding !== DSS_POST_BINDING) {
      throw new RequestRefused('Okänd binding', `The form field Binding is "${inputExcerpt(binding)}"; this service accepts only ${DSS_POST_BINDING} (or no Binding field).`);
    }
    const xml = decodeSignRequest(form.get('EidSignRequest'));
    input = readSignRequest(xml);
    authenticated = authenticateSignRequest(xml, input, ctx.requesters);
  } catch (error) {
    const refusal =
      error instanceof RequestRefused
        ? error
        : new RequestRefused('Internt fel i underskriftstjänsten', `The signing service simulator failed while reading the request: ${error instanceof Error ? error.message : String(error)}. This is a simulator bug; report it with the request.`);
    return refusedAnswer(refusal, OPERATION, input?.requestId);
  }
  const target = {
    requestId: input.requestId,
    version: input.version,
    audience: authenticated.audience,
    relayState: form.get('RelayState') || input.requestId,
    requester: ctx.settings.requesterParty(authenticated.requester.entityId),
  };
  try {
    checkOwnCertificate(ctx);
    const accepted = applySignRequestRules(input, {
      now: ctx.clock.now(),
      relayState: form.get('RelayState') ?? undefined,
      serviceEntityId: ctx.endpoints.entityId,
      knowsIdentityProvider: (idp) => ctx.identityProviders.resolve(idp) !== undefined,
      maxMessageAgeMs: ctx.settings.maxMessageAgeMs,
      allowedClockSkewMs: ctx.settings.allowedClockSkewMs,
    });
    const idp = ctx.identityProviders.resolve(accepted.identityProvider)!;
    return sendToIdentityProvider(ctx, accepted, authenticated, idp, target.relayState);
  } catch (error) {
    return errorResponseAnswer(ctx, target, asResultError(error), OPERATION);
  }
}

function sendToIdentityProvider(ctx: FlowContext, request: AcceptedSignRequest, authenticated: AuthenticatedRequest, idp: ResolvedIdentityProvider, dssRelayState: string): FlowAnswer {
  const input = request.input;
  const samlRelayState = SignTransactions.newRelayState();
  const principal = `<psc:PrincipalSelection xmlns:psc="${PSC_NS}"><psc:MatchValue Name="${EMPLOYEE_HSA_ID}">${xmlEscape(request.signerHsaId)}</psc:MatchValue></psc:PrincipalSelection>`;
  const options: AuthnRequestOptions & { relayState: string } = {
    clock: ctx.clock,
    issuer: ctx.endpoints.entityId,
    destination: idp.ssoUrl,
    assertionConsumerServiceUrl: ctx.endpoints.assertionConsumerUrl,
    forceAuthn: true,
    attributeConsumingServiceIndex: input.authnProfile === undefined || input.authnProfile === HSAID_AUTHN_PROFILE ? HSAID_ATTRIBUTE_SERVICE_INDEX : undefined,
    requestedAuthnContext: input.loas.length > 0 ? { classRefs: input.loas, comparison: 'exact' } : undefined,
    extensionsXml: `${input.signMessage?.elementXml ?? ''}${principal}`,
    requesterIds: input.signRequester ? [input.signRequester] : undefined,
    relayState: samlRelayState,
  };
  const signing = { privateKeyPem: ctx.credential.current.privateKeyPem, certificatePem: ctx.credential.current.certificatePem };
  let handoff: IdpHandoff;
  let authnRequest: { id: string; xml: string };
  if (idp.binding === 'post') {
    const built = buildAuthnRequestPost({ ...options, signing });
    handoff = { binding: 'post', action: built.action, fields: built.fields };
    authnRequest = built;
  } else {
    const built = buildAuthnRequestRedirect({ ...options, signing });
    handoff = { binding: 'redirect', url: built.url };
    authnRequest = built;
  }
  ctx.transactions.add({ samlRelayState, authnRequestId: authnRequest.id, request, authenticated, dssRelayState, idp, createdAt: ctx.clock.now() });
  journalOutbound(ctx, {
    toParty: 'idp',
    operation: 'SAML AuthnRequest',
    url: idp.ssoUrl,
    body: authnRequest.xml,
    outcome: 'ok',
    messageId: input.requestId,
    message: `AuthnRequest ${authnRequest.id}, ForceAuthn, for signer ${request.signerHsaId} (${idp.binding} binding)`,
  });
  const sm = input.signMessage;
  const text = signMessageText(sm?.messageBase64 !== undefined ? Buffer.from(sm.messageBase64, 'base64').toString('utf8') : undefined, sm?.mimeType ?? 'text', sm?.encrypted ?? false);
  return {
    status: 200,
    html: waitingPage({ signMessage: text, identityProvider: idp.entityId, handoff, delayMs: ctx.settings.redirectDelayMs }),
    notes: { operation: OPERATION, outcome: 'ok', messageId: input.requestId, message: `accepted from ${authenticated.requester.entityId}; signer ${request.signerHsaId} sent to ${idp.ssoUrl}` },
  };
}
