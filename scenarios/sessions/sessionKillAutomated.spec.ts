/**
 * A session killed with SIGKILL while its automated cases run in Playwright: the tests recorded
 * before the kill stay recorded and are not run again, the Playwright run left behind stops, and
 * `resume` runs exactly the tests that are missing; the report holds each test once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { allureTestKey } from '../../harness/sessions/evidence/allureAssembly.js';
import { SessionStore } from '../../harness/sessions/store/sessionStore.js';
import { samverkan, freshFolder } from './sessionSteps.js';

test.setTimeout(900_000);

test('SIGKILL medan Playwright kör de automatiska fallen, sedan resume: varje test körs och registreras en gång', { tag: ['@session'] }, async ({}, testInfo) => {
  const sessionsDir = freshFolder(testInfo.outputPath('sessions-')); // its own, even if another run shares the output folder
  const children: Array<ReturnType<typeof samverkan>> = [];
  const start = samverkan(['session', 'start', '--vendor-group', 'cosmic', '--region', 'varmland', '--only', 'auto-skapa-utkast', 'auto-status', '--workers', '1'], sessionsDir);
  children.push(start);
  try {
    const [, id] = await start.waitFor(/session (\S+) – Cosmic \/ Region Värmland, 2 fall \(2 automatiska\)/);
    const dir = join(sessionsDir, id!);
    const recorded = () => {
      const s = SessionStore.open(dir);
      try {
        return s.tests().length;
      } finally {
        s.close();
      }
    };
    await expect.poll(recorded, { timeout: 600_000, intervals: [250] }).toBeGreaterThan(0);
    start.child.kill('SIGKILL');
    await start.exited;

    // The Playwright run left behind notices its runner is gone and stops by itself.
    const killed = SessionStore.open(dir);
    const orphan = killed.openProcesses().find((p) => p.kind === 'playwright')!;
    expect(orphan).toBeDefined();
    const alive = () => {
      try {
        process.kill(orphan.pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    await expect.poll(alive, { timeout: 120_000 }).toBe(false);
    const before = killed.tests();
    expect(killed.results()).toEqual([]); // no case is complete before all its tests are
    killed.close();
    expect(before.length).toBeGreaterThan(0);

    const resume = samverkan(['session', 'resume', id!, '--workers', '1'], sessionsDir);
    children.push(resume);
    expect((await resume.exited).code, resume.output()).toBe(0);
    await testInfo.attach('resume-utskrift', { body: resume.output(), contentType: 'text/plain' });

    const store = SessionStore.open(dir);
    const tests = store.tests();
    // The orphan did not go on to run the whole batch; everything it recorded is untouched and the
    // rest came from the second run only.
    expect(before.length).toBeLessThan(tests.length);
    expect(tests.slice(0, before.length)).toEqual(before);
    expect(new Set(tests.map((t) => t.key)).size).toBe(tests.length);
    expect(tests.filter((t) => t.caseId === 'auto-status')).toHaveLength(1);
    expect(tests.filter((t) => t.caseId === 'auto-skapa-utkast').length).toBeGreaterThanOrEqual(6);
    expect(tests.slice(before.length).every((t) => t.runDir.endsWith(join('runs', '002')))).toBe(true);
    expect(readFileSync(join(dir, 'runs', '002', 'redan-registrerade.txt'), 'utf8')).toContain(before[0]!.key);
    // The second Playwright run did not run again what the first one had recorded.
    const secondRun = join(dir, 'runs', '002', 'allure-results');
    const secondKeys = readdirSync(secondRun)
      .filter((f) => f.endsWith('-result.json'))
      .map((f) => allureTestKey(JSON.parse(readFileSync(join(secondRun, f), 'utf8'))));
    expect(secondKeys.filter((k) => before.some((t) => t.key === k))).toEqual([]);
    expect(secondKeys.sort()).toEqual(tests.slice(before.length).map((t) => t.key).sort());
    expect(store.results().map((r) => [r.caseId, r.outcome])).toEqual([['auto-skapa-utkast', 'passed'], ['auto-status', 'passed']]);
    expect(store.openProcesses()).toEqual([]);
    // Each exchange of each test once.
    for (const c of ['auto-skapa-utkast', 'auto-status']) {
      for (const t of tests.filter((x) => x.caseId === c)) {
        const ids = store.traffic(c, t.key).map((e) => e.id);
        expect(new Set(ids).size, t.key).toBe(ids.length);
      }
    }
    store.close();
    // The report has each test once, from the run that recorded it.
    const results = readdirSync(join(dir, 'allure-results')).filter((f) => f.endsWith('-result.json'));
    expect(results).toHaveLength(tests.length);
  } finally {
    for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
  }
});
