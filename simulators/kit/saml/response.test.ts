import { test, expect } from '@playwright/test';
import { VirtualClock } from '../clock/virtualClock.js';
import { ReplayCache } from './replayCache.js';
import { buildErrorResponse, buildSuccessResponse, ERROR_STATUS, type SuccessResponseOptions } from './responseBuilder.js';
import { validateSamlResponse, type ResponseCheckContext } from './responseValidator.js';
import { ATTRIBUTE, LOA, NAMEID_FORMAT, STATUS } from './samlConstants.js';
import { SamlError } from './samlError.js';
import { signEnveloped } from '../dsig/envelopedSignature.js';
import { createSamlTestWorld, IDP_ENTITY, loadSamlify, SP_ACS, SP_ENTITY, wallClock, type SamlTestWorld } from './samlTestSupport.js';

let world: SamlTestWorld;
test.beforeAll(async () => { world = await createSamlTestWorld(); });
test.afterAll(() => world.cleanup());

const REQUEST_ID = '_req1';
const attributes = [
  { name: ATTRIBUTE.employeeHsaId, values: ['TSTNMT2321000156-1079'] },
  { name: ATTRIBUTE.givenName, values: ['Åsa'] },
  { name: ATTRIBUTE.surname, values: ['Läkare'] },
  { name: ATTRIBUTE.name, values: ['Åsa Läkare'] },
  { name: ATTRIBUTE.identityProviderForSign, values: ['https://idp.samverkan.test/saml/sign/sithseid-other-device'] },
  { name: ATTRIBUTE.authnMethod, values: ['urn:x'] },
];
function setup(clock = new VirtualClock({ start: Date.parse('2026-03-02T08:00:00Z') })) {
  const response = (o: Partial<SuccessResponseOptions> = {}) =>
    buildSuccessResponse({
      clock, issuer: IDP_ENTITY, destination: SP_ACS, inResponseTo: REQUEST_ID, audience: SP_ENTITY,
      nameId: { value: 'TSTNMT2321000156-1079', format: NAMEID_FORMAT.unspecified }, sessionIndex: '_s1',
      authnContextClassRef: LOA.loa3, attributes, signing: world.idpCredential, ...o,
    });
  const ctx: ResponseCheckContext = {
    clock,
    idp: { entityId: IDP_ENTITY, signingCertificatesPem: world.idpMetadata.idp!.signingCertificatesPem },
    sp: { entityId: SP_ENTITY, assertionConsumerServiceUrls: [SP_ACS] },
    isOutstandingRequest: (id) => id === REQUEST_ID,
    replayCache: new ReplayCache(clock),
  };
  return { clock, response, ctx };
}
const failure = (fn: () => unknown) => {
  try { fn(); } catch (e) { if (e instanceof SamlError) return { code: e.code, message: e.message, context: e.context }; throw e; }
  throw new Error('expected a SamlError');
};

test('a signed Response with a signed Assertion is accepted and read from signed content', () => {
  const { response, ctx } = setup();
  const built = response();
  expect(built.xml).toContain(`<saml2:AuthnContextClassRef>${LOA.loa3}</saml2:AuthnContextClassRef>`);
  expect(built.xml.match(/<ds:Signature /g)).toHaveLength(2);
  const v = validateSamlResponse({ samlResponse: built.samlResponse }, ctx);
  expect(v).toMatchObject({
    responseId: built.responseId, assertionId: built.assertionId, issuer: IDP_ENTITY, inResponseTo: REQUEST_ID,
    nameId: 'TSTNMT2321000156-1079', sessionIndex: '_s1', authnContextClassRef: LOA.loa3, signedResponse: true, signedAssertion: true,
  });
  expect(v.attributes[ATTRIBUTE.employeeHsaId]).toEqual(['TSTNMT2321000156-1079']);
  expect(v.attributes[ATTRIBUTE.name]).toEqual(['Åsa Läkare']);
});

test('only the assertion signed, or only the response, is handled as configured', () => {
  const { response, ctx } = setup();
  expect(validateSamlResponse({ xml: response({ signResponse: false }).xml }, ctx).signedResponse).toBe(false);
  const onlyResponse = response({ signAssertion: false }).xml;
  expect(failure(() => validateSamlResponse({ xml: onlyResponse }, ctx)).code).toBe('unsigned');
  expect(validateSamlResponse({ xml: onlyResponse }, { ...ctx, requireSignedAssertion: false }).signedAssertion).toBe(false);
  expect(failure(() => validateSamlResponse({ xml: response({ signAssertion: false, signResponse: false }).xml }, { ...ctx, requireSignedAssertion: false })).message).toMatch(/neither the Response nor its Assertion is signed/);
});

test('replay, unknown InResponseTo, wrong audience, wrong recipient and expiry each get a clear error', async () => {
  const { response, ctx, clock } = setup();
  const built = response();
  validateSamlResponse({ xml: built.xml }, ctx);
  expect(failure(() => validateSamlResponse({ xml: built.xml }, ctx))).toMatchObject({ code: 'replay', message: expect.stringMatching(/already used; a Response can be used once only/) });
  expect(failure(() => validateSamlResponse({ xml: response({ inResponseTo: '_other' }).xml }, ctx)).code).toBe('unknown-in-response-to');
  expect(failure(() => validateSamlResponse({ xml: response({ inResponseTo: undefined }).xml }, ctx)).message).toMatch(/unsolicited/);
  expect(failure(() => validateSamlResponse({ xml: response({ audience: 'https://other.sp' }).xml }, ctx)).message).toMatch(/meant for https:\/\/other.sp, not for this SP/);
  expect(failure(() => validateSamlResponse({ xml: response({ destination: 'https://other.sp/acs' }).xml }, ctx)).code).toBe('wrong-destination');
  const late = response();
  await clock.advanceBy(7 * 60_000);
  expect(failure(() => validateSamlResponse({ xml: late.xml }, ctx))).toMatchObject({ code: 'expired' });
  const early = setup(new VirtualClock({ start: Date.parse('2026-03-02T09:00:00Z') }));
  expect(failure(() => validateSamlResponse({ xml: early.response().xml }, ctx)).code).toBe('not-yet-valid');
});

test('tampering, a foreign key and wrapping are refused', () => {
  const { response, ctx } = setup();
  const built = response();
  expect(failure(() => validateSamlResponse({ xml: built.xml.replace('Åsa Läkare', 'Mallory') }, ctx))).toMatchObject({ code: 'bad-signature' });
  const foreign = buildSuccessResponse({ ...{ clock: ctx.clock, issuer: IDP_ENTITY, destination: SP_ACS, inResponseTo: REQUEST_ID, audience: SP_ENTITY, nameId: { value: 'x', format: NAMEID_FORMAT.transient }, sessionIndex: 's', authnContextClassRef: LOA.loa3, attributes: [] }, signing: world.spCredential });
  expect(failure(() => validateSamlResponse({ xml: foreign.xml }, ctx)).message).toMatch(/Response signature is not valid: the signature does not verify with any of the 1 trusted/);
  // wrapping: keep the signed assertion, put an unsigned evil assertion first in an unsigned response
  const assertionOnly = response({ signResponse: false });
  const signedAssertion = /<saml2:Assertion[\s\S]*<\/saml2:Assertion>/.exec(assertionOnly.xml)?.[0] ?? '';
  const evil = signedAssertion.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '').replace(/ID="[^"]+"/, 'ID="_evil"').replace('TSTNMT2321000156-1079</saml2:NameID>', 'MALLORY</saml2:NameID>');
  const wrapped = assertionOnly.xml.replace(signedAssertion, `${evil}<saml2p:Extensions>${signedAssertion}</saml2p:Extensions>`);
  expect(failure(() => validateSamlResponse({ xml: wrapped }, ctx)).code).toMatch(/unsigned|bad-signature/);
  const twoAssertions = assertionOnly.xml.replace(signedAssertion, `${signedAssertion}${evil}`);
  expect(failure(() => validateSamlResponse({ xml: twoAssertions }, ctx)).message).toMatch(/holds 2 assertions, expected exactly one/);
  // a response signature that covers something else than the response
  const resigned = signEnveloped(assertionOnly.xml, { ...world.idpCredential, referenceUri: `#${assertionOnly.assertionId}`, location: { reference: "/*/*[local-name()='Issuer']", action: 'after' } });
  expect(failure(() => validateSamlResponse({ xml: resigned }, ctx)).message).toMatch(/Response signature covers #_[0-9a-f]+, not the Response/);
});

test('error responses come back as status errors with the codes', () => {
  const { ctx } = setup();
  const cancel = buildErrorResponse({ clock: ctx.clock, issuer: IDP_ENTITY, destination: SP_ACS, inResponseTo: REQUEST_ID, status: ERROR_STATUS.cancel(), signing: world.idpCredential });
  const e = failure(() => validateSamlResponse({ samlResponse: cancel.samlResponse }, ctx));
  expect(e.code).toBe('status');
  expect(e.context?.statusCodes).toEqual([STATUS.responder, STATUS.cancel]);
  expect(e.context?.statusMessage).toBe('Användaren avbröt inloggningen');
  expect(e.message).toContain('http://id.elegnamnden.se/status/1.0/cancel');
  for (const status of [ERROR_STATUS.authnFailed(), ERROR_STATUS.unknownPrincipal(), ERROR_STATUS.noAuthnContext()]) {
    const r = buildErrorResponse({ clock: ctx.clock, issuer: IDP_ENTITY, destination: SP_ACS, inResponseTo: REQUEST_ID, status });
    expect(failure(() => validateSamlResponse({ xml: r.xml }, ctx)).context?.statusCodes?.[1]).toBe(status.subCode);
  }
  expect(failure(() => validateSamlResponse({ samlResponse: 'not base64!' }, ctx)).code).toBe('bad-encoding');
});

test('samlify 2.13.1 as an independent SP accepts our Response (signed response and assertion)', async () => {
  const samlify = await loadSamlify();
  const sp = samlify.ServiceProvider({
    entityID: SP_ENTITY,
    assertionConsumerService: [{ Binding: samlify.Constants.namespace.binding.post, Location: SP_ACS }],
    wantAssertionsSigned: true,
    wantMessageSigned: true,
  });
  const idp = samlify.IdentityProvider({ metadata: world.idpMetadataXml });
  const { response } = setup(wallClock());
  const built = response();
  const result = (await sp.parseLoginResponse(idp, 'post', { body: { SAMLResponse: built.samlResponse } })) as unknown as { extract: { nameID: string; attributes: Record<string, string>; response: { inResponseTo: string }; issuer: string } };
  expect(result.extract.nameID).toBe('TSTNMT2321000156-1079');
  expect(result.extract.issuer).toBe(IDP_ENTITY);
  expect(result.extract.response.inResponseTo).toBe(REQUEST_ID);
  expect(result.extract.attributes[ATTRIBUTE.employeeHsaId]).toBe('TSTNMT2321000156-1079');
  // and refuses a tampered one
  const tampered = Buffer.from(built.xml.replace('Åsa Läkare', 'Mallory'), 'utf8').toString('base64');
  await expect(sp.parseLoginResponse(idp, 'post', { body: { SAMLResponse: tampered } })).rejects.toBeTruthy();
});
