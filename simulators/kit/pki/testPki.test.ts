import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, createSign, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCertificate } from './certificateInfo.js';
import { TestPki } from './testPki.js';
import { x509 } from './x509Runtime.js';

const person = { hsaId: 'TSTNMT2321000156-1079', givenName: 'Åsa', surname: 'Läkare', personId: '191212121212' };
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'samverkan-pki-'));
  dirs.push(d);
  return d;
};
test.afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

test.describe('TestPki', () => {
  let dir: string;
  let pki: TestPki;
  test.beforeAll(async () => {
    dir = tempDir();
    pki = await TestPki.open(dir);
  });

  test('creates a SITHS-shaped hierarchy once and loads the same one again', async () => {
    expect(existsSync(join(dir, 'ca', 'root.key.pem'))).toBe(true);
    const root = readCertificate(pki.rootPem);
    expect(root.commonName).toBe('TEST SITHS e-id Root CA v2 (samverkan)');
    expect(root.subject).toContain('O=Inera AB (test)');
    expect(root.isCa).toBe(true);
    expect(root.publicKey.asymmetricKeyDetails?.modulusLength).toBe(3072);
    expect(readCertificate(pki.personCaPem).commonName).toBe('TEST SITHS e-id Person ID 3 CA v1 (samverkan)');
    expect(readCertificate(pki.functionCaPem).commonName).toBe('TEST SITHS e-id Function CA v1 (samverkan)');
    expect(readCertificate(pki.functionCaPem).publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    for (const pem of [pki.rootPem, pki.personCaPem, pki.functionCaPem]) {
      expect(new x509.X509Certificate(pem).signatureAlgorithm).toMatchObject({ name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-256' } });
    }
    const again = await TestPki.open(dir);
    expect(again.rootPem).toBe(pki.rootPem);
    expect(again.personCaPem).toBe(pki.personCaPem);
  });

  test('issues authentication and signature card certificates with the HSA-ID as serialNumber', async () => {
    const card = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const auth = await pki.issuePersonCertificate({ publicKey: card.publicKey, person, usage: 'authentication' });
    const sign = await pki.issuePersonCertificate({ publicKey: card.publicKey, person, usage: 'signature' });
    const a = readCertificate(auth.certificatePem);
    expect(a.commonName).toBe('Åsa Läkare');
    expect(a.givenName).toBe('Åsa');
    expect(a.surname).toBe('Läkare');
    expect(a.subjectSerialNumber).toBe(person.hsaId);
    expect(a.keyUsage).toEqual(['digitalSignature']);
    expect(a.extendedKeyUsage).toContain('1.3.6.1.5.5.7.3.2');
    expect(readCertificate(sign.certificatePem).keyUsage).toEqual(['nonRepudiation']);
    expect(auth.chainPem).toEqual([pki.personCaPem, pki.rootPem]);
    expect(auth.privateKeyPem).toBeUndefined();
    expect(auth.certificateDer.equals(a.der)).toBe(true);
    expect(pki.verifyChain(auth.certificatePem)).toEqual({ valid: true });
    expect(pki.verifyChain(sign.certificatePem)).toEqual({ valid: true });
    // the card key signs, the certificate's key verifies
    const sig = createSign('sha256').update('challenge').sign(card.privateKey);
    expect(new X509Certificate(auth.certificatePem).publicKey.export({ format: 'der', type: 'spki' })).toEqual(
      card.publicKey.export({ format: 'der', type: 'spki' }),
    );
    expect(sig.length).toBe(256);
  });

  test('issues EC card certificates too', async () => {
    const card = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const auth = await pki.issuePersonCertificate({ publicKey: card.publicKey, person, usage: 'authentication' });
    expect(readCertificate(auth.certificatePem).publicKey.asymmetricKeyType).toBe('ec');
    expect(pki.verifyChain(auth.certificatePem).valid).toBe(true);
  });

  test('issues function certificates for TLS and for signing', async () => {
    const idp = await pki.issueFunctionCertificate({ commonName: 'idp.samverkan.test', hsaId: 'TSTNMT2321000156-IDP1', dnsNames: ['localhost'] });
    const info = readCertificate(idp.certificatePem);
    expect(info.commonName).toBe('idp.samverkan.test');
    expect(info.subjectSerialNumber).toBe('TSTNMT2321000156-IDP1');
    expect(info.keyUsage).toEqual(['digitalSignature', 'keyEncipherment']);
    expect(info.extendedKeyUsage).toEqual(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
    expect(new X509Certificate(idp.certificatePem).subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1');
    expect(idp.privateKeyPem).toContain('BEGIN PRIVATE KEY');
    expect(idp.chainPem).toEqual([pki.functionCaPem, pki.rootPem]);
    expect(pki.verifyChain(idp.certificatePem).valid).toBe(true);

    const ec = await pki.issueFunctionCertificate({ commonName: 'sign.samverkan.test', hsaId: 'TSTNMT2321000156-SIG1', key: 'EC' });
    const ecInfo = readCertificate(ec.certificatePem);
    expect(ecInfo.publicKey.asymmetricKeyType).toBe('ec');
    expect(ecInfo.keyUsage).toEqual(['digitalSignature']);
    expect(ecInfo.extendedKeyUsage).toEqual([]);
    expect(pki.verifyChain(ec.certificatePem).valid).toBe(true);
  });

  test('verifyChain reports expiry, not-yet-valid and foreign issuers', async () => {
    const card = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const expired = await pki.issuePersonCertificate({
      publicKey: card.publicKey, person, usage: 'authentication',
      notBefore: new Date('2024-01-01T00:00:00Z'), notAfter: new Date('2025-01-01T00:00:00Z'),
    });
    expect(pki.verifyChain(expired.certificatePem, new Date('2024-06-01T00:00:00Z'))).toEqual({ valid: true });
    const late = pki.verifyChain(expired.certificatePem, new Date('2025-06-01T00:00:00Z'));
    expect(late.valid).toBe(false);
    expect(late.problem).toMatch(/"Åsa Läkare" expired at 2025-01-01T00:00:00.000Z/);
    const early = pki.verifyChain(expired.certificatePem, new Date('2023-06-01T00:00:00Z'));
    expect(early.problem).toMatch(/not valid until 2024-01-01/);

    const other = await TestPki.open(tempDir());
    const foreign = await other.issueFunctionCertificate({ commonName: 'evil', hsaId: 'X-1' });
    const verdict = pki.verifyChain(foreign.certificatePem);
    expect(verdict.valid).toBe(false);
    expect(verdict.problem).toMatch(/another CA of the same name/);
    expect(pki.verifyChain('not a certificate').problem).toMatch(/could not be read/);
    expect(pki.verifyChain(pki.rootPem)).toEqual({ valid: true });
  });

  test('openssl agrees that the chain verifies', async () => {
    let hasOpenssl = true;
    try { execFileSync('openssl', ['version']); } catch { hasOpenssl = false; }
    test.skip(!hasOpenssl, 'openssl is not installed');
    const work = tempDir();
    const card = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const auth = await pki.issuePersonCertificate({ publicKey: card.publicKey, person, usage: 'authentication' });
    writeFileSync(join(work, 'root.pem'), pki.rootPem);
    writeFileSync(join(work, 'inter.pem'), pki.personCaPem);
    writeFileSync(join(work, 'leaf.pem'), auth.certificatePem);
    const out = execFileSync('openssl', ['verify', '-CAfile', join(work, 'root.pem'), '-untrusted', join(work, 'inter.pem'), '-purpose', 'sslclient', join(work, 'leaf.pem')]).toString();
    expect(out).toContain('OK');
  });

  test('a damaged folder gets an error that says to delete it', async () => {
    const d = tempDir();
    await TestPki.open(d);
    writeFileSync(join(d, 'ca', 'root.key.pem'), readFileSync(join(d, 'ca', 'person-ca.key.pem')));
    await expect(TestPki.open(d)).rejects.toThrow(/root.key.pem does not belong to root.cert.pem.*delete that folder/);
  });
});
