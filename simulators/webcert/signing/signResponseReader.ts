/**
 * Reading a SignResponse the way Webcert does (DssSignatureService.receiveSignResponse,
 * webcert-surfaces.md §1.7): exactly one ds:Signature; its certificate byte-identical to a
 * signing certificate in the signing service's metadata (loaded once, at start) with keyUsage
 * digitalSignature; core validation; ResultMajor Success; then positional extraction of the
 * signature value and the signer certificate. No time, chain or signer-identity checks: Webcert
 * makes none.
 */
import type { Element } from '@xmldom/xmldom';
import { verifyEnvelopedSignature } from '../../kit/dsig/signatureVerification.js';
import { certificateBase64, toCertificatePem } from '../../kit/pki/pem.js';
import { readCertificate } from '../../kit/pki/certificateInfo.js';
import { childElements, firstDescendant } from '../../kit/xml/dom.js';
import { parseXmlSafely } from '../../kit/xml/safeXml.js';
import { DSIG_NS } from './certificateSignature.js';
import { CSIG_NS, DSS_NS } from './signRequestBuilder.js';

export const RESULT_SUCCESS = 'urn:oasis:names:tc:dss:1.0:resultmajor:Success';

/** What Webcert makes of a SignResponse. */
export type SignResponseReading =
  /** Not exactly one signature: Webcert's controller fails with HTTP 500 (no redirect). */
  | { kind: 'malformed'; reason: string }
  /** Undecodable, untrusted or invalid: ticket ERROR. */
  | { kind: 'invalid'; reason: string }
  /** Trusted, but the service reports a failure: ticket ERROR, major/minor/message logged. */
  | { kind: 'error'; resultMajor: string; resultMinor?: string; resultMessage?: string }
  | { kind: 'success'; signatureValue: Buffer; signerCertificatePem: string; chainPem: string[] };

const first = (el: Element | undefined) => (el ? childElements(el)[0] : undefined);

/** Reads `EidSignResponse` (base64) against the signing service's metadata certificates. */
export function readSignResponse(eidSignResponse: string, trustedDssCertificatesPem: string[]): SignResponseReading {
  const bytes = Buffer.from(eidSignResponse.replace(/\s+/g, ''), 'base64');
  if (!/^[A-Za-z0-9+/=\s]+$/.test(eidSignResponse) || bytes.length === 0) return { kind: 'invalid', reason: 'EidSignResponse is not base64' };
  const xml = bytes.toString('utf8');
  let doc;
  try {
    doc = parseXmlSafely(xml);
  } catch (error) {
    return { kind: 'invalid', reason: `SignResponse is not XML: ${(error as Error).message}` };
  }
  const signatures = doc.getElementsByTagNameNS(DSIG_NS, 'Signature');
  if (signatures.length !== 1) return { kind: 'malformed', reason: `SignResponse holds ${signatures.length} ds:Signature elements; exactly one is required` };
  const embedded = firstDescendant(doc, DSIG_NS, 'X509Certificate')?.textContent?.replace(/\s+/g, '');
  if (!embedded) return { kind: 'invalid', reason: 'the response signature has no X509Certificate in KeyInfo' };
  const trusted = trustedDssCertificatesPem.find((c) => certificateBase64(c) === embedded);
  if (!trusted) return { kind: 'invalid', reason: 'Validation of sign response signature failed! The certificate in KeyInfo is not one of the signing service certificates in the metadata loaded at start-up' };
  const info = readCertificate(trusted);
  if (!info.keyUsage.includes('digitalSignature')) return { kind: 'invalid', reason: 'the signing service certificate lacks keyUsage digitalSignature' };
  const method = firstDescendant(doc, DSIG_NS, 'SignatureMethod')?.getAttribute('Algorithm') ?? '';
  const family = info.publicKey.asymmetricKeyType === 'ec' ? 'ecdsa' : info.publicKey.asymmetricKeyType ?? '';
  if (!method.includes(family)) return { kind: 'invalid', reason: `signature method ${method} does not fit the certificate's ${family} key` };
  const verdict = verifyEnvelopedSignature(xml, { trustedCertificatesPem: [trusted], signatureElement: signatures.item(0)! });
  if (!verdict.valid) return { kind: 'invalid', reason: `Validation of sign response signature failed! ${verdict.problem}` };

  const root = doc.documentElement!;
  const result = childElements(root, DSS_NS, 'Result')[0];
  const text = (el: Element | undefined, ns: string, name: string) => (el ? childElements(el, ns, name)[0]?.textContent?.trim() : undefined);
  const major = text(result, DSS_NS, 'ResultMajor') ?? '';
  if (major !== RESULT_SUCCESS) {
    return { kind: 'error', resultMajor: major, resultMinor: text(result, DSS_NS, 'ResultMinor'), resultMessage: text(result, DSS_NS, 'ResultMessage') };
  }
  const extension = first(childElements(root, DSS_NS, 'OptionalOutputs')[0]);
  const signTasks = first(childElements(childElements(root, DSS_NS, 'SignatureObject')[0] ?? root, DSS_NS, 'Other')[0]);
  if (extension?.localName !== 'SignResponseExtension' || signTasks?.localName !== 'SignTasks') {
    return { kind: 'invalid', reason: 'SignResponse layout: OptionalOutputs must start with SignResponseExtension and SignatureObject/Other with SignTasks' };
  }
  const chain = (childElements(extension, CSIG_NS, 'SignatureCertificateChain')[0] ? childElements(childElements(extension, CSIG_NS, 'SignatureCertificateChain')[0]!, CSIG_NS, 'X509Certificate') : []).map((c) => toCertificatePem((c.textContent ?? '').replace(/\s+/g, '')));
  const value = text(childElements(signTasks, CSIG_NS, 'SignTaskData')[0], CSIG_NS, 'Base64Signature');
  if (!value || chain.length === 0) return { kind: 'invalid', reason: 'SignResponse has no Base64Signature or no SignatureCertificateChain' };
  return { kind: 'success', signatureValue: Buffer.from(value, 'base64'), signerCertificatePem: chain[0]!, chainPem: chain };
}
