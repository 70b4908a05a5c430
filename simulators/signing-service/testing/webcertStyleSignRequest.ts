/**
 * Test support: a SignRequest built and signed the way Webcert builds it (webcert-surfaces.md
 * §1.2–1.4): Version 1.4, AuthnProfile digg_ap_hsaid_01, Sambi loa2 + loa3, the Signer's
 * employeeHsaId, a text/html MustShow sign message, one XML sign task whose ToBeSignedBytes are a
 * real exclusive-canonical ds:SignedInfo with SignatureMethod ecdsa-sha256; RSA-SHA256 enveloped
 * signature (Reference URI="") as the last child of dss:OptionalInputs. Each part can be overridden
 * to make the broken requests the tests need.
 */
import { createHash, randomUUID } from 'node:crypto';
import { ExclusiveCanonicalization } from 'xml-crypto';
import { signEnveloped } from '../../kit/dsig/envelopedSignature.js';
import { parseXmlSafely } from '../../kit/xml/safeXml.js';
import { xmlEscape } from '../../kit/xml/xmlText.js';
import { CSIG_NS, DS_NS, DSS_EXT_PROFILE, DSS_NS, DSS_POST_BINDING, ENTITY_NAMEID_FORMAT, SAML_NS, SIGNATURE_ALGORITHMS } from '../dss/dssNames.js';

const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';

/** The exclusive-canonical SignedInfo of a small intyg document, as Webcert's ToBeSignedBytes. */
export function webcertSignedInfo(certificateId: string, signatureMethod: string = SIGNATURE_ALGORITHMS.ecdsaSha256): Buffer {
  const intyg = `<intyg><intygs-id><root>TSTNMT2321000156-1077</root><extension>${xmlEscape(certificateId)}</extension></intygs-id></intyg>`;
  const digest = createHash('sha256').update(intyg, 'utf8').digest('base64');
  const xml =
    `<ds:SignedInfo xmlns:ds="${DS_NS}"><ds:CanonicalizationMethod Algorithm="${EXC_C14N}"/><ds:SignatureMethod Algorithm="${signatureMethod}"/>` +
    `<ds:Reference URI=""><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/><ds:Transform Algorithm="${EXC_C14N}"/></ds:Transforms>` +
    `<ds:DigestMethod Algorithm="${SHA256}"/><ds:DigestValue>${digest}</ds:DigestValue></ds:Reference></ds:SignedInfo>`;
  const root = parseXmlSafely(xml).documentElement!;
  return Buffer.from(new ExclusiveCanonicalization().process(root as unknown as Element, {}), 'utf8');
}

/** What a test may change in the request. */
export interface SignRequestVariant {
  version?: string;
  /** AuthnProfile text; default Webcert's `digg_ap_hsaid_01`. */
  authnProfile?: string;
  profile?: string;
  requestTimeMs?: number;
  notBeforeMs?: number;
  notOnOrAfterMs?: number;
  sigType?: string;
  /** Replaces the ToBeSignedBytes. */
  toBeSignedBytes?: Buffer;
  omitSignTasks?: boolean;
  omitSigner?: boolean;
  audience?: string;
  signRequester?: string;
  loas?: string[];
}

export interface WebcertStyleSignRequestOptions {
  now: number;
  requestId?: string;
  webcertBaseUrl: string;
  signerHsaId: string;
  identityProvider: string;
  signServiceEntityId: string;
  signMessage?: string;
  /** Webcert's key and certificate; absent = an unsigned request. */
  credential?: { privateKeyPem: string; certificatePem: string };
  variant?: SignRequestVariant;
}

/** A built request and the form that carries it. */
export interface BuiltSignRequest {
  requestId: string;
  xml: string;
  toBeSignedBytes: Buffer;
  /** `Binding`, `RelayState` (= RequestID unless given), `EidSignRequest`. */
  form(relayState?: string): URLSearchParams;
}

/** The Webcert-style RequestID: `{clientid}-{applicationid}-{hex ms}-{uuid}`. */
export function webcertRequestId(now: number): string {
  return `4321a222112-webcert-${now.toString(16)}-${randomUUID()}`;
}

/** Builds (and signs, given a credential) a Webcert-style SignRequest. */
export function webcertStyleSignRequest(o: WebcertStyleSignRequestOptions): BuiltSignRequest {
  const v = o.variant ?? {};
  const e = xmlEscape;
  const requestId = o.requestId ?? webcertRequestId(o.now);
  const tbs = v.toBeSignedBytes ?? webcertSignedInfo(randomUUID());
  const iso = (ms: number) => new Date(ms).toISOString();
  const requestTime = new Date(v.requestTimeMs ?? o.now).toISOString().replace('Z', '+00:00');
  const loas = (v.loas ?? ['http://id.sambi.se/loa/loa2', 'http://id.sambi.se/loa/loa3']).map((l) => `<saml:AuthnContextClassRef>${e(l)}</saml:AuthnContextClassRef>`).join('');
  const certAttrs = [
    ['2.5.4.42', 'givenName', 'http://sambi.se/attributes/1/givenName'],
    ['2.5.4.4', 'sn', 'http://sambi.se/attributes/1/surname'],
    ['2.5.4.5', 'serialNumber', 'http://sambi.se/attributes/1/employeeHsaId'],
    ['2.5.4.3', 'commonName', 'urn:name'],
  ]
    .map(([ref, fn, name]) => `<csig:RequestedCertAttribute CertAttributeRef="${ref}" FriendlyName="${fn}" Required="true"><csig:SamlAttributeName>${name}</csig:SamlAttributeName></csig:RequestedCertAttribute>`)
    .join('');
  const signer = v.omitSigner
    ? ''
    : `<csig:Signer><saml:Attribute Name="http://sambi.se/attributes/1/employeeHsaId"><saml:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">${e(o.signerHsaId)}</saml:AttributeValue></saml:Attribute></csig:Signer>`;
  const tasks = v.omitSignTasks
    ? ''
    : `<dss:InputDocuments><dss:Other><csig:SignTasks xmlns:csig="${CSIG_NS}"><csig:SignTaskData SignTaskId="${randomUUID()}" SigType="${e(v.sigType ?? 'XML')}">` +
      `<csig:ToBeSignedBytes>${tbs.toString('base64')}</csig:ToBeSignedBytes></csig:SignTaskData></csig:SignTasks></dss:Other></dss:InputDocuments>`;
  const xml =
    `<dss:SignRequest xmlns:dss="${DSS_NS}" RequestID="${e(requestId)}" Profile="${e(v.profile ?? DSS_EXT_PROFILE)}"><dss:OptionalInputs>` +
    `<csig:SignRequestExtension xmlns:csig="${CSIG_NS}" xmlns:saml="${SAML_NS}" Version="${e(v.version ?? '1.4')}">` +
    `<csig:RequestTime>${requestTime}</csig:RequestTime>` +
    `<saml:Conditions NotBefore="${iso(v.notBeforeMs ?? o.now - 2 * 60_000)}" NotOnOrAfter="${iso(v.notOnOrAfterMs ?? o.now + 8 * 60_000)}">` +
    `<saml:AudienceRestriction><saml:Audience>${e(v.audience ?? `${o.webcertBaseUrl}/api/signature/signservice/v1/response`)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    signer +
    `<csig:IdentityProvider Format="${ENTITY_NAMEID_FORMAT}">${e(o.identityProvider)}</csig:IdentityProvider>` +
    `<csig:AuthnProfile>${e(v.authnProfile ?? 'digg_ap_hsaid_01')}</csig:AuthnProfile>` +
    `<csig:SignRequester Format="${ENTITY_NAMEID_FORMAT}">${e(v.signRequester ?? `${o.webcertBaseUrl}/api/signature/signservice/v1/metadata`)}</csig:SignRequester>` +
    `<csig:SignService Format="${ENTITY_NAMEID_FORMAT}">${e(o.signServiceEntityId)}</csig:SignService>` +
    `<csig:RequestedSignatureAlgorithm>${SIGNATURE_ALGORITHMS.ecdsaSha256}</csig:RequestedSignatureAlgorithm>` +
    `<csig:CertRequestProperties CertType="PKC">${loas}<csig:RequestedCertAttributes>${certAttrs}</csig:RequestedCertAttributes></csig:CertRequestProperties>` +
    `<csig:SignMessage MustShow="true" MimeType="text/html" DisplayEntity="${e(o.identityProvider)}"><csig:Message>${Buffer.from(o.signMessage ?? 'Intyg utfärdat för 19121212-1212', 'utf8').toString('base64')}</csig:Message></csig:SignMessage>` +
    '</csig:SignRequestExtension></dss:OptionalInputs>' +
    tasks +
    '</dss:SignRequest>';
  const signed = o.credential
    ? signEnveloped(xml, {
        privateKeyPem: o.credential.privateKeyPem,
        certificatePem: o.credential.certificatePem,
        algorithm: 'rsa-sha256',
        referenceUri: '',
        location: { reference: "/*[local-name()='SignRequest']/*[local-name()='OptionalInputs']", action: 'append' },
      })
    : xml;
  return {
    requestId,
    xml: signed,
    toBeSignedBytes: tbs,
    form: (relayState = requestId) =>
      new URLSearchParams({ Binding: DSS_POST_BINDING, RelayState: relayState, EidSignRequest: Buffer.from(signed, 'utf8').toString('base64') }),
  };
}
