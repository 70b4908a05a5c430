/**
 * `samverkan load --shards N`: the month's replay in N child processes, each a topology of its own
 * with some of the regions and a state folder of its own (`<state-dir>/shard-<k>`), so both cores
 * of a machine work. The parent deals the regions out, shows one progress line, stops every shard
 * on Ctrl-C, and prints one summary of all shards (decision 0034). It loads no party itself.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { replayExecArgv, type HeapCap } from './heapCap.js';
import type { ProgressFigures } from './progressLine.js';
import { ProgressLine } from './progressLine.js';
import type { ShardDeal } from './regionDeal.js';
import { mergeShardFigures, type ReplayFigures, type ShardLine } from './replayFigures.js';
import { LoadInputError } from './monthPlan.js';
import { forkReplayChild, type ReplayChild } from './replayChild.js';

/** The file in the state folder that holds the deal, so `--resume` deals the same way. */
export const SHARDS_FILE = 'shards.json';

/** The settings a sharded replay was started with (and must be resumed with). */
export interface ShardedSettings {
  month: string;
  regions: string[];
  scale: number;
  days?: number;
  journal: string;
  shards: ShardDeal[];
}

export interface ShardedLoadOptions {
  settings: ShardedSettings;
  speed: string;
  concurrency: number;
  stateDir: string;
  resume: boolean;
  /** Resolves on Ctrl-C (the first one): every shard is asked to stop and sum up. */
  stop: Promise<unknown>;
  /** The cap on V8's heap each shard runs under (decision 0041). */
  heapCap: HeapCap;
}

/** The state folder of shard `k` (1-based). */
export const shardDir = (stateDir: string, k: number) => join(stateDir, `shard-${k}`);

/** The deal stored in `stateDir` by the run to resume, if it was sharded. */
export function storedShards(stateDir: string): ShardedSettings | undefined {
  const file = join(stateDir, SHARDS_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ShardedSettings) : undefined;
}

/** Removes a sharded replay's deal and shard folders from `stateDir` (a new replay there starts). */
export function clearShards(stateDir: string): void {
  rmSync(join(stateDir, SHARDS_FILE), { force: true });
  for (let k = 1; existsSync(shardDir(stateDir, k)); k++) rmSync(shardDir(stateDir, k), { recursive: true, force: true });
}

/** Clears what a previous replay (sharded or not) left in `stateDir` and writes the new deal. */
export function prepareShardedState(stateDir: string, settings: ShardedSettings): void {
  mkdirSync(stateDir, { recursive: true });
  clearShards(stateDir);
  for (const f of ['load.sqlite', 'journal.sqlite', 'webcert-state.sqlite', 'intygstjanst-state.sqlite']) for (const s of ['', '-wal', '-shm']) rmSync(join(stateDir, f + s), { force: true });
  writeFileSync(join(stateDir, SHARDS_FILE), `${JSON.stringify(settings, null, 2)}\n`);
}

/** Checks that a resume asks for the replay stored in `stateDir`. @throws {LoadInputError} */
export function checkResume(stored: ShardedSettings, asked: Omit<ShardedSettings, 'shards'>, shards: number | undefined, stateDir: string): void {
  const { shards: deal, ...settings } = stored;
  if (JSON.stringify(settings) !== JSON.stringify(asked)) {
    throw new LoadInputError(`the replay in ${stateDir} was started with ${JSON.stringify(settings)}; resume it with the same month, regions, scale, days and journal, or start a new one without --resume`);
  }
  if (shards !== undefined && shards !== deal.length) {
    throw new LoadInputError(`the replay in ${stateDir} runs in ${deal.length} shards; resume it with --shards ${deal.length} (or without --shards)`);
  }
}

interface RunningShard extends ReplayChild {
  k: number;
  deal: ShardDeal;
}

/** The last lines a shard wrote to stderr that say what went wrong. */
function errorOf(s: RunningShard, code: number | null, signal: NodeJS.Signals | null): string {
  if (s.outOfHeap) return `ran out of heap (${signal ? `killed by ${signal}` : `exit code ${code}`})`;
  const said = s.stderr.filter((l) => /^samverkan/.test(l) && !/stopping after the steps/.test(l)).slice(-3);
  const how = signal ? `killed by ${signal}` : `exit code ${code}`;
  return `${said.length ? said.join(' / ') : (s.stderr.at(-1) ?? 'no figures')} (${how})`;
}

/**
 * Runs the shards; resolves with the merged figures, whether a shard failed, and whether one ran
 * out of heap.
 */
export async function runShardedLoad(options: ShardedLoadOptions): Promise<{ figures: ReplayFigures; failed: boolean; outOfHeap: boolean }> {
  const { settings, stateDir } = options;
  const started = performance.now();
  const shards: RunningShard[] = settings.shards.map((deal, i) => {
    const k = i + 1;
    const dir = shardDir(stateDir, k);
    // A shard killed before it wrote anything starts afresh.
    const resume = options.resume && existsSync(join(dir, 'load.sqlite'));
    const args = ['load', '--month', settings.month, '--regions', ...deal.regions, '--scale', String(settings.scale), ...(settings.days ? ['--days', String(settings.days)] : []),
      '--speed', options.speed, '--journal', settings.journal, '--concurrency', String(options.concurrency), '--state-dir', dir, '--shards', '1', '--shard-child', ...(resume ? ['--resume'] : [])];
    return Object.assign(forkReplayChild(args, replayExecArgv(options.heapCap)), { k, deal });
  });
  const stopAll = () => {
    for (const s of shards) s.stop();
  };
  void options.stop.then(stopAll);

  const line = new ProgressLine(() => {
    const seen = shards.filter((s) => s.progress).map((s) => s.progress!);
    const sum = (f: (p: ProgressFigures) => number) => seen.reduce((a, p) => a + f(p), 0);
    const eta = seen.every((p) => p.etaSeconds !== undefined) && seen.length ? Math.max(...seen.map((p) => p.etaSeconds!)) : undefined;
    return {
      done: sum((p) => p.done),
      doneAtStart: sum((p) => p.doneAtStart ?? 0),
      total: sum((p) => p.total),
      // The virtual time every shard has reached.
      clockAt: seen.length ? Math.min(...seen.map((p) => p.clockAt)) : Date.UTC(Number(settings.month.slice(0, 4)), Number(settings.month.slice(5)) - 1, 1),
      delivered: sum((p) => p.delivered),
      resends: sum((p) => p.resends),
      failedSteps: sum((p) => p.failedSteps),
      ...(eta !== undefined ? { etaSeconds: eta } : {}),
    };
  });

  const lines: Array<{ figures: ReplayFigures; line: ShardLine }> = [];
  const failed: ShardLine[] = [];
  try {
    await Promise.all(
      shards.map(async (s) => {
        const { code, signal } = await s.exit;
        const base = { shard: s.k, regions: s.deal.regions, certificates: s.deal.certificates, stateDir: shardDir(stateDir, s.k) };
        if (s.figures && (code === 0 || code === 1 || code === 130)) {
          const f = s.figures;
          lines.push({ figures: f, line: { ...base, certificates: f.certificates, wallMs: f.wallMs, ...(f.cpuMs !== undefined ? { cpuMs: f.cpuMs } : {}), rssPeakBytes: f.rssPeakBytes, ...(f.heapLimitBytes !== undefined ? { heapLimitBytes: f.heapLimitBytes } : {}) } });
        } else {
          failed.push({ ...base, wallMs: 0, rssPeakBytes: 0, error: errorOf(s, code, signal) });
          // The others stop too (and can be resumed): the summary would miss this shard's regions anyway.
          stopAll();
        }
      }),
    );
  } finally {
    line.end();
  }
  const figures = mergeShardFigures(lines, failed, {
    month: settings.month,
    regions: settings.regions,
    scale: settings.scale,
    wallMs: performance.now() - started,
    stateDir,
    journalExternal: settings.journal !== 'sim',
    parentRssPeakBytes: process.resourceUsage().maxRSS * 1024,
    heapCap: options.heapCap,
  });
  if (failed.length) figures.interrupted = true;
  return { figures, failed: failed.length > 0, outOfHeap: shards.some((s) => s.outOfHeap) };
}
