/**
 * Chain checking against a fixed set of CA certificates: each signature up to a trusted root and
 * each certificate's validity at a given time. Synchronous (node:crypto), so request handlers can
 * call it inline.
 */
import { X509Certificate } from 'node:crypto';
import { pemToDer } from './pem.js';

/** Result of a chain check; `problem` says which certificate failed and why. */
export interface ChainVerdict {
  valid: boolean;
  problem?: string;
}

const MAX_DEPTH = 6;

function describe(cert: X509Certificate): string {
  const cn = /CN=([^\n]+)/.exec(cert.subject)?.[1];
  return cn ? `"${cn}"` : `"${cert.subject.replace(/\n/g, ', ')}"`;
}

function validityProblem(cert: X509Certificate, at: Date): string | undefined {
  const from = new Date(cert.validFrom);
  const to = new Date(cert.validTo);
  if (at < from) return `certificate ${describe(cert)} is not valid until ${from.toISOString()} (checked at ${at.toISOString()})`;
  if (at > to) return `certificate ${describe(cert)} expired at ${to.toISOString()} (checked at ${at.toISOString()})`;
  return undefined;
}

/**
 * Checks that `certificatePem` (the first certificate in the text) chains through `intermediates`
 * to one of `roots` (compared byte for byte), with every signature and validity period good at `at`.
 */
export function verifyCertificateChain(
  certificatePem: string,
  trust: { roots: string[]; intermediates: string[] },
  at: Date,
): ChainVerdict {
  let current: X509Certificate;
  try {
    current = new X509Certificate(pemToDer(certificatePem));
  } catch (error) {
    return { valid: false, problem: `the certificate could not be read: ${(error as Error).message}` };
  }
  const roots = trust.roots.map((p) => new X509Certificate(pemToDer(p)));
  const intermediates = trust.intermediates.map((p) => new X509Certificate(pemToDer(p)));
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const timeProblem = validityProblem(current, at);
    if (timeProblem) return { valid: false, problem: timeProblem };
    if (roots.some((r) => r.raw.equals(current.raw))) return { valid: true };
    const issuer = [...intermediates, ...roots].find(
      (candidate) => current.checkIssued(candidate) && current.verify(candidate.publicKey),
    );
    if (!issuer) {
      const byName = [...intermediates, ...roots].some((c) => c.subject === current.issuer);
      return {
        valid: false,
        problem: byName
          ? `certificate ${describe(current)} names issuer "${current.issuer.replace(/\n/g, ', ')}" but its signature does not verify with that CA's key; it was issued by another CA of the same name (a different test PKI folder?)`
          : `certificate ${describe(current)} was issued by "${current.issuer.replace(/\n/g, ', ')}", which is not a CA of this test PKI; issue it from this PKI or add its CA`,
      };
    }
    if (!issuer.ca) return { valid: false, problem: `issuer ${describe(issuer)} is not a CA certificate (basicConstraints cA is false)` };
    current = issuer;
  }
  return { valid: false, problem: `chain is longer than ${MAX_DEPTH} certificates without reaching a trusted root` };
}
