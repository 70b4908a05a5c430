/**
 * From the IdP's (validated) assertion to the signer of the certificate, with the profile's checks
 * of the authentication against the SignRequest: the asserted user must be the requested Signer
 * (user-mismatch), the LoA one of those requested (unsupported-loa), the sign message shown when
 * MustShow (signMessageDigest, else sigmessage-error), and every required certificate attribute
 * released (else authn-failed).
 */
import { createHash } from 'node:crypto';
import { DIGEST_ALGORITHMS, EMPLOYEE_HSA_ID, RESULT_MINOR, SAMBI_GIVEN_NAME, SAMBI_SURNAME, SIGN_MESSAGE_DIGEST, URN_NAME } from '../dss/dssNames.js';
import { DssResultError } from '../dss/dssProblems.js';
import type { AcceptedSignRequest } from '../dss/signRequestRules.js';
import type { RequestedCertAttribute } from '../dss/signRequestReader.js';
import type { AttributeMapping } from '../signer/authContextExtension.js';
import type { SignerIdentity } from '../signer/signerCa.js';
import { inputExcerpt } from '../../kit/text/inputExcerpt.js';

/** The facts of a validated assertion that the checks and the certificate use. */
export interface AssertedAuthentication {
  issuer: string;
  assertionId: string;
  /** Epoch ms of AuthnStatement/@AuthnInstant. */
  authnInstant: number;
  authnContextClassRef: string;
  attributes: { name: string; friendlyName?: string; values: string[] }[];
  /** The assertion element as received. */
  assertionXml: string;
}

/** The signer, the certificate's attribute mappings and the attributes that went in. */
export interface CheckedSigner {
  identity: SignerIdentity;
  mappings: AttributeMapping[];
}

/** Webcert's four requested certificate attributes, used when a request names none. */
const DEFAULT_CERT_ATTRIBUTES: RequestedCertAttribute[] = [
  { certAttributeRef: '2.5.4.42', certNameType: 'rdn', friendlyName: 'givenName', required: true, samlAttributeNames: [SAMBI_GIVEN_NAME] },
  { certAttributeRef: '2.5.4.4', certNameType: 'rdn', friendlyName: 'sn', required: true, samlAttributeNames: [SAMBI_SURNAME] },
  { certAttributeRef: '2.5.4.5', certNameType: 'rdn', friendlyName: 'serialNumber', required: true, samlAttributeNames: [EMPLOYEE_HSA_ID] },
  { certAttributeRef: '2.5.4.3', certNameType: 'rdn', friendlyName: 'commonName', required: true, samlAttributeNames: [URN_NAME] },
];

/**
 * Checks the authentication against the request and derives the signer.
 * @throws {DssResultError} ResponderError with user-mismatch, unsupported-loa, sigmessage-error or
 *   authn-failed, saying what differed.
 */
export function signerFromAssertion(request: AcceptedSignRequest, authn: AssertedAuthentication): CheckedSigner {
  const values = (name: string) => authn.attributes.filter((a) => a.name === name).flatMap((a) => a.values);
  for (const wanted of request.input.signer) {
    const got = values(wanted.name);
    const missing = wanted.values.filter((v) => !got.some((g) => g.toLowerCase() === v.toLowerCase()));
    if (got.length === 0 || missing.length > 0) {
      throw DssResultError.responder(
        RESULT_MINOR.userMismatch,
        `The SignRequest names the signer ${wanted.name} = ${wanted.values.join(', ')}, but the IdP authenticated ${got.length ? got.join(', ') : 'a user without that attribute'}; only the user named in csig:Signer may sign.`,
      );
    }
  }
  if (request.input.loas.length > 0 && !request.input.loas.includes(authn.authnContextClassRef)) {
    throw DssResultError.responder(
      RESULT_MINOR.unsupportedLoa,
      `The IdP authenticated the signer at ${authn.authnContextClassRef}, which is not one of the requested levels (${request.input.loas.join(', ')}).`,
    );
  }
  const sm = request.input.signMessage;
  if (sm?.mustShow && !sm.encrypted && sm.messageBase64 !== undefined) {
    const problem = signMessageDigestProblem(Buffer.from(sm.messageBase64, 'base64'), values(SIGN_MESSAGE_DIGEST));
    if (problem) throw DssResultError.responder(RESULT_MINOR.sigMessageError, problem);
  }
  const requested = request.input.requestedCertAttributes.length > 0 ? request.input.requestedCertAttributes : DEFAULT_CERT_ATTRIBUTES;
  const mappings: AttributeMapping[] = [];
  for (const r of requested) {
    const name = r.samlAttributeNames.find((n) => values(n).length > 0);
    if (!name) {
      if (r.required && r.defaultValue === undefined) {
        throw DssResultError.responder(
          RESULT_MINOR.authnFailed,
          `The IdP released none of ${r.samlAttributeNames.join(', ') || '(no SAML attribute named)'}, needed for the certificate's ${r.friendlyName ?? r.certAttributeRef ?? 'attribute'} (Required="true").`,
        );
      }
      continue;
    }
    mappings.push({ type: r.certNameType === 'san' || r.certNameType === 'sda' ? r.certNameType : 'rdn', ref: r.certAttributeRef ?? '', attributeName: name, friendlyName: r.friendlyName, values: values(name) });
  }
  const byRef = (ref: string) => mappings.find((m) => m.type === 'rdn' && m.ref === ref)?.values[0];
  const hsaId = byRef('2.5.4.5') ?? values(EMPLOYEE_HSA_ID)[0] ?? request.signerHsaId;
  const givenName = byRef('2.5.4.42') ?? values(SAMBI_GIVEN_NAME)[0] ?? '';
  const surname = byRef('2.5.4.4') ?? values(SAMBI_SURNAME)[0] ?? '';
  const fullName = byRef('2.5.4.3') ?? values(URN_NAME)[0] ?? `${givenName} ${surname}`.trim();
  return { identity: { hsaId, givenName, surname, fullName: fullName || hsaId }, mappings };
}

/** Why a signMessageDigest value does not prove the message was shown, or undefined when it does. */
export function signMessageDigestProblem(message: Buffer, released: string[]): string | undefined {
  const value = released[0];
  if (!value) {
    return `The sign message had MustShow="true", but the IdP released no signMessageDigest (${SIGN_MESSAGE_DIGEST}), so it is not confirmed that the signer saw it.`;
  }
  const at = value.indexOf(';');
  const algorithm = at > 0 ? value.slice(0, at) : '';
  const hash = DIGEST_ALGORITHMS[algorithm];
  if (!hash) return `signMessageDigest "${inputExcerpt(value)}" does not start with a known digest algorithm URI and ';' (expected e.g. http://www.w3.org/2001/04/xmlenc#sha256;<base64>).`;
  const expected = createHash(hash).update(message).digest('base64');
  if (value.slice(at + 1).trim() !== expected) {
    return `signMessageDigest does not match the sign message of the request (expected ${algorithm};${expected}, got ${value}); the signer may have been shown another text.`;
  }
  return undefined;
}
