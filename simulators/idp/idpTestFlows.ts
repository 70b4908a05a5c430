/** Test helpers (not a test file): drive an SP-initiated login through the IdP simulator like a browser. */
import { expect } from '@playwright/test';
import type { Clock } from '../kit/clock/virtualClock.js';
import { buildAuthnRequestRedirect, type AuthnRequestOptions } from '../kit/saml/authnRequestBuilder.js';
import { loadSamlify } from '../kit/saml/samlTestSupport.js';
import type { IdpEntityKind } from './idpEntities.js';
import type { IdpSimulator } from './idpSimulator.js';
import { autoPostFields, WEBCERT, type BrowserResponse, type TestBrowser } from './idpTestSupport.js';

/** Sends the browser to the IdP with a Webcert AuthnRequest (Redirect binding); returns the IdP's first answer and the request ID. */
export async function startLogin(
  browser: TestBrowser,
  idp: IdpSimulator,
  clock: Clock,
  o: Partial<AuthnRequestOptions> & { entity?: IdpEntityKind; signing?: { privateKeyPem: string; certificatePem: string } } = {},
): Promise<{ res: BrowserResponse; requestId: string }> {
  const entity = idp.entity(o.entity ?? 'login');
  const { url, id } = buildAuthnRequestRedirect({ clock, issuer: WEBCERT.entityId, destination: entity.ssoRedirect, assertionConsumerServiceUrl: WEBCERT.acs, relayState: 'rs-42', ...o });
  return { res: await browser.get(url), requestId: id };
}

/** From the login page: choose a method and follow to the next page. */
export async function chooseMethod(browser: TestBrowser, loginPage: BrowserResponse, method: string): Promise<BrowserResponse> {
  const action = /<form method="post" action="([^"]+\/method)"/.exec(loginPage.body)?.[1];
  expect(action, 'login page has the method form').toBeTruthy();
  return browser.follow(await browser.post(new URL(action!, loginPage.url).toString(), { method }));
}

/** Polls the status endpoint of a wait page until it names the next page; returns the last JSON. */
export async function pollStatus(browser: TestBrowser, waitPage: BrowserResponse, rounds = 5): Promise<{ state: string; message: string; hintCode?: string; next?: string }> {
  const tx = /\/saml\/login\/([^/"]+)\/status/.exec(waitPage.body)?.[1];
  expect(tx, 'wait page polls a status URL').toBeTruthy();
  let last = { state: '', message: '' } as { state: string; message: string; hintCode?: string; next?: string };
  for (let i = 0; i < rounds; i++) {
    const res = await browser.get(new URL(`/saml/login/${tx}/status`, waitPage.url).toString());
    last = JSON.parse(res.body);
    if (last.next || last.state === 'failed') break;
  }
  return last;
}

/** Follows `next` from the status endpoint to the auto-post page and returns its form. */
export async function complete(browser: TestBrowser, waitPage: BrowserResponse, next: string): Promise<{ action: string; fields: Record<string, string>; page: BrowserResponse }> {
  const page = await browser.follow(await browser.get(new URL(next, waitPage.url).toString()));
  expect(page.body).toContain('id="auto-post-form"');
  return { ...autoPostFields(page.body), page };
}

/** samlify 2.13.1 as an independent SP parses the Response; returns its extract. */
export async function samlifyAccepts(idpMetadataXml: string, samlResponse: string, sp: { entityId: string; acs: string } = WEBCERT) {
  const samlify = await loadSamlify();
  const spEntity = samlify.ServiceProvider({
    entityID: sp.entityId,
    assertionConsumerService: [{ Binding: samlify.Constants.namespace.binding.post, Location: sp.acs }],
    wantAssertionsSigned: true,
    wantMessageSigned: true,
  });
  const idpEntity = samlify.IdentityProvider({ metadata: idpMetadataXml });
  const result = (await spEntity.parseLoginResponse(idpEntity, 'post', { body: { SAMLResponse: samlResponse } })) as unknown as {
    extract: { nameID: string; issuer: string; attributes: Record<string, string | string[]>; response: { inResponseTo: string }; authnStatement?: unknown };
    samlContent: string;
  };
  return result;
}
