import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { removeTempDirs, runCli, tempDir } from '../cli/cliTestSupport.js';
import { DEFAULT_HEAP_MB, heapCapInForce, isOutOfHeapReport, parseHeapMb, replayExecArgv } from './heapCap.js';

test.afterAll(removeTempDirs);

/** A day of one or two regions: a few hundred steps. */
const SMALL = ['load', '--month', '2022-05', '--days', '1', '--scale', '0.2'];

/** The cap and V8's heap limit (measured in the replay process) the summary reads with the RSS peak. */
function heapOf(output: string): { cap: string; limitMib: number } {
  const m = /RSS peak \d+ MiB \((?:the shards' peaks added up; )?(?:each shard with )?(.+?), V8's heap limit ([\d,]+) MiB; the parent \d+ MiB besides\)/.exec(output);
  if (!m) throw new Error(`no heap cap and limit next to the RSS peak in:\n${output}`);
  return { cap: m[1]!, limitMib: Number(m[2]!.replace(/,/g, '')) };
}

test.describe('--heap-mb: the figures it takes', () => {
  test('MiB from 16, none or 0 for V8 own limit; anything else refused with the forms', () => {
    expect(parseHeapMb(undefined)).toBeUndefined();
    expect(parseHeapMb('256')).toBe(256);
    expect(parseHeapMb('none')).toBe('none');
    expect(parseHeapMb('0')).toBe('none');
    for (const bad of ['8', '-1', '1.5', 'lots', '']) expect(() => parseHeapMb(bad), bad).toThrow(`--heap-mb "${bad}" is not a heap size; give MiB as a whole number from 16`);
  });

  test('a cap given to node itself wins over --heap-mb, and --heap-mb over the default; only a cap of ours is added to the flags', () => {
    expect(heapCapInForce(undefined, {}, [])).toEqual({ mb: DEFAULT_HEAP_MB, from: 'default' });
    expect(heapCapInForce(512, {}, [])).toEqual({ mb: 512, from: '--heap-mb' });
    expect(heapCapInForce('none', {}, [])).toEqual({ from: '--heap-mb' });
    expect(heapCapInForce(512, { NODE_OPTIONS: '--enable-source-maps --max-old-space-size=300' }, [])).toEqual({ mb: 300, from: 'NODE_OPTIONS' });
    expect(heapCapInForce('none', { NODE_OPTIONS: '--max_old_space_size=300' }, [])).toEqual({ mb: 300, from: 'NODE_OPTIONS' });
    expect(heapCapInForce(512, { NODE_OPTIONS: '--max-old-space-size=300' }, ['--max-old-space-size=400'])).toEqual({ mb: 400, from: 'node' });
    expect(replayExecArgv({ mb: 256, from: 'default' }, ['--inspect'])).toEqual(['--inspect', '--max-old-space-size=256']);
    expect(replayExecArgv({ from: '--heap-mb' }, [])).toEqual([]);
    expect(replayExecArgv({ mb: 300, from: 'NODE_OPTIONS' }, [])).toEqual([]);
  });

  test("V8's report of a process out of heap is recognised from its first line", () => {
    expect(isOutOfHeapReport('<--- Last few GCs --->')).toBe(true);
    expect(isOutOfHeapReport('FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory')).toBe(true);
    expect(isOutOfHeapReport('samverkan: no statistics for the month "2022-06"')).toBe(false);
  });
});

test.describe('samverkan load runs its replay under a cap on V8 heap', () => {
  test.describe.configure({ timeout: 10 * 60_000 });

  test('by default the replay process runs with the default cap, and the summary says so next to the RSS peak', async () => {
    const run = await runCli([...SMALL, '--regions', 'varmland', '--shards', '1', '--state-dir', join(tempDir('samverkan-heap-'), 'run')]);
    expect(run.code, run.output).toBe(0);
    const heap = heapOf(run.output);
    expect(heap.cap).toBe(`heap cap ${DEFAULT_HEAP_MB} MiB`);
    // Measured in the replay process: the cap and V8's young generation (tens of MiB), not V8's own 4 GB.
    expect(heap.limitMib).toBeGreaterThanOrEqual(DEFAULT_HEAP_MB);
    expect(heap.limitMib).toBeLessThan(DEFAULT_HEAP_MB + 128);
  });

  test('--heap-mb sets it for every shard; a cap in NODE_OPTIONS wins over --heap-mb', async () => {
    const sharded = await runCli([...SMALL, '--regions', 'varmland', 'blekinge', '--shards', '2', '--heap-mb', '512', '--state-dir', join(tempDir('samverkan-heap-'), 'run')]);
    expect(sharded.code, sharded.output).toBe(0);
    const heap = heapOf(sharded.output);
    expect(heap.cap).toBe('heap cap 512 MiB (--heap-mb)');
    expect(heap.limitMib).toBeGreaterThanOrEqual(512);
    expect(heap.limitMib).toBeLessThan(512 + 128);

    const env = await runCli([...SMALL, '--regions', 'varmland', '--shards', '1', '--heap-mb', '512', '--state-dir', join(tempDir('samverkan-heap-'), 'run')], { NODE_OPTIONS: '--max-old-space-size=300' });
    expect(env.code, env.output).toBe(0);
    const fromEnv = heapOf(env.output);
    expect(fromEnv.cap).toBe('heap cap 300 MiB (NODE_OPTIONS)');
    expect(fromEnv.limitMib).toBeGreaterThanOrEqual(300);
    expect(fromEnv.limitMib).toBeLessThan(300 + 128);
  });

  test('a replay out of heap ends with what happened and what to run, not V8 report, and a failing exit code', async () => {
    const run = await runCli([...SMALL, '--regions', 'varmland', '--shards', '1', '--heap-mb', '16', '--state-dir', join(tempDir('samverkan-heap-'), 'run')]);
    expect(run.code).toBe(1);
    expect(run.output).toContain("samverkan load: the replay ran out of heap: V8's heap was capped at 16 MiB by --heap-mb.");
    expect(run.output).toContain('--heap-mb 512');
    for (const report of ['<--- Last few GCs --->', '<--- JS stacktrace --->', 'FATAL ERROR', 'node::']) expect(run.output).not.toContain(report);
  });
});
