/**
 * The signing service's SAML metadata, served at its entityID
 * (`/signservice-frontend/metadata/{customerId}`), shaped like CGI's (Webcert's
 * `devops/dev/config/dss-metadata.xml`) with one deliberate difference: the DEFAULT
 * AssertionConsumerService (index 0) is the DSS request URL, because Webcert takes its form
 * `actionUrl` from there when `dss.service.action.url` is empty; the SAML ACS
 * (`/signservice-frontend/consumeassertion`, index 1) is where the IdP answers, named explicitly in
 * every AuthnRequest. KeyDescriptor signing = the certificate in use now, so after `rotate` or
 * `expire` the metadata shows the new one (Webcert, which read its copy at start, does not).
 */
import { buildSpMetadata } from '../../kit/saml/metadataBuilder.js';
import { ATTRIBUTE, FRIENDLY_NAME, SIGSERVICE_ENTITY_CATEGORY } from '../../kit/saml/samlConstants.js';

/** The AuthnProfile Webcert sends, and the AttributeConsumingService of the same ServiceName. */
export const HSAID_AUTHN_PROFILE = 'digg_ap_hsaid_01';
/** Index of that AttributeConsumingService (used as AttributeConsumingServiceIndex). */
export const HSAID_ATTRIBUTE_SERVICE_INDEX = 0;

/** The addresses the metadata names. */
export interface ServiceEndpoints {
  entityId: string;
  requestUrl: string;
  assertionConsumerUrl: string;
}

/** Signed SP metadata for the service's current credential. */
export function buildServiceMetadata(endpoints: ServiceEndpoints, credential: { privateKeyPem: string; certificatePem: string }): string {
  const attrs = [ATTRIBUTE.givenName, ATTRIBUTE.surname, ATTRIBUTE.name, ATTRIBUTE.employeeHsaId];
  return buildSpMetadata({
    entityId: endpoints.entityId,
    assertionConsumerServices: [
      { location: endpoints.requestUrl, index: 0, isDefault: true },
      { location: endpoints.assertionConsumerUrl, index: 1, isDefault: false },
    ],
    signingCertificatesPem: [credential.certificatePem],
    authnRequestsSigned: true,
    wantAssertionsSigned: true,
    entityCategories: [SIGSERVICE_ENTITY_CATEGORY],
    attributeConsumingServices: [
      {
        index: HSAID_ATTRIBUTE_SERVICE_INDEX,
        isDefault: true,
        serviceName: HSAID_AUTHN_PROFILE,
        requestedAttributes: attrs.map((name) => ({ name, friendlyName: FRIENDLY_NAME[name], isRequired: true })),
      },
    ],
    signing: { privateKeyPem: credential.privateKeyPem, certificatePem: credential.certificatePem },
  });
}
