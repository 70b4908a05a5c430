/**
 * A session of automated cases for one vendor group on the embedded topology, as a person starts
 * it: the Allure report, the protocol in HTML and PDF (opened in Chromium: it renders, in Swedish,
 * with sequence diagrams) and the group's row in the regenerated matrix. The case set is small
 * here; the whole group's automated day is a bench figure (npm run bench).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { SessionStore } from '../../harness/sessions/store/sessionStore.js';
import { samverkan, freshFolder } from './sessionSteps.js';

test.setTimeout(900_000);

test('automatiska fall för Cosmic / Värmland: rapport, protokoll i HTML och PDF, gruppens rad i matrisen', { tag: ['@session'] }, async ({ page }, testInfo) => {
  const sessionsDir = freshFolder(testInfo.outputPath('sessions-')); // its own, even if another run shares the output folder
  const run = samverkan(
    ['session', 'start', '--vendor-group', 'cosmic', '--region', 'varmland', '--automated-only', '--only', 'auto-status', 'auto-kontrakt', '--workers', '1', '--participant', 'Anna Andersson, NMT-testare, Inera', '--software', 'Journalsystem=Cosmic R8.2'],
    sessionsDir,
  );
  const exit = await run.exited;
  await testInfo.attach('utskrift', { body: run.output(), contentType: 'text/plain' });
  expect(exit.code).toBe(0);
  const id = run.output().match(/session (\S+) – Cosmic \/ Region Värmland, 2 fall \(2 automatiska\)/)![1]!;
  const dir = join(sessionsDir, id);
  const store = SessionStore.open(dir);
  const date = store.session.plan.date;
  expect(store.results().map((r) => [r.caseId, r.outcome])).toEqual([['auto-status', 'passed'], ['auto-kontrakt', 'passed']]);
  const testCount = store.tests().length;
  store.close();

  // The Allure report: one file, Swedish, offline.
  const report = readFileSync(join(dir, 'rapport', 'index.html'), 'utf8');
  expect(report).toContain('<html dir="ltr" lang="sv">');
  expect(report).not.toContain('googletagmanager.com');

  // The protocol as a person opens it in Chromium.
  await page.goto(pathToFileURL(join(dir, 'protokoll.html')).href);
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Protokoll – samverkanstest Webcert – Cosmic / Region Värmland');
  for (const h of ['Sammanfattning', 'Deltagare', 'Miljö och versioner', 'Fall', 'Öppna problem', 'Underskrifter', 'Fallen i detalj']) await expect(page.getByRole('heading', { name: h, exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Anna Andersson' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Journalsystem Cosmic R8\.2/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /Resultat 2 godkända, 0 underkända, 0 överhoppade av 2 fall/ })).toBeVisible();
  await expect(page.locator('td.verdict')).toHaveText('Godkänd');
  await expect(page.getByText('Inga öppna problem.')).toBeVisible();
  const diagrams = page.locator('.diagram svg');
  await expect(diagrams).toHaveCount(2);
  for (const svg of await diagrams.all()) {
    const box = (await svg.boundingBox())!;
    expect(box.width).toBeGreaterThan(200);
    expect(box.height).toBeGreaterThan(50);
    await expect(svg.locator('text', { hasText: 'CreateDraftCertificate' }).first()).toBeVisible();
  }
  await expect(page.getByRole('link', { name: 'rapport/index.html' })).toHaveAttribute('href', 'rapport/index.html');
  await testInfo.attach('protokollet i Chromium', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

  // The PDF Chromium printed.
  const pdf = readFileSync(join(dir, 'protokoll.pdf'));
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? [];
  expect(pages.length).toBeGreaterThanOrEqual(2);
  await testInfo.attach('protokoll.pdf', { body: pdf, contentType: 'application/pdf' });

  // Evidence per case.
  expect(existsSync(join(dir, 'bevis', 'auto-status', 'sekvensdiagram.svg'))).toBe(true);
  expect(readFileSync(join(dir, 'bevis', 'auto-kontrakt', 'trafik.jsonl'), 'utf8').trim().split('\n').length).toBeGreaterThan(0);
  expect(testCount).toBe(3);

  // The group's row in the matrix.
  const matrix = samverkan(['matrix', '--out', join(dir, '..', 'matris')], sessionsDir);
  expect((await matrix.exited).code).toBe(0);
  expect(matrix.output()).toContain(`| Cosmic | Värmland (protokollet 2022-05-30); Värmland: godkänd ${date} (endast auto-status, auto-kontrakt; endast automatiska fall) ¹ |`);
  expect(matrix.output()).toContain(`| Värmland | samverkanstest godkänd ${date} (endast auto-status, auto-kontrakt; endast automatiska fall) ¹ |`);
  expect(matrix.output()).toContain('| Sussa | Sörmland |');
  expect(readFileSync(join(dir, '..', 'matris', 'matris.html'), 'utf8')).toContain('<tr class="session"><td>Cosmic</td>');
});
