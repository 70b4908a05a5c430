/**
 * The SAML entities the simulated IdP is: the login IdP (`<base>/saml`, as Inera's entityID ends)
 * and the two sign-time IdPs that a signing service names in `csig:IdentityProvider`
 * (`<base>/saml/sign/sithseid-same-device`, `…/sithseid-other-device`), each with its metadata.
 */
import { buildIdpMetadata } from '../kit/saml/metadataBuilder.js';
import { ATTRIBUTE, FRIENDLY_NAME, LOA } from '../kit/saml/samlConstants.js';
import type { LoginMethod } from './loginMethods.js';

export type IdpEntityKind = 'login' | 'sign-same-device' | 'sign-other-device';

/** One entity with its endpoints. */
export interface IdpEntity {
  kind: IdpEntityKind;
  entityId: string;
  ssoRedirect: string;
  ssoPost: string;
  sloRedirect?: string;
  sloPost?: string;
  metadataUrl: string;
  /** Sign entities use one fixed method. */
  method?: Extract<LoginMethod, 'sithseid-same-device' | 'sithseid-other-device'>;
}

/** Paths below the base URL. */
export const IDP_PATHS = {
  metadata: '/saml/metadata',
  ssoRedirect: '/saml/sso/HTTP-Redirect',
  ssoPost: '/saml/sso/HTTP-POST',
  sloRedirect: '/saml/slo/HTTP-Redirect',
  sloPost: '/saml/slo/HTTP-POST',
  signSameDevice: '/saml/sign/sithseid-same-device',
  signOtherDevice: '/saml/sign/sithseid-other-device',
  /** Where mTLS users would be sent for signing: not usable with the signing service. */
  signMtls: '/saml/sign',
  logout: '/saml/logout',
} as const;

/** The three entities for a base URL such as `http://127.0.0.1:40123`. */
export function idpEntities(base: string): Record<IdpEntityKind, IdpEntity> {
  const sign = (path: string, method: 'sithseid-same-device' | 'sithseid-other-device', kind: IdpEntityKind): IdpEntity => ({
    kind,
    entityId: `${base}${path}`,
    ssoRedirect: `${base}${path}`,
    ssoPost: `${base}${path}`,
    metadataUrl: `${base}${path}/metadata`,
    method,
  });
  return {
    login: {
      kind: 'login',
      entityId: `${base}/saml`,
      ssoRedirect: `${base}${IDP_PATHS.ssoRedirect}`,
      ssoPost: `${base}${IDP_PATHS.ssoPost}`,
      sloRedirect: `${base}${IDP_PATHS.sloRedirect}`,
      sloPost: `${base}${IDP_PATHS.sloPost}`,
      metadataUrl: `${base}${IDP_PATHS.metadata}`,
    },
    'sign-same-device': sign(IDP_PATHS.signSameDevice, 'sithseid-same-device', 'sign-same-device'),
    'sign-other-device': sign(IDP_PATHS.signOtherDevice, 'sithseid-other-device', 'sign-other-device'),
  };
}

/** Attributes the IdP lists in its metadata. */
const RELEASED = [
  ATTRIBUTE.employeeHsaId,
  ATTRIBUTE.givenName,
  ATTRIBUTE.surname,
  ATTRIBUTE.name,
  ATTRIBUTE.personalIdentityNumber,
  ATTRIBUTE.authnMethod,
  ATTRIBUTE.identityProviderForSign,
  ATTRIBUTE.signMessageDigest,
];

/** Metadata of one entity, signed-in-KeyDescriptor with the IdP's certificate. */
export function entityMetadataXml(entity: IdpEntity, options: { certificatePem: string; wantAuthnRequestsSigned: boolean }): string {
  return buildIdpMetadata({
    entityId: entity.entityId,
    singleSignOnServices: [
      { binding: 'redirect', location: entity.ssoRedirect },
      { binding: 'post', location: entity.ssoPost },
    ],
    singleLogoutServices: entity.sloRedirect && entity.sloPost ? [{ binding: 'redirect', location: entity.sloRedirect }, { binding: 'post', location: entity.sloPost }] : [],
    signingCertificatesPem: [options.certificatePem],
    wantAuthnRequestsSigned: options.wantAuthnRequestsSigned,
    assuranceCertifications: [LOA.loa2, LOA.loa3],
    attributes: RELEASED.map((name) => ({ name, friendlyName: FRIENDLY_NAME[name] })),
  });
}
