import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { findRegion, findVendorGroup, loadReferenceData } from '../data/referenceData.js';
import { buildSessionPlan, type PlannedManualCase } from '../plan/sessionPlan.js';
import { SessionLive } from '../run/sessionLive.js';
import { SessionStore } from '../store/sessionStore.js';
import { startSessionPage, type SessionPage } from './sessionPage.js';

let dir: string;
let store: SessionStore;
let live: SessionLive;
let page: SessionPage;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'samverkan-page-'));
  const data = loadReferenceData();
  const group = findVendorGroup(data, 'sussa');
  const plan = buildSessionPlan(data, group, findRegion(data, group, 'sormland'), { unit: { hsaId: 'U-1', name: 'Enhet' }, doctor: { fullName: 'Ajla Doktor' } }, { date: '2026-12-01', journal: 'sim', only: ['start-miljo', 'intygsoversikt'] });
  store = SessionStore.create(join(dir, 's'), { id: 's', createdAt: Date.now(), journal: { mode: 'sim' }, plan, participants: [], software: {}, environment: {}, dataDir: data.dir });
  live = new SessionLive(store);
  page = await startSessionPage(live);
});

test.afterAll(async () => {
  await page.stop();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw request, so Host and Origin can be anything. */
function call(method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: page.port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const host = () => ({ host: `127.0.0.1:${page.port}` });
const json = () => ({ ...host(), 'content-type': 'application/json' });

test('the page is Swedish and served only to this machine’s browser for this page', async () => {
  const html = await call('GET', '/', host());
  expect(html.status).toBe(200);
  expect(html.body).toContain('<html lang="sv">');
  expect(html.body).toContain('<title>Samverkanstest – Sussa / Region Sörmland</title>');
  expect(html.body).toContain('<span id="grupp">Sussa</span> / <span id="region">Region Sörmland</span>');
  expect((await call('GET', '/', { host: `localhost:${page.port}` })).status).toBe(200);
  expect(await call('GET', '/api/tillstand', { host: `rebound.example:${page.port}` })).toEqual({ status: 403, body: expect.stringContaining('Host \\"rebound.example') });
  expect((await call('POST', '/api/resultat', { ...json(), origin: 'http://evil.example' }, '{}')).status).toBe(403);
  expect(await call('POST', '/api/resultat', { ...host(), 'content-type': 'application/x-www-form-urlencoded' }, 'caseId=start-miljo&outcome=passed')).toEqual({ status: 403, body: expect.stringContaining('a POST must carry application/json') });
});

test('a result is refused when it is not the waiting step’s, not an outcome, or not JSON; then recorded once', async () => {
  expect((await call('POST', '/api/resultat', json(), '{"caseId":"start-miljo","outcome":"passed"}')).status).toBe(409); // nothing waits yet
  const step = store.session.plan.entries[0] as PlannedManualCase;
  const abort = new AbortController();
  const waiting = live.waitFor(step, store.startCase(step.id, Date.now(), 0), abort.signal);
  expect(await call('POST', '/api/resultat', json(), 'not json')).toMatchObject({ status: 400 });
  expect(await call('POST', '/api/resultat', json(), '{"caseId":"start-miljo","outcome":"kanske"}')).toMatchObject({ status: 400, body: expect.stringContaining('välj passed (godkänd), failed (underkänd) eller skipped (hoppa över)') });
  expect(await call('POST', '/api/resultat', json(), '{"caseId":"intygsoversikt","outcome":"passed"}')).toMatchObject({ status: 409, body: expect.stringContaining('det som väntar är \\"start-miljo\\"') });
  const state = JSON.parse((await call('GET', '/api/tillstand', host())).body);
  expect(state.current).toMatchObject({ caseId: 'start-miljo', title: 'Deltagare, miljö och versioner' });
  expect(state.progress.line).toMatch(/^Steg 1 av 2 · plan 0:00 av 0:15 · \d+:\d\d sedan start · 0 godkända, 0 underkända, 0 överhoppade$/);
  expect(await call('POST', '/api/resultat', json(), '{"caseId":"start-miljo","outcome":"passed","comment":"alla här"}')).toMatchObject({ status: 200 });
  expect(await waiting).toBe('recorded');
  expect(await call('POST', '/api/resultat', json(), '{"caseId":"start-miljo","outcome":"failed"}')).toMatchObject({ status: 409 });
  expect(store.results()).toEqual([expect.objectContaining({ caseId: 'start-miljo', outcome: 'passed', comment: 'alla här', recordedBy: 'page' })]);
});
