import { test, expect } from '@playwright/test';
import { VirtualClock } from '../clock/virtualClock.js';
import { buildAuthnRequestPost, buildAuthnRequestRedirect, type AuthnRequestOptions } from './authnRequestBuilder.js';
import { parseAuthnRequest, type AuthnRequestCheckContext, type IncomingSamlRequest } from './authnRequestParser.js';
import { parseMetadata } from './metadataParser.js';
import { LOA } from './samlConstants.js';
import { SamlError } from './samlError.js';
import { createSamlTestWorld, IDP_SSO_POST, IDP_SSO_REDIRECT, loadSamlify, SP_ACS, SP_ENTITY, wallClock, type SamlTestWorld } from './samlTestSupport.js';

let world: SamlTestWorld;
let signingWorldSp: ReturnType<typeof parseMetadata>;
test.beforeAll(async () => {
  world = await createSamlTestWorld();
  signingWorldSp = parseMetadata(world.spMetadataXml.replace('AuthnRequestsSigned="false"', 'AuthnRequestsSigned="true"'));
});
test.afterAll(() => world.cleanup());

const START = Date.parse('2026-03-02T08:00:00Z');
function setup(overrides: Partial<AuthnRequestCheckContext> = {}) {
  const clock = new VirtualClock({ start: START });
  const ctx: AuthnRequestCheckContext = {
    clock,
    serviceProvider: (id) => (id === SP_ENTITY ? world.spMetadata : undefined),
    destinations: [IDP_SSO_REDIRECT, IDP_SSO_POST],
    ...overrides,
  };
  const request = (o: Partial<AuthnRequestOptions> = {}): AuthnRequestOptions => ({ clock, issuer: SP_ENTITY, destination: IDP_SSO_REDIRECT, assertionConsumerServiceUrl: SP_ACS, ...o });
  const redirect = (o: Partial<AuthnRequestOptions> & { relayState?: string; signing?: { privateKeyPem: string; certificatePem: string } } = {}): IncomingSamlRequest => ({
    binding: 'redirect',
    rawQuery: new URL(buildAuthnRequestRedirect({ ...request(o), relayState: o.relayState, signing: o.signing }).url).search,
  });
  return { clock, ctx, request, redirect };
}
const failure = (fn: () => unknown): { code: string; message: string; context?: SamlError['context'] } => {
  try { fn(); } catch (e) { if (e instanceof SamlError) return { code: e.code, message: e.message, context: e.context }; throw e; }
  throw new Error('expected a SamlError');
};

test('a Redirect AuthnRequest with ForceAuthn, RequestedAuthnContext, SignMessage and RelayState is read back', () => {
  const { ctx, redirect } = setup();
  const parsed = parseAuthnRequest(
    redirect({
      forceAuthn: true,
      attributeConsumingServiceIndex: 1,
      requestedAuthnContext: { classRefs: [LOA.loa3, LOA.loa2], comparison: 'exact' },
      signMessage: { message: 'Intyg utfärdat för 19121212-1212', mimeType: 'text/html', mustShow: true, displayEntity: 'https://idp' },
      requesterIds: ['https://webcert.test'],
      relayState: 'rs-1',
    }),
    ctx,
  );
  expect(parsed).toMatchObject({
    issuer: SP_ENTITY,
    assertionConsumerServiceUrl: SP_ACS,
    forceAuthn: true,
    isPassive: false,
    attributeConsumingServiceIndex: 1,
    requestedAuthnContext: { classRefs: [LOA.loa3, LOA.loa2], comparison: 'exact' },
    signMessage: { message: 'Intyg utfärdat för 19121212-1212', mimeType: 'text/html', mustShow: true, displayEntity: 'https://idp', encrypted: false },
    requesterIds: ['https://webcert.test'],
    relayState: 'rs-1',
    signed: false,
    binding: 'redirect',
    issueInstant: START,
  });
  expect(parsed.id).toMatch(/^_[0-9a-f]{40}$/);
});

test('without an ACS URL the SP default ACS is used; POST binding works signed and unsigned', () => {
  const { ctx, request } = setup();
  const plain = buildAuthnRequestPost({ ...request({ assertionConsumerServiceUrl: undefined, destination: IDP_SSO_POST }), relayState: 'x' });
  expect(plain.html).toContain('action="https://idp.samverkan.test/saml/sso/HTTP-POST"');
  expect(parseAuthnRequest({ binding: 'post', samlRequest: plain.fields.SAMLRequest, relayState: 'x' }, ctx)).toMatchObject({ assertionConsumerServiceUrl: SP_ACS, signed: false, relayState: 'x' });
  const signed = buildAuthnRequestPost({ ...request({ destination: IDP_SSO_POST }), signing: world.spCredential });
  expect(signed.xml).toContain('<ds:Signature');
  const strict = { ...ctx, serviceProvider: () => signingWorldSp };
  expect(parseAuthnRequest({ binding: 'post', samlRequest: signed.fields.SAMLRequest }, strict)).toMatchObject({ signed: true, id: signed.id });
});

test('signed Redirect requests verify; unsigned or tampered ones are refused when signing is required', () => {
  const { ctx, redirect } = setup();
  const strict = { ...ctx, serviceProvider: () => signingWorldSp };
  expect(parseAuthnRequest(redirect({ signing: world.spCredential, relayState: 'r' }), strict).signed).toBe(true);
  const unsigned = failure(() => parseAuthnRequest(redirect(), strict));
  expect(unsigned.code).toBe('unsigned');
  expect(unsigned.message).toMatch(/is not signed, but its metadata says AuthnRequestsSigned="true"; sign it/);
  expect(failure(() => parseAuthnRequest(redirect(), { ...ctx, requireSignedRequests: true })).message).toMatch(/this IdP requires signed requests/);
  const bySomeoneElse = failure(() => parseAuthnRequest(redirect({ signing: world.idpCredential }), strict));
  expect(bySomeoneElse.code).toBe('bad-signature');
  const { fields } = buildAuthnRequestPost({ clock: ctx.clock, issuer: SP_ENTITY, destination: IDP_SSO_POST, signing: world.spCredential });
  const xml = Buffer.from(fields.SAMLRequest, 'base64').toString('utf8').replace('ForceAuthn', 'X');
  const tampered = Buffer.from(xml.replace('Version="2.0"', 'Version="2.0" ForceAuthn="false"'), 'utf8').toString('base64');
  expect(failure(() => parseAuthnRequest({ binding: 'post', samlRequest: tampered }, strict))).toMatchObject({ code: 'bad-signature' });
});

test('each broken request gets its own clear error', async () => {
  const { ctx, redirect, clock } = setup();
  expect(failure(() => parseAuthnRequest(redirect({ issuer: 'https://okand.test/sp' }), ctx))).toMatchObject({
    code: 'unknown-sp',
    message: 'no service provider with entityID "https://okand.test/sp" is registered at this IdP; give the IdP the SP\'s metadata',
  });
  const acs = failure(() => parseAuthnRequest(redirect({ assertionConsumerServiceUrl: 'https://evil.test/acs' }), ctx));
  expect(acs.code).toBe('unregistered-acs');
  expect(acs.message).toContain(`(registered: ${SP_ACS})`);
  expect(failure(() => parseAuthnRequest(redirect({ destination: 'https://elsewhere.test/sso' }), ctx)).code).toBe('wrong-destination');
  const old = redirect({ relayState: 'keep' });
  await clock.advanceBy(6 * 60_000 + 1);
  const expired = failure(() => parseAuthnRequest(old, ctx));
  expect(expired.code).toBe('expired');
  expect(expired.message).toMatch(/more than 300 s before now .*start the login again/);
  expect(expired.context?.relayState).toBe('keep');
  const future = setup();
  const ahead = new VirtualClock({ start: START + 10 * 60_000 });
  expect(failure(() => parseAuthnRequest(future.redirect({ clock: ahead }), future.ctx)).code).toBe('not-yet-valid');
  expect(failure(() => parseAuthnRequest({ binding: 'redirect', rawQuery: '?SAMLRequest=!!!' }, ctx))).toMatchObject({ code: 'bad-encoding' });
  expect(failure(() => parseAuthnRequest({ binding: 'post', samlRequest: Buffer.from('<!DOCTYPE x><x/>').toString('base64') }, ctx))).toMatchObject({ code: 'bad-xml' });
  expect(failure(() => parseAuthnRequest({ binding: 'post', samlRequest: Buffer.from('<x/>').toString('base64') }, ctx)).message).toMatch(/expected samlp:AuthnRequest/);
});

test('samlify 2.13.1 as an independent SP: its AuthnRequest (Redirect and POST) is accepted', async () => {
  const samlify = await loadSamlify();
  const sp = samlify.ServiceProvider({
    entityID: 'https://samlify-sp.test/metadata',
    assertionConsumerService: [{ Binding: samlify.Constants.namespace.binding.post, Location: 'https://samlify-sp.test/acs' }],
  });
  const idp = samlify.IdentityProvider({ metadata: world.idpMetadataXml });
  const spMetadata = parseMetadata(sp.getMetadata());
  const ctx: AuthnRequestCheckContext = {
    clock: wallClock(),
    serviceProvider: (id) => (id === spMetadata.entityId ? spMetadata : undefined),
    destinations: [IDP_SSO_REDIRECT, IDP_SSO_POST],
  };
  const { id, context } = sp.createLoginRequest(idp, 'redirect') as { id: string; context: string };
  const parsed = parseAuthnRequest({ binding: 'redirect', rawQuery: new URL(context).search }, ctx);
  expect(parsed).toMatchObject({ id, issuer: 'https://samlify-sp.test/metadata', assertionConsumerServiceUrl: 'https://samlify-sp.test/acs', destination: IDP_SSO_REDIRECT });
  const post = sp.createLoginRequest(idp, 'post') as unknown as { id: string; context: string; relayState?: string };
  expect(parseAuthnRequest({ binding: 'post', samlRequest: post.context }, ctx).id).toBe(post.id);
});
