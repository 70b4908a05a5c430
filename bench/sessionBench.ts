/**
 * `npm run bench`, session part: one vendor group's whole automated day on the embedded topology,
 * as `session start --automated-only` runs it (one Playwright run, then the Allure report, the
 * protocol and its PDF). Its wall time is reported next to the sum of its cases' own times (the
 * tests' durations), measured in the same run, with the part each phase took.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSession } from '../harness/sessions/sessionLifecycle.js';
import { openSession, sessionsRoot } from '../harness/sessions/store/sessionFolders.js';

export interface SessionBenchOptions {
  vendorGroup: string;
  region: string;
  log: (line: string) => void;
  /** Folder for the bench's sessions (kept apart from real ones, so `matrix` does not count them). */
  sessionsDir?: string;
}

export interface SessionBenchResult {
  wallMs: number;
  casesMs: number;
  playwrightMs: number;
  evidenceMs: number;
  tests: number;
  cases: number;
}

export async function runSessionBench(options: SessionBenchOptions): Promise<SessionBenchResult> {
  const { log } = options;
  const dir = sessionsRoot(options.sessionsDir ?? fileURLToPath(new URL('../reports/out/bench/sessions', import.meta.url)));
  log(`samverkan bench: en hel automatisk session för ${options.vendorGroup} / ${options.region} (sessioner i ${dir})`);
  const started = performance.now();
  const startedAt = Date.now();
  const { id, end } = await startSession({ vendorGroup: options.vendorGroup, region: options.region, journal: 'sim', automatedOnly: true, sessionsDir: dir, noInput: true, log: () => undefined });
  const wallMs = performance.now() - started;
  if (end.kind !== 'finished') throw new Error(`the bench session ${id} did not finish (${end.kind})`);
  const store = openSession(dir, id);
  try {
    const results = store.results();
    const tests = store.tests();
    const casesMs = results.reduce((s, r) => s + (r.details.testsMs ?? 0), 0);
    const playwrightEnd = Math.max(...results.map((r) => r.finishedAt));
    const result = { wallMs, casesMs, playwrightMs: playwrightEnd - startedAt, evidenceMs: Date.now() - playwrightEnd, tests: tests.length, cases: results.length };
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`.padStart(9);
    log(`  ${result.cases} fall, ${result.tests} tester, ${results.filter((r) => r.outcome === 'passed').length} fall godkända`);
    log(`  väggtid för sessionen        ${s(wallMs)}   (start → rapport, protokoll och PDF klara)`);
    log(`  summan av fallens tider      ${s(casesMs)}   (testernas egna tider)`);
    log(`  kvot väggtid / summa         ${(wallMs / casesMs).toFixed(2).padStart(7)} ×`);
    log(`  varav start + Playwright     ${s(result.playwrightMs)}`);
    log(`  varav rapport + protokoll    ${s(result.evidenceMs)}`);
    log(`  protokoll: ${join(store.dir, 'protokoll.html')}`);
    return result;
  } finally {
    store.close();
  }
}
