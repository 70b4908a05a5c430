/**
 * SAML Response on the IdP side: a signed Assertion (bearer subject confirmation, audience,
 * AuthnStatement, attributes with NameFormat uri) inside a signed Response, or an error Response
 * with status codes. Prefixes `saml2`/`saml2p` as OpenSAML writes them: Webcert finds
 * `<saml2:AuthnContextClassRef>` with a regex over the raw response.
 */
import type { Clock } from '../clock/virtualClock.js';
import { signEnveloped } from '../dsig/envelopedSignature.js';
import { xmlEscape } from '../xml/xmlText.js';
import { ATTRNAME_FORMAT_URI, BEARER, FRIENDLY_NAME, NS, STATUS } from './samlConstants.js';
import { samlId, samlInstant } from './samlTime.js';

/** One attribute of the AttributeStatement. */
export interface SamlAttribute {
  name: string;
  friendlyName?: string;
  values: string[];
}

/** The IdP's signing credential. */
export interface ResponseSigning {
  privateKeyPem: string;
  certificatePem: string;
}

export interface SuccessResponseOptions {
  clock: Clock;
  /** IdP entityID. */
  issuer: string;
  /** The SP's ACS URL (Response Destination and SubjectConfirmationData Recipient). */
  destination: string;
  /** The AuthnRequest ID; absent for an unsolicited response. */
  inResponseTo?: string;
  /** SP entityID (AudienceRestriction). */
  audience: string;
  nameId: { value: string; format: string };
  /** When the user authenticated (SSO may answer later); default now. */
  authnInstant?: number;
  sessionIndex: string;
  authnContextClassRef: string;
  attributes: SamlAttribute[];
  /** How long the assertion may be used; default 5 minutes. */
  validityMs?: number;
  signing: ResponseSigning;
  /** Default true for both. */
  signAssertion?: boolean;
  signResponse?: boolean;
  responseId?: string;
  assertionId?: string;
}

/** A built Response: its XML, IDs and the base64 form value for the POST binding. */
export interface BuiltResponse {
  xml: string;
  responseId: string;
  assertionId?: string;
  /** base64 of the XML, the `SAMLResponse` form value. */
  samlResponse: string;
}

const DEFAULT_VALIDITY_MS = 5 * 60_000;

function attributeXml(a: SamlAttribute): string {
  const friendly = a.friendlyName ?? FRIENDLY_NAME[a.name];
  const values = a.values
    .map((v) => `<saml2:AttributeValue xmlns:xs="${NS.xs}" xmlns:xsi="${NS.xsi}" xsi:type="xs:string">${xmlEscape(v)}</saml2:AttributeValue>`)
    .join('');
  return `<saml2:Attribute Name="${xmlEscape(a.name)}"${friendly ? ` FriendlyName="${xmlEscape(friendly)}"` : ''} NameFormat="${ATTRNAME_FORMAT_URI}">${values}</saml2:Attribute>`;
}

function statusXml(code: string, subCode?: string, message?: string): string {
  const inner = subCode ? `<saml2p:StatusCode Value="${xmlEscape(subCode)}"/>` : '';
  return `<saml2p:Status><saml2p:StatusCode Value="${xmlEscape(code)}">${inner}</saml2p:StatusCode>${message ? `<saml2p:StatusMessage>${xmlEscape(message)}</saml2p:StatusMessage>` : ''}</saml2p:Status>`;
}

function responseOpen(o: { id: string; now: number; destination: string; inResponseTo?: string }): string {
  return (
    `<saml2p:Response xmlns:saml2p="${NS.samlp}" xmlns:saml2="${NS.saml}" ID="${o.id}" Version="2.0" IssueInstant="${samlInstant(o.now)}" ` +
    `Destination="${xmlEscape(o.destination)}"${o.inResponseTo ? ` InResponseTo="${xmlEscape(o.inResponseTo)}"` : ''}>`
  );
}

const ISSUER_OF_ROOT = { reference: "/*/*[local-name()='Issuer']", action: 'after' as const };

/** A successful Response with one Assertion, signed as asked (both by default). */
export function buildSuccessResponse(o: SuccessResponseOptions): BuiltResponse {
  const now = o.clock.now();
  const until = samlInstant(now + (o.validityMs ?? DEFAULT_VALIDITY_MS));
  const responseId = o.responseId ?? samlId();
  const assertionId = o.assertionId ?? samlId();
  const inResponseTo = o.inResponseTo ? ` InResponseTo="${xmlEscape(o.inResponseTo)}"` : '';
  const issuer = `<saml2:Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity">${xmlEscape(o.issuer)}</saml2:Issuer>`;
  const assertion =
    `<saml2:Assertion xmlns:saml2="${NS.saml}" ID="${assertionId}" IssueInstant="${samlInstant(now)}" Version="2.0">${issuer}` +
    `<saml2:Subject><saml2:NameID Format="${xmlEscape(o.nameId.format)}" NameQualifier="${xmlEscape(o.issuer)}" SPNameQualifier="${xmlEscape(o.audience)}">${xmlEscape(o.nameId.value)}</saml2:NameID>` +
    `<saml2:SubjectConfirmation Method="${BEARER}"><saml2:SubjectConfirmationData${inResponseTo} NotOnOrAfter="${until}" Recipient="${xmlEscape(o.destination)}"/></saml2:SubjectConfirmation></saml2:Subject>` +
    `<saml2:Conditions NotBefore="${samlInstant(now)}" NotOnOrAfter="${until}"><saml2:AudienceRestriction><saml2:Audience>${xmlEscape(o.audience)}</saml2:Audience></saml2:AudienceRestriction></saml2:Conditions>` +
    `<saml2:AuthnStatement AuthnInstant="${samlInstant(o.authnInstant ?? now)}" SessionIndex="${xmlEscape(o.sessionIndex)}">` +
    `<saml2:AuthnContext><saml2:AuthnContextClassRef>${xmlEscape(o.authnContextClassRef)}</saml2:AuthnContextClassRef></saml2:AuthnContext></saml2:AuthnStatement>` +
    (o.attributes.length ? `<saml2:AttributeStatement>${o.attributes.map(attributeXml).join('')}</saml2:AttributeStatement>` : '') +
    '</saml2:Assertion>';
  let xml = `${responseOpen({ id: responseId, now, destination: o.destination, inResponseTo: o.inResponseTo })}${issuer}${statusXml(STATUS.success)}${assertion}</saml2p:Response>`;
  if (o.signAssertion !== false) {
    xml = signEnveloped(xml, {
      ...o.signing,
      referenceUri: `#${assertionId}`,
      location: { reference: "/*/*[local-name()='Assertion']/*[local-name()='Issuer']", action: 'after' },
      inclusiveNamespacesPrefixList: ['xs'],
    });
  }
  if (o.signResponse !== false) xml = signEnveloped(xml, { ...o.signing, referenceUri: `#${responseId}`, location: ISSUER_OF_ROOT, inclusiveNamespacesPrefixList: ['xs'] });
  return { xml, responseId, assertionId, samlResponse: Buffer.from(xml, 'utf8').toString('base64') };
}

/** A non-success status: top-level code (Requester/Responder), optional second-level code and message. */
export interface SamlStatus {
  code: string;
  subCode?: string;
  message?: string;
}

/** Ready-made error statuses for the IdP's failure cases. */
export const ERROR_STATUS = {
  cancel: (message = 'Användaren avbröt inloggningen'): SamlStatus => ({ code: STATUS.responder, subCode: STATUS.cancel, message }),
  authnFailed: (message = 'Autentiseringen misslyckades'): SamlStatus => ({ code: STATUS.responder, subCode: STATUS.authnFailed, message }),
  unknownPrincipal: (message = 'Användaren är okänd'): SamlStatus => ({ code: STATUS.responder, subCode: STATUS.unknownPrincipal, message }),
  noAuthnContext: (message = 'Begärd tillitsnivå kan inte uppfyllas'): SamlStatus => ({ code: STATUS.responder, subCode: STATUS.noAuthnContext, message }),
  requestDenied: (message: string): SamlStatus => ({ code: STATUS.requester, subCode: STATUS.requestDenied, message }),
} as const;

/** An error Response (no assertion), signed unless `signing` is absent. */
export function buildErrorResponse(o: {
  clock: Clock;
  issuer: string;
  destination: string;
  inResponseTo?: string;
  status: SamlStatus;
  signing?: ResponseSigning;
  responseId?: string;
}): BuiltResponse {
  const responseId = o.responseId ?? samlId();
  const issuer = `<saml2:Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity">${xmlEscape(o.issuer)}</saml2:Issuer>`;
  let xml = `${responseOpen({ id: responseId, now: o.clock.now(), destination: o.destination, inResponseTo: o.inResponseTo })}${issuer}${statusXml(o.status.code, o.status.subCode, o.status.message)}</saml2p:Response>`;
  if (o.signing) xml = signEnveloped(xml, { ...o.signing, referenceUri: `#${responseId}`, location: ISSUER_OF_ROOT });
  return { xml, responseId, samlResponse: Buffer.from(xml, 'utf8').toString('base64') };
}
