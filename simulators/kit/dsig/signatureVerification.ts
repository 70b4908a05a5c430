/**
 * Verification of enveloped XML signatures against certificates the caller trusts, never against
 * the key a document brings along. Hands back the canonical XML of what was actually signed, so
 * callers read only signed content (the defence against signature wrapping).
 */
import { X509Certificate } from 'node:crypto';
import { XMLSerializer, type Document, type Element, type Node } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import xpath from 'xpath';
import { certificateBase64, toCertificatePem } from '../pki/pem.js';
import { childElements } from '../xml/dom.js';
import { parseXmlSafely, XmlInputError } from '../xml/safeXml.js';
import { ACCEPTED_SIGNATURE_ALGORITHMS, ALGORITHMS, DSIG_NS } from './algorithms.js';

export interface VerifyEnvelopedOptions {
  /** Certificates (PEM or base64 DER) whose keys may have made the signature. */
  trustedCertificatesPem: string[];
  /**
   * Which signature to check: an XPath (over the whole document) or a `ds:Signature` element.
   * Default: the `ds:Signature` that is a child of the document element.
   */
  signatureElement?: string | Node;
  /** Largest accepted document; default 1 MiB (the safe parser's default). */
  maxBytes?: number;
}

/** Outcome of a signature check. */
export interface SignatureVerdict {
  valid: boolean;
  /** What failed, why, and what to do; absent when valid. */
  problem?: string;
  /** Canonical XML of each signed reference (empty unless valid). Read signed data only from these. */
  signedReferences: string[];
  /** Reference URIs as the signature lists them (`""`, `#id`). */
  referenceUris: string[];
  /** The trusted certificate that verified the signature (PEM). */
  certificatePem?: string;
  /** SignatureMethod algorithm URI. */
  signatureAlgorithm?: string;
}

const failed = (problem: string, extra: Partial<SignatureVerdict> = {}): SignatureVerdict => ({
  valid: false,
  problem,
  signedReferences: [],
  referenceUris: [],
  ...extra,
});

function findSignature(doc: Document, selector: string | Node | undefined): Element | string {
  if (selector === undefined) {
    const root = doc.documentElement;
    if (!root) return 'the document has no root element';
    const own = childElements(root, DSIG_NS, 'Signature');
    if (own.length === 0) return `the document is not signed: <${root.tagName}> has no ds:Signature child; sign it, or name the signature to check`;
    if (own.length > 1) return `<${root.tagName}> has ${own.length} ds:Signature children; only one is allowed`;
    return own[0] as Element;
  }
  if (typeof selector === 'string') {
    let selected: unknown;
    try {
      selected = xpath.select1(selector, doc as unknown as globalThis.Node);
    } catch (error) {
      return `the XPath "${selector}" for the signature is not valid: ${(error as Error).message}`;
    }
    if (!selected) return `no signature found at "${selector}"`;
    selector = selected as Node;
  }
  const el = selector as Element;
  if (el.namespaceURI !== DSIG_NS || el.localName !== 'Signature') {
    return `the element given as signature is {${el.namespaceURI ?? ''}}${el.localName ?? el.nodeName}, not a ds:Signature`;
  }
  return el;
}

function embeddedCertificates(signature: Element): string[] {
  const out: string[] = [];
  const list = signature.getElementsByTagNameNS(DSIG_NS, 'X509Certificate');
  for (let i = 0; i < list.length; i++) out.push(certificateBase64(list.item(i)?.textContent ?? ''));
  return out;
}

function subjectOf(base64: string): string {
  try {
    return new X509Certificate(Buffer.from(base64, 'base64')).subject.replace(/\n/g, ', ');
  } catch {
    return '(unreadable certificate)';
  }
}

/**
 * Checks one enveloped signature of `xml` against the trusted certificates.
 * Never throws for bad input: every failure comes back as `{ valid: false, problem }`.
 */
export function verifyEnvelopedSignature(xml: string, options: VerifyEnvelopedOptions): SignatureVerdict {
  if (options.trustedCertificatesPem.length === 0) {
    return failed('no trusted certificates were given, so no signature can be accepted; pass the signer\'s certificate (e.g. from its metadata)');
  }
  let doc: Document;
  try {
    doc = parseXmlSafely(xml, { maxBytes: options.maxBytes });
  } catch (error) {
    return failed(error instanceof XmlInputError ? error.message : `XML could not be read: ${(error as Error).message}`);
  }
  const signature = findSignature(doc, options.signatureElement);
  if (typeof signature === 'string') return failed(signature);
  const signatureXml = new XMLSerializer().serializeToString(signature);
  const method = signature.getElementsByTagNameNS(DSIG_NS, 'SignatureMethod').item(0)?.getAttribute('Algorithm') ?? '';
  if (!ACCEPTED_SIGNATURE_ALGORITHMS.includes(method)) {
    return failed(`signature algorithm "${method}" is not accepted; use ${ALGORITHMS.rsaSha256}`, { signatureAlgorithm: method });
  }
  const trusted = options.trustedCertificatesPem.map(certificateBase64);
  const embedded = embeddedCertificates(signature);
  // A KeyInfo certificate that is byte for byte a trusted one is tried first; the others after.
  const order = [...trusted.filter((t) => embedded.includes(t)), ...trusted.filter((t) => !embedded.includes(t))];
  let referenceProblem: string | undefined;
  let referenceUris: string[] = [];
  for (const cert of order) {
    const sig = new SignedXml({ publicCert: toCertificatePem(cert), getCertFromKeyInfo: () => null });
    try {
      sig.loadSignature(signatureXml);
      referenceUris = sig.getReferences().map((r) => r.uri ?? '');
      if (sig.checkSignature(xml)) {
        return { valid: true, signedReferences: sig.getSignedReferences(), referenceUris, certificatePem: toCertificatePem(cert), signatureAlgorithm: method };
      }
      const why = sig.getReferences().map((r) => r.validationError?.message).find(Boolean);
      referenceProblem = `the signed content does not match its digest (${why ?? 'a reference did not validate'}); the document was changed after signing`;
      break; // digests do not depend on the key
    } catch (error) {
      const message = (error as Error).message;
      if (/signature value .* is incorrect/.test(message)) continue; // wrong key: try the next trusted certificate
      return failed(`the signature could not be checked: ${message}`, { referenceUris, signatureAlgorithm: method });
    }
  }
  if (referenceProblem) return failed(referenceProblem, { referenceUris, signatureAlgorithm: method });
  const signer = embedded[0] ? ` The signature's KeyInfo names "${subjectOf(embedded[0])}".` : '';
  return failed(
    `the signature does not verify with any of the ${trusted.length} trusted certificate(s) (${trusted.map(subjectOf).join('; ')}).${signer} ` +
      'Either it was made with another key or the signed data was changed; check which certificate the signer\'s metadata publishes.',
    { referenceUris, signatureAlgorithm: method },
  );
}
