import { test, expect } from '@playwright/test';
import type { TestPki } from '../../kit/pki/testPki.js';
import { challenge, type EidAppHarness, PEOPLE, PIN, sharedTestPki, startEidApp } from '../eidAppTestSupport.js';
import { EidAppSimulator } from '../eidAppSimulator.js';
import { ModuleCardSource } from '../token/moduleCardSource.js';
import { useSoftHsmConfig } from '../token/softHsmConfig.js';

let pki: TestPki;
test.beforeAll(async () => {
  pki = await sharedTestPki();
});

let h: EidAppHarness | undefined;
test.afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function start(type: 'auth' | 'sign' = 'auth') {
  const started = await h!.call('POST', '/api/v1/orders', { type, challenge: challenge().base64, requesterName: 'Inera IdP (test)' });
  expect(started.status).toBe(201);
  const ref = started.json.orderRef as string;
  return { ref, poll: async () => (await h!.call('GET', `/api/v1/orders/${ref}`)).json };
}

test.describe('eID app modes', () => {
  test('cancel: the user cancels every order', async () => {
    h = await startEidApp(pki, { mode: 'cancel' });
    expect(await (await start()).poll()).toMatchObject({ status: 'failed', hintCode: 'userCancel' });
  });

  test('wrongPin: a wrong PIN on arrival and at each poll; the third locks the card, and later orders fail pinLocked', async () => {
    h = await startEidApp(pki, { mode: 'wrongPin' });
    const first = await start();
    expect(await first.poll()).toMatchObject({ status: 'pending', hintCode: 'wrongPin', attemptsLeft: 1 });
    expect(await first.poll()).toMatchObject({ status: 'failed', hintCode: 'pinLocked', message: expect.stringContaining('locked') });
    expect(h.store.listCards()[0]!.pin).toEqual({ failedAttempts: 3, locked: true });
    await h.call('PUT', '/api/v1/app', { mode: 'auto' });
    expect(await (await start('sign')).poll()).toMatchObject({ status: 'failed', hintCode: 'pinLocked' });
    const cardOps = h.journal.query({ toParty: 'siths-card' });
    expect(cardOps.map((e) => e.errorId)).toEqual(['pinIncorrect', 'pinIncorrect', 'pinLocked', 'pinLocked']);
    expect(JSON.stringify(cardOps)).not.toContain(PIN);
  });

  test('notInstalled: no app picks the order up; it fails with noClient after the grace period', async () => {
    h = await startEidApp(pki, { mode: 'notInstalled', noClientAfterMs: 3_000 });
    const o = await start();
    expect(await o.poll()).toMatchObject({ status: 'pending', hintCode: 'outstandingTransaction' });
    await h.clock.advanceBy(2_999);
    expect((await o.poll()).status).toBe('pending');
    await h.clock.advanceBy(1);
    expect(await o.poll()).toMatchObject({ status: 'failed', hintCode: 'noClient' });
    expect((await h.call('GET', '/api/v1/app')).json).toMatchObject({ mode: 'notInstalled', noClientAfterMs: 3_000 });
  });

  test('auto: waits for a card and a PIN, tries a wrong stored PIN once, completes when the PIN is corrected', async () => {
    h = await startEidApp(pki, { pin: null });
    await h.call('PUT', '/api/v1/app', { activeCard: null });
    const o = await start();
    expect(await o.poll()).toMatchObject({ status: 'pending', hintCode: 'outstandingTransaction' });
    expect((await h.call('PUT', '/api/v1/app', { activeCard: PEOPLE.anna.hsaId })).json).toEqual({ mode: 'auto', activeCard: PEOPLE.anna.hsaId, pinSet: false, noClientAfterMs: 5_000 });
    expect(await o.poll()).toMatchObject({ status: 'pending', hintCode: 'userSign' });
    await h.call('PUT', '/api/v1/app', { pin: '9999' });
    expect(await o.poll()).toMatchObject({ status: 'pending', hintCode: 'wrongPin', attemptsLeft: 2 });
    expect(await o.poll()).toMatchObject({ hintCode: 'wrongPin', attemptsLeft: 2 });
    await h.call('PUT', '/api/v1/app', { pin: PIN });
    expect(await o.poll()).toMatchObject({ status: 'complete', completion: { hsaId: PEOPLE.anna.hsaId } });
    expect(h.store.listCards()[0]!.pin).toEqual({ failedAttempts: 0, locked: false });
  });

  test('settings API refuses what it cannot do, with a message, and shows the cards', async () => {
    h = await startEidApp(pki, { mode: 'noAnswer' });
    const o = await start();
    const put = (body: unknown) => h!.call('PUT', '/api/v1/app', body);
    expect(await put({ mode: 'sleepy' })).toMatchObject({ status: 400, json: { details: expect.stringContaining('"mode" must be one of auto, manual') } });
    expect(await put({ activeCard: 'SE2321000016-NONE' })).toMatchObject({ status: 404, json: { errorCode: 'cardNotFound', details: expect.stringContaining('samverkan card create') } });
    expect(await put({ pin: '1' })).toMatchObject({ status: 400, json: { details: expect.stringContaining('PIN must be') } });
    expect(await put({ colour: 'blue' })).toMatchObject({ status: 400, json: { details: expect.stringContaining('unknown field(s) colour') } });
    expect(await h.call('PUT', '/api/v1/app', 'mode=auto')).toMatchObject({ status: 415, json: { error: expect.stringContaining('Content-Type: application/json') } });
    expect((await o.poll()).status).toBe('pending');
    expect((await put({ mode: 'auto' })).json).toMatchObject({ mode: 'auto', activeCard: PEOPLE.anna.hsaId, pinSet: true });
    expect((await o.poll()).status).toBe('complete'); // switching to auto approved the waiting order
    expect((await h.call('GET', '/api/v1/app')).json.cards).toEqual([{ hsaId: PEOPLE.anna.hsaId, givenName: 'Anna', surname: 'Läkare', pin: { failedAttempts: 0, locked: false } }]);
    expect(h.journal.query({ operation: 'SetApp', outcome: 'error' })).toHaveLength(5);
  });

  test('a card behind any PKCS#11 module (real-card path) signs orders, and wrongPin mode is refused so a real card is never locked', async () => {
    h = await startEidApp(pki, { mode: 'noAnswer' });
    const configPath = h.store.paths.configPath;
    const cards = new ModuleCardSource({ modulePath: h.store.modulePath, beforeInitialize: () => useSoftHsmConfig(configPath) });
    await expect(EidAppSimulator.start({ clock: h.clock, stateDir: '/nonexistent', cards, app: { mode: 'wrongPin' } })).rejects.toThrow(/would lock|until the card locks/);
    const real = await EidAppSimulator.start({ clock: h.clock, journal: h.journal, stateDir: '/nonexistent', cards, app: { mode: 'auto', activeCard: PEOPLE.anna.hsaId, pin: PIN } });
    try {
      const refused = await fetch(`${real.endpoints.appApi}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mode: 'wrongPin' }) });
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { details: string }).details).toContain('real cards');
      const started = (await (await fetch(real.endpoints.orders, { method: 'POST', body: JSON.stringify({ type: 'sign', challenge: challenge().base64, requesterName: 'IdP' }) })).json()) as { orderRef: string };
      const polled = (await (await fetch(`${real.endpoints.orders}/${started.orderRef}`)).json()) as { status: string; completion: { hsaId: string } };
      expect(polled).toMatchObject({ status: 'complete', completion: { hsaId: PEOPLE.anna.hsaId } });
    } finally {
      await real.stop();
    }
  });
});
