/**
 * The two metadata documents of Webcert's DSS client (DssMetadataService): reading the signing
 * service's metadata (entityID, the action URL = its default AssertionConsumerService, its signing
 * certificates) and serving Webcert's own SP metadata, signed with RSA-SHA1 as Webcert does.
 */
import { signEnveloped } from '../../kit/dsig/envelopedSignature.js';
import { certificateBase64, toCertificatePem } from '../../kit/pki/pem.js';
import { childElements } from '../../kit/xml/dom.js';
import { parseXmlSafely } from '../../kit/xml/safeXml.js';
import { xmlEscape } from '../../kit/xml/xmlText.js';

const MD_NS = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

/** What Webcert takes from the signing service's metadata, once, at start. */
export interface DssServiceMetadata {
  entityId: string;
  /** Where the browser posts the SignRequest. */
  actionUrl: string;
  /** Certificates a SignResponse signature may carry (KeyDescriptor use signing or unspecified). */
  signingCertificatesPem: string[];
}

/**
 * Reads the signing service's metadata.
 * @throws Error naming what is missing, so a wrong file is found at start, not at signing.
 */
export function readDssServiceMetadata(xml: string): DssServiceMetadata {
  const root = parseXmlSafely(xml).documentElement;
  if (root?.namespaceURI !== MD_NS || root.localName !== 'EntityDescriptor') throw new Error('signing service metadata: root is not md:EntityDescriptor');
  const entityId = root.getAttribute('entityID') ?? '';
  const sp = childElements(root, MD_NS, 'SPSSODescriptor')[0];
  if (!entityId || !sp) throw new Error('signing service metadata: needs an entityID and an SPSSODescriptor');
  const acs = childElements(sp, MD_NS, 'AssertionConsumerService');
  const action = acs.find((a) => a.getAttribute('isDefault') === 'true') ?? acs[0];
  if (!action?.getAttribute('Location')) throw new Error('signing service metadata: no AssertionConsumerService Location (the action URL)');
  const certs = childElements(sp, MD_NS, 'KeyDescriptor')
    .filter((k) => !k.getAttribute('use') || k.getAttribute('use') === 'signing')
    .flatMap((k) => Array.from({ length: k.getElementsByTagNameNS(DSIG_NS, 'X509Certificate').length }, (_, i) => k.getElementsByTagNameNS(DSIG_NS, 'X509Certificate').item(i)!))
    .map((c) => toCertificatePem((c.textContent ?? '').replace(/\s+/g, '')));
  if (certs.length === 0) throw new Error('signing service metadata: no signing certificate in a KeyDescriptor');
  return { entityId, actionUrl: action.getAttribute('Location')!, signingCertificatesPem: certs };
}

/** Webcert's DSS-client metadata (`GET /api/signature/signservice/v1/metadata`). */
export function webcertDssClientMetadata(baseUrl: string, credential: { privateKeyPem: string; certificatePem: string }): string {
  const entityId = `${baseUrl}/api/signature/signservice/v1/metadata`;
  const id = entityId.replace(/[:/]/g, '_');
  const cert = certificateBase64(credential.certificatePem);
  const key = (use: string) => `<md:KeyDescriptor use="${use}"><ds:KeyInfo xmlns:ds="${DSIG_NS}"><ds:X509Data><ds:X509Certificate>${cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;
  const xml =
    `<md:EntityDescriptor xmlns:md="${MD_NS}" ID="${xmlEscape(id)}" entityID="${xmlEscape(entityId)}">` +
    `<md:SPSSODescriptor AuthnRequestsSigned="false" WantAssertionsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
    `${key('signing')}${key('encryption')}` +
    `<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${xmlEscape(baseUrl)}/api/signature/signservice/v1/response" index="0" isDefault="true"/>` +
    `</md:SPSSODescriptor><md:Organization><md:OrganizationName xml:lang="sv">Inera AB</md:OrganizationName><md:OrganizationDisplayName xml:lang="sv">Webcert</md:OrganizationDisplayName>` +
    `<md:OrganizationURL xml:lang="sv">https://inera.se</md:OrganizationURL></md:Organization>` +
    `<md:ContactPerson contactType="technical"><md:EmailAddress>teknik.intyg@inera.se</md:EmailAddress></md:ContactPerson></md:EntityDescriptor>`;
  return signEnveloped(xml, { ...credential, algorithm: 'rsa-sha1', referenceUri: `#${id}`, location: { reference: "/*[local-name()='EntityDescriptor']/*[local-name()='SPSSODescriptor']", action: 'before' } });
}
