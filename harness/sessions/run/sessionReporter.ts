/**
 * A Playwright reporter for session runs (playwright.config.ts adds it when SAMVERKAN_SESSION_DIR
 * is set): as each test ends it records the test, the case it belongs to and the traffic the
 * fixtures attached (trafik.jsonl) in the session's store, in one transaction. A test that was cut
 * short by an interrupt is not recorded, so `resume` runs it again; a recorded one is never run
 * again (the runner passes the recorded tests as `--test-list-invert`).
 *
 * If the session runner dies (SIGKILL), this Playwright run notices its parent is gone and stops,
 * so no orphan keeps writing to the store while the session is resumed.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { FullConfig, Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import type { JournalEntry } from '../../../simulators/kit/journal/exchange.js';
import { selects, type TagSelection } from '../plan/tagSelection.js';
import type { TestRecord } from '../store/sessionRecord.js';
import { SessionStore } from '../store/sessionStore.js';

/** What the runner tells the reporter, as JSON in SAMVERKAN_SESSION_BATCH. */
export interface BatchCase extends TagSelection {
  caseId: string;
}

export const SESSION_DIR_ENV = 'SAMVERKAN_SESSION_DIR';
export const SESSION_BATCH_ENV = 'SAMVERKAN_SESSION_BATCH';
export const SESSION_RUN_DIR_ENV = 'SAMVERKAN_SESSION_RUN_DIR';

/** Playwright's test-list line for a test: `[project] › path/from/root.spec.ts › describe › title`. */
export function testListLine(test: TestCase, rootDir: string): string {
  const [, project, , ...titles] = test.titlePath();
  return [`[${project}]`, relative(rootDir, test.location.file).split('\\').join('/'), ...titles].join(' › ');
}

export default class SessionReporter implements Reporter {
  private store?: SessionStore;
  private batch: BatchCase[] = [];
  private runDir = '';
  private rootDir = '';
  private interrupted = false;
  private watchdog?: NodeJS.Timeout;

  onBegin(config: FullConfig): void {
    const dir = process.env[SESSION_DIR_ENV];
    if (!dir) return;
    this.store = SessionStore.open(dir);
    this.batch = JSON.parse(process.env[SESSION_BATCH_ENV] ?? '[]') as BatchCase[];
    this.runDir = process.env[SESSION_RUN_DIR_ENV] ?? '';
    this.rootDir = config.rootDir;
    const stop = () => {
      this.interrupted = true;
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const parent = process.ppid;
    this.watchdog = setInterval(() => {
      if (process.ppid !== parent && !this.interrupted) {
        this.interrupted = true;
        process.stderr.write(`samverkan: the session runner (pid ${parent}) is gone; this Playwright run stops. Resume the session to go on.\n`);
        process.kill(process.pid, 'SIGINT');
      }
    }, 500);
    this.watchdog.unref();
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    if (!this.store || this.interrupted || result.status === 'interrupted') return;
    if (result.status !== 'passed' && result.status !== 'skipped' && result.retry < test.retries) return; // it runs again
    const caseId = this.batch.find((c) => selects(c, test.tags))?.caseId;
    if (!caseId) return;
    const record: TestRecord = {
      key: testListLine(test, this.rootDir),
      caseId,
      title: test.title,
      file: relative(this.rootDir, test.location.file).split('\\').join('/'),
      project: test.titlePath()[1] ?? '',
      tags: test.tags,
      status: result.status,
      durationMs: result.duration,
      ...(result.error && { error: plain(result.error.message ?? result.error.value ?? '').slice(0, 2000) }),
      runDir: this.runDir,
      finishedAt: Date.now(),
    };
    try {
      this.store.recordTest(record, trafficOf(result));
    } catch (error) {
      process.stderr.write(`samverkan: could not record ${record.key} in the session: ${(error as Error).message}\n`);
    }
  }

  onEnd(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.store?.close();
  }

  printsToStdio(): boolean {
    return false;
  }
}

/** Every exchange in the test's JSON Lines attachments, each once (a step's and the test's may overlap). */
function trafficOf(result: TestResult): JournalEntry[] {
  const byId = new Map<number, JournalEntry>();
  for (const a of result.attachments) {
    if (a.contentType !== 'application/x-ndjson') continue;
    const text = a.body ? a.body.toString('utf8') : a.path ? readFileSync(a.path, 'utf8') : '';
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      const entry = JSON.parse(line) as JournalEntry;
      if (!byId.has(entry.id)) byId.set(entry.id, entry);
    }
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}
