/**
 * The DSS SignRequest as Webcert builds it (DssSignatureService.createSignRequest, see
 * webcert-surfaces.md §1.3–1.4): Sweden Connect extension Version 1.4, AuthnProfile
 * digg_ap_hsaid_01, two LoAs, the logged-in user as Signer, a sign message, one XML sign task;
 * XML-signed by Webcert (RSA-SHA256, exc-c14n, signature last in OptionalInputs).
 */
import { randomUUID } from 'node:crypto';
import { signEnveloped } from '../../kit/dsig/envelopedSignature.js';
import { xmlEscape } from '../../kit/xml/xmlText.js';
import { stockholmTimestampWithOffset } from '../message/stockholmTime.js';

export const DSS_NS = 'urn:oasis:names:tc:dss:1.0:core:schema';
export const CSIG_NS = 'http://id.elegnamnden.se/csig/1.1/dss-ext/ns';
export const SAML_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';
export const DSS_PROFILE = 'http://id.elegnamnden.se/csig/1.1/dss-ext/profile';
const ENTITY = 'urn:oasis:names:tc:SAML:2.0:nameid-format:entity';

/** Webcert's defaults (application.properties). */
export const DSS_DEFAULTS = {
  clientId: '4321a222112',
  applicationId: 'webcert',
  validityMinutes: 8,
  approvedLoa: ['http://id.sambi.se/loa/loa2', 'http://id.sambi.se/loa/loa3'],
  signMessage: 'Intyg utfärdat för {patientPnr}',
} as const;

const CERT_ATTRIBUTES = [
  ['2.5.4.42', 'givenName', 'http://sambi.se/attributes/1/givenName'],
  ['2.5.4.4', 'sn', 'http://sambi.se/attributes/1/surname'],
  ['2.5.4.5', 'serialNumber', 'http://sambi.se/attributes/1/employeeHsaId'],
  ['2.5.4.3', 'commonName', 'urn:name'],
] as const;

/** The transaction (and ticket) id: `{clientid}-{applicationid}-{hex ms}-{uuid}`, ids filtered to [a-z0-9:], 12 chars. */
export function transactionId(now: number, clientId: string = DSS_DEFAULTS.clientId, applicationId: string = DSS_DEFAULTS.applicationId): string {
  const clean = (s: string) => s.replace(/[^A-Za-z0-9:]/g, '').slice(0, 12).toLowerCase();
  return `${clean(clientId)}-${clean(applicationId)}-${now.toString(16)}-${randomUUID()}`;
}

export interface SignRequestInput {
  requestId: string;
  now: number;
  /** Webcert's base URL: SignRequester `{base}/api/signature/signservice/v1/metadata`, audience `{base}/api/signature/signservice/v1/response`. */
  webcertBaseUrl: string;
  signerHsaId: string;
  identityProvider: string;
  signServiceEntityId: string;
  toBeSignedBytes: Buffer;
  signMessage: string;
  /** Webcert's SignRequest-signing key and certificate (its SAML credential). */
  credential: { privateKeyPem: string; certificatePem: string };
}

/** The signed SignRequest document (UTF-8 XML, to be base64-encoded into `EidSignRequest`). */
export function buildSignRequest(input: SignRequestInput): string {
  const e = xmlEscape;
  const attr = CERT_ATTRIBUTES.map(
    ([ref, friendly, saml]) => `<csig:RequestedCertAttribute CertAttributeRef="${ref}" FriendlyName="${friendly}" Required="true"><csig:SamlAttributeName>${saml}</csig:SamlAttributeName></csig:RequestedCertAttribute>`,
  ).join('');
  const loa = DSS_DEFAULTS.approvedLoa.map((l) => `<saml:AuthnContextClassRef>${l}</saml:AuthnContextClassRef>`).join('');
  const min = 60_000;
  const xml =
    `<dss:SignRequest xmlns:dss="${DSS_NS}" RequestID="${e(input.requestId)}" Profile="${DSS_PROFILE}"><dss:OptionalInputs>` +
    `<csig:SignRequestExtension xmlns:csig="${CSIG_NS}" xmlns:saml="${SAML_NS}" Version="1.4">` +
    `<csig:RequestTime>${stockholmTimestampWithOffset(input.now)}</csig:RequestTime>` +
    `<saml:Conditions NotBefore="${new Date(input.now - 2 * min).toISOString()}" NotOnOrAfter="${new Date(input.now + DSS_DEFAULTS.validityMinutes * min).toISOString()}">` +
    `<saml:AudienceRestriction><saml:Audience>${e(input.webcertBaseUrl)}/api/signature/signservice/v1/response</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<csig:Signer><saml:Attribute Name="http://sambi.se/attributes/1/employeeHsaId"><saml:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">${e(input.signerHsaId)}</saml:AttributeValue></saml:Attribute></csig:Signer>` +
    `<csig:IdentityProvider Format="${ENTITY}">${e(input.identityProvider)}</csig:IdentityProvider>` +
    `<csig:AuthnProfile>digg_ap_hsaid_01</csig:AuthnProfile>` +
    `<csig:SignRequester Format="${ENTITY}">${e(input.webcertBaseUrl)}/api/signature/signservice/v1/metadata</csig:SignRequester>` +
    `<csig:SignService Format="${ENTITY}">${e(input.signServiceEntityId)}</csig:SignService>` +
    `<csig:RequestedSignatureAlgorithm>http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256</csig:RequestedSignatureAlgorithm>` +
    `<csig:CertRequestProperties CertType="PKC">${loa}<csig:RequestedCertAttributes>${attr}</csig:RequestedCertAttributes></csig:CertRequestProperties>` +
    `<csig:SignMessage MustShow="true" MimeType="text/html" DisplayEntity="${e(input.identityProvider)}"><csig:Message>${Buffer.from(input.signMessage, 'utf8').toString('base64')}</csig:Message></csig:SignMessage>` +
    `</csig:SignRequestExtension></dss:OptionalInputs>` +
    `<dss:InputDocuments><dss:Other><csig:SignTasks xmlns:csig="${CSIG_NS}"><csig:SignTaskData SignTaskId="${randomUUID()}" SigType="XML">` +
    `<csig:ToBeSignedBytes>${input.toBeSignedBytes.toString('base64')}</csig:ToBeSignedBytes></csig:SignTaskData></csig:SignTasks></dss:Other></dss:InputDocuments></dss:SignRequest>`;
  return signEnveloped(xml, {
    privateKeyPem: input.credential.privateKeyPem,
    certificatePem: input.credential.certificatePem,
    algorithm: 'rsa-sha256',
    referenceUri: '',
    location: { reference: "/*[local-name()='SignRequest']/*[local-name()='OptionalInputs']", action: 'append' },
  });
}

/** The IdP Webcert names in the request (DssSignMessageIdpProvider): the login's idpForSign unless empty or an mTLS `/saml/sign` URL. */
export function identityProviderForSign(loginValue: string | undefined, fallback: string): string {
  return loginValue && !loginValue.endsWith('/saml/sign') && loginValue !== 'fake_signature_provider' ? loginValue : fallback;
}
