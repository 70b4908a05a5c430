/**
 * The signing itself, once the signer is authenticated and checked: a fresh EC P-256 key, a signer
 * certificate from the service CA (with the authentication context of this very assertion), and a
 * raw r‖s ECDSA-SHA256 signature over each task's ToBeSignedBytes. The key is dropped afterwards.
 */
import { xsDateTime } from '../dss/xsDateTime.js';
import type { AcceptedSignRequest } from '../dss/signRequestRules.js';
import type { SignedTask, SignerAssertion } from '../dss/signResponseBuilder.js';
import type { SignerCa } from '../signer/signerCa.js';
import { newSignatureKey, signToBeSignedBytes } from '../signer/taskSigner.js';
import type { AssertedAuthentication, CheckedSigner } from './signerFromAssertion.js';

/** Validity of a signer certificate: one year from a minute before signing (Sweden Connect's default P365D). */
export const SIGNER_CERTIFICATE_VALIDITY_MS = 365 * 24 * 3600_000;

/** What goes into a Success SignResponse. */
export interface CreatedSignature {
  tasks: SignedTask[];
  /** Signer certificate first, then the issuing CA and the root. */
  certificateChainPem: string[];
  assertion: SignerAssertion;
}

/** Creates the signatures of every task of `request`. */
export async function createSignatures(args: {
  ca: SignerCa;
  now: number;
  request: AcceptedSignRequest;
  authn: AssertedAuthentication;
  signer: CheckedSigner;
  serviceEntityId: string;
}): Promise<CreatedSignature> {
  const key = await newSignatureKey();
  const authenticationInstant = xsDateTime(args.authn.authnInstant);
  const issued = await args.ca.issueSignerCertificate({
    publicKey: key.publicKey,
    signer: args.signer.identity,
    notBefore: new Date(args.now - 60_000),
    notAfter: new Date(args.now + SIGNER_CERTIFICATE_VALIDITY_MS),
    authContext: {
      identityProvider: args.authn.issuer,
      authenticationInstant,
      authnContextClassRef: args.authn.authnContextClassRef,
      assertionRef: args.authn.assertionId,
      serviceId: args.serviceEntityId,
      attributeMappings: args.signer.mappings,
    },
  });
  const tasks = args.request.tasks.map((t) => ({
    signTaskId: t.signTaskId,
    sigType: t.sigType,
    toBeSignedBase64: t.toBeSignedBase64,
    signatureValue: signToBeSignedBytes(key, Buffer.from(t.toBeSignedBase64, 'base64')),
  }));
  return {
    tasks,
    certificateChainPem: [issued.certificatePem, ...args.ca.chainPem],
    assertion: {
      identityProvider: args.authn.issuer,
      authenticationInstant,
      authnContextClassRef: args.authn.authnContextClassRef,
      assertionId: args.authn.assertionId,
      attributes: args.signer.mappings.map((m) => ({ name: m.attributeName, friendlyName: m.friendlyName, values: m.values })),
      assertionXml: args.authn.assertionXml,
    },
  };
}
