/**
 * SAML metadata documents for the IdP (IDPSSODescriptor) and for service providers
 * (SPSSODescriptor with AssertionConsumerService and AttributeConsumingService), optionally signed.
 */
import { signEnveloped } from '../dsig/envelopedSignature.js';
import { certificateBase64 } from '../pki/pem.js';
import { xmlEscape } from '../xml/xmlText.js';
import { ASSURANCE_CERTIFICATION, ATTRNAME_FORMAT_URI, BINDINGS, ENTITY_CATEGORY_ATTRIBUTE, NAMEID_FORMAT, NS } from './samlConstants.js';
import { samlId } from './samlTime.js';

/** Key and certificate that sign a metadata document. */
export interface MetadataSigning {
  privateKeyPem: string;
  certificatePem: string;
}

/** An endpoint: binding URI (or `redirect`/`post`) and location. */
export interface MetadataEndpoint {
  binding: 'redirect' | 'post' | string;
  location: string;
}

const bindingUri = (b: string) => (b === 'redirect' ? BINDINGS.redirect : b === 'post' ? BINDINGS.post : b);

function keyDescriptors(certificates: string[] | undefined, use: 'signing' | 'encryption'): string {
  return (certificates ?? [])
    .map((c) => `<md:KeyDescriptor use="${use}"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certificateBase64(c)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`)
    .join('');
}

function entityAttributes(attributes: { name: string; values: string[] }[]): string {
  if (attributes.length === 0) return '';
  const attrs = attributes
    .map((a) => `<saml2:Attribute Name="${xmlEscape(a.name)}" NameFormat="${ATTRNAME_FORMAT_URI}">${a.values.map((v) => `<saml2:AttributeValue>${xmlEscape(v)}</saml2:AttributeValue>`).join('')}</saml2:Attribute>`)
    .join('');
  return `<md:Extensions><mdattr:EntityAttributes xmlns:mdattr="${NS.mdattr}">${attrs}</mdattr:EntityAttributes></md:Extensions>`;
}

function entity(entityId: string, body: string, signing: MetadataSigning | undefined, extensions: string): string {
  const id = samlId();
  const xml =
    `<md:EntityDescriptor xmlns:md="${NS.md}" xmlns:ds="${NS.ds}" xmlns:saml2="${NS.saml}" ID="${id}" entityID="${xmlEscape(entityId)}">` +
    `${extensions}${body}</md:EntityDescriptor>`;
  if (!signing) return xml;
  return signEnveloped(xml, { ...signing, location: { reference: '/*', action: 'prepend' } });
}

export interface IdpMetadataOptions {
  entityId: string;
  /** SSO endpoints, Redirect first (Webcert's Spring SP uses the first listed). */
  singleSignOnServices: MetadataEndpoint[];
  singleLogoutServices?: MetadataEndpoint[];
  signingCertificatesPem: string[];
  wantAuthnRequestsSigned?: boolean;
  /** Default transient and persistent. */
  nameIdFormats?: string[];
  /** LoAs for the assurance-certification entity attribute (e.g. Sambi loa2, loa3). */
  assuranceCertifications?: string[];
  /** Attributes the IdP can release, listed as `saml2:Attribute` in the descriptor. */
  attributes?: { name: string; friendlyName?: string }[];
  signing?: MetadataSigning;
}

/** IdP metadata: EntityDescriptor with one IDPSSODescriptor, in schema order. */
export function buildIdpMetadata(o: IdpMetadataOptions): string {
  const slo = (o.singleLogoutServices ?? []).map((e) => `<md:SingleLogoutService Binding="${bindingUri(e.binding)}" Location="${xmlEscape(e.location)}"/>`).join('');
  const formats = (o.nameIdFormats ?? [NAMEID_FORMAT.transient, NAMEID_FORMAT.persistent]).map((f) => `<md:NameIDFormat>${xmlEscape(f)}</md:NameIDFormat>`).join('');
  const sso = o.singleSignOnServices.map((e) => `<md:SingleSignOnService Binding="${bindingUri(e.binding)}" Location="${xmlEscape(e.location)}"/>`).join('');
  const attrs = (o.attributes ?? [])
    .map((a) => `<saml2:Attribute Name="${xmlEscape(a.name)}"${a.friendlyName ? ` FriendlyName="${xmlEscape(a.friendlyName)}"` : ''} NameFormat="${ATTRNAME_FORMAT_URI}"/>`)
    .join('');
  const body =
    `<md:IDPSSODescriptor WantAuthnRequestsSigned="${o.wantAuthnRequestsSigned ? 'true' : 'false'}" protocolSupportEnumeration="${NS.samlp}">` +
    `${keyDescriptors(o.signingCertificatesPem, 'signing')}${slo}${formats}${sso}${attrs}</md:IDPSSODescriptor>`;
  const ext = entityAttributes(o.assuranceCertifications?.length ? [{ name: ASSURANCE_CERTIFICATION, values: o.assuranceCertifications }] : []);
  return entity(o.entityId, body, o.signing, ext);
}

/** A requested attribute of an AttributeConsumingService. */
export interface RequestedAttribute {
  name: string;
  friendlyName?: string;
  isRequired?: boolean;
}

export interface AttributeConsumingService {
  index: number;
  isDefault?: boolean;
  serviceName: string;
  requestedAttributes: RequestedAttribute[];
}

export interface SpMetadataOptions {
  entityId: string;
  /** AssertionConsumerService endpoints (HTTP-POST unless said otherwise); the first is the default. */
  assertionConsumerServices: { location: string; index?: number; isDefault?: boolean; binding?: string }[];
  singleLogoutServices?: MetadataEndpoint[];
  signingCertificatesPem?: string[];
  encryptionCertificatesPem?: string[];
  authnRequestsSigned?: boolean;
  wantAssertionsSigned?: boolean;
  nameIdFormats?: string[];
  attributeConsumingServices?: AttributeConsumingService[];
  /** Entity categories (e.g. the sigservice category for a signing service). */
  entityCategories?: string[];
  signing?: MetadataSigning;
}

/** SP metadata: EntityDescriptor with one SPSSODescriptor, in schema order. */
export function buildSpMetadata(o: SpMetadataOptions): string {
  const slo = (o.singleLogoutServices ?? []).map((e) => `<md:SingleLogoutService Binding="${bindingUri(e.binding)}" Location="${xmlEscape(e.location)}"/>`).join('');
  const formats = (o.nameIdFormats ?? []).map((f) => `<md:NameIDFormat>${xmlEscape(f)}</md:NameIDFormat>`).join('');
  const acs = o.assertionConsumerServices
    .map((a, i) => `<md:AssertionConsumerService Binding="${bindingUri(a.binding ?? 'post')}" Location="${xmlEscape(a.location)}" index="${a.index ?? i}"${(a.isDefault ?? i === 0) ? ' isDefault="true"' : ''}/>`)
    .join('');
  const services = (o.attributeConsumingServices ?? [])
    .map(
      (s) =>
        `<md:AttributeConsumingService index="${s.index}"${s.isDefault ? ' isDefault="true"' : ''}><md:ServiceName xml:lang="sv">${xmlEscape(s.serviceName)}</md:ServiceName>` +
        s.requestedAttributes
          .map((r) => `<md:RequestedAttribute Name="${xmlEscape(r.name)}"${r.friendlyName ? ` FriendlyName="${xmlEscape(r.friendlyName)}"` : ''} NameFormat="${ATTRNAME_FORMAT_URI}" isRequired="${r.isRequired ? 'true' : 'false'}"/>`)
          .join('') +
        '</md:AttributeConsumingService>',
    )
    .join('');
  const body =
    `<md:SPSSODescriptor AuthnRequestsSigned="${o.authnRequestsSigned ? 'true' : 'false'}" WantAssertionsSigned="${o.wantAssertionsSigned === false ? 'false' : 'true'}" protocolSupportEnumeration="${NS.samlp}">` +
    `${keyDescriptors(o.signingCertificatesPem, 'signing')}${keyDescriptors(o.encryptionCertificatesPem, 'encryption')}${slo}${formats}${acs}${services}</md:SPSSODescriptor>`;
  const ext = entityAttributes(o.entityCategories?.length ? [{ name: ENTITY_CATEGORY_ATTRIBUTE, values: o.entityCategories }] : []);
  return entity(o.entityId, body, o.signing, ext);
}
