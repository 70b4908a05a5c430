/**
 * Runs consecutive automated cases of a session as one Playwright run (one start-up, not one per
 * case) on the embedded topology, then records each case's verdict from its recorded tests. The
 * session reporter records each test as it ends; tests already recorded (before a kill) are left
 * out of the run, so a resumed batch runs only what is missing.
 */
import { spawn } from 'node:child_process';
import { access, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlannedAutomatedCase } from '../plan/sessionPlan.js';
import { SCENARIO_PROJECT } from '../../session/scenarioSelection.js';
import { grepForAny } from '../plan/tagSelection.js';
import type { CaseOutcome, JournalChoice, TestRecord } from '../store/sessionRecord.js';
import type { SessionStore } from '../store/sessionStore.js';
import { SESSION_BATCH_ENV, SESSION_DIR_ENV, SESSION_RUN_DIR_ENV, type BatchCase } from './sessionReporter.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The Playwright projects a session's automated cases come from: the reference suite, flows and incidents. */
export const SESSION_PROJECTS = [SCENARIO_PROJECT];

export interface BatchOptions {
  store: SessionStore;
  cases: PlannedAutomatedCase[];
  journal: JournalChoice;
  log: (line: string) => void;
  /** Playwright workers; default the config's. */
  workers?: number;
  /** Aborted on Ctrl-C: the run is stopped and no case of it is recorded unless all its tests were. */
  signal: AbortSignal;
}

/** `done`: every case of the batch has a result; `interrupted`: stopped, resume runs the rest. */
export type BatchEnd = 'done' | 'interrupted';

export async function runAutomatedBatch(options: BatchOptions): Promise<BatchEnd> {
  const { store, cases, log } = options;
  const runDir = await nextRunDir(store.dir);
  const recorded = store.tests();
  const args = ['test', ...SESSION_PROJECTS.map((p) => `--project=${p}`), '--grep', grepForAny(cases)];
  if (recorded.length) {
    const list = join(runDir, 'redan-registrerade.txt');
    await writeFile(list, `# Tests the session recorded before; this run leaves them out.\n${recorded.map((t) => t.key).join('\n')}\n`);
    args.push('--test-list-invert', list);
  }
  if (options.workers) args.push(`--workers=${options.workers}`);
  const started = Date.now();
  for (const c of cases) store.startCase(c.id, started);
  log(`samverkan: automatiska fall ${cases.map((c) => c.id).join(', ')} (${recorded.length ? `${recorded.length} tester redan registrerade, ` : ''}körning ${runDir})`);

  const batch: BatchCase[] = cases.map((c) => ({ caseId: c.id, anyTags: c.anyTags, allTags: c.allTags, noTags: c.noTags }));
  const exit = await runPlaywright(args, {
    [SESSION_DIR_ENV]: store.dir,
    [SESSION_BATCH_ENV]: JSON.stringify(batch),
    [SESSION_RUN_DIR_ENV]: runDir,
    SAMVERKAN_ALLURE_RESULTS: join(runDir, 'allure-results'),
    SAMVERKAN_TEST_OUTPUT: join(runDir, 'test-results'),
    // For scenarios that can use a real journal system (the conformance suite); the embedded topology ignores it.
    SAMVERKAN_JOURNAL: options.journal.mode === 'external' ? `external:${options.journal.url}` : 'sim',
  }, store, options.signal);
  if (options.signal.aborted) return 'interrupted';

  const byCase = new Map<string, TestRecord[]>(cases.map((c) => [c.id, store.tests(c.id)]));
  const ranAny = store.tests().length > recorded.length;
  if (exit.code !== 0 && !ranAny) {
    throw new Error(
      `Playwright stopped (exit code ${exit.code}) before any test of ${cases.map((c) => c.id).join(', ')} ended; nothing was recorded. ` +
        `Fix what it printed above, then: npx samverkan session resume ${store.session.id}`,
    );
  }
  const finished = Date.now();
  for (const c of cases) {
    const tests = byCase.get(c.id)!;
    const verdict = verdictOf(tests);
    store.recordCase({
      caseId: c.id,
      outcome: verdict.outcome,
      comment: verdict.comment,
      recordedBy: 'playwright',
      startedAt: store.firstStart(c.id)?.startedAt ?? started,
      finishedAt: finished,
      details: { passed: verdict.passed, failed: verdict.failed, skipped: verdict.skipped, testsMs: tests.reduce((s, t) => s + t.durationMs, 0) },
    });
    log(`samverkan: ${c.id}: ${verdict.outcome} – ${verdict.comment}`);
  }
  return 'done';
}

/** A case passes when every test passed; one failure fails it; skips without failures make it skipped. */
export function verdictOf(tests: readonly Pick<TestRecord, 'status' | 'title' | 'error'>[]): { outcome: CaseOutcome; comment: string; passed: number; failed: number; skipped: number } {
  const passed = tests.filter((t) => t.status === 'passed').length;
  const failedTests = tests.filter((t) => t.status === 'failed' || t.status === 'timedOut');
  const skipped = tests.filter((t) => t.status === 'skipped').length;
  const failed = failedTests.length;
  const counts = `${passed} godkända, ${failed} underkända, ${skipped} överhoppade av ${tests.length} tester`;
  if (!tests.length) return { outcome: 'error', comment: 'Inga scenarier matchade fallets taggar.', passed, failed, skipped };
  if (failed) {
    const first = failedTests[0]!;
    return { outcome: 'failed', comment: `${counts}. Först underkänd: ${first.title}${first.error ? ` – ${first.error.split('\n')[0]}` : ''}`, passed, failed, skipped };
  }
  if (skipped) return { outcome: 'skipped', comment: `${counts} (en överhoppad test räknas inte som godkänd).`, passed, failed, skipped };
  return { outcome: 'passed', comment: counts, passed, failed, skipped };
}

async function nextRunDir(sessionDir: string): Promise<string> {
  const runs = join(sessionDir, 'runs');
  await mkdir(runs, { recursive: true });
  const taken = (await readdir(runs)).filter((n) => /^\d{3}$/.test(n)).map(Number);
  const dir = join(runs, String((taken.length ? Math.max(...taken) : 0) + 1).padStart(3, '0'));
  await mkdir(dir);
  return dir;
}

/**
 * Runs Playwright in its own process group (so Ctrl-C reaches it through us, and a kill of the
 * whole group stops its workers too), noting its pid in the store while it runs.
 */
async function runPlaywright(args: string[], env: Record<string, string>, store: SessionStore, signal: AbortSignal): Promise<{ code: number }> {
  const bin = join(repoRoot, 'node_modules', '.bin', 'playwright');
  try {
    await access(bin);
  } catch {
    throw new Error(`Cannot run the automated cases: ${bin} is missing (@playwright/test is not installed). Run: npm ci`);
  }
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd: repoRoot, stdio: 'inherit', detached: true, env: { ...process.env, ...env } });
    const row = child.pid ? store.noteProcess('playwright', child.pid, Date.now()) : undefined;
    const interrupt = () => {
      if (child.pid) {
        try {
          process.kill(-child.pid, 'SIGINT');
        } catch {
          // already gone
        }
      }
    };
    signal.addEventListener('abort', interrupt, { once: true });
    child.on('error', (error) => reject(new Error(`Cannot start ${bin}: ${error.message}. Run: npm ci`)));
    child.on('close', (code, sig) => {
      signal.removeEventListener('abort', interrupt);
      if (row !== undefined) store.endProcess(row, Date.now());
      resolve({ code: code ?? (sig ? 128 : 1) });
    });
  });
}
