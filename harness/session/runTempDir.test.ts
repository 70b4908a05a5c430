import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { repoRoot } from './mainJob.js';
import { until } from '../cli/cliTestSupport.js';
import { RUN_TMPDIR_VARIABLE, runTempDir, sweepRunTempDirs } from './runTempDir.js';

/** True while some process runs with `dir` on its command line (Linux /proc). */
function browserUses(dir: string): boolean {
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir)) return true;
    } catch {
      // ended meanwhile
    }
  }
  return false;
}

/**
 * Chromium's profile folders must not pile up in /tmp when a run is killed: the run's TMPDIR is
 * a folder of its own, and the next run removes the folders of runs that are gone.
 */
test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

test('this run (and so every browser it starts) has TMPDIR in a folder of its own', () => {
  const dir = process.env[RUN_TMPDIR_VARIABLE];
  expect(dir, 'playwright.config.ts sets it').toMatch(/samverkan-\d+\/run-\d+$/);
  expect(os.tmpdir()).toBe(dir);
  expect(fs.statSync(dir!).isDirectory()).toBe(true);
});

test('a Chromium killed with its process leaves its profile in the run folder, which the next run sweeps', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sweep-root-'));
  const launcher = path.join(root, 'launch.mjs');
  fs.writeFileSync(
    launcher,
    [
      `import { chromium } from ${JSON.stringify(path.join(repoRoot, 'node_modules', 'playwright-core', 'index.mjs'))};`,
      `await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });`,
      `console.log('launched');`,
      `setInterval(() => {}, 1000);`,
    ].join('\n'),
  );
  // `exec` keeps the shell's pid, so the folder is named after the process that uses it.
  const child = spawn('sh', ['-c', `dir="${root}/run-$$"; mkdir -p "$dir"; TMPDIR="$dir" exec "${process.execPath}" "${launcher}"`], { stdio: ['ignore', 'pipe', 'inherit'] });
  const runDir = runTempDir(root, child.pid!);
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('launched') && resolve());
      child.on('close', (code) => reject(new Error(`the launcher ended (code ${code}) before Chromium started`)));
    });
    expect(fs.readdirSync(runDir).filter((f) => f.startsWith('playwright_chromiumdev_profile-'))).toHaveLength(1);
    expect(sweepRunTempDirs(root), 'a live run keeps its folder').toEqual([]);
  } finally {
    child.kill('SIGKILL');
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.on('close', resolve)));
  }
  expect(fs.existsSync(runDir), 'SIGKILL left the profile behind').toBe(true);
  // Chromium outlives its killed parent until it notices the closed pipe; the next run comes later.
  await until(() => !browserUses(runDir), `Chromium with a profile in ${runDir} to end`);
  expect(sweepRunTempDirs(root)).toEqual([runDir]);
  expect(fs.existsSync(runDir)).toBe(false);
  fs.rmSync(root, { recursive: true, force: true });
});
