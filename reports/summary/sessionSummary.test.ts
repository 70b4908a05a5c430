import { test, expect } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSessionResults, sessionSummary } from './sessionSummary.js';

// 2026-11-28 21:05:00 in Stockholm (UTC+1 in November).
const T0 = Date.UTC(2026, 10, 28, 20, 5, 0);

/** A hand-written allure-results folder shaped like allure-playwright 3.12.2 output. */
async function writeResults(dir: string): Promise<void> {
  const base = (uuid: string, name: string, status: string, start: number, stop: number, tags: string[]) => ({
    uuid,
    historyId: `${uuid}-history`,
    name,
    fullName: `scenarios/flows/status.spec.ts › Statusuppdateringar › ${name}`,
    titlePath: ['samverkan', 'status.spec.ts', 'Statusuppdateringar'],
    status,
    statusDetails: {},
    stage: 'finished',
    steps: [] as unknown[],
    attachments: [] as unknown[],
    parameters: [{ name: 'Project', value: 'flows' }],
    labels: [
      { name: 'framework', value: 'playwright' },
      ...tags.map((value) => ({ name: 'tag', value })),
      { name: 'suite', value: 'status.spec.ts' },
    ],
    links: [],
    start,
    stop,
  });

  const resend = base('a1', 'omsändning följer forum-2022', 'passed', T0, T0 + 1200, ['status-resend', 'lifecycle']);
  // testInfo.attach(...) lands on a step of its own in allure-playwright.
  resend.steps.push({
    name: 'schedule-check forum-2022',
    statusDetails: {},
    stage: 'finished',
    steps: [],
    attachments: [{ name: 'schedule-check forum-2022', source: 'att-1-attachment.md', type: 'text/markdown' }],
    parameters: [],
    start: T0 + 1100,
    stop: T0 + 1100,
  });
  resend.attachments.push({ name: 'trafik', source: 'att-2-attachment.txt', type: 'text/plain' });

  const sign = base('b2', 'signering | avbruten', 'failed', T0 + 2000, T0 + 2850, ['sign']);
  const broken = base('c3', 'utloggning', 'broken', T0 + 3000, T0 + 3100, []);
  const skipped = base('d4', 'hoppas över', 'skipped', T0 + 4000, T0 + 4000, []);
  // A retry of the failed test: same historyId, earlier start, must not be counted.
  const firstAttempt = { ...sign, uuid: 'b1', status: 'passed', start: T0 + 1500, stop: T0 + 1600 };

  const files: Record<string, unknown> = {
    'a1-result.json': resend,
    'b2-result.json': sign,
    'b1-result.json': firstAttempt,
    'c3-result.json': broken,
    'd4-result.json': skipped,
  };
  for (const [file, body] of Object.entries(files)) await writeFile(join(dir, file), JSON.stringify(body));
  await writeFile(
    join(dir, 'att-1-attachment.md'),
    '| försök | väntan | forum-2022 |\n|---|---|---|\n| 2 | 1 min | ✓ |\n| 3 | 5 min | ✓ |\n',
  );
  await writeFile(join(dir, 'att-2-attachment.txt'), 'not a schedule check');
  await writeFile(join(dir, 'e5-container.json'), '{}');
}

test.describe('session summary', () => {
  let dir: string;
  test.beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'samverkan-summary-'));
    await writeResults(dir);
  });
  test.afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('counts passed, failed (incl. broken) and skipped once per test', async () => {
    const results = await readSessionResults(dir);
    expect(results.tests).toHaveLength(4);
    expect([results.passed, results.failed, results.skipped]).toEqual([1, 2, 1]);
  });

  test('renders counts, one table row per test and the schedule-check tables', async () => {
    const md = await sessionSummary(dir, { timeZone: 'Europe/Stockholm', reportLink: 'rapport/index.html' });
    const lines = md.split('\n');

    expect(lines).toContain('- Sessionen startade: 2026-11-28 21:05:00');
    expect(lines).toContain('- Resultat: 4 tester, 1 godkända, 2 underkända, 1 överhoppade');
    expect(lines).toContain('- Rapport: [rapport/index.html](rapport/index.html)');

    const rows = lines.filter((l) => l.startsWith('| Statusuppdateringar'));
    expect(rows).toEqual([
      '| Statusuppdateringar › omsändning följer forum-2022 | godkänd | 1,2 s | @status-resend @lifecycle |',
      '| Statusuppdateringar › signering \\| avbruten | underkänd | 850 ms | @sign |',
      '| Statusuppdateringar › utloggning | underkänd (trasig) | 100 ms |  |',
      '| Statusuppdateringar › hoppas över | överhoppad | 0 ms |  |',
    ]);

    const checks = md.slice(md.indexOf('## Schemakontroller'));
    expect(checks).toContain('### Statusuppdateringar › omsändning följer forum-2022');
    expect(checks).toContain('**schedule-check forum-2022**');
    expect(checks).toContain('| 3 | 5 min | ✓ |');
    expect(md).not.toContain('not a schedule check');
  });

  test('an empty or missing results folder says so', async () => {
    const md = await sessionSummary(join(dir, 'saknas'));
    expect(md).toContain('- Resultat: 0 tester, 0 godkända, 0 underkända, 0 överhoppade');
    expect(md).toContain('Inga testresultat hittades.');
  });
});
