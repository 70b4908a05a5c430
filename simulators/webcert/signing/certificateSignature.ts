/**
 * The XML signature of a certificate, built in two halves as Webcert does for the signing
 * service: first the SignedInfo (whose exclusive-canonical bytes are the ToBeSignedBytes), then,
 * with the raw signature value and the signer's certificate, the complete `ds:Signature`.
 *
 * Simplification against Webcert (docs/decisions/0003-signing.md): the Reference is `URI=""` over
 * the standalone `intyg` document with enveloped-signature + exc-c14n transforms, not Webcert's
 * XSLT/XPath-filter chain; what is signed and how it verifies is otherwise the same.
 */
import { createHash, verify, X509Certificate } from 'node:crypto';
import { ExclusiveCanonicalization } from 'xml-crypto';
import { certificateBase64 } from '../../kit/pki/pem.js';
import { firstDescendant } from '../../kit/xml/dom.js';
import { parseXmlSafely } from '../../kit/xml/safeXml.js';

export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
export const ECDSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const MAX_BYTES = 8 * 1024 * 1024;

function canonical(xml: string, localName: string, ns: string): string {
  const doc = parseXmlSafely(xml, { maxBytes: MAX_BYTES });
  const el = doc.documentElement?.localName === localName && doc.documentElement.namespaceURI === ns ? doc.documentElement : firstDescendant(doc, ns, localName);
  if (!el) throw new Error(`no {${ns}}${localName} to canonicalise`);
  return new ExclusiveCanonicalization().process(el as never, {}).toString();
}

/** The first half: what the signing service must sign. */
export interface PreparedSignature {
  /** The signed document (the `intyg` element as a standalone document). */
  document: string;
  /** The `ds:SignedInfo` element as built. */
  signedInfo: string;
  /** UTF-8 of the exclusive-canonical SignedInfo: the DSS ToBeSignedBytes. */
  toBeSignedBytes: Buffer;
}

/** Builds SignedInfo for `document` with ECDSA-SHA256 (the signing service) as SignatureMethod. */
export function prepareSignature(document: string, signatureMethod = ECDSA_SHA256): PreparedSignature {
  const root = parseXmlSafely(document, { maxBytes: MAX_BYTES }).documentElement!;
  const digest = createHash('sha256').update(new ExclusiveCanonicalization().process(root as never, {}).toString(), 'utf8').digest('base64');
  const signedInfo =
    `<ds:SignedInfo xmlns:ds="${DSIG_NS}"><ds:CanonicalizationMethod Algorithm="${EXC_C14N}"/><ds:SignatureMethod Algorithm="${signatureMethod}"/>` +
    `<ds:Reference URI=""><ds:Transforms><ds:Transform Algorithm="${ENVELOPED}"/><ds:Transform Algorithm="${EXC_C14N}"/></ds:Transforms>` +
    `<ds:DigestMethod Algorithm="${SHA256}"/><ds:DigestValue>${digest}</ds:DigestValue></ds:Reference></ds:SignedInfo>`;
  return { document, signedInfo, toBeSignedBytes: Buffer.from(canonical(signedInfo, 'SignedInfo', DSIG_NS), 'utf8') };
}

/** The second half: the complete `ds:Signature` with the value and the signer's certificate. */
export function completeSignature(prepared: PreparedSignature, signatureValue: Buffer, signerCertificate: string): string {
  return (
    `<ds:Signature xmlns:ds="${DSIG_NS}">${prepared.signedInfo.replace(` xmlns:ds="${DSIG_NS}"`, '')}` +
    `<ds:SignatureValue>${signatureValue.toString('base64')}</ds:SignatureValue>` +
    `<ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certificateBase64(signerCertificate)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature>`
  );
}

/** Outcome of checking a stored signature. */
export interface StoredSignatureCheck {
  valid: boolean;
  problem?: string;
  signerSubject?: string;
}

/**
 * Verifies a stored `ds:Signature` over `document` with node:crypto: the digest of the document
 * and the ECDSA (raw r||s) or RSA signature over the canonical SignedInfo, against the
 * certificate in KeyInfo.
 */
export function verifyStoredSignature(document: string, signatureXml: string): StoredSignatureCheck {
  const sigDoc = parseXmlSafely(signatureXml, { maxBytes: MAX_BYTES });
  const text = (name: string) => firstDescendant(sigDoc, DSIG_NS, name)?.textContent?.replace(/\s+/g, '') ?? '';
  const method = firstDescendant(sigDoc, DSIG_NS, 'SignatureMethod')?.getAttribute('Algorithm');
  const certificate = new X509Certificate(Buffer.from(text('X509Certificate'), 'base64'));
  const root = parseXmlSafely(document, { maxBytes: MAX_BYTES }).documentElement!;
  const digest = createHash('sha256').update(new ExclusiveCanonicalization().process(root as never, {}).toString(), 'utf8').digest('base64');
  if (digest !== text('DigestValue')) return { valid: false, problem: 'the document does not match the signed digest (it was changed after signing)', signerSubject: certificate.subject };
  const signedInfo = Buffer.from(canonical(signatureXml, 'SignedInfo', DSIG_NS), 'utf8');
  const value = Buffer.from(text('SignatureValue'), 'base64');
  const ok =
    method === ECDSA_SHA256
      ? verify('sha256', signedInfo, { key: certificate.publicKey, dsaEncoding: 'ieee-p1363' }, value)
      : verify('sha256', signedInfo, certificate.publicKey, value);
  return ok ? { valid: true, signerSubject: certificate.subject } : { valid: false, problem: 'the signature value does not verify over SignedInfo with the signer certificate', signerSubject: certificate.subject };
}
