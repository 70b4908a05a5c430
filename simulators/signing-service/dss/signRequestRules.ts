/**
 * The profile's rules for a trusted SignRequest (DSS-Ext 1.1 / Sweden Connect's reference
 * service): profile, version, RelayState, time window, addressing, algorithm, sign tasks and the
 * Signer. Each broken rule is a {@link DssResultError}, answered with a signed SignResponse.
 */
import { EMPLOYEE_HSA_ID, DSS_EXT_PROFILE, SIGNATURE_ALGORITHMS } from './dssNames.js';
import { HSAID_AUTHN_PROFILE } from '../saml/serviceMetadata.js';
import { DssResultError } from './dssProblems.js';
import type { SignRequestInput, SignTaskInput } from './signRequestReader.js';
import { checkToBeSignedSignedInfo } from './toBeSignedSignedInfo.js';
import { parseXsDateTime, xsDateTime } from './xsDateTime.js';
import { inputExcerpt } from '../../kit/text/inputExcerpt.js';

/** Sweden Connect's reference defaults: `max-message-age: PT3M`, `allowed-clock-skew: PT30S`. */
export const DEFAULT_MAX_MESSAGE_AGE_MS = 3 * 60_000;
export const DEFAULT_ALLOWED_CLOCK_SKEW_MS = 30_000;

/** What the rules need from the service. */
export interface SignRequestRuleContext {
  now: number;
  /** The RelayState form field as posted. */
  relayState: string | undefined;
  /** The service's own entityID (must equal csig:SignService). */
  serviceEntityId: string;
  /** Whether the service can send users to this IdP. */
  knowsIdentityProvider: (entityId: string) => boolean;
  maxMessageAgeMs?: number;
  allowedClockSkewMs?: number;
}

/** A SignRequest that passed every rule, with the values the flow uses. */
export interface AcceptedSignRequest {
  input: SignRequestInput;
  signerHsaId: string;
  identityProvider: string;
  signatureAlgorithm: string;
  tasks: Required<Pick<SignTaskInput, 'signTaskId' | 'sigType' | 'toBeSignedBase64'>>[];
}

/** Compares dotted version strings numerically ("1.10" > "1.4"). */
export function versionAtLeast(version: string, minimum: string): boolean {
  const a = version.split('.').map((p) => Number.parseInt(p, 10) || 0);
  const b = minimum.split('.').map((p) => Number.parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}

/**
 * Applies the rules in the order Sweden Connect's service does.
 * @throws {DssResultError} for the first broken rule, with a message that says what and why.
 */
export function applySignRequestRules(input: SignRequestInput, ctx: SignRequestRuleContext): AcceptedSignRequest {
  if (input.profile !== DSS_EXT_PROFILE) {
    throw DssResultError.badRequest(`SignRequest Profile is "${inputExcerpt(input.profile ?? '(missing)')}", expected ${DSS_EXT_PROFILE}.`);
  }
  if (!/^\d+(\.\d+)*$/.test(input.version)) {
    throw DssResultError.badRequest(`SignRequestExtension Version "${inputExcerpt(input.version)}" is not a version number such as 1.4.`);
  }
  if ((input.authnProfile !== undefined || input.loas.length > 1) && !versionAtLeast(input.version, '1.4')) {
    throw DssResultError.badRequest(
      `SignRequestExtension Version is ${input.version}, but the request uses ${input.authnProfile !== undefined ? 'AuthnProfile' : `${input.loas.length} AuthnContextClassRef`}, which needs Version 1.4 or later.`,
    );
  }
  if (input.authnProfile !== undefined && input.authnProfile !== HSAID_AUTHN_PROFILE) {
    throw DssResultError.badRequest(`AuthnProfile "${inputExcerpt(input.authnProfile)}" is not one this service offers; its metadata has an AttributeConsumingService for ${HSAID_AUTHN_PROFILE} only.`);
  }
  if (!ctx.relayState) {
    throw DssResultError.badRequest('The form field RelayState is missing; it must carry the RequestID of the SignRequest.');
  }
  if (ctx.relayState !== input.requestId) {
    throw DssResultError.badRequest(`RelayState "${inputExcerpt(ctx.relayState)}" differs from the SignRequest's RequestID "${inputExcerpt(input.requestId)}"; the binding requires them to be equal.`);
  }
  checkTimes(input, ctx);
  if (input.signService === undefined) {
    throw DssResultError.badRequest(`csig:SignService is missing; it must name this service (${ctx.serviceEntityId}).`);
  }
  if (input.signService !== ctx.serviceEntityId) {
    throw DssResultError.badRequest(`csig:SignService is "${inputExcerpt(input.signService)}", but this service is ${ctx.serviceEntityId}; send the request to the service it names.`);
  }
  const identityProvider = input.identityProvider;
  if (!identityProvider) {
    throw DssResultError.badRequest('csig:IdentityProvider is missing; the service needs to know where the signer authenticates.');
  }
  if (!ctx.knowsIdentityProvider(identityProvider)) {
    throw DssResultError.badRequest(`csig:IdentityProvider "${inputExcerpt(identityProvider)}" is not an identity provider this service knows; use one from its federation metadata.`);
  }
  const signatureAlgorithm = input.requestedSignatureAlgorithm ?? SIGNATURE_ALGORITHMS.rsaSha256;
  if (signatureAlgorithm !== SIGNATURE_ALGORITHMS.ecdsaSha256) {
    throw DssResultError.badRequest(`RequestedSignatureAlgorithm is ${signatureAlgorithm}${input.requestedSignatureAlgorithm ? '' : ' (the default when absent)'}; this simulator signs with ${SIGNATURE_ALGORITHMS.ecdsaSha256} only, as Webcert requests.`);
  }
  if (input.certType !== undefined && input.certType !== 'PKC') {
    throw DssResultError.badRequest(`CertType "${inputExcerpt(input.certType)}" is not supported; this service issues PKC certificates only.`);
  }
  const signerHsaId = input.signer.find((a) => a.name === EMPLOYEE_HSA_ID)?.values[0];
  if (!signerHsaId) {
    throw DssResultError.badRequest(`csig:Signer has no attribute ${EMPLOYEE_HSA_ID} with a value; Webcert names the signer by HSA-ID, and the service checks the authenticated user against it.`);
  }
  const tasks = checkSignTasks(input, signatureAlgorithm);
  return { input, signerHsaId, identityProvider, signatureAlgorithm, tasks };
}

function checkTimes(input: SignRequestInput, ctx: SignRequestRuleContext): void {
  const maxAge = ctx.maxMessageAgeMs ?? DEFAULT_MAX_MESSAGE_AGE_MS;
  const skew = ctx.allowedClockSkewMs ?? DEFAULT_ALLOWED_CLOCK_SKEW_MS;
  const now = ctx.now;
  const at = ` (service time ${xsDateTime(now)}, max message age ${maxAge / 1000} s, allowed clock skew ${skew / 1000} s)`;
  if (input.requestTime === undefined) throw DssResultError.badRequest('csig:RequestTime is missing; it is required.');
  const requestTime = parseXsDateTime(input.requestTime);
  if (requestTime === undefined) throw DssResultError.badRequest(`csig:RequestTime "${inputExcerpt(input.requestTime)}" is not an xs:dateTime.`);
  if (requestTime > now + skew) {
    throw DssResultError.badRequest(`csig:RequestTime ${input.requestTime} lies in the future${at}; check the requester's clock.`);
  }
  if (requestTime + maxAge + skew < now) {
    throw DssResultError.expired(`The SignRequest was created at ${input.requestTime} and is too old${at}; start the signing again.`);
  }
  const notBefore = parseXsDateTime(input.notBefore);
  if (input.notBefore !== undefined && notBefore === undefined) throw DssResultError.badRequest(`Conditions NotBefore "${inputExcerpt(input.notBefore)}" is not an xs:dateTime.`);
  if (notBefore !== undefined && notBefore > now + skew) {
    throw DssResultError.badRequest(`Conditions NotBefore ${input.notBefore} lies in the future${at}; the request is not valid yet.`);
  }
  const notOnOrAfter = parseXsDateTime(input.notOnOrAfter);
  if (input.notOnOrAfter !== undefined && notOnOrAfter === undefined) throw DssResultError.badRequest(`Conditions NotOnOrAfter "${inputExcerpt(input.notOnOrAfter)}" is not an xs:dateTime.`);
  if (notOnOrAfter !== undefined && notOnOrAfter <= now - skew) {
    throw DssResultError.expired(`The SignRequest expired at ${input.notOnOrAfter} (Conditions NotOnOrAfter)${at}; start the signing again.`);
  }
}

function checkSignTasks(input: SignRequestInput, signatureAlgorithm: string): AcceptedSignRequest['tasks'] {
  if (!input.hasSignTasks || input.signTasks.length === 0) {
    throw DssResultError.badRequest('dss:InputDocuments/dss:Other/csig:SignTasks with at least one csig:SignTaskData is missing; there is nothing to sign.');
  }
  const seen = new Set<string>();
  return input.signTasks.map((task, i) => {
    const which = `SignTaskData #${i + 1}${task.signTaskId ? ` (SignTaskId ${task.signTaskId})` : ''}`;
    if (!task.signTaskId && input.signTasks.length > 1) throw DssResultError.badRequest(`${which} has no SignTaskId; with several tasks each needs one.`);
    const id = task.signTaskId ?? '';
    if (seen.has(id)) throw DssResultError.badRequest(`${which}: SignTaskId "${inputExcerpt(id)}" is used twice; ids must be unique in a request.`);
    seen.add(id);
    if (!task.sigType) throw DssResultError.badRequest(`${which} has no SigType; it is required (XML for Webcert).`);
    if (task.sigType !== 'XML') throw DssResultError.badRequest(`${which} has SigType ${task.sigType}; this simulator signs XML sign tasks only.`);
    if (task.processingRules) throw DssResultError.badRequest(`${which} asks for ProcessingRules ${task.processingRules}, which this service does not know.`);
    if (task.adesType && task.adesType !== 'None') throw DssResultError.badRequest(`${which} asks for AdESType ${task.adesType}; this simulator makes plain XML signatures (AdESType None).`);
    if (!task.toBeSignedBase64) throw DssResultError.badRequest(`${which} has no ToBeSignedBytes; put the exclusive-canonical SignedInfo there, base64.`);
    const problem = checkToBeSignedSignedInfo(task.toBeSignedBase64, signatureAlgorithm);
    if (problem) throw DssResultError.badRequest(`${which}: ${problem}`);
    return { signTaskId: id, sigType: task.sigType, toBeSignedBase64: task.toBeSignedBase64 };
  });
}
