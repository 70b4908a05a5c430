/**
 * Webcert as SAML service provider toward the SITHS IdP (Spring Security SAML2, webcert-surfaces.md
 * §2): registrations `siths` (deep integration) and `sithsNormal`, SP metadata, and the
 * AuthnRequest (HTTP-Redirect, AttributeConsumingServiceIndex 1, no RequestedAuthnContext,
 * signed only when the IdP's metadata asks for it).
 */
import { buildAuthnRequestRedirect } from '../../kit/saml/authnRequestBuilder.js';
import { buildSpMetadata } from '../../kit/saml/metadataBuilder.js';
import { parseMetadata, type EntityMetadata } from '../../kit/saml/metadataParser.js';
import type { Clock } from '../../kit/clock/virtualClock.js';

export const REGISTRATIONS = ['siths', 'sithsNormal'] as const;
export type Registration = (typeof REGISTRATIONS)[number];

/** Attributes Webcert's SP metadata asks for (index 1, all required). */
export const REQUESTED_ATTRIBUTES = [
  { name: 'http://sambi.se/attributes/1/employeeHsaId', friendlyName: 'employeeHsaId', isRequired: true },
  { name: 'urn:sambi:names:attribute:authnMethod', friendlyName: 'authnMethod', isRequired: true },
  { name: 'urn:identityProviderForSign', friendlyName: 'identityProviderForSign', isRequired: true },
];

export interface SamlLoginConfig {
  /** The IdP's metadata, as Webcert's `saml.idp.metadata.location.siths` file holds it. */
  idpMetadataXml: string;
  credential: { privateKeyPem: string; certificatePem: string };
}

export const spEntityId = (base: string, reg: Registration) => `${base}/saml2/service-provider-metadata/${reg}`;
export const acsUrl = (base: string, reg: Registration) => `${base}/login/saml2/sso/${reg}`;

/** Webcert's SP metadata for one registration. */
export function webcertSpMetadata(base: string, reg: Registration, credential: SamlLoginConfig['credential']): string {
  return buildSpMetadata({
    entityId: spEntityId(base, reg),
    assertionConsumerServices: [{ location: acsUrl(base, reg), index: 1, isDefault: true }],
    singleLogoutServices: [
      { binding: 'post', location: `${base}/logout/saml2/slo` },
      { binding: 'redirect', location: `${base}/logout/saml2/slo` },
    ],
    signingCertificatesPem: [credential.certificatePem],
    authnRequestsSigned: false,
    wantAssertionsSigned: true,
    attributeConsumingServices: [{ index: 1, isDefault: true, serviceName: 'Webcert uppdragslöst för fristående', requestedAttributes: REQUESTED_ATTRIBUTES }],
  });
}

/** The IdP as Webcert knows it from its metadata file. */
export function readIdp(config: SamlLoginConfig): EntityMetadata & { idp: NonNullable<EntityMetadata['idp']> } {
  const md = parseMetadata(config.idpMetadataXml);
  if (!md.idp) throw new Error('IdP metadata has no IDPSSODescriptor; give Webcert the IdP\'s metadata');
  return md as EntityMetadata & { idp: NonNullable<EntityMetadata['idp']> };
}

/** Builds the redirect to the IdP for a login with `reg`. */
export function authnRequestRedirect(clock: Clock, base: string, reg: Registration, config: SamlLoginConfig): { id: string; url: string } {
  const idp = readIdp(config);
  const sso = idp.idp.singleSignOnServices.find((s) => s.binding.endsWith('HTTP-Redirect'));
  if (!sso) throw new Error(`IdP ${idp.entityId} offers no HTTP-Redirect SingleSignOnService`);
  const built = buildAuthnRequestRedirect({
    clock,
    issuer: spEntityId(base, reg),
    destination: sso.location,
    assertionConsumerServiceUrl: acsUrl(base, reg),
    attributeConsumingServiceIndex: 1,
    signing: idp.idp.wantAuthnRequestsSigned ? { privateKeyPem: config.credential.privateKeyPem, certificatePem: config.credential.certificatePem } : undefined,
  });
  return { id: built.id, url: built.url };
}
