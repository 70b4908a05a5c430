import { test, expect } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certificateBase64 } from '../kit/pki/pem.js';
import { RESULT_MAJOR, RESULT_MINOR } from './dss/dssNames.js';
import { startSigningWorld, walkSignature, type SigningWorld } from './testing/signingServiceWorld.js';
import { readAsWebcert } from './testing/webcertStyleResponseCheck.js';

/** One test PKI for both worlds of this file (making one takes about a second), made on first use. */
let sharedPkiDir: string | undefined;
const pkiDir = () => (sharedPkiDir ??= mkdtempSync(join(tmpdir(), 'samverkan-dss-controls-')));
test.afterAll(() => {
  if (sharedPkiDir) rmSync(sharedPkiDir, { recursive: true, force: true });
});

const fetchMetadata = async (w: SigningWorld) => (await fetch(w.service.endpoints.metadataUrl)).text();
const postControl = async (w: SigningWorld, body: unknown) => {
  const res = await fetch(w.service.endpoints.adminCertificate, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};
const signResponseOf = async (w: SigningWorld) => (await walkSignature(w, w.request())).responseForm!.fields.EidSignResponse!;

test.describe('certificate controls, service refusing with an expired certificate (default)', () => {
  let w: SigningWorld;
  const published: string[] = [];
  test.beforeAll(async () => {
    w = await startSigningWorld({ pkiDir: pkiDir(), service: { onMetadataChange: (xml) => published.push(xml) } });
  });
  test.afterAll(async () => w?.stop());

  test('rotate: the metadata endpoint shows the new certificate; Webcert with its start-up copy refuses, a refetched copy accepts; restore undoes it', async () => {
    const rotated = await postControl(w, { action: 'rotate' });
    expect(rotated).toMatchObject({ status: 200, json: { state: 'rotated', expired: false } });
    const fresh = await fetchMetadata(w);
    expect(fresh).toContain(certificateBase64(w.service.certificatePem));
    expect(published.at(-1)).toBe(fresh);
    expect(fresh).not.toBe(w.heldMetadataXml);
    const response = await signResponseOf(w);
    expect(readAsWebcert(response, w.heldMetadataXml)).toEqual({ kind: 'refused', reason: 'KeyInfo certificate is not in the metadata Webcert holds' });
    expect(readAsWebcert(response, fresh).kind).toBe('success');

    expect((await postControl(w, { action: 'restore' })).json).toMatchObject({ state: 'original' });
    expect(await fetchMetadata(w)).toContain(certificateBase64(w.service.certificatePem));
    expect(w.heldMetadataXml).toContain(certificateBase64(w.service.certificatePem));
    expect(readAsWebcert(await signResponseOf(w), w.heldMetadataXml).kind).toBe('success');
  });

  test('expire: the service answers ResponderError/GeneralError saying its certificate expired, signed with that certificate', async () => {
    const status = await w.service.certificateAction('expire');
    expect(status).toMatchObject({ state: 'expired', expired: true });
    expect(Date.parse(status.notAfter)).toBeLessThan(w.clock.now());
    const response = await signResponseOf(w);
    const reading = readAsWebcert(response, await fetchMetadata(w));
    expect(reading).toMatchObject({ kind: 'error', resultMajor: RESULT_MAJOR.responderError, resultMinor: RESULT_MINOR.generalError });
    expect(reading.kind === 'error' && reading.resultMessage).toMatch(/^Underskriftstjänstens eget certifikat har gått ut/);
    expect(readAsWebcert(response, w.heldMetadataXml).kind).toBe('refused');
    await w.service.certificateAction('restore');
  });

  test('the admin control refuses an unknown action and says what it takes', async () => {
    const bad = await postControl(w, { action: 'burn' });
    expect(bad.status).toBe(400);
    expect(String(bad.json.error)).toContain('"expire" | "rotate" | "restore"');
    expect((await fetch(w.service.endpoints.adminCertificate)).status).toBe(200);
  });
});

test.describe('certificate controls, service signing anyway (refuseWhenOwnCertificateExpired: false)', () => {
  let w: SigningWorld;
  test.beforeAll(async () => {
    const start = Date.parse('2026-05-04T08:00:00Z');
    w = await startSigningWorld({
      pkiDir: pkiDir(),
      service: { refuseWhenOwnCertificateExpired: false, certificateValidity: { notBefore: new Date('2025-01-01T00:00:00Z'), notAfter: new Date(start + 60_000) } },
    });
  });
  test.afterAll(async () => w?.stop());

  test('an expired but unchanged certificate: Webcert (which checks no expiry) accepts the SignResponse', async () => {
    await w.clock.advanceBy(2 * 60_000);
    expect(w.service.certificateStatus()).toMatchObject({ state: 'original', expired: true });
    expect(readAsWebcert(await signResponseOf(w), w.heldMetadataXml).kind).toBe('success');
  });

  test('expire replaces the certificate: only a requester that refetches the metadata accepts', async () => {
    await w.service.certificateAction('expire');
    const response = await signResponseOf(w);
    expect(readAsWebcert(response, await fetchMetadata(w)).kind).toBe('success');
    expect(readAsWebcert(response, w.heldMetadataXml).kind).toBe('refused');
  });
});
