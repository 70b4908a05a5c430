/**
 * Names of the OASIS DSS 1.0 core protocol with the Sweden Connect "csig" extension
 * (DSS-Ext 1.1.x, as Webcert's bundled `EidCentralSigDssExt-1.1.2-DRAFT.xsd` spells them), and the
 * result codes a signing service answers with.
 */

/** OASIS DSS core schema. */
export const DSS_NS = 'urn:oasis:names:tc:dss:1.0:core:schema';
/** Sweden Connect DSS extension, version 1.1 namespace. */
export const CSIG_NS = 'http://id.elegnamnden.se/csig/1.1/dss-ext/ns';
/** SAML 2.0 assertion namespace (Conditions, Attribute, NameID types). */
export const SAML_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';
/** SAML 2.0 protocol namespace. */
export const SAMLP_NS = 'urn:oasis:names:tc:SAML:2.0:protocol';
/** XML-DSig namespace. */
export const DS_NS = 'http://www.w3.org/2000/09/xmldsig#';
/** The `xml:` namespace (for `xml:lang`). */
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
/** RFC 7773 SAML authentication context inside the signer certificate. */
export const SACI_NS = 'http://id.elegnamnden.se/auth-cont/1.0/saci';

/** Value of `Profile` on SignRequest and SignResponse. */
export const DSS_EXT_PROFILE = 'http://id.elegnamnden.se/csig/1.1/dss-ext/profile';
/** The one binding of the HTTP POST form (`Binding` field). */
export const DSS_POST_BINDING = 'POST/XML/1.0';
/** NameID format of entity identifiers (IdentityProvider, SignRequester, SignService). */
export const ENTITY_NAMEID_FORMAT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:entity';

/** Signature algorithm URIs a SignRequest may ask for. */
export const SIGNATURE_ALGORITHMS = {
  ecdsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256',
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
} as const;

/** The SAML attribute a Webcert SignRequest names the signer with. */
export const EMPLOYEE_HSA_ID = 'http://sambi.se/attributes/1/employeeHsaId';
/** Sambi attribute names used in the signer certificate. */
export const SAMBI_GIVEN_NAME = 'http://sambi.se/attributes/1/givenName';
export const SAMBI_SURNAME = 'http://sambi.se/attributes/1/surname';
/** Full name, the signer certificate's CN. */
export const URN_NAME = 'urn:name';
/** signMessageDigest (TF/04 §3.2.4): `<digest URI>;<base64 digest of the message bytes>`. */
export const SIGN_MESSAGE_DIGEST = 'urn:oid:1.2.752.201.3.14';

/** `dss:ResultMajor` values. */
export const RESULT_MAJOR = {
  success: 'urn:oasis:names:tc:dss:1.0:resultmajor:Success',
  requesterError: 'urn:oasis:names:tc:dss:1.0:resultmajor:RequesterError',
  responderError: 'urn:oasis:names:tc:dss:1.0:resultmajor:ResponderError',
  insufficientInformation: 'urn:oasis:names:tc:dss:1.0:resultmajor:InsufficientInformation',
} as const;

/** `dss:ResultMinor` values (Sweden Connect sig-status and generic DSS minors). */
export const RESULT_MINOR = {
  reqExpired: 'http://id.elegnamnden.se/sig-status/1.0/req-expired',
  userMismatch: 'http://id.elegnamnden.se/sig-status/1.0/user-mismatch',
  unsupportedLoa: 'http://id.elegnamnden.se/sig-status/1.0/unsupported-loa',
  sigMessageError: 'http://id.elegnamnden.se/sig-status/1.0/sigmessage-error',
  userCancel: 'http://id.elegnamnden.se/sig-status/1.0/user-cancel',
  authnFailed: 'http://id.swedenconnect.se/sig-status/1.1/authn-failed',
  securityViolation: 'http://id.swedenconnect.se/sig-status/1.1/security-violation',
  notSupported: 'urn:oasis:names:tc:dss:1.0:resultminor:NotSupported',
  generalError: 'urn:oasis:names:tc:dss:1.0:resultminor:GeneralError',
  keyLookupFailed: 'urn:oasis:names:tc:dss:1.0:resultminor:invalid:KeyLookupFailed',
} as const;

/** Digest algorithm URIs of signMessageDigest, with node:crypto names. */
export const DIGEST_ALGORITHMS: Readonly<Record<string, string>> = {
  'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384': 'sha384',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'sha512',
};
