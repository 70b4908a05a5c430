import { test, expect } from '@playwright/test';
import { createHash } from 'node:crypto';
import { VirtualClock } from '../kit/clock/virtualClock.js';
import { buildRedirectUrl, readRedirectQuery } from '../kit/saml/bindings.js';
import { buildLogoutRequest, parseLogoutResponse } from '../kit/saml/logout.js';
import { ReplayCache } from '../kit/saml/replayCache.js';
import { validateSamlResponse } from '../kit/saml/responseValidator.js';
import { ATTRIBUTE, LOA, NAMEID_FORMAT, STATUS } from '../kit/saml/samlConstants.js';
import { IdpSimulator } from './idpSimulator.js';
import { chooseMethod, complete, pollStatus, samlifyAccepts, startLogin } from './idpTestFlows.js';
import { autoPostFields, createIdpTestWorld, FakeEidApp, SIGNSERVICE, TestBrowser, USERS, WEBCERT, wallClock } from './idpTestSupport.js';

let world: Awaited<ReturnType<typeof createIdpTestWorld>>;
let eid: FakeEidApp;
let idp: IdpSimulator;
let clock: VirtualClock;
const IE11 = 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko';

test.beforeAll(async () => {
  world = await createIdpTestWorld();
  clock = wallClock();
  eid = new FakeEidApp(world.cards);
  idp = await IdpSimulator.start({ clock, pki: world.pki, eidAppUrl: await eid.start(clock), users: Object.values(USERS), serviceProviders: [world.webcertMetadata, world.signServiceMetadata] });
});
test.afterAll(async () => {
  await idp?.stop();
  await eid?.stop();
  world?.cleanup();
});

test('sign-time entity: forced login with the sign message, sign order, signMessageDigest released', async () => {
  const browser = new TestBrowser();
  eid.behaviour = { kind: 'pending', hintCode: 'outstandingTransaction' };
  const message = 'Intyg utfärdat för 19121212-1212';
  const { res, requestId } = await startLogin(browser, idp, clock, {
    entity: 'sign-other-device',
    issuer: SIGNSERVICE.entityId,
    assertionConsumerServiceUrl: SIGNSERVICE.acs,
    forceAuthn: true,
    requestedAuthnContext: { classRefs: [LOA.loa3] },
    signMessage: { message, mimeType: 'text', mustShow: true },
    signing: world.signServiceCredential,
  });
  const wait = await browser.follow(res);
  expect(wait.body).toContain('<h2>Du skriver under</h2>');
  expect(wait.body).toContain(`<div class="sign-message" id="underskriftstext">${message}</div>`);
  expect(eid.lastOrder()).toMatchObject({ type: 'sign', signMessage: message });
  eid.behaviour = { kind: 'approve', hsaId: USERS.ada.hsaId };
  const { fields, action } = await complete(browser, wait, (await pollStatus(browser, wait)).next!);
  expect(action).toBe(SIGNSERVICE.acs);
  const result = await samlifyAccepts(idp.metadataXml('sign-other-device'), fields.SAMLResponse!, SIGNSERVICE);
  expect(result.extract.issuer).toBe(`${idp.url}/saml/sign/sithseid-other-device`);
  expect(result.extract.response.inResponseTo).toBe(requestId);
  expect(result.extract.attributes[ATTRIBUTE.signMessageDigest]).toBe(`http://www.w3.org/2001/04/xmlenc#sha256;${createHash('sha256').update(message, 'utf8').digest('base64')}`);
  expect(result.extract.attributes[ATTRIBUTE.employeeHsaId]).toBe(USERS.ada.hsaId);
  // a sign flow opens no SSO session
  expect(browser.cookies.size).toBe(0);
});

test('the mTLS sign entity cannot be used for signing', async () => {
  const res = await new TestBrowser().get(`${idp.url}/saml/sign`);
  expect(res.status).toBe(400);
  expect(res.body).toContain('Underskriftstjänsten kan inte användas med SITHS-kort');
});

test('SSO: a second AuthnRequest is answered from the session, ForceAuthn asks again, SLO ends the session', async () => {
  const browser = new TestBrowser();
  eid.behaviour = { kind: 'pending', hintCode: 'outstandingTransaction' };
  const first = await startLogin(browser, idp, clock);
  const wait = await chooseMethod(browser, await browser.follow(first.res), 'sithseid-other-device');
  eid.behaviour = { kind: 'approve', hsaId: USERS.ada.hsaId };
  const firstAnswer = await complete(browser, wait, (await pollStatus(browser, wait)).next!);
  expect(browser.cookies.size).toBe(1);
  const ordersBefore = eid.orders.size;

  const second = await startLogin(browser, idp, clock);
  expect(second.res.location).toMatch(/\/saml\/login\/[^/]+\/complete$/);
  const page = await browser.follow(second.res);
  const { fields } = autoPostFields(page.body);
  const result = await samlifyAccepts(idp.metadataXml(), fields.SAMLResponse!);
  expect(result.extract.response.inResponseTo).toBe(second.requestId);
  expect(result.extract.attributes[ATTRIBUTE.employeeHsaId]).toBe(USERS.ada.hsaId);
  expect(eid.orders.size).toBe(ordersBefore);
  const sessionIndex = /SessionIndex="([^"]+)"/.exec(Buffer.from(firstAnswer.fields.SAMLResponse!, 'base64').toString())?.[1];
  expect(result.samlContent).toContain(`SessionIndex="${sessionIndex}"`);

  const forced = await startLogin(browser, idp, clock, { forceAuthn: true });
  expect(forced.res.location).toMatch(/\/saml\/login\/[^/]+$/);

  const logout = buildLogoutRequest({ clock, issuer: WEBCERT.entityId, destination: idp.endpoints.sloRedirect!, nameId: { value: 'x', format: NAMEID_FORMAT.transient }, sessionIndex });
  const sloRes = await browser.get(buildRedirectUrl(idp.endpoints.sloRedirect!, { kind: 'SAMLRequest', xml: logout.xml, relayState: 'bye' }));
  expect(sloRes.status).toBe(302);
  expect(sloRes.location?.startsWith(`${WEBCERT.slo}?SAMLResponse=`)).toBe(true);
  const answer = readRedirectQuery(new URL(sloRes.location!).search, 'SAMLResponse');
  expect(answer.relayState).toBe('bye');
  expect(parseLogoutResponse(answer.xml)).toMatchObject({ inResponseTo: logout.id, statusCode: STATUS.success, issuer: idp.entityId });
  expect(browser.cookies.size).toBe(0);
  const after = await startLogin(browser, idp, clock);
  expect(after.res.location).toMatch(/\/saml\/login\/[^/]+$/);
  expect((await browser.get(`${idp.url}/saml/logout`)).body).toContain('Du är utloggad');
});

test('Net iD: only with Internet Explorer 11 and only before 2023-06-30', async () => {
  const chrome = new TestBrowser();
  const login = await browser(chrome);
  expect((await chooseMethod(chrome, login, 'netid')).body).toContain('Stödet för Net iD upphörde 2023-06-30');

  const early = new VirtualClock({ start: Date.parse('2023-03-01T09:00:00+01:00') });
  const old = await IdpSimulator.start({ clock: early, pki: world.pki, eidAppUrl: 'http://127.0.0.1:9', users: Object.values(USERS), serviceProviders: [world.webcertMetadata] });
  try {
    const notIe = new TestBrowser();
    expect((await chooseMethod(notIe, await notIe.follow((await startLogin(notIe, old, early)).res), 'netid')).body).toContain('Net iD kräver Internet Explorer 11');
    const card = world.cards.get(USERS.ada.hsaId)!;
    const ie = new TestBrowser({ userAgent: IE11, trustPem: world.pki.rootPem, clientCert: { certificatePem: card.authCertPem, privateKeyPem: card.key.export({ format: 'pem', type: 'pkcs8' }).toString() } });
    const started = await startLogin(ie, old, early);
    const page = await chooseMethod(ie, await ie.follow(started.res), 'netid');
    const { fields } = autoPostFields(page.body);
    const v = validateSamlResponse({ samlResponse: fields.SAMLResponse! }, {
      clock: early,
      idp: { entityId: old.entityId, signingCertificatesPem: [old.signingCertificatePem] },
      sp: { entityId: WEBCERT.entityId, assertionConsumerServiceUrls: [WEBCERT.acs] },
      isOutstandingRequest: (id) => id === started.requestId,
      replayCache: new ReplayCache(early),
    });
    expect(v.attributes[ATTRIBUTE.employeeHsaId]).toEqual([USERS.ada.hsaId]);
    expect(v.attributes[ATTRIBUTE.identityProviderForSign]).toEqual([`${old.url}/saml/sign`]);
  } finally {
    await old.stop();
  }

  async function browser(b: TestBrowser) {
    return b.follow((await startLogin(b, idp, clock)).res);
  }
});
