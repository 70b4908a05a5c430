/**
 * The session page in Chromium: a person reads the step, sees what samverkan observed on the wire
 * while their journal system acted (here the test plays the journal system against the session's
 * Webcert), and records Godkänd / Underkänd with a comment; the store keeps each result with the
 * step's traffic.
 */
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { findRegion, findVendorGroup, loadReferenceData } from '../../harness/sessions/data/referenceData.js';
import { buildSessionPlan } from '../../harness/sessions/plan/sessionPlan.js';
import { runSession } from '../../harness/sessions/run/sessionRunner.js';
import { SessionStore } from '../../harness/sessions/store/sessionStore.js';
import { createDraftAsJournal, freshFolder } from './sessionSteps.js';

test.setTimeout(300_000);

test('sessionssidan: en person registrerar manuella steg och ser vad samverkan sett på tråden', { tag: ['@session'] }, async ({ page, context }, testInfo) => {
  const data = loadReferenceData();
  const group = findVendorGroup(data, 'takecare');
  const plan = buildSessionPlan(data, group, findRegion(data, group, 'stockholm-gotland'), { unit: { hsaId: 'TSTNMT2321000156-INT2', name: 'Vårdcentralen Samverkan' }, doctor: { fullName: 'Ajla Doktor' } }, {
    date: '2026-12-01',
    journal: 'sim',
    only: ['skapa-utkast-lisjp', 'oppna-utkast'],
  });
  const store = SessionStore.create(join(freshFolder(testInfo.outputPath('sessions-')), 'sidan'), { id: 'sidan', createdAt: Date.now(), journal: { mode: 'sim' }, plan, participants: [], software: {}, environment: {}, dataDir: data.dir });
  const lines: string[] = [];
  const stop = new AbortController();
  const run = runSession(store, { log: (l) => lines.push(l), noInput: true, evidence: false, signal: stop.signal });
  let certificateId = '';
  try {
    await expect.poll(() => store.meta('pagePort'), { timeout: 60_000 }).toBeTruthy();
    await page.goto(`http://127.0.0.1:${store.meta('pagePort')}/`);
    await expect(page.getByRole('heading', { name: 'Skapa ett LISJP-utkast från journalen' })).toBeVisible();
    await expect(page.getByRole('status')).toContainText(/^Steg 1 av 2 · plan 0:00 av 0:10/);
    await expect(page.locator('.instruktion')).toHaveText('Skapa ett utkast av typen LISJP (Läkarintyg för sjukpenning) för Tolvan Tolvansson, 19 121212-1212 i ert journalsystem, inloggad som Ajla Doktor på Vårdcentralen Samverkan (TSTNMT2321000156-INT2).');
    await expect(page.locator('#observationer > li').first()).toContainText('Inget sett ännu.');

    // The journal system creates the draft at the Webcert address the page gives.
    const createDraftUrl = (await page.locator('dt', { hasText: /^CreateDraftCertificate v3$/ }).locator('xpath=following-sibling::dd[1]').textContent())!;
    certificateId = await createDraftAsJournal(createDraftUrl);
    const created = page.locator('#observationer > li').first();
    await expect(created).toHaveClass(/sedd/);
    await expect(created).toContainText(`journal → webcert  CreateDraftCertificate  ok (200 OK)  ${certificateId} · TSTNMT2321000156-INT2 · 191212121212`);
    await expect(page.locator('#observationer > li').nth(1)).toContainText('webcert → journal  CertificateStatusUpdateForCare  ok (200 OK)  SKAPAT');
    await page.getByLabel('Kommentar').fill('Utkastet syns i journalens intygslista.');
    await page.getByRole('button', { name: 'Godkänd' }).click();

    // The next step; the first is marked in the plan.
    await expect(page.getByRole('heading', { name: 'Öppna utkastet från journalen' })).toBeVisible();
    await expect(page.locator('li[data-fall="skapa-utkast-lisjp"]')).toContainText('Godkänd');
    await expect(page.getByRole('status')).toContainText(/^Steg 2 av 2 · plan 0:05 av 0:10 · \d+:\d\d sedan start · 1 godkända, 0 underkända, 0 överhoppade$/);
    const launchPage = (await page.locator('dt', { hasText: 'Journalsystemets startsida för ett intyg' }).locator('xpath=following-sibling::dd[1]').textContent())!;
    const journal = await context.newPage();
    await journal.goto(`${launchPage.replace('{intygsId}', certificateId)}?enhet=TSTNMT2321000156-INT2&ref=vk-session-1`);
    await journal.getByRole('button', { name: 'Öppna intyget i Webcert' }).click();
    await expect(page.locator('#observationer')).toContainText('Parametrar: enhet=TSTNMT2321000156-INT2, ref=vk-session-1, launchId=');
    await expect(page.locator('#observationer .problem')).toHaveCount(0);
    await testInfo.attach('sessionssidan', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
    await page.getByLabel('Kommentar').fill('Öppnades, men fönstret hamnade bakom journalen.');
    await page.getByRole('button', { name: 'Underkänd' }).click();

    expect(await run).toEqual({ kind: 'finished' });
  } finally {
    stop.abort(); // a failed step above must not leave the session waiting
    await run.catch(() => undefined);
  }

  const results = store.results();
  expect(results.map((r) => [r.caseId, r.outcome, r.recordedBy, r.comment])).toEqual([
    ['skapa-utkast-lisjp', 'passed', 'page', 'Utkastet syns i journalens intygslista.'],
    ['oppna-utkast', 'failed', 'page', 'Öppnades, men fönstret hamnade bakom journalen.'],
  ]);
  expect(results[0]!.details.observed!.map((o) => o.seen)).toEqual([1, 1]);
  // Each step keeps the traffic of its window, each exchange once.
  const first = store.traffic('skapa-utkast-lisjp');
  expect(first.filter((e) => e.side === 'inbound' && e.operation === 'CreateDraftCertificate').map((e) => e.certificateId)).toEqual([certificateId]);
  const second = store.traffic('oppna-utkast');
  expect(second.filter((e) => e.side === 'inbound' && e.operation === 'Djupintegrationsstart' && e.method === 'POST')).toHaveLength(1);
  expect(new Set([...first, ...second].map((e) => e.id)).size).toBe(first.length + second.length);
  store.close();
});
