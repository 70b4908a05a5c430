import { test, expect } from '@playwright/test';
import { FaultRules } from '../kit/faults/faultRules.js';
import { parseAuthnRequest } from '../kit/saml/authnRequestParser.js';
import { SamlError } from '../kit/saml/samlError.js';
import { IdpSimulator } from './idpSimulator.js';
import { createIdpTestWorld, FakeEidApp, USERS, wallClock } from './idpTestSupport.js';

/**
 * A refused request is named on the error page and in the journal by a short excerpt of what was
 * sent, never echoed in full: an Issuer of 900 KB used to come back whole in the page.
 */
let world: Awaited<ReturnType<typeof createIdpTestWorld>>;
let eid: FakeEidApp;
let idp: IdpSimulator;
const clock = wallClock();

test.beforeAll(async () => {
  world = await createIdpTestWorld();
  eid = new FakeEidApp(world.cards);
  idp = await IdpSimulator.start({ clock, faults: new FaultRules(), pki: world.pki, eidAppUrl: await eid.start(clock), users: [USERS.ada], serviceProviders: [world.webcertMetadata] });
});
test.afterAll(async () => {
  await idp?.stop();
  await eid?.stop();
  world?.cleanup();
});

const HUGE = 'X'.repeat(900_000);
const authnRequest = (issuer: string, instant = new Date().toISOString()) =>
  `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_e1" Version="2.0" IssueInstant="${instant}"><saml:Issuer>${issuer}</saml:Issuer></samlp:AuthnRequest>`;

test('an AuthnRequest from an unknown Issuer of 900 KB gets a short error page that names a 200-character excerpt', async () => {
  const res = await fetch(idp.endpoints.ssoPost!, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ SAMLRequest: Buffer.from(authnRequest(HUGE)).toString('base64') }).toString(),
  });
  const page = await res.text();
  expect(res.status).toBe(400);
  expect(page).toContain('unknown-sp: no service provider with entityID');
  expect(page).toContain(`${'X'.repeat(200)}… (900000 bytes)`);
  expect(page).not.toContain('X'.repeat(201));
  expect(page.length).toBeLessThan(10_000);
});

test('the SAML readers quote input as an excerpt in their errors and context', () => {
  let error: unknown;
  try {
    parseAuthnRequest({ binding: 'post', samlRequest: Buffer.from(authnRequest(HUGE)).toString('base64'), relayState: 'R'.repeat(5_000) }, { clock, serviceProvider: () => undefined, destinations: [] });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(SamlError);
  const saml = error as SamlError;
  expect(saml.message.length).toBeLessThan(600);
  expect(saml.context.issuer).toBe(`${'X'.repeat(200)}… (900000 bytes)`);
  expect(saml.context.relayState).toBe(`${'R'.repeat(200)}… (5000 bytes)`);
  // A message built elsewhere with the whole input in it is still cut.
  expect(new SamlError('bad-xml', `parser said: ${HUGE}`).message.length).toBeLessThanOrEqual(2_100);
});
