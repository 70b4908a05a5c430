/**
 * Test support: reading a SignResponse the way Webcert reads it (webcert-surfaces.md §1.7), and a
 * little stricter: exactly one ds:Signature; its KeyInfo certificate byte-identical to a signing
 * certificate of the service metadata Webcert holds; the signature verifies over the whole
 * document (Reference URI=""); then positional extraction (OptionalOutputs first child =
 * SignResponseExtension, last = ds:Signature; SignatureObject/Other first child = SignTasks;
 * first certificate of the chain = signer).
 */
import { verifyEnvelopedSignature } from '../../kit/dsig/signatureVerification.js';
import { parseMetadata } from '../../kit/saml/metadataParser.js';
import { certificateBase64, toCertificatePem } from '../../kit/pki/pem.js';
import { childElements, childText } from '../../kit/xml/dom.js';
import { parseXmlSafely } from '../../kit/xml/safeXml.js';
import { CSIG_NS, DS_NS, DSS_NS } from '../dss/dssNames.js';

/** What the reading found. */
export type WebcertReading =
  | { kind: 'refused'; reason: string }
  | { kind: 'error'; resultMajor: string; resultMinor?: string; resultMessage?: string; xml: string }
  | { kind: 'success'; xml: string; signatureValue: Buffer; signatureType?: string; toBeSigned: Buffer; signTaskId?: string; chainPem: string[]; signerCertificatePem: string };

/** Reads `EidSignResponse` with the service metadata as Webcert loaded it. */
export function readAsWebcert(eidSignResponse: string, serviceMetadataXml: string): WebcertReading {
  const xml = Buffer.from(eidSignResponse, 'base64').toString('utf8');
  const doc = parseXmlSafely(xml);
  const signatures = doc.getElementsByTagNameNS(DS_NS, 'Signature');
  if (signatures.length !== 1) return { kind: 'refused', reason: `${signatures.length} ds:Signature elements` };
  const signature = signatures.item(0)!;
  const embedded = certificateBase64(signature.getElementsByTagNameNS(DS_NS, 'X509Certificate').item(0)?.textContent ?? '');
  const trusted = parseMetadata(serviceMetadataXml).sp?.signingCertificatesPem ?? [];
  const match = trusted.find((c) => certificateBase64(c) === embedded);
  if (!match) return { kind: 'refused', reason: 'KeyInfo certificate is not in the metadata Webcert holds' };
  const verdict = verifyEnvelopedSignature(xml, { trustedCertificatesPem: [match], signatureElement: signature });
  if (!verdict.valid) return { kind: 'refused', reason: verdict.problem ?? 'invalid' };
  if (verdict.referenceUris.join() !== '') return { kind: 'refused', reason: `references ${verdict.referenceUris.join()}` };
  const root = doc.documentElement!;
  const [result, outputs, object] = childElements(root);
  if (result?.localName !== 'Result' || outputs?.localName !== 'OptionalOutputs') return { kind: 'refused', reason: 'root layout' };
  const outs = childElements(outputs);
  if (outs[0]?.localName !== 'SignResponseExtension' || outs.at(-1) !== signature) return { kind: 'refused', reason: 'OptionalOutputs layout' };
  const major = childText(result, DSS_NS, 'ResultMajor') ?? '';
  if (!major.endsWith(':Success')) {
    return { kind: 'error', resultMajor: major, resultMinor: childText(result, DSS_NS, 'ResultMinor'), resultMessage: childText(result, DSS_NS, 'ResultMessage'), xml };
  }
  const other = object ? childElements(object, DSS_NS, 'Other')[0] : undefined;
  const tasks = other ? childElements(other)[0] : undefined;
  if (tasks?.localName !== 'SignTasks') return { kind: 'refused', reason: 'SignatureObject/Other layout' };
  const task = childElements(tasks, CSIG_NS, 'SignTaskData')[0]!;
  const b64 = childElements(task, CSIG_NS, 'Base64Signature')[0];
  const chainEl = childElements(outs[0]!, CSIG_NS, 'SignatureCertificateChain')[0];
  const chainPem = chainEl ? childElements(chainEl, CSIG_NS, 'X509Certificate').map((c) => toCertificatePem(c.textContent ?? '')) : [];
  return {
    kind: 'success',
    xml,
    signatureValue: Buffer.from(b64?.textContent ?? '', 'base64'),
    signatureType: b64?.getAttribute('Type') ?? undefined,
    toBeSigned: Buffer.from(childText(task, CSIG_NS, 'ToBeSignedBytes') ?? '', 'base64'),
    signTaskId: task.getAttribute('SignTaskId') ?? undefined,
    chainPem,
    signerCertificatePem: chainPem[0] ?? '',
  };
}
