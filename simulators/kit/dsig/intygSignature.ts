/**
 * The certificate's own XML signature, where RegisterCertificate v3 carries it:
 * `intyg/underskrift/ds:Signature` (webcert-surfaces.md §1.2, protocols.md §4.6). Built in two
 * halves as Webcert builds it for the signing service (SignedInfo first, whose exclusive-canonical
 * bytes are the ToBeSignedBytes; then the complete `ds:Signature` with the raw signature value and
 * the signer's certificate in KeyInfo), and verified the way any XMLDSig verifier would: the
 * Reference's transforms over the message, the digest, then the signature over the canonical
 * SignedInfo with the certificate in KeyInfo.
 */
import { createHash, verify, X509Certificate } from 'node:crypto';
import { XMLSerializer, type Document, type Element } from '@xmldom/xmldom';
import { ExclusiveCanonicalization } from 'xml-crypto';
import { CORE_EXT_3_2_NS } from '../contracts/namespaces.js';
import { certificateBase64, toCertificatePem } from '../pki/pem.js';
import { childElement, childElements } from '../xml/dom.js';
import { parseXmlSafely } from '../xml/safeXml.js';
import { ALGORITHMS, DSIG_NS } from './algorithms.js';
import { intersectIntygXPath, intygReferenceXml, readIntygReference } from './intygReference.js';
import { signedIntygOctets } from './intygTransforms.js';

/** ECDSA with SHA-256 (raw r||s value), what Webcert asks the signing service for. */
export const ECDSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256';
/** Namespace of `underskrift` (core extension 3.2). */
export const UNDERSKRIFT_NS = CORE_EXT_3_2_NS;

const MAX_BYTES = 8 * 1024 * 1024;
const ACCEPTED_METHODS = [ECDSA_SHA256, ALGORITHMS.rsaSha256];

/**
 * Certificates read from KeyInfo, by their base64: the same signer signs certificate after
 * certificate, and reading its certificate anew costs more than checking the signature. A pure
 * memo (same bytes, same certificate), bounded to a few signers.
 */
const SIGNER_CERTIFICATES = new Map<string, X509Certificate>();
const MAX_SIGNER_CERTIFICATES = 16;

function signerCertificate(base64: string): X509Certificate {
  let certificate = SIGNER_CERTIFICATES.get(base64);
  if (!certificate) {
    certificate = new X509Certificate(Buffer.from(base64, 'base64'));
    if (SIGNER_CERTIFICATES.size >= MAX_SIGNER_CERTIFICATES) SIGNER_CERTIFICATES.delete(SIGNER_CERTIFICATES.keys().next().value!);
    SIGNER_CERTIFICATES.set(base64, certificate);
  }
  return certificate;
}

const canonical = (el: Element) => new ExclusiveCanonicalization().process(el as never, {}).toString();
const sha256Base64 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('base64');
const asDocument = (input: string | Document) => (typeof input === 'string' ? parseXmlSafely(input, { maxBytes: MAX_BYTES }) : input);

/** Every element named `intyg` (any namespace), in document order. */
function intygElements(doc: Document): Element[] {
  const out: Element[] = [];
  const all = doc.getElementsByTagNameNS('*', 'intyg');
  for (let i = 0; i < all.length; i++) out.push(all.item(i)!);
  return out;
}

/** The `intygs-id/extension` text of an `intyg` element (any namespaces). */
export function intygsIdOf(intyg: Element): string | undefined {
  const id = childElements(intyg).find((e) => e.localName === 'intygs-id');
  const ext = id ? childElements(id).find((e) => e.localName === 'extension') : undefined;
  return ext ? (ext.textContent ?? '').trim() : undefined;
}

/** The first half: what the signing service signs. */
export interface PreparedIntygSignature {
  certificateId: string;
  /** Base64 SHA-256 of the signed node set. */
  digestValue: string;
  /** The `ds:SignedInfo` element as built (declares `ds`). */
  signedInfo: string;
  /** UTF-8 of the exclusive-canonical SignedInfo: the DSS ToBeSignedBytes. */
  toBeSignedBytes: Buffer;
}

/**
 * Digests the `intyg` with id `certificateId` in `message` (a RegisterCertificate, a SOAP envelope
 * around one, or a standalone `intyg`) and builds the SignedInfo.
 * @throws Error when the message holds no such `intyg`, or more than one element is selected.
 */
export function prepareIntygSignature(message: string | Document, certificateId: string, signatureMethod = ECDSA_SHA256): PreparedIntygSignature {
  const doc = asDocument(message);
  const { octets, selected } = signedIntygOctets(doc, certificateId);
  if (selected.length !== 1 || (selected[0] as Element).localName !== 'intyg') {
    throw new Error(`cannot sign certificate ${certificateId}: the message must hold exactly one intyg with intygs-id/extension ${certificateId}, found ${selected.length} selected element(s)`);
  }
  const digestValue = sha256Base64(octets);
  const signedInfo = signedInfoXml(certificateId, digestValue, signatureMethod);
  const toBeSignedBytes = Buffer.from(canonicalSignedInfo(certificateId, digestValue, signatureMethod), 'utf8');
  return { certificateId, digestValue, signedInfo, toBeSignedBytes };
}

function signedInfoXml(certificateId: string, digestValue: string, signatureMethod: string): string {
  return (
    `<ds:SignedInfo xmlns:ds="${DSIG_NS}"><ds:CanonicalizationMethod Algorithm="${ALGORITHMS.excC14n}"/>` +
    `<ds:SignatureMethod Algorithm="${signatureMethod}"/>${intygReferenceXml(certificateId, digestValue)}</ds:SignedInfo>`
  );
}

/**
 * Stand-ins for the certificate id and the digest: an id and a base64 text that occur nowhere else
 * in a SignedInfo and that exclusive c14n writes as they are.
 */
const ID_STAND_IN = 'samverkanIdStandIn0';
const DIGEST_STAND_IN = 'samverkanDigestStandIn0';

/** The canonical SignedInfo with the stand-ins, by signature method (a handful at most). */
const CANONICAL_TEMPLATES = new Map<string, string>();

/**
 * The exclusive-canonical bytes of {@link signedInfoXml}, without parsing it for every signature
 * (docs/decisions/0033-replay-cpu.md). The SignedInfo is ours and the same for every certificate but
 * for the id (in the XPath filter's text) and the digest (DigestValue's text). An id is letters,
 * digits and `._:-` (intersectIntygXPath refuses any other) and a digest is base64, and c14n
 * writes text of those characters as it is. So the canonical form is the one made once with
 * stand-ins, with the id and the digest put in their places. A test holds it to c14n of the parsed
 * SignedInfo.
 */
function canonicalSignedInfo(certificateId: string, digestValue: string, signatureMethod: string): string {
  intersectIntygXPath(certificateId); // refuses an id that cannot be written into the filter
  if (!/^[A-Za-z0-9+/=]*$/.test(digestValue)) throw new Error(`digest ${digestValue} is not base64`);
  let template = CANONICAL_TEMPLATES.get(signatureMethod);
  if (template === undefined) {
    template = canonical(parseXmlSafely(signedInfoXml(ID_STAND_IN, DIGEST_STAND_IN, signatureMethod)).documentElement!);
    if (template.split(DIGEST_STAND_IN).length !== 2 || !template.includes(ID_STAND_IN)) throw new Error('the canonical SignedInfo does not hold the stand-ins once each');
    if (CANONICAL_TEMPLATES.size >= 8) CANONICAL_TEMPLATES.clear();
    CANONICAL_TEMPLATES.set(signatureMethod, template);
  }
  const [beforeDigest, afterDigest] = template.split(DIGEST_STAND_IN) as [string, string];
  return beforeDigest.split(ID_STAND_IN).join(certificateId) + digestValue + afterDigest.split(ID_STAND_IN).join(certificateId);
}

/** The second half: the complete `ds:Signature` with the raw value and the signer's certificate. */
export function completeIntygSignature(prepared: PreparedIntygSignature, signatureValue: Buffer, signerCertificate: string): string {
  return (
    `<ds:Signature xmlns:ds="${DSIG_NS}">${prepared.signedInfo.replace(` xmlns:ds="${DSIG_NS}"`, '')}` +
    `<ds:SignatureValue>${signatureValue.toString('base64')}</ds:SignatureValue>` +
    `<ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certificateBase64(signerCertificate)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature>`
  );
}

/** The `underskrift` element (core extension 3.2) wrapping a `ds:Signature`. */
export function underskriftXml(signatureXml: string): string {
  return `<m1:underskrift xmlns:m1="${UNDERSKRIFT_NS}">${signatureXml}</m1:underskrift>`;
}

/**
 * `message` with `signatureXml` in `intyg/underskrift` (replacing any `underskrift` there), the
 * last child of the `intyg`, where the XSD puts it.
 * @throws Error when the message does not hold exactly one `intyg`.
 */
export function embedIntygSignature(message: string, signatureXml: string): string {
  const doc = parseXmlSafely(message, { maxBytes: MAX_BYTES });
  const intyg = intygElements(doc);
  if (intyg.length !== 1) throw new Error(`cannot embed the signature: the message holds ${intyg.length} intyg elements, expected 1`);
  for (const old of childElements(intyg[0]!, UNDERSKRIFT_NS, 'underskrift')) intyg[0]!.removeChild(old);
  const fragment = parseXmlSafely(underskriftXml(signatureXml), { maxBytes: MAX_BYTES }).documentElement!;
  intyg[0]!.appendChild(doc.importNode(fragment, true));
  return new XMLSerializer().serializeToString(doc);
}

/** Outcome of checking a certificate's signature. */
export interface IntygSignatureVerdict {
  valid: boolean;
  /** What failed and why; absent when valid. */
  problem?: string;
  /** The certificate id the signature covers. */
  certificateId?: string;
  /** The certificate in KeyInfo (PEM), when it could be read. */
  signerCertificatePem?: string;
  signerSubject?: string;
  signatureMethod?: string;
}

/**
 * Verifies the signature in `intyg/underskrift` of `message` with the certificate in its KeyInfo:
 * the Reference must be Webcert's chain for this `intyg`'s id, the transforms must select exactly
 * this `intyg`, its digest must match, and the signature value must verify over the canonical
 * SignedInfo. Never throws for bad input: the problem says what is wrong.
 * @param options.intyg which `intyg` to check when the message holds several.
 */
export function verifyIntygSignature(message: string | Document, options: { intyg?: Element } = {}): IntygSignatureVerdict {
  let doc: Document;
  try {
    doc = asDocument(message);
  } catch (error) {
    return { valid: false, problem: `the message cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  const candidates = options.intyg ? [options.intyg] : intygElements(doc);
  if (candidates.length !== 1) return { valid: false, problem: `the message holds ${candidates.length} intyg elements; name the one to check` };
  const intyg = candidates[0]!;
  const certificateId = intygsIdOf(intyg);
  const fail = (problem: string, extra: Partial<IntygSignatureVerdict> = {}): IntygSignatureVerdict => ({ valid: false, problem, certificateId, ...extra });
  const underskrift = childElement(intyg, UNDERSKRIFT_NS, 'underskrift');
  if (!underskrift) {
    return fail(
      childElement(intyg, DSIG_NS, 'Signature')
        ? `the ds:Signature is a direct child of intyg; RegisterCertificate v3 carries it in intyg/underskrift ({${UNDERSKRIFT_NS}}underskrift)`
        : `intyg ${certificateId ?? ''} is not signed: it has no underskrift ({${UNDERSKRIFT_NS}}underskrift) with a ds:Signature`,
    );
  }
  const signature = childElement(underskrift, DSIG_NS, 'Signature');
  if (!signature) return fail('intyg/underskrift holds no ds:Signature');
  const signedInfo = childElement(signature, DSIG_NS, 'SignedInfo');
  if (!signedInfo) return fail('the ds:Signature has no SignedInfo');
  const c14n = childElement(signedInfo, DSIG_NS, 'CanonicalizationMethod')?.getAttribute('Algorithm');
  if (c14n !== ALGORITHMS.excC14n) return fail(`the SignedInfo's CanonicalizationMethod is ${c14n ?? '(none)'}; exclusive c14n is expected`);
  const method = childElement(signedInfo, DSIG_NS, 'SignatureMethod')?.getAttribute('Algorithm') ?? undefined;
  if (!method || !ACCEPTED_METHODS.includes(method)) return fail(`the SignatureMethod ${method ?? '(none)'} is not accepted; use ${ACCEPTED_METHODS.join(' or ')}`);
  const references = childElements(signedInfo, DSIG_NS, 'Reference');
  if (references.length !== 1) return fail(`the SignedInfo has ${references.length} References; the certificate signature has exactly one`);
  const reading = readIntygReference(references[0]!);
  if (!reading.ok) return fail(reading.problem);
  if (reading.certificateId !== certificateId) {
    return fail(`the signature covers certificate ${reading.certificateId}, but it sits in intyg ${certificateId ?? '(no intygs-id)'}`);
  }
  let selection;
  try {
    selection = signedIntygOctets(doc, reading.certificateId, signature);
  } catch (error) {
    return fail(`the signed content cannot be computed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (selection.selected.length !== 1 || selection.selected[0] !== intyg) {
    return fail(`the Reference's filter selects ${selection.selected.length} element(s) with intygs-id ${reading.certificateId}; it must select exactly the signed intyg`);
  }
  let certificate: X509Certificate;
  let signerCertificatePem: string;
  try {
    const base64 = (childElement(childElement(childElement(signature, DSIG_NS, 'KeyInfo') ?? signature, DSIG_NS, 'X509Data') ?? signature, DSIG_NS, 'X509Certificate')?.textContent ?? '').replace(/\s+/g, '');
    if (!base64) return fail('the ds:Signature has no KeyInfo/X509Data/X509Certificate to verify it with');
    certificate = signerCertificate(base64);
    signerCertificatePem = toCertificatePem(base64);
  } catch (error) {
    return fail(`the certificate in KeyInfo cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const signer = { signerCertificatePem, signerSubject: certificate.subject, signatureMethod: method };
  if (sha256Base64(selection.octets) !== reading.digestValue) {
    return fail(`the content of intyg ${reading.certificateId} does not match the signed digest: it was changed after signing`, signer);
  }
  const value = Buffer.from((childElement(signature, DSIG_NS, 'SignatureValue')?.textContent ?? '').replace(/\s+/g, ''), 'base64');
  const signedBytes = Buffer.from(canonical(signedInfo), 'utf8');
  let ok = false;
  try {
    ok =
      method === ECDSA_SHA256
        ? verify('sha256', signedBytes, { key: certificate.publicKey, dsaEncoding: 'ieee-p1363' }, value)
        : verify('sha256', signedBytes, certificate.publicKey, value);
  } catch {
    ok = false;
  }
  if (!ok) return fail(`the SignatureValue does not verify over the SignedInfo with the certificate in KeyInfo (${certificate.subject.replace(/\n/g, ', ')})`, signer);
  return { valid: true, certificateId, ...signer };
}
