import { test, expect } from '@playwright/test';
import { deflateRawSync } from 'node:zlib';
import { autoPostForm } from './autoPostForm.js';
import { buildRedirectUrl, decodeAndInflate, decodeFromPost, encodeForPost, readRedirectQuery, redirectSignatureProblem } from './bindings.js';
import { SamlError } from './samlError.js';
import { createSamlTestWorld, type SamlTestWorld } from './samlTestSupport.js';

let world: SamlTestWorld;
test.beforeAll(async () => { world = await createSamlTestWorld(); });
test.afterAll(() => world.cleanup());

const XML = '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_1"/>';
const codeOf = (fn: () => unknown) => {
  try { fn(); } catch (e) { return e instanceof SamlError ? `${e.code}: ${e.message}` : `other: ${(e as Error).message}`; }
  return 'no error';
};

test('redirect binding round trip keeps XML and RelayState, with and without signature', () => {
  const url = buildRedirectUrl('https://idp.test/sso?x=1', { kind: 'SAMLRequest', xml: XML, relayState: 'åter & igen' });
  expect(url).toMatch(/^https:\/\/idp\.test\/sso\?x=1&SAMLRequest=/);
  const read = readRedirectQuery(new URL(url).search);
  expect(read).toMatchObject({ kind: 'SAMLRequest', xml: XML, relayState: 'åter & igen' });
  expect(read.signature).toBeUndefined();

  const signed = buildRedirectUrl('https://idp.test/sso', { kind: 'SAMLRequest', xml: XML, relayState: 'r', signing: { privateKeyPem: world.spCredential.privateKeyPem } });
  const readSigned = readRedirectQuery(new URL(signed).search);
  expect(readSigned.sigAlg).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
  expect(redirectSignatureProblem(readSigned, [world.spCredential.certificatePem])).toBeUndefined();
  expect(redirectSignatureProblem(readSigned, [world.idpCredential.certificatePem])).toMatch(/does not verify with the 1 signing certificate/);
  const tampered = readRedirectQuery(new URL(signed).search.replace('RelayState=r', 'RelayState=s'));
  expect(redirectSignatureProblem(tampered, [world.spCredential.certificatePem])).toMatch(/does not verify/);
  expect(redirectSignatureProblem(readSigned, [])).toMatch(/no signing certificate/);
});

test('broken encodings get bad-encoding errors that say which step failed', () => {
  expect(codeOf(() => readRedirectQuery('?RelayState=x'))).toMatch(/^bad-encoding: the request has no SAMLRequest parameter/);
  expect(codeOf(() => readRedirectQuery('?SAMLRequest=%%%'))).toMatch(/^bad-encoding: the query string holds a broken %-escape/);
  expect(codeOf(() => decodeAndInflate('inte base64!'))).toMatch(/^bad-encoding: SAMLRequest is not base64/);
  expect(codeOf(() => decodeAndInflate(Buffer.from('plain text').toString('base64')))).toMatch(/is not DEFLATE-compressed/);
  const bomb = deflateRawSync(Buffer.alloc(2 * 1024 * 1024, 0x20)).toString('base64');
  expect(codeOf(() => decodeAndInflate(bomb))).toMatch(/inflates to more than 1048576 bytes/);
  expect(codeOf(() => decodeFromPost('@@@'))).toMatch(/^bad-encoding: SAMLResponse is not base64/);
  expect(codeOf(() => decodeFromPost(Buffer.from('hello').toString('base64')))).toMatch(/does not decode to XML/);
  expect(decodeFromPost(encodeForPost(XML))).toBe(XML);
});

test('auto-post form escapes values, posts by script and offers a button without scripts', () => {
  const html = autoPostForm({ action: 'https://sp.test/acs?a=1&b=2', fields: { SAMLResponse: 'PHg+"<', RelayState: undefined } });
  expect(html).toContain('<form id="auto-post-form" method="post" action="https://sp.test/acs?a=1&amp;b=2">');
  expect(html).toContain('<input type="hidden" name="SAMLResponse" value="PHg+&quot;&lt;">');
  expect(html).not.toContain('RelayState');
  expect(html).toContain('document.getElementById("auto-post-form").submit()');
  expect(html).toMatch(/<noscript>.*<button type="submit" id="auto-post-continue">Fortsätt<\/button><\/noscript>/);
  const manual = autoPostForm({ action: '/x', fields: {}, autoSubmit: false, buttonText: 'Skicka' });
  expect(manual).not.toContain('<script>');
  expect(manual).toContain('<button type="submit" id="auto-post-continue">Skicka</button>');
});
