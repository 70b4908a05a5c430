/**
 * SAML 2.0 names used by the IdP and its service providers: namespaces, bindings, status codes,
 * and the Inera/Sambi attribute and LoA identifiers (shared/reference/protocols.md §2).
 */

export const NS = {
  saml: 'urn:oasis:names:tc:SAML:2.0:assertion',
  samlp: 'urn:oasis:names:tc:SAML:2.0:protocol',
  md: 'urn:oasis:names:tc:SAML:2.0:metadata',
  mdattr: 'urn:oasis:names:tc:SAML:metadata:attribute',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  xs: 'http://www.w3.org/2001/XMLSchema',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  csig: 'http://id.elegnamnden.se/csig/1.1/dss-ext/ns',
} as const;

export const BINDINGS = {
  redirect: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
  post: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
  artifact: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact',
} as const;

export const NAMEID_FORMAT = {
  transient: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
  persistent: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  unspecified: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
} as const;

export const ATTRNAME_FORMAT_URI = 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri';
export const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

/** Top-level and second-level SAML status codes (SAML core §3.2.2.2) and Sweden Connect's. */
export const STATUS = {
  success: 'urn:oasis:names:tc:SAML:2.0:status:Success',
  requester: 'urn:oasis:names:tc:SAML:2.0:status:Requester',
  responder: 'urn:oasis:names:tc:SAML:2.0:status:Responder',
  versionMismatch: 'urn:oasis:names:tc:SAML:2.0:status:VersionMismatch',
  authnFailed: 'urn:oasis:names:tc:SAML:2.0:status:AuthnFailed',
  unknownPrincipal: 'urn:oasis:names:tc:SAML:2.0:status:UnknownPrincipal',
  noAuthnContext: 'urn:oasis:names:tc:SAML:2.0:status:NoAuthnContext',
  requestDenied: 'urn:oasis:names:tc:SAML:2.0:status:RequestDenied',
  noPassive: 'urn:oasis:names:tc:SAML:2.0:status:NoPassive',
  /** Sweden Connect: the user cancelled (TF/03 §3.1.4). */
  cancel: 'http://id.elegnamnden.se/status/1.0/cancel',
  fraud: 'http://id.elegnamnden.se/status/1.0/fraud',
  possibleFraud: 'http://id.elegnamnden.se/status/1.0/possibleFraud',
} as const;

/** Attribute names as Inera's IdP releases them (NameFormat uri). */
export const ATTRIBUTE = {
  employeeHsaId: 'http://sambi.se/attributes/1/employeeHsaId',
  givenName: 'http://sambi.se/attributes/1/givenName',
  surname: 'http://sambi.se/attributes/1/surname',
  personalIdentityNumber: 'http://sambi.se/attributes/1/personalIdentityNumber',
  name: 'urn:name',
  authnMethod: 'urn:sambi:names:attribute:authnMethod',
  identityProviderForSign: 'urn:identityProviderForSign',
  signMessageDigest: 'urn:oid:1.2.752.201.3.14',
} as const;

/** Friendly names of {@link ATTRIBUTE}. */
export const FRIENDLY_NAME: Readonly<Record<string, string>> = {
  [ATTRIBUTE.employeeHsaId]: 'employeeHsaId',
  [ATTRIBUTE.givenName]: 'givenName',
  [ATTRIBUTE.surname]: 'surname',
  [ATTRIBUTE.personalIdentityNumber]: 'personalIdentityNumber',
  [ATTRIBUTE.name]: 'name',
  [ATTRIBUTE.authnMethod]: 'authnMethod',
  [ATTRIBUTE.identityProviderForSign]: 'identityProviderForSign',
  [ATTRIBUTE.signMessageDigest]: 'signMessageDigest',
};

/** Sambi levels of assurance (AuthnContextClassRef). */
export const LOA = {
  loa2: 'http://id.sambi.se/loa/loa2',
  loa3: 'http://id.sambi.se/loa/loa3',
} as const;

/** Entity attribute listing the LoAs an IdP is certified for. */
export const ASSURANCE_CERTIFICATION = 'urn:oasis:names:tc:SAML:attribute:assurance-certification';

/** Entity category of a signing service (TF/02 §7). */
export const SIGSERVICE_ENTITY_CATEGORY = 'http://id.elegnamnden.se/st/1.0/sigservice';
export const ENTITY_CATEGORY_ATTRIBUTE = 'http://macedir.org/entity-category';
