/**
 * SAML Response on the SP side (Webcert, the signing service): signatures against the IdP's
 * metadata certificates, then every check on signed content only (the wrapping defence), with
 * times from the virtual clock and one-time use of each assertion.
 */
import type { Element } from '@xmldom/xmldom';
import type { Clock } from '../clock/virtualClock.js';
import { verifyEnvelopedSignature } from '../dsig/signatureVerification.js';
import { childElement, childElements, childText } from '../xml/dom.js';
import { parseXmlSafely } from '../xml/safeXml.js';
import { decodeFromPost, MAX_SAML_MESSAGE_BYTES } from './bindings.js';
import type { ReplayCache } from './replayCache.js';
import { BEARER, NS, STATUS } from './samlConstants.js';
import { SamlError, type SamlErrorCode } from './samlError.js';
import { parseInstant, samlInstant } from './samlTime.js';
import { inputExcerpt } from '../text/inputExcerpt.js';

export interface ResponseCheckContext {
  clock: Clock;
  /** The IdP as its metadata describes it. */
  idp: { entityId: string; signingCertificatesPem: string[] };
  /** This SP: its entityID (the audience) and its ACS URLs (Destination, Recipient). */
  sp: { entityId: string; assertionConsumerServiceUrls: string[] };
  /** Whether InResponseTo names an AuthnRequest this SP sent and still waits for. */
  isOutstandingRequest(id: string): boolean;
  replayCache: ReplayCache;
  /** Default 60 s. */
  clockSkewMs?: number;
  /** Accept responses without InResponseTo (IdP-initiated); default false. */
  allowUnsolicited?: boolean;
  /** Require the Assertion itself to be signed (WantAssertionsSigned); default true. */
  requireSignedAssertion?: boolean;
}

/** What an SP may use from an accepted Response. */
export interface ValidatedResponse {
  responseId: string;
  assertionId: string;
  issuer: string;
  inResponseTo?: string;
  nameId: string;
  nameIdFormat?: string;
  sessionIndex?: string;
  authnInstant: number;
  authnContextClassRef: string;
  /** Attribute values by attribute Name. */
  attributes: Record<string, string[]>;
  /** End of the assertion's validity (Conditions NotOnOrAfter). */
  notOnOrAfter: number;
  signedResponse: boolean;
  signedAssertion: boolean;
  /** The Response as received. */
  xml: string;
}

const DEFAULT_SKEW_MS = 60_000;
const SIG_OF_ASSERTION = `/*/*[local-name()='Assertion' and namespace-uri()='${NS.saml}']/*[local-name()='Signature' and namespace-uri()='${NS.ds}']`;

function parseElement(xml: string, what: string): Element {
  try {
    const root = parseXmlSafely(xml, { maxBytes: MAX_SAML_MESSAGE_BYTES }).documentElement;
    if (!root) throw new Error('no root element');
    return root;
  } catch (error) {
    throw new SamlError('bad-xml', `${what} is not acceptable XML: ${(error as Error).message}`);
  }
}

/**
 * Checks a Response and returns what it asserts.
 * @throws {SamlError} naming the failed check (`status` for a non-success answer from the IdP,
 *   with the status codes in `context.statusCodes`).
 */
export function validateSamlResponse(input: { samlResponse: string } | { xml: string }, ctx: ResponseCheckContext): ValidatedResponse {
  const xml = 'xml' in input ? input.xml : decodeFromPost(input.samlResponse, 'SAMLResponse');
  const received = parseElement(xml, 'SAMLResponse');
  if (received.namespaceURI !== NS.samlp || received.localName !== 'Response') {
    throw new SamlError('wrong-message', `SAMLResponse holds <${received.tagName}>, expected samlp:Response (${NS.samlp})`);
  }
  const responseId = received.getAttribute('ID') ?? '';
  const context: SamlError['context'] = { id: responseId || undefined, issuer: childText(received, NS.saml, 'Issuer') };
  const fail = (code: SamlErrorCode, message: string) => new SamlError(code, message, context);
  if (!responseId) throw fail('missing-field', 'Response has no ID attribute');
  if (received.getAttribute('Version') !== '2.0') throw fail('unsupported-version', 'Response Version is not 2.0');
  const trusted = ctx.idp.signingCertificatesPem;

  // 1. The Response signature, if any; from here on only the signed copy is read.
  let response = received;
  let signedResponseXml: string | undefined;
  if (childElement(received, NS.ds, 'Signature')) {
    const v = verifyEnvelopedSignature(xml, { trustedCertificatesPem: trusted, maxBytes: MAX_SAML_MESSAGE_BYTES });
    if (!v.valid) throw fail('bad-signature', `Response signature is not valid: ${v.problem ?? ''}`);
    if (v.referenceUris.length !== 1 || v.referenceUris[0] !== `#${responseId}`) throw fail('bad-signature', `Response signature covers ${v.referenceUris.join(', ') || 'nothing'}, not the Response (#${responseId})`);
    signedResponseXml = v.signedReferences[0] ?? '';
    response = parseElement(signedResponseXml, 'signed Response');
  }
  const issuer = childText(response, NS.saml, 'Issuer');
  if (issuer !== undefined && issuer !== ctx.idp.entityId) throw fail('wrong-issuer', `Response Issuer is "${inputExcerpt(issuer)}", expected the IdP "${ctx.idp.entityId}"`);

  const inResponseTo = response.getAttribute('InResponseTo') || undefined;
  context.id = responseId;
  const status = childElement(response, NS.samlp, 'Status');
  const top = status ? childElement(status, NS.samlp, 'StatusCode') : undefined;
  const codes = [top?.getAttribute('Value') ?? '', ...(top ? childElements(top, NS.samlp, 'StatusCode').map((c) => c.getAttribute('Value') ?? '') : [])].filter(Boolean);
  if (codes[0] !== STATUS.success) {
    const statusMessage = status ? childText(status, NS.samlp, 'StatusMessage') : undefined;
    throw new SamlError('status', `the IdP answered ${codes.join(' / ') || 'without a status'}${statusMessage ? `: "${inputExcerpt(statusMessage)}"` : ''}`, { ...context, statusCodes: codes, statusMessage });
  }

  const destination = response.getAttribute('Destination') || undefined;
  if (destination && !ctx.sp.assertionConsumerServiceUrls.includes(destination)) {
    throw fail('wrong-destination', `Response Destination "${inputExcerpt(destination)}" is not this SP's ACS (${ctx.sp.assertionConsumerServiceUrls.join(', ')}); the IdP sent it to the wrong SP or the SP metadata is stale`);
  }
  if (signedResponseXml && !destination) throw fail('missing-field', 'a signed Response must carry Destination (SAML bindings §3.5.5.2)');
  if (inResponseTo) {
    if (!ctx.isOutstandingRequest(inResponseTo)) throw fail('unknown-in-response-to', `Response answers request ${inResponseTo}, which this SP did not send or no longer waits for (already answered or too old); start the login again`);
  } else if (!ctx.allowUnsolicited) {
    throw fail('unknown-in-response-to', 'Response has no InResponseTo (unsolicited); this SP accepts only answers to its own AuthnRequests');
  }

  // 2. Exactly one assertion, read from signed content only.
  if (childElement(response, NS.saml, 'EncryptedAssertion')) throw fail('missing-field', 'encrypted assertions are not supported by the simulators; send the Assertion unencrypted');
  const assertions = childElements(response, NS.saml, 'Assertion');
  if (assertions.length !== 1) throw fail('missing-field', `Response holds ${assertions.length} assertions, expected exactly one`);
  let assertion = assertions[0] as Element;
  const assertionId = assertion.getAttribute('ID') ?? '';
  let signedAssertion = false;
  if (childElement(assertion, NS.ds, 'Signature')) {
    const v = verifyEnvelopedSignature(signedResponseXml ?? xml, { trustedCertificatesPem: trusted, signatureElement: SIG_OF_ASSERTION, maxBytes: MAX_SAML_MESSAGE_BYTES });
    if (!v.valid) throw fail('bad-signature', `Assertion signature is not valid: ${v.problem ?? ''}`);
    if (v.referenceUris.length !== 1 || v.referenceUris[0] !== `#${assertionId}`) throw fail('bad-signature', `Assertion signature covers ${v.referenceUris.join(', ') || 'nothing'}, not the Assertion (#${assertionId})`);
    assertion = parseElement(v.signedReferences[0] ?? '', 'signed Assertion');
    signedAssertion = true;
  }
  if (!signedAssertion && (ctx.requireSignedAssertion ?? true)) throw fail('unsigned', 'the Assertion is not signed, and this SP wants signed assertions (WantAssertionsSigned)');
  if (!signedAssertion && !signedResponseXml) throw fail('unsigned', 'neither the Response nor its Assertion is signed');
  if (!assertionId) throw fail('missing-field', 'Assertion has no ID attribute');
  const assertionIssuer = childText(assertion, NS.saml, 'Issuer');
  if (assertionIssuer !== ctx.idp.entityId) throw fail('wrong-issuer', `Assertion Issuer is "${inputExcerpt(assertionIssuer ?? '')}", expected "${ctx.idp.entityId}"`);

  // 3. Subject and bearer confirmation.
  const now = ctx.clock.now();
  const skew = ctx.clockSkewMs ?? DEFAULT_SKEW_MS;
  const subject = childElement(assertion, NS.saml, 'Subject');
  const nameIdEl = subject ? childElement(subject, NS.saml, 'NameID') : undefined;
  if (!subject || !nameIdEl) throw fail('missing-field', 'Assertion has no Subject/NameID');
  const bearers = childElements(subject, NS.saml, 'SubjectConfirmation').filter((c) => c.getAttribute('Method') === BEARER);
  if (bearers.length === 0) throw fail('missing-field', `Subject has no SubjectConfirmation with Method ${BEARER}`);
  const problems: string[] = [];
  const confirmed = bearers.some((c) => {
    const data = childElement(c, NS.saml, 'SubjectConfirmationData');
    const recipient = data?.getAttribute('Recipient') ?? '';
    const until = data?.getAttribute('NotOnOrAfter');
    if (!ctx.sp.assertionConsumerServiceUrls.includes(recipient)) return problems.push(`Recipient "${inputExcerpt(recipient)}" is not this SP's ACS`) && false;
    if (!until) return problems.push('SubjectConfirmationData has no NotOnOrAfter') && false;
    if (parseInstant(until, 'SubjectConfirmationData NotOnOrAfter') <= now - skew) return problems.push(`the bearer confirmation expired at ${until} (now ${samlInstant(now)})`) && false;
    if (inResponseTo && data?.getAttribute('InResponseTo') !== inResponseTo) return problems.push(`SubjectConfirmationData InResponseTo "${inputExcerpt(data?.getAttribute('InResponseTo') ?? '')}" differs from the Response's "${inputExcerpt(inResponseTo)}"`) && false;
    return true;
  });
  if (!confirmed) throw fail(problems.some((p) => p.includes('expired')) ? 'expired' : 'wrong-recipient', `the subject cannot be confirmed: ${problems.join('; ')}`);

  // 4. Conditions: time window and audience.
  const conditions = childElement(assertion, NS.saml, 'Conditions');
  if (!conditions) throw fail('missing-field', 'Assertion has no Conditions');
  const notBefore = conditions.getAttribute('NotBefore');
  const notOnOrAfterText = conditions.getAttribute('NotOnOrAfter');
  if (notBefore && parseInstant(notBefore, 'Conditions NotBefore') > now + skew) throw fail('not-yet-valid', `the Assertion is valid from ${notBefore}, but now is ${samlInstant(now)}; check the IdP's clock`);
  const notOnOrAfter = parseInstant(notOnOrAfterText, 'Conditions NotOnOrAfter');
  if (notOnOrAfter <= now - skew) throw fail('expired', `the Assertion expired at ${notOnOrAfterText} (now ${samlInstant(now)}); log in again`);
  for (const restriction of childElements(conditions, NS.saml, 'AudienceRestriction')) {
    const audiences = childElements(restriction, NS.saml, 'Audience').map((a) => (a.textContent ?? '').trim());
    if (!audiences.includes(ctx.sp.entityId)) throw fail('wrong-audience', `the Assertion is meant for ${audiences.join(', ')}, not for this SP (${ctx.sp.entityId})`);
  }
  if (childElements(conditions, NS.saml, 'AudienceRestriction').length === 0) throw fail('wrong-audience', 'the Assertion has no AudienceRestriction; any SP could use it');

  // 5. Authentication statement and attributes.
  const authn = childElement(assertion, NS.saml, 'AuthnStatement');
  if (!authn) throw fail('missing-field', 'Assertion has no AuthnStatement');
  const authnContext = childElement(authn, NS.saml, 'AuthnContext');
  const classRef = authnContext ? childText(authnContext, NS.saml, 'AuthnContextClassRef') : undefined;
  if (!classRef) throw fail('missing-field', 'AuthnStatement has no AuthnContext/AuthnContextClassRef');
  const attributes: Record<string, string[]> = {};
  for (const statement of childElements(assertion, NS.saml, 'AttributeStatement')) {
    for (const attr of childElements(statement, NS.saml, 'Attribute')) {
      const name = attr.getAttribute('Name') ?? '';
      attributes[name] = [...(attributes[name] ?? []), ...childElements(attr, NS.saml, 'AttributeValue').map((v) => (v.textContent ?? '').trim())];
    }
  }

  // 6. One-time use, last, so that a refused response does not use up its assertion.
  if (!ctx.replayCache.use(assertionId, notOnOrAfter + skew)) throw fail('replay', `Assertion ${assertionId} was already used; a Response can be used once only, log in again`);
  return {
    responseId,
    assertionId,
    issuer: assertionIssuer,
    inResponseTo,
    nameId: (nameIdEl.textContent ?? '').trim(),
    nameIdFormat: nameIdEl.getAttribute('Format') || undefined,
    sessionIndex: authn.getAttribute('SessionIndex') || undefined,
    authnInstant: parseInstant(authn.getAttribute('AuthnInstant'), 'AuthnStatement AuthnInstant'),
    authnContextClassRef: classRef,
    attributes,
    notOnOrAfter,
    signedResponse: signedResponseXml !== undefined,
    signedAssertion,
    xml,
  };
}
