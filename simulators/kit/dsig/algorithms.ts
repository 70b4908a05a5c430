/** XML-DSig algorithm identifiers used by the simulators. */

export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

export const ALGORITHMS = {
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  rsaSha1: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
  rsaSha512: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sha1: 'http://www.w3.org/2000/09/xmldsig#sha1',
  excC14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  envelopedSignature: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
} as const;

/** Signature algorithms a verifier accepts (HMAC is never accepted: it needs no certificate). */
export const ACCEPTED_SIGNATURE_ALGORITHMS: readonly string[] = [ALGORITHMS.rsaSha256, ALGORITHMS.rsaSha1, ALGORITHMS.rsaSha512];

/** Short names for the signature algorithms {@link signEnveloped} can produce. */
export type SignatureAlgorithmName = 'rsa-sha256' | 'rsa-sha1';

/** The URI of a short algorithm name. */
export function signatureAlgorithmUri(name: SignatureAlgorithmName = 'rsa-sha256'): string {
  return name === 'rsa-sha1' ? ALGORITHMS.rsaSha1 : ALGORITHMS.rsaSha256;
}
