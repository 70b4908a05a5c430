/**
 * The `load` command's run: Ctrl-C stops issuing steps and sums up what was done so far (a second
 * one forces the exit), the summary goes to stdout, progress to stderr. The replay runs in child
 * processes under a cap on V8's heap (decision 0041): one per shard (0034), or one for the whole
 * replay; this process deals out the regions, shows the progress and prints the summary.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { listenForStop } from '../cli/stopSignals.js';
import type { JournalChoice } from '../cli/journalOption.js';
import { loadReferenceData } from '../sessions/data/referenceData.js';
import { heapCapInForce, outOfHeapMessage } from './heapCap.js';
import { journalReachable } from './journalReachable.js';
import { certificatesPerRegion, plannableRegions } from './monthPlan.js';
import type { MonthReplayOptions, ReplaySpeed, StepTally } from './monthReplay.js';
import { dealRegions } from './regionDeal.js';
import { replaySummaryLines } from './replaySummary.js';
import { checkResume, clearShards, prepareShardedState, runShardedLoad, storedShards, type ShardedSettings } from './shardedLoad.js';

export interface LoadRunArgs {
  month: string;
  regions?: string[];
  scale: number;
  days?: number;
  'state-dir': string;
  resume: boolean;
  concurrency: number;
  journal: string;
  speed: string;
  speedValue: ReplaySpeed;
  journalChoice: JournalChoice;
  /** `--shards`: absent = the cores, at most one per region (or, on resume, as the state folder was run). */
  shardCount?: number;
  /** `--heap-mb`: MiB of V8's old space for each replay process, or 'none'; absent: the default (decision 0041). */
  heapCapAsked?: number | 'none';
  /** `--shard-child`: this process is one shard of a parent's replay and reports to it over IPC. */
  'shard-child'?: boolean;
  /** `--replay-child`: this process is the whole replay of a parent's one-process `load`, reporting over IPC. */
  'replay-child'?: boolean;
}

/** The month's integrated certificates in every region (what a projection scales to). */
export function monthIssued(month: string): number {
  const data = loadReferenceData();
  const table = data.statistics.tables.find((t) => t.month === month && t.channel === 'integrated');
  let total = 0;
  for (const r of plannableRegions(data.statistics, month)) for (const x of table?.counts.get(r)?.values() ?? []) total += x;
  return total;
}

/** Runs the replay and prints its summary; resolves with the exit code (130 when stopped early). */
export async function runLoad(args: LoadRunArgs): Promise<number> {
  if (args['shard-child'] || args['replay-child']) return (await import('./shardChild.js')).runShard(args);
  const heapCap = heapCapInForce(args.heapCapAsked);
  const stateDir = resolve(args['state-dir']);
  const stored = args.resume ? storedShards(stateDir) : undefined;
  let sharded: ShardedSettings | undefined;
  if (stored) {
    checkResume(stored, askedSettings(args, stored.regions), args.shardCount, stateDir);
    sharded = stored;
  } else if (!(args.resume && existsSync(join(stateDir, 'load.sqlite')))) {
    // A new replay (a resume of a one-process replay keeps to one process).
    const data = loadReferenceData();
    const perRegion = certificatesPerRegion(data.statistics, { month: args.month, regions: args.regions, scale: args.scale, days: args.days });
    const shards = Math.min(args.shardCount ?? availableParallelism(), perRegion.size);
    if (shards > 1 && !args.resume) {
      if (args.journalChoice.mode === 'external') await journalReachable(args.journalChoice.receiver);
      sharded = { ...askedSettings(args, [...perRegion.keys()]), shards: dealRegions(perRegion, shards) };
      prepareShardedState(stateDir, sharded);
    } else if (!args.resume) {
      clearShards(stateDir);
    }
  } else if (args.shardCount !== undefined && args.shardCount > 1) {
    throw new (await import('./monthPlan.js')).LoadInputError(`the replay in ${stateDir} ran in one process; resume it with --shards 1 (or without --shards)`);
  }

  const stop = listenForStop({
    onStop: () => process.stderr.write(`\nsamverkan load: stopping after the steps under way${sharded ? ' in every shard' : ''} (Ctrl-C again to quit at once)…\n`),
    onForce: () => process.stderr.write('samverkan load: quitting at once; resume with --resume\n'),
  });
  try {
    if (sharded) {
      const { figures, failed, outOfHeap } = await runShardedLoad({ settings: sharded, speed: args.speed, concurrency: args.concurrency, stateDir, resume: args.resume, stop: stop.requested, heapCap });
      for (const line of replaySummaryLines(figures, monthIssued(args.month))) console.log(line);
      if (outOfHeap) process.stderr.write(`${outOfHeapMessage(heapCap, 'a shard')}\n`);
      return failed ? 1 : replayExitCode(figures);
    }
    if (args.journalChoice.mode === 'external') await journalReachable(args.journalChoice.receiver);
    const { runSingleLoad } = await import('./singleLoad.js');
    const single = await runSingleLoad({ args: childArgs(args), stateDir, resume: args.resume, stop: stop.requested, heapCap });
    if (single.figures) {
      for (const line of replaySummaryLines(single.figures, monthIssued(args.month))) console.log(line);
    } else if (single.outOfHeap) {
      process.stderr.write(`${outOfHeapMessage(heapCap, 'the replay', existsSync(join(stateDir, 'load.sqlite')))}\n`);
    } else if (single.ended?.startsWith('killed')) {
      process.stderr.write(`samverkan load: the replay process was ${single.ended} before it summed up; what it had recorded is kept in ${stateDir}: go on with --resume\n`);
    }
    return single.code;
  } finally {
    stop.dispose();
  }
}

/** The replay's options from the command's arguments; the caller adds how it stops and reports. */
export function replayOptionsOf(args: LoadRunArgs, stateDir: string): Omit<MonthReplayOptions, 'stop' | 'progress'> {
  return {
    month: args.month,
    regions: args.regions,
    scale: args.scale,
    days: args.days,
    speed: args.speedValue,
    journal: args.journalChoice,
    journalText: args.journal,
    stateDir,
    resume: args.resume,
    concurrency: args.concurrency,
  };
}

/** The command line of a one-process replay's child (its state folder, --shards and --resume added by the caller). */
function childArgs(args: LoadRunArgs): string[] {
  return [
    'load', '--month', args.month, ...(args.regions?.length ? ['--regions', ...args.regions] : []), '--scale', String(args.scale), ...(args.days ? ['--days', String(args.days)] : []),
    '--speed', args.speed, '--journal', args.journal, '--concurrency', String(args.concurrency),
  ];
}

/** The exit code of a replay: 130 when stopped early, 1 when a step failed, else 0. */
export function replayExitCode(replay: { interrupted: boolean; steps: Record<string, StepTally> }): number {
  if (replay.interrupted) return 130;
  return Object.values(replay.steps).some((t) => t.failed) ? 1 : 0;
}

/** The settings a sharded replay is started (and resumed) with. */
function askedSettings(args: LoadRunArgs, regions: string[]): Omit<ShardedSettings, 'shards'> {
  return { month: args.month, regions: args.regions?.length ? args.regions : regions, scale: args.scale, ...(args.days ? { days: args.days } : {}), journal: args.journal };
}
