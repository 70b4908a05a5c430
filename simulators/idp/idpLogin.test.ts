import { test, expect } from '@playwright/test';
import type { VirtualClock } from '../kit/clock/virtualClock.js';
import { TrafficJournal } from '../kit/journal/trafficJournal.js';
import { parseMetadata } from '../kit/saml/metadataParser.js';
import { ATTRIBUTE, BINDINGS, LOA } from '../kit/saml/samlConstants.js';
import { IdpSimulator } from './idpSimulator.js';
import { chooseMethod, complete, pollStatus, samlifyAccepts, startLogin } from './idpTestFlows.js';
import { createIdpTestWorld, FakeEidApp, TestBrowser, USERS, WEBCERT, wallClock } from './idpTestSupport.js';

let world: Awaited<ReturnType<typeof createIdpTestWorld>>;
let eid: FakeEidApp;
let idp: IdpSimulator;
let clock: VirtualClock;
let journal: TrafficJournal;

test.beforeAll(async () => {
  world = await createIdpTestWorld();
  clock = wallClock();
  eid = new FakeEidApp(world.cards);
  journal = TrafficJournal.open({ path: ':memory:' });
  idp = await IdpSimulator.start({ clock, journal, pki: world.pki, eidAppUrl: await eid.start(clock), users: Object.values(USERS), serviceProviders: [world.webcertMetadata, world.signServiceMetadata] });
});
test.afterAll(async () => {
  await idp?.stop();
  await eid?.stop();
  journal?.close?.();
  world?.cleanup();
});

test('metadata: login entity at /saml/metadata, sign entities at their entityID', async () => {
  const browser = new TestBrowser();
  const res = await browser.get(`${idp.url}/saml/metadata`);
  const md = parseMetadata(res.body);
  expect(md.entityId).toBe(`${idp.url}/saml`);
  expect(md.idp?.singleSignOnServices).toEqual([
    { binding: BINDINGS.redirect, location: `${idp.url}/saml/sso/HTTP-Redirect`, index: undefined, isDefault: undefined },
    { binding: BINDINGS.post, location: `${idp.url}/saml/sso/HTTP-POST`, index: undefined, isDefault: undefined },
  ]);
  expect(md.idp?.singleLogoutServices.map((s) => s.location)).toEqual([`${idp.url}/saml/slo/HTTP-Redirect`, `${idp.url}/saml/slo/HTTP-POST`]);
  expect(md.idp?.signingCertificatesPem).toEqual([idp.signingCertificatePem]);
  expect(world.pki.verifyChain(idp.signingCertificatePem).valid).toBe(true);
  const sign = parseMetadata((await browser.get(`${idp.url}/saml/sign/sithseid-other-device`)).body);
  expect(sign.entityId).toBe(`${idp.url}/saml/sign/sithseid-other-device`);
  expect(parseMetadata((await browser.get(`${idp.url}/saml/sign/sithseid-same-device/metadata`)).body).idp?.singleSignOnServices[0]?.location).toBe(`${idp.url}/saml/sign/sithseid-same-device`);
});

test('SITHS eID on another device: QR page, polling, Response accepted by samlify', async () => {
  const browser = new TestBrowser();
  eid.behaviour = { kind: 'pending', hintCode: 'outstandingTransaction' };
  const { res, requestId } = await startLogin(browser, idp, clock);
  expect(res.status).toBe(303);
  const login = await browser.follow(res);
  for (const label of ['SITHS eID på annan enhet', 'SITHS eID på denna enhet', 'SITHS-kort på denna enhet', 'Net iD (äldre)']) expect(login.body).toContain(label);
  const wait = await chooseMethod(browser, login, 'sithseid-other-device');
  expect(wait.body).toContain('id="qr-kod"');
  expect(wait.body).toContain('<code id="qr-start-token">qr-');
  expect(wait.body).toContain('Starta SITHS eID-appen och skanna QR-koden.');
  const order = eid.lastOrder()!;
  expect(order.type).toBe('auth');
  expect(Buffer.from(order.challenge, 'base64')).toHaveLength(32);
  expect((await pollStatus(browser, wait, 1)).state).toBe('pending');
  eid.behaviour = { kind: 'approve', hsaId: USERS.ada.hsaId };
  const status = await pollStatus(browser, wait);
  expect(status.next).toMatch(/\/complete$/);
  const { action, fields } = await complete(browser, wait, status.next!);
  expect(action).toBe(WEBCERT.acs);
  expect(fields.RelayState).toBe('rs-42');
  const xml = Buffer.from(fields.SAMLResponse ?? '', 'base64').toString('utf8');
  expect(xml).toContain(`<saml2:AuthnContextClassRef>${LOA.loa3}</saml2:AuthnContextClassRef>`);
  const result = await samlifyAccepts(idp.metadataXml(), fields.SAMLResponse!);
  expect(result.extract.response.inResponseTo).toBe(requestId);
  expect(result.extract.attributes).toMatchObject({
    [ATTRIBUTE.employeeHsaId]: USERS.ada.hsaId,
    [ATTRIBUTE.identityProviderForSign]: `${idp.url}/saml/sign/sithseid-other-device`,
    [ATTRIBUTE.givenName]: 'Ada',
    [ATTRIBUTE.surname]: 'Läkare',
    [ATTRIBUTE.name]: 'Ada Läkare',
    [ATTRIBUTE.personalIdentityNumber]: '191212121212',
    [ATTRIBUTE.authnMethod]: 'urn:samverkan:authnMethod:sithseid-other-device',
  });
  const entries = journal.query({ party: 'idp', messageId: requestId });
  expect(entries.map((e) => e.operation)).toEqual(expect.arrayContaining(['SAML AuthnRequest', 'eID StartOrder', 'eID CollectOrder', 'SAML Response']));
  expect(entries.find((e) => e.operation === 'SAML Response')).toMatchObject({ personId: '191212121212', outcome: 'ok', message: expect.stringContaining(USERS.ada.hsaId) });
});

test('SITHS eID on this device: the page opens the app with the autostart token', async () => {
  const browser = new TestBrowser();
  eid.behaviour = { kind: 'pending', hintCode: 'outstandingTransaction' };
  const { res } = await startLogin(browser, idp, clock);
  const wait = await chooseMethod(browser, await browser.follow(res), 'sithseid-same-device');
  expect(wait.body).toContain('Startar SITHS eID-appen');
  eid.behaviour = { kind: 'approve', hsaId: USERS.ada.hsaId };
  const token = /autostarttoken=([^&"]+)/.exec(wait.body)?.[1];
  expect(wait.body).toContain(`href="siths:///?autostarttoken=${token}&amp;redirect=null"`);
  expect(wait.body).toContain('id="starta-siths-eid"');
  const status = await pollStatus(browser, wait);
  const { fields } = await complete(browser, wait, status.next!);
  const result = await samlifyAccepts(idp.metadataXml(), fields.SAMLResponse!);
  expect(result.extract.attributes[ATTRIBUTE.identityProviderForSign]).toBe(`${idp.url}/saml/sign/sithseid-same-device`);
});

test('app not installed: Swedish message, retry possible, cancel gives the SP a cancel status', async () => {
  const browser = new TestBrowser();
  eid.behaviour = { kind: 'fail', hintCode: 'noClient' };
  const { res } = await startLogin(browser, idp, clock);
  const wait = await chooseMethod(browser, await browser.follow(res), 'sithseid-same-device');
  const status = await pollStatus(browser, wait);
  expect(status).toMatchObject({ state: 'failed', hintCode: 'noClient', message: 'SITHS eID-appen startade inte. Kontrollera att den är installerad.' });
  const page = await browser.get(wait.url);
  expect(page.body).toContain('SITHS eID-appen startade inte. Kontrollera att den är installerad.');
  expect(page.body).toMatch(/<form method="post" action="[^"]+\/retry" id="forsok-igen-form">/);
  const cancelAction = /<form method="post" action="([^"]+\/cancel)">/.exec(page.body)?.[1];
  const done = await browser.follow(await browser.post(new URL(cancelAction!, page.url).toString(), {}));
  const xml = Buffer.from(/name="SAMLResponse" value="([^"]+)"/.exec(done.body)?.[1] ?? '', 'base64').toString('utf8');
  expect(xml).toContain('urn:oasis:names:tc:SAML:2.0:status:Responder');
  expect(xml).toContain('http://id.elegnamnden.se/status/1.0/cancel');
});

test('SITHS card over mutual TLS: HSA-ID from the client certificate; reserve card gives loa2', async () => {
  for (const user of [USERS.ada, USERS.bo]) {
    const card = world.cards.get(user.hsaId)!;
    const browser = new TestBrowser({ trustPem: world.pki.rootPem, clientCert: { certificatePem: card.authCertPem, privateKeyPem: card.key.export({ format: 'pem', type: 'pkcs8' }).toString() } });
    const { res } = await startLogin(browser, idp, clock);
    const page = await chooseMethod(browser, await browser.follow(res), 'siths-card');
    const { fields } = { fields: Object.fromEntries([...page.body.matchAll(/name="(\w+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]])) };
    const result = await samlifyAccepts(idp.metadataXml(), fields.SAMLResponse!);
    expect(result.extract.attributes[ATTRIBUTE.employeeHsaId]).toBe(user.hsaId);
    expect(result.extract.attributes[ATTRIBUTE.identityProviderForSign]).toBe(`${idp.url}/saml/sign`);
    expect(result.extract.attributes[ATTRIBUTE.authnMethod]).toBe('urn:oasis:names:tc:SAML:2.0:ac:classes:TLSClient');
    expect(result.samlContent).toContain(`<saml2:AuthnContextClassRef>${user.reserveCard ? LOA.loa2 : LOA.loa3}</saml2:AuthnContextClassRef>`);
  }
});

test('card login refuses a missing card and a card from an unknown CA with a clear page', async () => {
  const foreign = await (await import('../kit/pki/testPki.js')).TestPki.open(`${world.dir}/foreign`);
  const { generateKeyPairSync } = await import('node:crypto');
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const evil = await foreign.issuePersonCertificate({ publicKey: keys.publicKey, person: USERS.ada, usage: 'authentication' });
  const cases = [
    { browser: new TestBrowser({ trustPem: world.pki.rootPem }), text: 'Inget SITHS-kort hittades' },
    { browser: new TestBrowser({ trustPem: world.pki.rootPem, clientCert: { certificatePem: evil.certificatePem, privateKeyPem: keys.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() } }), text: 'inte utfärdat av en betrodd SITHS-CA' },
  ];
  for (const { browser, text } of cases) {
    const { res } = await startLogin(browser, idp, clock);
    const page = await chooseMethod(browser, await browser.follow(res), 'siths-card');
    expect(page.status).toBe(403);
    expect(page.body).toContain(text);
    expect(page.body).toContain('id="valj-annan-metod"');
  }
});
