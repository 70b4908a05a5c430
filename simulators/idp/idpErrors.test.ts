import { test, expect } from '@playwright/test';
import { VirtualClock } from '../kit/clock/virtualClock.js';
import { FaultRules } from '../kit/faults/faultRules.js';
import { ReplayCache } from '../kit/saml/replayCache.js';
import { validateSamlResponse, type ResponseCheckContext } from '../kit/saml/responseValidator.js';
import { STATUS } from '../kit/saml/samlConstants.js';
import { SamlError } from '../kit/saml/samlError.js';
import { IdpSimulator } from './idpSimulator.js';
import { chooseMethod, complete, pollStatus, startLogin } from './idpTestFlows.js';
import { autoPostFields, createIdpTestWorld, FakeEidApp, SIGNSERVICE, TestBrowser, USERS, WEBCERT, wallClock, type EidBehaviour } from './idpTestSupport.js';

let world: Awaited<ReturnType<typeof createIdpTestWorld>>;
let eid: FakeEidApp;
let idp: IdpSimulator;
let clock: VirtualClock;
const faults = new FaultRules();

test.beforeAll(async () => {
  world = await createIdpTestWorld();
  clock = wallClock();
  eid = new FakeEidApp(world.cards);
  // Only Ada is a known user here; Bo's card belongs to nobody the IdP knows.
  idp = await IdpSimulator.start({ clock, faults, pki: world.pki, eidAppUrl: await eid.start(clock), users: [USERS.ada], serviceProviders: [world.webcertMetadata, world.signServiceMetadata] });
});
test.afterAll(async () => {
  await idp?.stop();
  await eid?.stop();
  world?.cleanup();
});

const spContext = (requestId: string, replayCache = new ReplayCache(clock)): ResponseCheckContext => ({
  clock,
  idp: { entityId: idp.entityId, signingCertificatesPem: [idp.signingCertificatePem] },
  sp: { entityId: WEBCERT.entityId, assertionConsumerServiceUrls: [WEBCERT.acs] },
  isOutstandingRequest: (id) => id === requestId,
  replayCache,
});

async function eidLogin(behaviour: EidBehaviour) {
  const browser = new TestBrowser();
  eid.behaviour = { kind: 'pending', hintCode: 'outstandingTransaction' };
  const { res, requestId } = await startLogin(browser, idp, clock);
  const wait = await chooseMethod(browser, await browser.follow(res), 'sithseid-other-device');
  eid.behaviour = behaviour;
  const done = await complete(browser, wait, (await pollStatus(browser, wait)).next!);
  return { ...done, requestId, browser };
}

function statusOf(samlResponse: string, requestId: string): string[] {
  try {
    validateSamlResponse({ samlResponse }, spContext(requestId));
  } catch (e) {
    if (e instanceof SamlError && e.code === 'status') return e.context.statusCodes ?? [];
    throw e;
  }
  return [STATUS.success];
}

test('a Response is used once: the SP refuses a replay, the IdP does not issue it again', async () => {
  const { fields, requestId, page, browser } = await eidLogin({ kind: 'approve', hsaId: USERS.ada.hsaId });
  const cache = new ReplayCache(clock);
  expect(validateSamlResponse({ samlResponse: fields.SAMLResponse! }, spContext(requestId, cache)).attributes).toBeTruthy();
  expect(() => validateSamlResponse({ samlResponse: fields.SAMLResponse! }, spContext(requestId, cache))).toThrow(/already used; a Response can be used once only/);
  const again = await browser.get(page.url);
  expect(again.status).toBe(404);
  expect(again.body).toContain('Inloggningen finns inte eller har gått ut');
});

test('bad requests get a 400 page that says what failed, and the IdP keeps serving', async () => {
  const browser = new TestBrowser();
  const cases: [Promise<{ res: { status: number; body: string } }>, RegExp][] = [
    [startLogin(browser, idp, new VirtualClock({ start: clock.now() - 6 * 60_000 })), /expired: AuthnRequest was issued at .* start the login again/],
    [startLogin(browser, idp, clock, { assertionConsumerServiceUrl: 'https://evil.test/acs' }), /unregistered-acs: AssertionConsumerServiceURL &quot;https:\/\/evil.test\/acs&quot; is not registered/],
    [startLogin(browser, idp, clock, { issuer: 'https://unknown.test/sp' }), /unknown-sp: no service provider with entityID/],
    [startLogin(browser, idp, clock, { issuer: SIGNSERVICE.entityId, assertionConsumerServiceUrl: SIGNSERVICE.acs }), /unsigned: AuthnRequest from https:\/\/sign.samverkan.test\/sigservice\/sp is not signed, but its metadata says AuthnRequestsSigned=&quot;true&quot;/],
    [startLogin(browser, idp, clock, { issuer: SIGNSERVICE.entityId, assertionConsumerServiceUrl: SIGNSERVICE.acs, signing: world.webcertCredential }), /bad-signature: AuthnRequest signature from/],
    [browser.get(`${idp.url}/saml/sso/HTTP-Redirect?SAMLRequest=%21%21not-base64%21%21`).then((res) => ({ res })), /bad-encoding: SAMLRequest is not base64/],
    [browser.post(`${idp.url}/saml/sso/HTTP-POST`, { SAMLRequest: Buffer.from('<a><b></a>').toString('base64') }).then((res) => ({ res })), /bad-xml: SAMLRequest is not acceptable XML/],
    [browser.get(`${idp.url}/saml/sso/HTTP-Redirect`).then((res) => ({ res })), /bad-encoding: the request has no SAMLRequest parameter/],
  ];
  for (const [pending, technical] of cases) {
    const { res } = await pending;
    expect(res.status).toBe(400);
    expect(res.body).toContain('Inloggningen kunde inte starta');
    expect(res.body).toMatch(technical);
  }
  expect((await browser.get(`${idp.url}/saml/metadata`)).status).toBe(200);
  const { res } = await startLogin(browser, idp, clock);
  expect((await browser.follow(res)).body).toContain('SITHS eID på annan enhet');
});

test('credentials that do not check out give the SP AuthnFailed or UnknownPrincipal', async () => {
  const tampered = await eidLogin({ kind: 'approve', hsaId: USERS.ada.hsaId, tamper: 'signature' });
  expect(statusOf(tampered.fields.SAMLResponse!, tampered.requestId)).toEqual([STATUS.responder, STATUS.authnFailed]);
  const mismatch = await eidLogin({ kind: 'approve', hsaId: USERS.ada.hsaId, tamper: 'hsaId' });
  expect(statusOf(mismatch.fields.SAMLResponse!, mismatch.requestId)).toEqual([STATUS.responder, STATUS.authnFailed]);
  expect(Buffer.from(mismatch.fields.SAMLResponse!, 'base64').toString()).toContain('is not the HSA-ID TSTNMT2321000156-9999');
  const unknown = await eidLogin({ kind: 'approve', hsaId: USERS.bo.hsaId });
  expect(statusOf(unknown.fields.SAMLResponse!, unknown.requestId)).toEqual([STATUS.responder, STATUS.unknownPrincipal]);
  const cancelled = await eidLogin({ kind: 'fail', hintCode: 'userCancel' });
  expect(statusOf(cancelled.fields.SAMLResponse!, cancelled.requestId)).toEqual([STATUS.responder, STATUS.cancel]);
});

test('an LoA the IdP cannot give is answered NoAuthnContext at once', async () => {
  const browser = new TestBrowser();
  const { res, requestId } = await startLogin(browser, idp, clock, { requestedAuthnContext: { classRefs: ['http://id.elegnamnden.se/loa/1.0/loa4'] } });
  expect(res.status).toBe(303);
  const { fields } = autoPostFields((await browser.follow(res)).body);
  expect(statusOf(fields.SAMLResponse!, requestId)).toEqual([STATUS.responder, STATUS.noAuthnContext]);
});

test('fault rules on SAML AuthnRequest answer with the given HTTP status', async () => {
  faults.add({ party: 'idp', operation: 'SAML AuthnRequest', effect: { kind: 'httpStatus', status: 503, body: 'underhåll' }, times: 1 });
  const browser = new TestBrowser();
  expect((await startLogin(browser, idp, clock)).res.status).toBe(503);
  expect((await startLogin(browser, idp, clock)).res.status).toBe(303);
});
