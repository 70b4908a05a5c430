import { test, expect } from '@playwright/test';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseXmlSafely } from '../xml/safeXml.js';
import { TestPki } from '../pki/testPki.js';
import { ALGORITHMS } from './algorithms.js';
import { ecdsaSignRaw, ecdsaVerifyRaw } from './ecdsaRaw.js';
import { signEnveloped } from './envelopedSignature.js';
import { verifyEnvelopedSignature } from './signatureVerification.js';

const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
const response = (assertions: string) =>
  `<samlp:Response xmlns:samlp="${SAMLP}" xmlns:saml="${SAML}" ID="_r1" Version="2.0"><saml:Issuer>https://idp.test/saml</saml:Issuer>${assertions}</samlp:Response>`;
const assertion = (id: string, who: string) =>
  `<saml:Assertion ID="${id}" Version="2.0"><saml:Issuer>https://idp.test/saml</saml:Issuer><saml:Subject><saml:NameID>${who}</saml:NameID></saml:Subject></saml:Assertion>`;
const afterIssuerOf = (local: string) => ({ reference: `//*[local-name()='${local}']/*[local-name()='Issuer']`, action: 'after' as const });

let dir: string;
let signer: { certificatePem: string; privateKeyPem: string };
let other: { certificatePem: string; privateKeyPem: string };

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'samverkan-dsig-'));
  const pki = await TestPki.open(dir);
  signer = await pki.issueFunctionCertificate({ commonName: 'idp.samverkan.test', hsaId: 'TST-IDP-1' });
  other = await pki.issueFunctionCertificate({ commonName: 'evil.samverkan.test', hsaId: 'TST-EVIL-1' });
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A response whose assertion is signed, then the response itself. */
function signedResponse(): string {
  const withSignedAssertion = signEnveloped(response(assertion('_a1', 'alice')), {
    ...signer, referenceUri: '#_a1', location: afterIssuerOf('Assertion'),
  });
  return signEnveloped(withSignedAssertion, { ...signer, location: { reference: "/*/*[local-name()='Issuer']", action: 'after' } });
}

test('signs a whole document without ID as URI "" and verifies it', () => {
  const xml = signEnveloped('<Order><Item>1</Item></Order>', { ...signer, location: { reference: '/*', action: 'append' } });
  expect(xml).toContain('<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">');
  expect(xml).toContain('<ds:Reference URI="">');
  expect(xml).toContain(ALGORITHMS.rsaSha256);
  expect(xml).toContain(ALGORITHMS.excC14n);
  expect(xml).toContain(ALGORITHMS.envelopedSignature);
  expect(xml).toContain(`<ds:DigestMethod Algorithm="${ALGORITHMS.sha256}"/>`);
  expect(xml).toContain('<ds:X509Certificate>');
  const v = verifyEnvelopedSignature(xml, { trustedCertificatesPem: [signer.certificatePem] });
  expect(v).toMatchObject({ valid: true, referenceUris: [''], signatureAlgorithm: ALGORITHMS.rsaSha256 });
  expect(v.signedReferences).toEqual(['<Order><Item>1</Item></Order>']);
  expect(v.certificatePem).toBe(signer.certificatePem);
});

test('signs SAML-style: assertion by ID, then the response by its ID, each verifiable', () => {
  const xml = signedResponse();
  const doc = parseXmlSafely(xml);
  const issuerNext = doc.documentElement?.getElementsByTagNameNS(SAML, 'Issuer').item(0)?.nextSibling as { localName?: string } | null;
  expect(issuerNext?.localName).toBe('Signature');
  const outer = verifyEnvelopedSignature(xml, { trustedCertificatesPem: [other.certificatePem, signer.certificatePem] });
  expect(outer).toMatchObject({ valid: true, referenceUris: ['#_r1'] });
  expect(outer.signedReferences[0]).toContain('alice');
  const inner = verifyEnvelopedSignature(xml, {
    trustedCertificatesPem: [signer.certificatePem],
    signatureElement: "//*[local-name()='Assertion']/*[local-name()='Signature']",
  });
  expect(inner).toMatchObject({ valid: true, referenceUris: ['#_a1'] });
  expect(inner.signedReferences[0]).toMatch(/^<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a1"/);
  expect(inner.signedReferences[0]).not.toContain('Signature');
});

test('rsa-sha1 and an unprefixed signature are possible', () => {
  const xml = signEnveloped('<Doc ID="_d"><x/></Doc>', { ...signer, algorithm: 'rsa-sha1', prefix: '', location: { reference: '/*', action: 'prepend' } });
  expect(xml).toMatch(/^<Doc ID="_d"><Signature xmlns="http:\/\/www.w3.org\/2000\/09\/xmldsig#">/);
  expect(xml).toContain(ALGORITHMS.rsaSha1);
  expect(verifyEnvelopedSignature(xml, { trustedCertificatesPem: [signer.certificatePem] })).toMatchObject({ valid: true, referenceUris: ['#_d'] });
});

test('a document changed after signing fails with a digest message', () => {
  const tampered = signedResponse().replace('alice', 'mallory');
  const v = verifyEnvelopedSignature(tampered, { trustedCertificatesPem: [signer.certificatePem] });
  expect(v.valid).toBe(false);
  expect(v.problem).toMatch(/does not match its digest.*changed after signing/);
  expect(v.signedReferences).toEqual([]);
});

test('a signature by an untrusted certificate fails, also when it embeds its own certificate', () => {
  const xml = signEnveloped(response(assertion('_a1', 'alice')), { ...other, location: afterIssuerOf('Response') });
  const v = verifyEnvelopedSignature(xml, { trustedCertificatesPem: [signer.certificatePem] });
  expect(v.valid).toBe(false);
  expect(v.problem).toMatch(/does not verify with any of the 1 trusted certificate.*KeyInfo names .*evil\.samverkan\.test/);
  // a KeyInfo swapped to the trusted certificate does not help either
  const swapped = xml.replace(/<ds:X509Certificate>[^<]+</, `<ds:X509Certificate>${signer.certificatePem.replace(/-----[^-]+-----|\s/g, '')}<`);
  expect(verifyEnvelopedSignature(swapped, { trustedCertificatesPem: [signer.certificatePem] }).valid).toBe(false);
});

test('signature wrapping: a moved signed assertion verifies, but its signed reference is not the evil one', () => {
  const signed = signEnveloped(response(assertion('_a1', 'alice')), { ...signer, referenceUri: '#_a1', location: afterIssuerOf('Assertion') });
  const signedAssertion = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(signed)?.[0] ?? '';
  // the attacker puts an evil assertion first and hides the signed one in an Extensions element
  const wrapped = response(`${assertion('_evil', 'mallory')}<samlp:Extensions>${signedAssertion}</samlp:Extensions>`);
  const v = verifyEnvelopedSignature(wrapped, {
    trustedCertificatesPem: [signer.certificatePem],
    signatureElement: "//*[local-name()='Assertion']/*[local-name()='Signature']",
  });
  expect(v.valid).toBe(true); // the signature itself is fine ...
  const evil = parseXmlSafely(wrapped).getElementsByTagNameNS(SAML, 'Assertion').item(0);
  expect(evil?.getAttribute('ID')).toBe('_evil');
  // ... but what was signed is alice's assertion, not the first assertion of the document
  expect(v.referenceUris).toEqual(['#_a1']);
  expect(v.signedReferences.join('')).toContain('alice');
  expect(v.signedReferences.join('')).not.toContain('mallory');
  // and no signature sits on the response itself
  expect(verifyEnvelopedSignature(wrapped, { trustedCertificatesPem: [signer.certificatePem] }).problem).toMatch(/not signed/);
});

test('signature wrapping with a duplicate ID is refused', () => {
  const signed = signEnveloped(response(assertion('_a1', 'alice')), { ...signer, referenceUri: '#_a1', location: afterIssuerOf('Assertion') });
  const wrapped = signed.replace('<saml:Assertion ', `${assertion('_a1', 'mallory').replace('</saml:Assertion>', '')}</saml:Assertion><saml:Assertion `);
  const v = verifyEnvelopedSignature(wrapped, { trustedCertificatesPem: [signer.certificatePem], signatureElement: "//*[local-name()='Signature']" });
  expect(v.valid).toBe(false);
  expect(v.problem).toMatch(/multiple elements with the same value for the ID/);
});

test('bad input gets a clear problem, never an exception', () => {
  const trust = { trustedCertificatesPem: [signer.certificatePem] };
  expect(verifyEnvelopedSignature('<a>', trust).problem).toMatch(/not well-formed/);
  expect(verifyEnvelopedSignature('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', trust).problem).toMatch(/DOCTYPE/);
  expect(verifyEnvelopedSignature('<a/>', trust).problem).toMatch(/not signed: <a> has no ds:Signature/);
  expect(verifyEnvelopedSignature('<a/>', { trustedCertificatesPem: [] }).problem).toMatch(/no trusted certificates/);
  expect(verifyEnvelopedSignature('<a/>', { ...trust, signatureElement: '/a' }).problem).toMatch(/not a ds:Signature/);
  const hmac = signEnveloped('<a/>', { ...signer, location: { reference: '/*', action: 'append' } }).replace(ALGORITHMS.rsaSha256, 'http://www.w3.org/2000/09/xmldsig#hmac-sha1');
  expect(verifyEnvelopedSignature(hmac, trust).problem).toMatch(/hmac-sha1" is not accepted/);
  expect(() => signEnveloped('<a/>', { ...signer, referenceUri: "#x' or '1'='1", location: { reference: '/*', action: 'append' } })).toThrow(/not "" or "#" \+ an XML ID/);
  expect(() => signEnveloped('<a/>', { ...signer, referenceUri: '#nope', location: { reference: '/*', action: 'append' } })).toThrow(/no element has ID "nope"/);
});

test('raw ECDSA signatures are r||s and verify with a key or a certificate', async () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const sig = ecdsaSignRaw('att signera', privateKey);
  expect(sig.length).toBe(64);
  expect(ecdsaVerifyRaw('att signera', sig, publicKey)).toBe(true);
  expect(ecdsaVerifyRaw(Buffer.from('att signera'), sig, publicKey.export({ format: 'pem', type: 'spki' }).toString())).toBe(true);
  expect(ecdsaVerifyRaw('något annat', sig, publicKey)).toBe(false);
  expect(ecdsaVerifyRaw('att signera', sig.subarray(1), publicKey)).toBe(false);
  const pki = await TestPki.open(dir);
  const ec = await pki.issueFunctionCertificate({ commonName: 'ec', hsaId: 'TST-EC', key: 'EC' });
  expect(ecdsaVerifyRaw('x', ecdsaSignRaw('x', ec.privateKeyPem), ec.certificatePem)).toBe(true);
  expect(ecdsaVerifyRaw('x', ecdsaSignRaw('x', ec.privateKeyPem), signer.certificatePem)).toBe(false);
  expect(() => ecdsaSignRaw('x', signer.privateKeyPem)).toThrow(/needs an EC private key, got rsa/);
});
