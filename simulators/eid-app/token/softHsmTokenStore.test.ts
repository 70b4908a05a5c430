import { createPublicKey, randomBytes, verify, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import type { TestPki } from '../../kit/pki/testPki.js';
import { sharedTestPki } from '../eidAppTestSupport.js';
import { CardError } from './cardError.js';
import { ModuleCardSource } from './moduleCardSource.js';
import { SOFTHSM_INSTALL_HINT, useSoftHsmConfig } from './softHsmConfig.js';
import { SoftHsmTokenStore } from './softHsmTokenStore.js';

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eid-card-'));
  tempDirs.push(dir);
  return dir;
}
let pki: TestPki;
test.beforeAll(async () => {
  pki = await sharedTestPki();
});
test.afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

const anna = { hsaId: 'SE2321000016-A001', givenName: 'Anna', surname: 'Läkare', personId: '19121212-1212' };
const cardError = (work: () => unknown): CardError => {
  try {
    work();
  } catch (error) {
    if (error instanceof CardError) return error;
    throw error;
  }
  throw new Error('expected a CardError');
};

test.describe('SoftHSM2 card store', () => {
  test('creates, lists and deletes a card with an authentication and a signature certificate from the PKI', async () => {
    const store = SoftHsmTokenStore.open(tempDir(), { issuer: pki });
    expect(fs.readFileSync(store.paths.configPath, 'utf8')).toContain(`directories.tokendir = ${store.paths.tokenDirectory}`);
    expect(store.listCards()).toEqual([]);

    const created = await store.createCard(anna, '1234', '12345678');
    expect(created).toMatchObject({ hsaId: anna.hsaId, givenName: 'Anna', surname: 'Läkare', personId: anna.personId, tokenLabel: anna.hsaId, pin: { failedAttempts: 0, locked: false } });
    expect(created.certificates.map((c) => c.usage).sort()).toEqual(['authentication', 'signature']);
    const [first, second] = created.certificates;
    expect(first!.keyId).not.toBe(second!.keyId);
    for (const c of created.certificates) {
      expect(pki.verifyChain(c.certificatePem).valid).toBe(true);
      expect(new X509Certificate(c.certificatePem).subject).toContain(`serialNumber=${anna.hsaId}`);
    }
    expect(store.listCards()).toEqual([created]);

    await expect(store.createCard(anna, '1234', '12345678')).rejects.toMatchObject({ code: 'cardExists', message: expect.stringContaining('already exists') });
    store.deleteCard(anna.hsaId);
    expect(store.listCards()).toEqual([]);
    expect(cardError(() => store.deleteCard(anna.hsaId))).toMatchObject({ code: 'cardNotFound', message: expect.stringContaining('card list') });
  });

  test('signs on the card with the key of the wanted certificate; node:crypto verifies it', async () => {
    const store = SoftHsmTokenStore.open(tempDir(), { issuer: pki });
    await store.createCard(anna, '1234', '12345678');
    const card = store.card(anna.hsaId);
    const challenge = randomBytes(32);
    for (const usage of ['authentication', 'signature'] as const) {
      const { signature, certificate } = card.sign({ usage, data: challenge, pin: '1234' });
      expect(certificate.usage).toBe(usage);
      expect(signature).toHaveLength(256);
      const publicKey = createPublicKey(certificate.certificatePem);
      expect(verify('sha256', challenge, publicKey, signature)).toBe(true);
      expect(verify('sha256', Buffer.from('something else'), publicKey, signature)).toBe(false);
    }
    const [auth, sign] = ['authentication', 'signature'].map((u) => card.certificates().find((c) => c.usage === u)!);
    expect(verify('sha256', challenge, createPublicKey(sign!.certificatePem), card.sign({ usage: 'authentication', data: challenge, pin: '1234' }).signature)).toBe(false);
    expect(auth!.hsaId).toBe(anna.hsaId);
  });

  test('three wrong PINs in a row lock the card; a right PIN in between resets the count; the SO PIN unblocks it', async () => {
    const store = SoftHsmTokenStore.open(tempDir(), { issuer: pki });
    await store.createCard(anna, '1234', '12345678');
    const card = store.card(anna.hsaId);
    const data = Buffer.from('challenge');
    expect(cardError(() => card.sign({ usage: 'authentication', data, pin: '0000' }))).toMatchObject({ code: 'pinIncorrect', attemptsLeft: 2 });
    card.sign({ usage: 'authentication', data, pin: '1234' });
    expect(store.listCards()[0]!.pin).toEqual({ failedAttempts: 0, locked: false });
    expect(cardError(() => card.sign({ usage: 'authentication', data, pin: '0000' }))).toMatchObject({ code: 'pinIncorrect', attemptsLeft: 2 });
    expect(cardError(() => card.sign({ usage: 'signature', data, pin: '9999' }))).toMatchObject({ code: 'pinIncorrect', attemptsLeft: 1, message: expect.stringContaining('1 attempt(s) left') });
    expect(cardError(() => card.sign({ usage: 'authentication', data, pin: '0000' }))).toMatchObject({ code: 'pinLocked', message: expect.stringContaining('now locked') });
    expect(cardError(() => card.sign({ usage: 'authentication', data, pin: '1234' }))).toMatchObject({ code: 'pinLocked' });
    expect(store.listCards()[0]!.pin).toEqual({ failedAttempts: 3, locked: true });

    expect(cardError(() => store.unblockCard(anna.hsaId, 'wrong-so', '4321'))).toMatchObject({ code: 'pinIncorrect' });
    store.unblockCard(anna.hsaId, '12345678', '4321');
    expect(card.sign({ usage: 'signature', data, pin: '4321' }).signature).toHaveLength(256);
  });

  test('two stores in one process keep their own tokens (SOFTHSM2_CONF is set before each initialisation)', async () => {
    const a = SoftHsmTokenStore.open(tempDir(), { issuer: pki });
    const b = SoftHsmTokenStore.open(tempDir(), { issuer: pki });
    await a.createCard(anna, '1234', '12345678');
    await b.createCard({ hsaId: 'SE2321000016-B002', givenName: 'Bo', surname: 'Sköterska' }, '5678', '12345678');
    expect(a.listCards().map((c) => c.hsaId)).toEqual([anna.hsaId]);
    expect(b.listCards().map((c) => c.hsaId)).toEqual(['SE2321000016-B002']);
    expect(process.env.SOFTHSM2_CONF).toBe(b.paths.configPath);
    expect(cardError(() => b.card(anna.hsaId).sign({ usage: 'signature', data: Buffer.from('x'), pin: '1234' }))).toMatchObject({ code: 'cardNotFound' });
  });

  test('a generic PKCS#11 module source finds the card by the HSA-ID in its certificates, and leaves PIN counting to the card', async () => {
    const store = SoftHsmTokenStore.open(tempDir(), { issuer: pki });
    await store.createCard(anna, '1234', '12345678');
    const source = new ModuleCardSource({ modulePath: '/usr/lib/softhsm/libsofthsm2.so', beforeInitialize: () => useSoftHsmConfig(store.paths.configPath) });
    expect(source.listCards()).toMatchObject([{ hsaId: anna.hsaId, givenName: 'Anna', surname: 'Läkare', tokenLabel: anna.hsaId }]);
    const card = source.card(anna.hsaId);
    const data = Buffer.from('hello');
    const { signature, certificate } = card.sign({ usage: 'signature', data, pin: '1234' });
    expect(verify('sha256', data, createPublicKey(certificate.certificatePem), signature)).toBe(true);
    for (let i = 0; i < 4; i++) expect(cardError(() => card.sign({ usage: 'signature', data, pin: '0000' })).code).toBe('pinIncorrect');
    expect(card.pinState()).toBeUndefined();
    expect(cardError(() => source.card('SE000-NONE').sign({ usage: 'signature', data, pin: '1234' }))).toMatchObject({ code: 'noCertificate' });
  });

  test('refuses bad input and a missing module with messages that say what to do', async () => {
    const store = SoftHsmTokenStore.open(tempDir(), { issuer: pki });
    await expect(store.createCard({ ...anna, hsaId: 'has space' }, '1234', '12345678')).rejects.toMatchObject({ code: 'invalidInput', message: expect.stringContaining('letters, digits and dashes') });
    await expect(store.createCard(anna, '12', '12345678')).rejects.toMatchObject({ code: 'invalidInput', message: expect.stringContaining('PIN must be 4 to 32') });
    await expect(store.createCard({ ...anna, givenName: '' }, '1234', '12345678')).rejects.toMatchObject({ message: expect.stringContaining('givenName') });
    expect(cardError(() => SoftHsmTokenStore.open(tempDir(), { modulePath: '/nowhere/libsofthsm2.so' }))).toMatchObject({ code: 'moduleMissing', message: expect.stringContaining(SOFTHSM_INSTALL_HINT) });
    const missing = new ModuleCardSource({ modulePath: '/nowhere/libiidp11.so' });
    expect(cardError(() => missing.listCards())).toMatchObject({ code: 'moduleMissing', message: expect.stringContaining('/nowhere/libiidp11.so') });
    expect(store.listCards()).toEqual([]);
  });
});
