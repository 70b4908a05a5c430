/**
 * The XML signature of a certificate as Webcert makes it (webcert-surfaces.md §1.2): over the
 * RegisterCertificate v3 message built from the draft, with Webcert's Reference (enveloped-signature
 * → namespace-stripping XSLT → XPath Filter 2.0 intersect/subtract → exc-c14n), placed in
 * `intyg/underskrift`. Built in two halves for the signing service: first the SignedInfo (whose
 * exclusive-canonical bytes are the ToBeSignedBytes), then, with the raw signature value and the
 * signer's certificate, the complete `ds:Signature`. The chain itself lives in kit/dsig.
 */
import {
  completeIntygSignature,
  ECDSA_SHA256,
  embedIntygSignature,
  prepareIntygSignature,
  verifyIntygSignature,
  type PreparedIntygSignature,
} from '../../kit/dsig/intygSignature.js';
import { parseXmlSafely } from '../../kit/xml/safeXml.js';
import { DSIG_NS } from '../../kit/dsig/algorithms.js';

export { DSIG_NS, ECDSA_SHA256 };

/** The first half: what the signing service must sign, and the message it covers. */
export interface PreparedSignature extends PreparedIntygSignature {
  /** The signed message (RegisterCertificate without `underskrift`). */
  document: string;
}

/** Builds SignedInfo over the `intyg` of `document` (ECDSA-SHA256, the signing service, by default). */
export function prepareSignature(document: string, certificateId: string, signatureMethod = ECDSA_SHA256): PreparedSignature {
  return { document, ...prepareIntygSignature(document, certificateId, signatureMethod) };
}

/** The second half: the complete `ds:Signature` with the value and the signer's certificate. */
export function completeSignature(prepared: PreparedSignature, signatureValue: Buffer, signerCertificate: string): string {
  return completeIntygSignature(prepared, signatureValue, signerCertificate);
}

/** Outcome of checking a stored signature. */
export interface StoredSignatureCheck {
  valid: boolean;
  problem?: string;
  signerSubject?: string;
}

/**
 * Verifies a stored signature: `document` is the signed RegisterCertificate, with the signature in
 * `intyg/underskrift` already or without it (then `signatureXml` is put there first).
 */
export function verifyStoredSignature(document: string, signatureXml?: string): StoredSignatureCheck {
  const hasSignature = parseXmlSafely(document, { maxBytes: 8 * 1024 * 1024 }).getElementsByTagNameNS(DSIG_NS, 'Signature').length > 0;
  const signed = hasSignature || !signatureXml ? document : embedIntygSignature(document, signatureXml);
  const verdict = verifyIntygSignature(signed);
  return { valid: verdict.valid, problem: verdict.problem, signerSubject: verdict.signerSubject };
}
