import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from '../cli/cliTestSupport.js';
import { replayChildArgs } from './loadLaunch.js';

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
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', "const m = await import('./bin/loadLauncher.js'); console.log(typeof m.launchLoad, m.isLoadLaunch(['load', '--month', '2022-05']), m.isLoadLaunch(['load', '--replay-child']), m.isLoadLaunch(['up']))"], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  expect(out.trim()).toBe('function true false false');
});
