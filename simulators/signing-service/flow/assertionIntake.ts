/**
 * Step 2 of a signature: the IdP's Response arrives at the ACS (`SAMLResponse`, `RelayState`). The
 * waiting transaction is found by the SAML RelayState (none: error page), the Response validated
 * (signature against the IdP's metadata certificate, InResponseTo, audience, time, replay), the
 * authentication checked against the SignRequest, and the tasks signed. Every outcome after the
 * transaction is found is a signed SignResponse posted back to the requester's Audience:
 * IdP cancel → user-cancel; other IdP failures → authn-failed; the checks → their own codes.
 */
import { XMLSerializer, type Element } from '@xmldom/xmldom';
import { validateSamlResponse, type ValidatedResponse } from '../../kit/saml/responseValidator.js';
import { NS, STATUS } from '../../kit/saml/samlConstants.js';
import { SamlError } from '../../kit/saml/samlError.js';
import { parseXmlSafely } from '../../kit/xml/safeXml.js';
import { childElements } from '../../kit/xml/dom.js';
import { RESULT_MINOR } from '../dss/dssNames.js';
import { DssResultError, RequestRefused } from '../dss/dssProblems.js';
import { buildSuccessResponse } from '../dss/signResponseBuilder.js';
import { signResponsePostPage } from '../web/pages.js';
import { asResultError, checkOwnCertificate, errorResponseAnswer, journalOutbound, refusedAnswer, type FlowAnswer, type FlowContext, type ResponseTarget } from './flowContext.js';
import { createSignatures } from './signatureCreation.js';
import { signerFromAssertion, type AssertedAuthentication } from './signerFromAssertion.js';
import type { SignTransaction } from './transactions.js';

const OPERATION = 'SAML Response';

/** Handles the IdP's posted Response. */
export async function receiveAssertion(ctx: FlowContext, form: URLSearchParams): Promise<FlowAnswer> {
  const tx = ctx.transactions.take(form.get('RelayState') ?? undefined);
  if (typeof tx === 'string') {
    return refusedAnswer(new RequestRefused('Okänd eller avslutad underskrift', `The identity provider's answer cannot be used: ${tx}. Start the signing again from the e-service.`), OPERATION);
  }
  const target: ResponseTarget = {
    requestId: tx.request.input.requestId,
    version: tx.request.input.version,
    audience: tx.authenticated.audience,
    relayState: tx.dssRelayState,
    requester: ctx.settings.requesterParty(tx.authenticated.requester.entityId),
  };
  try {
    const samlResponse = form.get('SAMLResponse');
    if (!samlResponse) throw DssResultError.responder(RESULT_MINOR.authnFailed, 'The identity provider posted no SAMLResponse to the assertion consumer service.');
    const validated = validateResponse(ctx, tx, samlResponse);
    const authn = assertedAuthentication(validated);
    checkOwnCertificate(ctx);
    const signer = signerFromAssertion(tx.request, authn);
    const created = await createSignatures({ ca: ctx.ca, now: ctx.clock.now(), request: tx.request, authn, signer, serviceEntityId: ctx.endpoints.entityId });
    const xml = buildSuccessResponse(
      { requestId: target.requestId, version: target.version, responseTime: ctx.clock.now(), assertion: created.assertion, certificateChainPem: created.certificateChainPem, tasks: created.tasks },
      ctx.credential.current,
    );
    journalOutbound(ctx, {
      toParty: target.requester,
      operation: 'DSS SignResponse',
      url: target.audience,
      body: xml,
      outcome: 'ok',
      resultCode: 'Success',
      messageId: target.requestId,
      message: `signed ${created.tasks.length} task(s) for ${signer.identity.hsaId} (${signer.identity.fullName})`,
    });
    return {
      status: 200,
      html: signResponsePostPage({ audience: target.audience, relayState: target.relayState, signResponseXml: xml, autoSubmit: ctx.settings.autoSubmit }),
      notes: { operation: OPERATION, outcome: 'ok', messageId: target.requestId, resultCode: 'Success', message: `assertion ${authn.assertionId} for ${signer.identity.hsaId} accepted; SignResponse Success` },
    };
  } catch (error) {
    return errorResponseAnswer(ctx, target, asResultError(error), OPERATION);
  }
}

function validateResponse(ctx: FlowContext, tx: SignTransaction, samlResponse: string): ValidatedResponse {
  try {
    return validateSamlResponse(
      { samlResponse },
      {
        clock: ctx.clock,
        idp: { entityId: tx.idp.entityId, signingCertificatesPem: tx.idp.signingCertificatesPem },
        sp: { entityId: ctx.endpoints.entityId, assertionConsumerServiceUrls: [ctx.endpoints.assertionConsumerUrl, ctx.endpoints.requestUrl] },
        isOutstandingRequest: (id) => id === tx.authnRequestId,
        replayCache: ctx.replayCache,
        allowUnsolicited: false,
        requireSignedAssertion: true,
      },
    );
  } catch (error) {
    if (!(error instanceof SamlError)) throw error;
    if (error.code === 'status' && error.context.statusCodes?.includes(STATUS.cancel)) {
      throw DssResultError.responder(RESULT_MINOR.userCancel, `The signer cancelled at the identity provider (${error.context.statusCodes.join(' / ')}${error.context.statusMessage ? `: "${error.context.statusMessage}"` : ''}).`);
    }
    const what = error.code === 'status' ? 'The identity provider reported a failed authentication' : `The identity provider's Response was refused (${error.code})`;
    throw DssResultError.responder(RESULT_MINOR.authnFailed, `${what}: ${error.message}.`);
  }
}

/** The assertion facts the checks use, with the assertion element as received. */
function assertedAuthentication(v: ValidatedResponse): AssertedAuthentication {
  const root = parseXmlSafely(v.xml, { maxBytes: 2 * 1024 * 1024 }).documentElement as Element;
  const assertion = childElements(root, NS.saml, 'Assertion')[0];
  return {
    issuer: v.issuer,
    assertionId: v.assertionId,
    authnInstant: v.authnInstant,
    authnContextClassRef: v.authnContextClassRef,
    attributes: Object.entries(v.attributes).map(([name, values]) => ({ name, values })),
    assertionXml: assertion ? new XMLSerializer().serializeToString(assertion) : '',
  };
}
