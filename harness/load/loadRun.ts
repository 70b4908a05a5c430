/**
 * The `load` command's run: Ctrl-C stops issuing steps and sums up what was done so far (a second
 * one forces the exit), the summary goes to stdout, progress to stderr. The replay runs in child
 * processes under a cap on V8's heap (decision 0041): one per shard (0034), or one for the whole
 * replay. Started from bin/samverkan.js, the parent that runs them loads no TypeScript
 * (bin/loadLauncher.js, decision 0043): it asks a first process for what to start
 * (`--launch-plan`) and a last one for the summary (`--launch-summary`); run as a function, this
 * process does all three.
 */
import { listenForStop } from '../cli/stopSignals.js';
import type { JournalChoice } from '../cli/journalOption.js';
import { loadReferenceData } from '../sessions/data/referenceData.js';
import { planLoad, summariseLoad, type LoadLaunch, type LoadOutcome } from './loadLaunch.js';
import { plannableRegions } from './monthPlan.js';
import type { MonthReplayOptions, ReplaySpeed } from './monthReplay.js';
import { QUITTING_MESSAGE, runReplayChildren, stoppingMessage, type ReplayRun } from './replayRun.js';

export { replayExitCode } from './loadLaunch.js';

/** What the launcher and its first and last process tell each other over IPC (bin/loadLauncher.js). */
export type LaunchMessage = { type: 'launch'; launch: LoadLaunch } | { type: 'summarise'; launch: LoadLaunch; run: ReplayRun };

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
  /** `--launch-plan`: tell the launcher what to start, over IPC (decision 0043). */
  'launch-plan'?: boolean;
  /** `--launch-summary`: print the summary of what the launcher's children came to (it sends it over IPC). */
  'launch-summary'?: boolean;
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
  if (args['launch-plan']) return tellLaunch(await planLoad(args));
  if (args['launch-summary']) {
    // A Ctrl-C on the terminal reaches this process too: the replay is over, the summary is printed
    // (a second one ends the launcher, as it did the parent that printed it before, decision 0043).
    process.on('SIGINT', () => undefined);
    const { launch, run } = await fromLauncher();
    return printOutcome(summariseLoad(launch, run, monthIssued(launch.month)));
  }
  const launch = await planLoad(args);
  const stop = listenForStop({ onStop: () => process.stderr.write(stoppingMessage(Boolean(launch.sharded))), onForce: () => process.stderr.write(QUITTING_MESSAGE) });
  try {
    const run = await runReplayChildren({ children: launch.children, relayStderr: !launch.sharded, stop: stop.requested, startAt: launch.startAt });
    return printOutcome(summariseLoad(launch, run, monthIssued(launch.month)));
  } finally {
    stop.dispose();
  }
}

/** Prints the summary and what went wrong; returns the exit code. */
function printOutcome(outcome: LoadOutcome): number {
  for (const line of outcome.stdout) console.log(line);
  for (const line of outcome.stderr) process.stderr.write(`${line}\n`);
  return outcome.code;
}

/** `--launch-plan`: hands what to start to the launcher and waits until it is handed over. */
function tellLaunch(launch: LoadLaunch): Promise<number> {
  if (!process.send) throw new Error('--launch-plan and --launch-summary are for the processes `samverkan load` starts itself; leave them out');
  return new Promise((done) => process.send!({ type: 'launch', launch } satisfies LaunchMessage, undefined, {}, () => done(0)));
}

/** `--launch-summary`: what the launcher's children came to. */
function fromLauncher(): Promise<{ launch: LoadLaunch; run: ReplayRun }> {
  if (!process.send) throw new Error('--launch-plan and --launch-summary are for the processes `samverkan load` starts itself; leave them out');
  return new Promise((done) => {
    process.once('message', (m: LaunchMessage) => {
      // Closed after this turn (closing it inside the handler trips node's pending messages).
      setImmediate(() => process.connected && process.disconnect());
      if (m.type === 'summarise') done(m);
    });
  });
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
