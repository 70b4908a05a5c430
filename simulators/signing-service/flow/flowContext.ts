/**
 * What the two steps of a signature (SignRequest in, IdP answer in) share: the service's state and
 * settings, the answer they give the browser, and the two answers every step can end with: an
 * error page (no SignResponse) or a signed SignResponse posted back to the requester. Messages
 * carried through the browser (AuthnRequest, SignResponse) are also journalled as outbound
 * exchanges of the signing service, so the traffic journal shows them as the parties see them.
 */
import type { Clock } from '../../kit/clock/virtualClock.js';
import type { TrafficJournal } from '../../kit/journal/trafficJournal.js';
import type { ExchangeNotes } from '../../kit/network/exchangeNotes.js';
import type { ReplayCache } from '../../kit/saml/replayCache.js';
import type { ServiceCredential } from '../credential/serviceCredential.js';
import { RESULT_MAJOR, RESULT_MINOR } from '../dss/dssNames.js';
import { DssResultError, type RequestRefused } from '../dss/dssProblems.js';
import { resultMessageSv } from '../dss/resultMessages.js';
import { buildErrorResponse } from '../dss/signResponseBuilder.js';
import type { ServiceEndpoints } from '../saml/serviceMetadata.js';
import type { SignerCa } from '../signer/signerCa.js';
import type { IdentityProviders } from '../trust/identityProviders.js';
import type { TrustedRequesters } from '../trust/trustedRequesters.js';
import { errorPage, signResponsePostPage } from '../web/pages.js';
import type { SignTransactions } from './transactions.js';

/** The party name the journal records for this service. */
export const SIGNING_SERVICE_PARTY = 'signing-service';

/** Behaviour switches of one service. */
export interface FlowSettings {
  /** Refuse to sign (ResponderError/GeneralError) while the own certificate is expired; default true. */
  refuseWhenOwnCertificateExpired: boolean;
  /** How long the waiting page is shown before the browser goes on to the IdP. */
  redirectDelayMs: number;
  maxMessageAgeMs?: number;
  allowedClockSkewMs?: number;
  /** Party name of requesters in the journal, by entityID; default `webcert`. */
  requesterParty: (entityId: string) => string;
  /** Whether answer pages submit themselves (false leaves a button, for inspection). */
  autoSubmit: boolean;
}

/** The service's state as the flow uses it. */
export interface FlowContext {
  clock: Clock;
  journal?: TrafficJournal;
  endpoints: ServiceEndpoints;
  credential: ServiceCredential;
  ca: SignerCa;
  requesters: TrustedRequesters;
  identityProviders: IdentityProviders;
  transactions: SignTransactions;
  replayCache: ReplayCache;
  settings: FlowSettings;
}

/** What an endpoint answers the browser, with the journal notes of the exchange. */
export interface FlowAnswer {
  status: number;
  html: string;
  notes: ExchangeNotes;
}

/** Who gets a SignResponse and what it answers. */
export interface ResponseTarget {
  requestId: string;
  version: string;
  audience: string;
  relayState: string;
  requester: string;
}

/** The error page for a refused request (HTTP 400; nothing is posted back). */
export function refusedAnswer(refusal: RequestRefused, operation: string, requestId?: string): FlowAnswer {
  return {
    status: 400,
    html: errorPage({ title: refusal.title, detail: refusal.message, requestId }),
    notes: { operation, outcome: 'error', messageId: requestId, message: `${refusal.title}: ${refusal.message} (no SignResponse posted)` },
  };
}

/** Journals a message the service hands the browser for another party. */
export function journalOutbound(ctx: FlowContext, r: { toParty: string; operation: string; url: string; body: string; outcome: 'ok' | 'error'; resultCode?: string; errorId?: string; message?: string; messageId?: string }): void {
  ctx.journal?.record({
    side: 'outbound',
    fromParty: SIGNING_SERVICE_PARTY,
    toParty: r.toParty,
    operation: r.operation,
    method: 'POST',
    url: r.url,
    startedAt: ctx.clock.now(),
    durationMs: 0,
    outcome: r.outcome,
    resultCode: r.resultCode,
    errorId: r.errorId,
    message: r.message ? `${r.message} (carried by the browser)` : 'carried by the browser',
    messageId: r.messageId,
    requestBody: r.body,
  });
}

/** Short form of a ResultMajor for the journal's resultCode column, e.g. `RequesterError`. */
export const majorShort = (major: string) => major.slice(major.lastIndexOf(':') + 1);

/** Signs an error SignResponse and answers the page that posts it to the requester. */
export function errorResponseAnswer(ctx: FlowContext, target: ResponseTarget, error: DssResultError, operation: string): FlowAnswer {
  const xml = buildErrorResponse(
    { requestId: target.requestId, version: target.version, responseTime: ctx.clock.now(), resultMajor: error.resultMajor, resultMinor: error.resultMinor, resultMessage: resultMessageSv(error) },
    ctx.credential.current,
  );
  journalOutbound(ctx, {
    toParty: target.requester,
    operation: 'DSS SignResponse',
    url: target.audience,
    body: xml,
    outcome: 'error',
    resultCode: majorShort(error.resultMajor),
    errorId: error.resultMinor,
    message: error.message,
    messageId: target.requestId,
  });
  return {
    status: 200,
    html: signResponsePostPage({ audience: target.audience, relayState: target.relayState, signResponseXml: xml, autoSubmit: ctx.settings.autoSubmit }),
    notes: { operation, outcome: 'error', messageId: target.requestId, resultCode: majorShort(error.resultMajor), errorId: error.resultMinor, message: `answered ${error.resultMinor ?? error.resultMajor}: ${error.message}` },
  };
}

/**
 * Refuses to go on when the service's own certificate is expired and the service is set to care.
 * @throws {DssResultError} ResponderError + GeneralError saying the certificate expired.
 */
export function checkOwnCertificate(ctx: FlowContext): void {
  if (!ctx.settings.refuseWhenOwnCertificateExpired || !ctx.credential.isExpired(ctx.clock.now())) return;
  const c = ctx.credential.current;
  throw new DssResultError(
    RESULT_MAJOR.responderError,
    RESULT_MINOR.generalError,
    `The signing service's own certificate is valid ${c.notBefore.toISOString()} – ${c.notAfter.toISOString()}, outside the service time ${new Date(ctx.clock.now()).toISOString()}; it refuses to sign with an expired certificate (refuseWhenOwnCertificateExpired). Restore or renew the certificate.`,
    'Underskriftstjänstens eget certifikat har gått ut; tjänsten skriver inte under.',
  );
}

/** Any failure inside the service, as the error it is answered with. */
export function asResultError(error: unknown): DssResultError {
  if (error instanceof DssResultError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return DssResultError.responder(RESULT_MINOR.generalError, `Internal error in the signing service simulator: ${reason}`);
}
