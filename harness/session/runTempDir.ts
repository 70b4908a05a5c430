/**
 * A temporary folder for one test run, `<os tmp>/samverkan-<uid>/run-<pid>`, that the run's
 * TMPDIR points at: Chromium's profile folders (`playwright_chromiumdev_profile-*`), Playwright's
 * artifacts and every other temporary file of the run land there instead of loose in /tmp. The
 * run removes it when it ends; a run that was killed (SIGKILL, power cut) cannot, so the next
 * run removes the folders whose process is gone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Environment variable that carries the run's folder to the workers (they inherit it). */
export const RUN_TMPDIR_VARIABLE = 'SAMVERKAN_RUN_TMPDIR';

/** `<os tmp>/samverkan-<uid>`: where the run folders live. */
export function runTempRoot(base = os.tmpdir()): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  return path.join(base, `samverkan-${uid}`);
}

/** The folder of the run whose main process is `pid`. */
export function runTempDir(root: string, pid: number): string {
  return path.join(root, `run-${pid}`);
}

/** Removes the run folders under `root` whose process is gone; returns what was removed. */
export function sweepRunTempDirs(root: string): string[] {
  let entries: string[];
  try {
    entries = fs.readdirSync(root);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const pid = Number(/^run-(\d+)$/.exec(entry)?.[1]);
    if (!pid || isAlive(pid)) continue;
    try {
      // A browser of the killed run may still be writing its profile for a moment: retry.
      fs.rmSync(path.join(root, entry), { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
      removed.push(path.join(root, entry));
    } catch {
      // still in use; the next run tries again
    }
  }
  return removed;
}

/**
 * In the main process of a test run (Playwright's runner, via playwright.config.ts): sweeps what
 * killed runs left, makes this run's folder and points TMPDIR at it, for this process and the
 * workers it starts. In a worker (the variable is already set) it does nothing.
 */
export function useRunTempDir(env: NodeJS.ProcessEnv = process.env): string {
  const current = env[RUN_TMPDIR_VARIABLE];
  if (current) return current;
  const root = runTempRoot(env.TMPDIR || undefined);
  sweepRunTempDirs(root);
  const dir = runTempDir(root, process.pid);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  env[RUN_TMPDIR_VARIABLE] = dir;
  env.TMPDIR = dir;
  return dir;
}

/** At the end of the run (global teardown): removes this run's folder. */
export function removeRunTempDir(env: NodeJS.ProcessEnv = process.env): void {
  const dir = env[RUN_TMPDIR_VARIABLE];
  if (dir && path.basename(dir) === `run-${process.pid}`) fs.rmSync(dir, { recursive: true, force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
