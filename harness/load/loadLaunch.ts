/**
 * `samverkan load` before and after its replay children run (decision 0043): what to start (the
 * arguments checked, a sharded replay's regions dealt out, a resume checked against what the state
 * folder holds), and the summary of what the children came to. Both run in a process that loads
 * the TypeScript; in between, the children run under a parent that loads none (bin/loadLauncher.js,
 * replayRun.js), so the parent that lives as long as the replay stays small.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { loadReferenceData } from '../sessions/data/referenceData.js';
import { heapCapInForce, outOfHeapMessage, replayExecArgv, type HeapCap } from './heapCap.js';
import { journalReachable } from './journalReachable.js';
import type { LoadRunArgs } from './loadRun.js';
import { certificatesPerRegion, LoadInputError } from './monthPlan.js';
import { dealRegions } from './regionDeal.js';
import { mergeShardFigures, type ReplayFigures, type ShardLine } from './replayFigures.js';
import type { ReplayChildCommand, ReplayChildResult, ReplayRun } from './replayRun.js';
import { replaySummaryLines } from './replaySummary.js';
import { checkResume, clearShards, prepareShardedState, shardDir, storedShards, type ShardedSettings } from './shardedLoad.js';

/** What to start: the replay children's command lines and what the summary needs to read their figures. */
export interface LoadLaunch {
  children: ReplayChildCommand[];
  /** The deal, when the replay runs in shards (child k-1 is shard k); absent: one replay process. */
  sharded?: ShardedSettings;
  heapCap: HeapCap;
  stateDir: string;
  month: string;
  /** The virtual time the progress line shows before any child reported. */
  startAt: number;
}

/** The replay a child makes: the command's settings, without its state folder. */
export interface ReplayChildSettings {
  month: string;
  regions?: readonly string[];
  scale: number;
  days?: number;
  speed: string;
  journal: string;
  concurrency: number;
}

/**
 * The command line of a replay child: the whole replay of a one-process `load` (`replay-child`)
 * or one shard (`shard-child`), in `stateDir`, resumed or not.
 */
export function replayChildArgs(settings: ReplayChildSettings, stateDir: string, role: 'replay-child' | 'shard-child', resume: boolean): string[] {
  return [
    'load', '--month', settings.month, ...(settings.regions?.length ? ['--regions', ...settings.regions] : []), '--scale', String(settings.scale), ...(settings.days ? ['--days', String(settings.days)] : []),
    '--speed', settings.speed, '--journal', settings.journal, '--concurrency', String(settings.concurrency), '--state-dir', stateDir, '--shards', '1', `--${role}`, ...(resume ? ['--resume'] : []),
  ];
}

/** The settings a sharded replay is started (and resumed) with. */
function askedSettings(args: LoadRunArgs, regions: string[]): Omit<ShardedSettings, 'shards'> {
  return { month: args.month, regions: args.regions?.length ? args.regions : regions, scale: args.scale, ...(args.days ? { days: args.days } : {}), journal: args.journal };
}

/**
 * Checks the command and prepares the state folder (a new sharded replay's deal written, a new
 * one-process replay's shard folders cleared); resolves with what to start.
 * @throws {LoadInputError} an unknown month or region, a resume that does not match, an unreachable journal system
 */
export async function planLoad(args: LoadRunArgs): Promise<LoadLaunch> {
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
    throw new LoadInputError(`the replay in ${stateDir} ran in one process; resume it with --shards 1 (or without --shards)`);
  }
  if (!sharded && args.journalChoice.mode === 'external') await journalReachable(args.journalChoice.receiver);

  const execArgv = replayExecArgv(heapCap);
  const own = { speed: args.speed, concurrency: args.concurrency };
  const children = sharded
    ? sharded.shards.map((deal, i) => {
        const dir = shardDir(stateDir, i + 1);
        // A shard killed before it wrote anything starts afresh.
        const resume = args.resume && existsSync(join(dir, 'load.sqlite'));
        return { args: replayChildArgs({ ...sharded!, ...own, regions: deal.regions }, dir, 'shard-child', resume), execArgv };
      })
    : [{ args: replayChildArgs({ ...args, ...own }, stateDir, 'replay-child', args.resume), execArgv }];
  const month = sharded?.month ?? args.month;
  return { children, ...(sharded ? { sharded } : {}), heapCap, stateDir, month, startAt: Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)) - 1, 1) };
}

/** What `load` prints at the end and its exit code: the summary on stdout, what went wrong on stderr. */
export interface LoadOutcome {
  code: number;
  stdout: string[];
  stderr: string[];
}

/** The exit code of a replay: 130 when stopped early, 1 when a step failed, else 0. */
export function replayExitCode(replay: { interrupted: boolean; steps: Record<string, { failed: number }> }): number {
  if (replay.interrupted) return 130;
  return Object.values(replay.steps).some((t) => t.failed) ? 1 : 0;
}

/** The last lines a shard wrote to stderr that say what went wrong. */
function errorOf(r: ReplayChildResult): string {
  const how = r.signal ? `killed by ${r.signal}` : `exit code ${r.code}`;
  if (r.outOfHeap) return `ran out of heap (${how})`;
  const said = r.stderr.filter((l) => /^samverkan/.test(l) && !/stopping after the steps/.test(l)).slice(-3);
  return `${said.length ? said.join(' / ') : (r.stderr.at(-1) ?? 'no figures')} (${how})`;
}

/** A sharded replay's figures: the shards' added up (a shard without figures is a failed line; the replay then counts as stopped early). */
export function shardedFigures(launch: LoadLaunch, run: ReplayRun): { figures: ReplayFigures; failed: boolean } {
  const settings = launch.sharded!;
  const parts: Array<{ figures: ReplayFigures; line: ShardLine }> = [];
  const failed: ShardLine[] = [];
  run.results.forEach((r, i) => {
    const deal = settings.shards[i]!;
    const base = { shard: i + 1, regions: deal.regions, certificates: deal.certificates, stateDir: shardDir(launch.stateDir, i + 1) };
    const f = r.figures;
    if (f) parts.push({ figures: f, line: { ...base, certificates: f.certificates, wallMs: f.wallMs, ...(f.cpuMs !== undefined ? { cpuMs: f.cpuMs } : {}), rssPeakBytes: f.rssPeakBytes, ...(f.heapLimitBytes !== undefined ? { heapLimitBytes: f.heapLimitBytes } : {}) } });
    else failed.push({ ...base, wallMs: 0, rssPeakBytes: 0, error: errorOf(r) });
  });
  const figures = mergeShardFigures(parts, failed, {
    month: settings.month, regions: settings.regions, scale: settings.scale, wallMs: run.wallMs, stateDir: launch.stateDir, journalExternal: settings.journal !== 'sim', parentRssPeakBytes: run.parentRssPeakBytes, heapCap: launch.heapCap,
  });
  if (failed.length) figures.interrupted = true;
  return { figures, failed: failed.length > 0 };
}

/**
 * The summary of what the children came to (`monthIssued`: the month's integrated certificates
 * in every region, what a projection scales to).
 */
export function summariseLoad(launch: LoadLaunch, run: ReplayRun, monthIssued: number): LoadOutcome {
  const { heapCap, stateDir } = launch;
  if (launch.sharded) {
    const { figures, failed } = shardedFigures(launch, run);
    return {
      code: failed ? 1 : replayExitCode(figures),
      stdout: replaySummaryLines(figures, monthIssued),
      stderr: run.results.some((r) => r.outOfHeap) ? [outOfHeapMessage(heapCap, 'a shard')] : [],
    };
  }
  const r = run.results[0]!;
  if (r.figures) return { code: r.code ?? 1, stdout: replaySummaryLines({ ...r.figures, heapCap, parentRssPeakBytes: run.parentRssPeakBytes }, monthIssued), stderr: [] };
  const code = r.code || 1;
  if (r.outOfHeap) return { code, stdout: [], stderr: [outOfHeapMessage(heapCap, 'the replay', existsSync(join(stateDir, 'load.sqlite')))] };
  if (r.signal) return { code, stdout: [], stderr: [`samverkan load: the replay process was killed by ${r.signal} before it summed up; what it had recorded is kept in ${stateDir}: go on with --resume`] };
  return { code, stdout: [], stderr: [] };
}
