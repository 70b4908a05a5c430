/**
 * Steps for the session runner's own scenarios: the `samverkan` command as a child process (as a
 * person runs it), its output line by line, and the session page's JSON state.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from '@playwright/test';
import { VirtualClock } from '../../simulators/kit/clock/virtualClock.js';
import { JournalUser } from '../../simulators/journal/launch/journalUser.js';
import type { PageState } from '../../harness/sessions/run/sessionLive.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A running `node bin/samverkan.js …`. */
export interface Cli {
  child: ChildProcess;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or 128 + signal number's stand-in when killed). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Waits for a line matching `re` and returns its match. */
  waitFor(re: RegExp, timeout?: number): Promise<RegExpMatchArray>;
}

/**
 * Starts the CLI with `args`, sessions under `sessionsDir`. The Playwright worker's own variables
 * are left out, so the session's Playwright run is a run of its own.
 */
export function samverkan(args: string[], sessionsDir: string): Cli {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || /^(TEST_|PW_|PLAYWRIGHT_)/.test(k) || k === 'NODE_OPTIONS' || k.startsWith('SAMVERKAN_')) continue;
    env[k] = v;
  }
  env.SAMVERKAN_SESSIONS_DIR = sessionsDir;
  env.FORCE_COLOR = '0';
  const child = spawn(process.execPath, ['bin/samverkan.js', ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const waiters = new Set<() => void>();
  const take = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const w of [...waiters]) w();
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return {
    child,
    output: () => text,
    exited,
    waitFor: (re, timeout = 240_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const m = text.match(re);
          if (m) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(m);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no line matching ${re} within ${timeout} ms; output so far:\n${text}`));
        }, timeout);
        waiters.add(check);
        void exited.then(() => {
          check();
          if (waiters.has(check)) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(new Error(`samverkan exited before printing ${re}; output:\n${text}`));
          }
        });
        check();
      }),
  };
}

/** The session page's state. */
export async function pageState(pageUrl: string): Promise<PageState> {
  const response = await fetch(new URL('/api/tillstand', pageUrl));
  expect(response.status).toBe(200);
  return (await response.json()) as PageState;
}

/** Waits until the page's current step is `caseId`. */
export async function waitForStep(pageUrl: string, caseId: string): Promise<PageState> {
  await expect.poll(async () => (await pageState(pageUrl)).current?.caseId, { timeout: 300_000, intervals: [500, 1000, 2000] }).toBe(caseId);
  return pageState(pageUrl);
}

/** Records a result as the page does: a JSON POST from the page's own origin. */
export async function postResult(pageUrl: string, caseId: string, outcome: 'passed' | 'failed' | 'skipped', comment: string): Promise<void> {
  const response = await fetch(new URL('/api/resultat', pageUrl), { method: 'POST', headers: { 'content-type': 'application/json', origin: new URL(pageUrl).origin }, body: JSON.stringify({ caseId, outcome, comment }) });
  expect(response.status, await response.clone().text()).toBe(200);
}

/** The region's journal system creating an LISJP draft at the session's Webcert, as a person's click in it would. */
export async function createDraftAsJournal(createDraftUrl: string, unit: { hsaId: string; name: string } = { hsaId: 'TSTNMT2321000156-INT2', name: 'Vårdcentralen Samverkan' }): Promise<string> {
  const user = new JournalUser({ clock: new VirtualClock({ mode: 'realtime' }), createDraftUrl, user: { hsaId: 'TSTNMT2321000156-1079', fullName: 'Ajla Doktor' }, unit });
  const outcome = await user.createDraft({ typeCode: 'LISJP', patient: { personId: '191212121212', fornamn: 'Tolvan', efternamn: 'Tolvansson' }, ref: 'vk-session-1' });
  if (outcome.kind !== 'answer' || !outcome.certificateId) throw new Error(`CreateDraftCertificate failed: ${JSON.stringify(outcome)}`);
  return outcome.certificateId;
}

/** A new empty folder whose name starts with `prefix` (mkdtemp). */
export function freshFolder(prefix: string): string {
  mkdirSync(dirname(prefix), { recursive: true });
  return mkdtempSync(prefix);
}
