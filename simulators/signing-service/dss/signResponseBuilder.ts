/**
 * Builds and signs `dss:SignResponse` in exactly the layout Webcert reads positionally:
 * - `dss:OptionalOutputs` whose FIRST child is `csig:SignResponseExtension` and whose LAST child is
 *   the response `ds:Signature` (RSA-SHA256, exc-c14n, enveloped, Reference URI="", KeyInfo with
 *   the service certificate);
 * - `dss:SignatureObject/dss:Other` whose FIRST child is `csig:SignTasks`;
 * - `csig:SignatureCertificateChain` with the signer certificate FIRST.
 * The document carries exactly one `ds:Signature`: the IdP's assertion is only base64 inside
 * `csig:Assertion`, and the SignedInfo to be signed only base64 inside ToBeSignedBytes.
 * No whitespace between elements, so "first child" is the first node too.
 */
import { signEnveloped } from '../../kit/dsig/envelopedSignature.js';
import { certificateBase64 } from '../../kit/pki/pem.js';
import { xmlEscape } from '../../kit/xml/xmlText.js';
import { CSIG_NS, DSS_EXT_PROFILE, DSS_NS, ENTITY_NAMEID_FORMAT, RESULT_MAJOR, SAML_NS, SIGNATURE_ALGORITHMS } from './dssNames.js';
import { xsDateTime } from './xsDateTime.js';

/** The service's signing key and certificate. */
export interface ResponseSigningKey {
  privateKeyPem: string;
  certificatePem: string;
}

/** One signed task as it goes back. */
export interface SignedTask {
  /** Empty when the request's task had no SignTaskId. */
  signTaskId: string;
  sigType: string;
  toBeSignedBase64: string;
  signatureValue: Buffer;
}

/** How the signer was authenticated (SignerAssertionInfo). */
export interface SignerAssertion {
  identityProvider: string;
  /** xs:dateTime. */
  authenticationInstant: string;
  authnContextClassRef: string;
  assertionId: string;
  /** Attributes that went into the certificate, as asserted. */
  attributes: { name: string; friendlyName?: string; values: string[] }[];
  /** The IdP's assertion, as received (goes base64 into csig:Assertion). */
  assertionXml: string;
}

/** What is common to every response. */
export interface ResponseHeader {
  requestId: string;
  /** Echo of the request's SignRequestExtension Version. */
  version: string;
  responseTime: number;
}

const NAMESPACES = `xmlns:dss="${DSS_NS}" xmlns:csig="${CSIG_NS}" xmlns:saml="${SAML_NS}"`;
const OPTIONAL_OUTPUTS_XPATH = "/*[local-name()='SignResponse']/*[local-name()='OptionalOutputs']";

function result(major: string, minor?: string, message?: string): string {
  return (
    `<dss:Result><dss:ResultMajor>${xmlEscape(major)}</dss:ResultMajor>` +
    (minor ? `<dss:ResultMinor>${xmlEscape(minor)}</dss:ResultMinor>` : '') +
    (message ? `<dss:ResultMessage xml:lang="sv">${xmlEscape(message)}</dss:ResultMessage>` : '') +
    '</dss:Result>'
  );
}

function open(header: ResponseHeader): string {
  return `<dss:SignResponse ${NAMESPACES} RequestID="${xmlEscape(header.requestId)}" Profile="${DSS_EXT_PROFILE}">`;
}

function sign(xml: string, key: ResponseSigningKey): string {
  return signEnveloped(xml, {
    privateKeyPem: key.privateKeyPem,
    certificatePem: key.certificatePem,
    algorithm: 'rsa-sha256',
    referenceUri: '',
    prefix: 'ds',
    location: { reference: OPTIONAL_OUTPUTS_XPATH, action: 'append' },
  });
}

function signerAssertionInfo(a: SignerAssertion): string {
  const attributes = a.attributes
    .map(
      (attr) =>
        `<saml:Attribute Name="${xmlEscape(attr.name)}"${attr.friendlyName ? ` FriendlyName="${xmlEscape(attr.friendlyName)}"` : ''} NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">` +
        attr.values.map((v) => `<saml:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">${xmlEscape(v)}</saml:AttributeValue>`).join('') +
        '</saml:Attribute>',
    )
    .join('');
  return (
    '<csig:SignerAssertionInfo><csig:ContextInfo>' +
    `<csig:IdentityProvider Format="${ENTITY_NAMEID_FORMAT}">${xmlEscape(a.identityProvider)}</csig:IdentityProvider>` +
    `<csig:AuthenticationInstant>${xmlEscape(a.authenticationInstant)}</csig:AuthenticationInstant>` +
    `<saml:AuthnContextClassRef>${xmlEscape(a.authnContextClassRef)}</saml:AuthnContextClassRef>` +
    `<csig:AssertionRef>${xmlEscape(a.assertionId)}</csig:AssertionRef>` +
    `</csig:ContextInfo><saml:AttributeStatement>${attributes}</saml:AttributeStatement>` +
    `<csig:SamlAssertions><csig:Assertion>${Buffer.from(a.assertionXml, 'utf8').toString('base64')}</csig:Assertion></csig:SamlAssertions>` +
    '</csig:SignerAssertionInfo>'
  );
}

/** A signed Success response with the signed tasks and the signer's certificate chain. */
export function buildSuccessResponse(
  args: ResponseHeader & { assertion: SignerAssertion; certificateChainPem: string[]; tasks: SignedTask[] },
  key: ResponseSigningKey,
): string {
  const chain = args.certificateChainPem.map((pem) => `<csig:X509Certificate>${certificateBase64(pem)}</csig:X509Certificate>`).join('');
  const tasks = args.tasks
    .map(
      (t) =>
        `<csig:SignTaskData${t.signTaskId ? ` SignTaskId="${xmlEscape(t.signTaskId)}"` : ''} SigType="${xmlEscape(t.sigType)}">` +
        `<csig:ToBeSignedBytes>${t.toBeSignedBase64}</csig:ToBeSignedBytes>` +
        `<csig:Base64Signature Type="${SIGNATURE_ALGORITHMS.ecdsaSha256}">${t.signatureValue.toString('base64')}</csig:Base64Signature>` +
        '</csig:SignTaskData>',
    )
    .join('');
  const xml =
    open(args) +
    result(RESULT_MAJOR.success) +
    '<dss:OptionalOutputs>' +
    `<csig:SignResponseExtension Version="${xmlEscape(args.version)}">` +
    `<csig:ResponseTime>${xsDateTime(args.responseTime)}</csig:ResponseTime>` +
    signerAssertionInfo(args.assertion) +
    `<csig:SignatureCertificateChain>${chain}</csig:SignatureCertificateChain>` +
    '</csig:SignResponseExtension>' +
    '</dss:OptionalOutputs>' +
    `<dss:SignatureObject><dss:Other><csig:SignTasks>${tasks}</csig:SignTasks></dss:Other></dss:SignatureObject>` +
    '</dss:SignResponse>';
  return sign(xml, key);
}

/** A signed error response: Result with major, minor and a Swedish message; no SignatureObject. */
export function buildErrorResponse(
  args: ResponseHeader & { resultMajor: string; resultMinor?: string; resultMessage: string },
  key: ResponseSigningKey,
): string {
  const xml =
    open(args) +
    result(args.resultMajor, args.resultMinor, args.resultMessage) +
    '<dss:OptionalOutputs>' +
    `<csig:SignResponseExtension Version="${xmlEscape(args.version)}"><csig:ResponseTime>${xsDateTime(args.responseTime)}</csig:ResponseTime></csig:SignResponseExtension>` +
    '</dss:OptionalOutputs>' +
    '</dss:SignResponse>';
  return sign(xml, key);
}
