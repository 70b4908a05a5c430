/**
 * Enveloped XML signatures as SAML and DSS use them (xml-crypto 6.3.2): exclusive c14n,
 * enveloped-signature + exc-c14n transforms, SHA-256 digest, KeyInfo/X509Data with the signer's
 * certificate.
 */
import { SignedXml } from 'xml-crypto';
import { certificateBase64, toCertificatePem } from '../pki/pem.js';
import { parseXmlSafely } from '../xml/safeXml.js';
import { ALGORITHMS, signatureAlgorithmUri, type SignatureAlgorithmName } from './algorithms.js';

/** Where the `Signature` element goes, relative to the element an XPath selects. */
export interface SignatureLocation {
  /** XPath (xml-crypto's xpath over the document), e.g. `/*[local-name()='Response']/*[local-name()='Issuer']`. */
  reference: string;
  action: 'append' | 'prepend' | 'before' | 'after';
}

export interface SignEnvelopedOptions {
  /** Signer's private key, PKCS#8 or PKCS#1 PEM (RSA). */
  privateKeyPem: string;
  /** Signer's certificate, written into KeyInfo/X509Data. */
  certificatePem: string;
  /** Default `rsa-sha256`. */
  algorithm?: SignatureAlgorithmName;
  location: SignatureLocation;
  /**
   * What the Reference points at: `""` for the whole document, or `#id`/`id` for the element
   * with that ID/Id/id attribute. Default: the document element, by its ID when it has one, else `""`.
   */
  referenceUri?: string;
  /** Namespace prefix of the signature elements; default `ds`, `''` for none. */
  prefix?: 'ds' | '';
  /**
   * Prefixes exc-c14n must keep although they are only used inside attribute values (e.g. `xs` of
   * `xsi:type="xs:string"`), written as the transform's InclusiveNamespaces PrefixList.
   */
  inclusiveNamespacesPrefixList?: string[];
}

const NCNAME = /^[A-Za-z_][\w.-]*$/;
/** Documents we sign are our own; allow more than the inbound default. */
const SIGNING_MAX_BYTES = 16 * 1024 * 1024;

function referenceTarget(xml: string, referenceUri: string | undefined): { xpath: string; isEmptyUri: boolean } {
  if (referenceUri === '') return { xpath: '/*', isEmptyUri: true };
  if (referenceUri === undefined) {
    const root = parseXmlSafely(xml, { maxBytes: SIGNING_MAX_BYTES }).documentElement;
    const hasId = ['ID', 'Id', 'id'].some((name) => root?.hasAttribute(name));
    return { xpath: '/*', isEmptyUri: !hasId };
  }
  const id = referenceUri.startsWith('#') ? referenceUri.slice(1) : referenceUri;
  if (!NCNAME.test(id)) {
    throw new Error(`signEnveloped: referenceUri "${referenceUri}" is not "" or "#" + an XML ID (letters, digits, _ . -); give the ID of the element to sign`);
  }
  return { xpath: `//*[@ID='${id}' or @Id='${id}' or @id='${id}']`, isEmptyUri: false };
}

/**
 * Signs `xml` with an enveloped signature placed at `location` and returns the signed document.
 * @throws Error naming what is wrong: a missing referenced element or location, a bad key.
 */
export function signEnveloped(xml: string, options: SignEnvelopedOptions): string {
  const target = referenceTarget(xml, options.referenceUri);
  const sig = new SignedXml({
    privateKey: options.privateKeyPem,
    publicCert: toCertificatePem(certificateBase64(options.certificatePem)),
    signatureAlgorithm: signatureAlgorithmUri(options.algorithm),
    canonicalizationAlgorithm: ALGORITHMS.excC14n,
  });
  sig.addReference({
    xpath: target.xpath,
    isEmptyUri: target.isEmptyUri,
    digestAlgorithm: ALGORITHMS.sha256,
    transforms: [ALGORITHMS.envelopedSignature, ALGORITHMS.excC14n],
    inclusiveNamespacesPrefixList: options.inclusiveNamespacesPrefixList ?? [],
  });
  const prefix = options.prefix ?? 'ds';
  try {
    sig.computeSignature(xml, { prefix: prefix === '' ? undefined : prefix, location: options.location });
  } catch (error) {
    const reason = (error as Error).message;
    const hint = /not found/.test(reason)
      ? options.referenceUri
        ? ` (no element has ID "${options.referenceUri.replace(/^#/, '')}")`
        : ''
      : /location|reference/i.test(reason)
        ? ` (check location.reference "${options.location.reference}")`
        : '';
    throw new Error(`signEnveloped: could not sign the document: ${reason}${hint}`);
  }
  return sig.getSignedXml();
}
