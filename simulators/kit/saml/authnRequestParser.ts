/**
 * AuthnRequest on the IdP side: decode the binding, parse with the safe parser, and check it
 * against the registered service providers (issuer, signature, IssueInstant window, Destination,
 * AssertionConsumerService), reading ForceAuthn, RequestedAuthnContext and a `csig:SignMessage`.
 */
import type { Document, Element } from '@xmldom/xmldom';
import type { Clock } from '../clock/virtualClock.js';
import { verifyEnvelopedSignature } from '../dsig/signatureVerification.js';
import { childElement, childElements, childText } from '../xml/dom.js';
import { parseXmlSafely } from '../xml/safeXml.js';
import { decodeFromPost, MAX_SAML_MESSAGE_BYTES, readRedirectQuery, redirectSignatureProblem } from './bindings.js';
import { defaultAssertionConsumerService, type EntityMetadata } from './metadataParser.js';
import { BINDINGS, NS } from './samlConstants.js';
import { SamlError } from './samlError.js';
import { parseInstant, samlInstant } from './samlTime.js';
import { readSignMessage, type SignMessage } from './signMessage.js';
import { inputExcerpt } from '../text/inputExcerpt.js';

/** How the request reached the IdP. */
export type IncomingSamlRequest =
  | { binding: 'redirect'; /** Raw query string of the GET, as received. */ rawQuery: string }
  | { binding: 'post'; samlRequest: string; relayState?: string };

export interface AuthnRequestCheckContext {
  clock: Clock;
  /** The registered SP with this entityID, if any. */
  serviceProvider(entityId: string): EntityMetadata | undefined;
  /** Endpoint URLs a request may name as Destination. */
  destinations: string[];
  /** Refuse unsigned requests from every SP; default only from SPs whose metadata says AuthnRequestsSigned="true". */
  requireSignedRequests?: boolean;
  /** Oldest accepted IssueInstant, in ms before now; default 5 minutes. */
  maxAgeMs?: number;
  /** Allowed clock difference; default 60 s. */
  clockSkewMs?: number;
}

/** A checked AuthnRequest. */
export interface ParsedAuthnRequest {
  id: string;
  issuer: string;
  issueInstant: number;
  destination?: string;
  /** Where the Response goes: the requested URL (checked against metadata) or the SP's default ACS. */
  assertionConsumerServiceUrl: string;
  forceAuthn: boolean;
  isPassive: boolean;
  attributeConsumingServiceIndex?: number;
  nameIdFormat?: string;
  requestedAuthnContext?: { classRefs: string[]; comparison: string };
  signMessage?: SignMessage;
  requesterIds: string[];
  relayState?: string;
  signed: boolean;
  binding: 'redirect' | 'post';
  xml: string;
  serviceProvider: EntityMetadata;
}

const DEFAULT_MAX_AGE_MS = 5 * 60_000;
const DEFAULT_SKEW_MS = 60_000;

function parseRoot(xml: string): Element {
  let doc: Document;
  try {
    doc = parseXmlSafely(xml, { maxBytes: MAX_SAML_MESSAGE_BYTES });
  } catch (error) {
    throw new SamlError('bad-xml', `SAMLRequest is not acceptable XML: ${(error as Error).message}`);
  }
  const root = doc.documentElement;
  if (!root || root.namespaceURI !== NS.samlp || root.localName !== 'AuthnRequest') {
    throw new SamlError('wrong-message', `SAMLRequest holds <${root?.tagName ?? '?'}>, expected samlp:AuthnRequest (${NS.samlp})`);
  }
  return root;
}

/**
 * Decodes and checks an AuthnRequest.
 * @throws {SamlError} whose `code` names the failed check and whose message says what to fix;
 *   `context` carries the request ID, issuer and RelayState when they were readable.
 */
export function parseAuthnRequest(incoming: IncomingSamlRequest, ctx: AuthnRequestCheckContext): ParsedAuthnRequest {
  const redirect = incoming.binding === 'redirect' ? readRedirectQuery(incoming.rawQuery, 'SAMLRequest') : undefined;
  const xml = redirect ? redirect.xml : decodeFromPost((incoming as { samlRequest: string }).samlRequest, 'SAMLRequest');
  const relayState = redirect ? redirect.relayState : (incoming as { relayState?: string }).relayState;
  let root = parseRoot(xml);
  const id = root.getAttribute('ID') ?? '';
  const issuer = childText(root, NS.saml, 'Issuer') ?? '';
  const context = { id: id || undefined, issuer: issuer || undefined, relayState };
  const fail = (code: ConstructorParameters<typeof SamlError>[0], message: string) => new SamlError(code, message, context);

  if (!id) throw fail('missing-field', 'AuthnRequest has no ID attribute');
  if (root.getAttribute('Version') !== '2.0') throw fail('unsupported-version', `AuthnRequest Version is "${inputExcerpt(root.getAttribute('Version') ?? '')}", only SAML 2.0 is supported`);
  if (!issuer) throw fail('missing-field', 'AuthnRequest has no saml:Issuer; the IdP needs it to find the service provider');
  const sp = ctx.serviceProvider(issuer)?.sp ? ctx.serviceProvider(issuer) : undefined;
  if (!sp?.sp) throw fail('unknown-sp', `no service provider with entityID "${inputExcerpt(issuer)}" is registered at this IdP; give the IdP the SP's metadata`);

  // Signature: in the query (Redirect) or enveloped in the XML (POST).
  const required = Boolean(ctx.requireSignedRequests || sp.sp.authnRequestsSigned);
  let signed = false;
  if (redirect?.signature) {
    const problem = redirectSignatureProblem(redirect, sp.sp.signingCertificatesPem);
    if (problem) throw fail('bad-signature', `AuthnRequest signature from ${issuer} is not valid: ${problem}`);
    signed = true;
  } else if (!redirect && childElement(root, NS.ds, 'Signature')) {
    const verdict = verifyEnvelopedSignature(xml, { trustedCertificatesPem: sp.sp.signingCertificatesPem, maxBytes: MAX_SAML_MESSAGE_BYTES });
    if (!verdict.valid) throw fail('bad-signature', `AuthnRequest signature from ${issuer} is not valid: ${verdict.problem ?? ''}`);
    if (verdict.referenceUris.length !== 1 || verdict.referenceUris[0] !== `#${id}`) {
      throw fail('bad-signature', `AuthnRequest signature covers ${verdict.referenceUris.join(', ') || 'nothing'} instead of the request itself (#${id})`);
    }
    root = parseRoot(verdict.signedReferences[0] ?? ''); // read only what was signed
    signed = true;
  }
  if (required && !signed) {
    throw fail('unsigned', `AuthnRequest from ${issuer} is not signed, but ${ctx.requireSignedRequests ? 'this IdP requires signed requests' : 'its metadata says AuthnRequestsSigned="true"'}; sign it`);
  }

  const now = ctx.clock.now();
  const skew = ctx.clockSkewMs ?? DEFAULT_SKEW_MS;
  const maxAge = ctx.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
  const issueInstant = parseInstant(root.getAttribute('IssueInstant'), 'AuthnRequest IssueInstant');
  if (issueInstant < now - maxAge - skew) {
    throw fail('expired', `AuthnRequest was issued at ${samlInstant(issueInstant)}, more than ${Math.round(maxAge / 1000)} s before now (${samlInstant(now)}); start the login again`);
  }
  if (issueInstant > now + skew) {
    throw fail('not-yet-valid', `AuthnRequest IssueInstant ${samlInstant(issueInstant)} is in the future (now ${samlInstant(now)}); check the SP's clock`);
  }
  const destination = root.getAttribute('Destination') || undefined;
  if (destination && !ctx.destinations.includes(destination)) {
    throw fail('wrong-destination', `AuthnRequest Destination "${inputExcerpt(destination)}" is not this IdP endpoint (${ctx.destinations.join(', ')}); send it to the endpoint it names`);
  }
  if (signed && !redirect && !destination) throw fail('missing-field', 'a signed POST AuthnRequest must carry Destination (SAML bindings §3.5.5.2)');

  const binding = root.getAttribute('ProtocolBinding');
  if (binding && binding !== BINDINGS.post) throw fail('unsupported-binding', `ProtocolBinding ${binding} is not supported; ask for ${BINDINGS.post}`);
  const requestedAcs = root.getAttribute('AssertionConsumerServiceURL') || undefined;
  const acsIndex = root.getAttribute('AssertionConsumerServiceIndex');
  const registered = sp.sp.assertionConsumerServices.filter((a) => a.binding === BINDINGS.post);
  let acs: string | undefined;
  if (requestedAcs) {
    if (!registered.some((a) => a.location === requestedAcs)) {
      throw fail('unregistered-acs', `AssertionConsumerServiceURL "${inputExcerpt(requestedAcs)}" is not registered for ${issuer} (registered: ${registered.map((a) => a.location).join(', ') || 'none'}); fix the SP metadata or the request`);
    }
    acs = requestedAcs;
  } else if (acsIndex !== null && acsIndex !== '') {
    acs = registered.find((a) => a.index === Number(acsIndex))?.location;
    if (!acs) throw fail('unregistered-acs', `AssertionConsumerServiceIndex ${acsIndex} is not in the metadata of ${issuer}`);
  } else {
    acs = defaultAssertionConsumerService({ ...sp.sp, assertionConsumerServices: registered })?.location;
    if (!acs) throw fail('unregistered-acs', `the metadata of ${issuer} has no HTTP-POST AssertionConsumerService`);
  }

  const rac = childElement(root, NS.samlp, 'RequestedAuthnContext');
  const acsIdx = root.getAttribute('AttributeConsumingServiceIndex');
  let signMessage: SignMessage | undefined;
  try {
    signMessage = readSignMessage(childElement(root, NS.samlp, 'Extensions'));
  } catch (error) {
    throw fail((error as SamlError).code ?? 'missing-field', (error as Error).message);
  }
  const scoping = childElement(root, NS.samlp, 'Scoping');
  return {
    id,
    issuer,
    issueInstant,
    destination,
    assertionConsumerServiceUrl: acs,
    forceAuthn: root.getAttribute('ForceAuthn') === 'true' || root.getAttribute('ForceAuthn') === '1',
    isPassive: root.getAttribute('IsPassive') === 'true' || root.getAttribute('IsPassive') === '1',
    attributeConsumingServiceIndex: acsIdx ? Number(acsIdx) : undefined,
    nameIdFormat: childElement(root, NS.samlp, 'NameIDPolicy')?.getAttribute('Format') || undefined,
    requestedAuthnContext: rac
      ? { classRefs: childElements(rac, NS.saml, 'AuthnContextClassRef').map((e) => (e.textContent ?? '').trim()), comparison: rac.getAttribute('Comparison') || 'exact' }
      : undefined,
    signMessage,
    requesterIds: scoping ? childElements(scoping, NS.samlp, 'RequesterID').map((e) => (e.textContent ?? '').trim()) : [],
    relayState,
    signed,
    binding: incoming.binding,
    xml,
    serviceProvider: sp,
  };
}
