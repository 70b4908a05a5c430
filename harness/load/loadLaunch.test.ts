import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, removeTempDirs, startCli, tempDir, until } from '../cli/cliTestSupport.js';
import { replayChildArgs } from './loadLaunch.js';

test.afterAll(removeTempDirs);

const settings = { month: '2022-05', scale: 0.1, speed: 'max', journal: 'sim', concurrency: 16 };

test("a replay child's command line: the settings it replays, its state folder and role, --resume only when resumed", () => {
  expect(replayChildArgs(settings, '/s', 'replay-child', false)).toEqual(['load', '--month', '2022-05', '--scale', '0.1', '--speed', 'max', '--journal', 'sim', '--concurrency', '16', '--state-dir', '/s', '--shards', '1', '--replay-child']);
  const shard = replayChildArgs({ ...settings, regions: ['varmland', 'blekinge'], days: 2, speed: '100x', journal: 'external:http://127.0.0.1:9/x' }, '/s/shard-2', 'shard-child', true);
  expect(shard).toEqual(['load', '--month', '2022-05', '--regions', 'varmland', 'blekinge', '--scale', '0.1', '--days', '2', '--speed', '100x', '--journal', 'external:http://127.0.0.1:9/x', '--concurrency', '16', '--state-dir', '/s/shard-2', '--shards', '1', '--shard-child', '--resume']);
  // No regions: every region of the month; no days: the whole month.
  expect(replayChildArgs({ ...settings, regions: [] }, '/s', 'replay-child', false)).not.toContain('--regions');
});

test('the parent of `load` runs without the TypeScript loader: its modules are plain JavaScript', () => {
  // Plain node, no loader: a .ts anywhere in the launcher's imports fails with ERR_UNKNOWN_FILE_EXTENSION.
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', "const m = await import('./bin/loadLauncher.js'); console.log([typeof m.launchLoad, m.isLoadLaunch(['load', '--month', '2022-05']), m.isLoadLaunch(['load', '--replay-child']), m.isLoadLaunch(['up'])].join(' '))"], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  expect(out.trim()).toBe('function true false false');
});

/** The pids of process `pid`'s children whose command line has `marker` (Linux: /proc). */
function childrenOf(pid: number, marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // pid (comm) state ppid …: the command name may hold spaces and parentheses.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

test('the thin parent: Ctrl-C sums up what was done (resumable), a SIGKILLed parent leaves no replay running, --resume finishes', async () => {
  test.setTimeout(15 * 60_000);
  const stateDir = join(tempDir('samverkan-launch-'), 'run');
  const args = ['load', '--month', '2022-05', '--regions', 'varmland', '--scale', '0.2', '--shards', '1', '--state-dir', stateDir];
  // Ctrl-C (SIGINT to the parent alone, as `kill -INT` sends it): the replay child is asked to stop and sum up.
  const first = startCli(args);
  await first.waitFor(/load: [1-9][\d,]* \/ [\d,]+ steps/);
  first.child.kill('SIGINT');
  const stopped = await first.exited;
  expect(stopped.code, stopped.output).toBe(130);
  expect(stopped.output).toContain('samverkan load: stopping after the steps under way (Ctrl-C again to quit at once)');
  expect(stopped.output).toContain('(stopped early: the figures so far; go on with --resume)');
  // The summary tells the parent's own RSS peak beside the replay's.
  expect(stopped.output).toMatch(/RSS peak \d+ MiB \(heap cap 256 MiB, V8's heap limit \d+ MiB; the parent \d+ MiB besides\)/);

  // SIGKILL of the parent: its replay child ends too (it watches the parent), so nothing replays on.
  const second = startCli([...args, '--resume']);
  await second.waitFor(/load: [\d,]+ \/ [\d,]+ steps/);
  const replay = await until(() => childrenOf(second.pid, '--replay-child')[0], 'the replay child');
  second.child.kill('SIGKILL');
  expect((await second.exited).signal).toBe('SIGKILL');
  await until(() => {
    try {
      return !existsSync(`/proc/${replay}`) || /^State:\s+Z/m.test(readFileSync(`/proc/${replay}/status`, 'utf8'));
    } catch {
      return true; // gone while read
    }
  }, 'the replay child to end after its parent', 60_000);

  const last = await startCli([...args, '--resume']).exited;
  expect(last.code, last.output).toBe(0);
  expect(last.output).toContain('every status update Webcert made is delivered or failed after its last resend');
});
