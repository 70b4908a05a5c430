/**
 * The `load` command's run: Ctrl-C stops issuing steps and sums up what was done so far (a second
 * one forces the exit), the summary goes to stdout, progress to stderr.
 */
import { resolve } from 'node:path';
import { listenForStop } from '../cli/stopSignals.js';
import type { JournalChoice } from '../cli/journalOption.js';
import { loadReferenceData } from '../sessions/data/referenceData.js';
import { plannableRegions } from './monthPlan.js';
import { runMonthReplay, type ReplaySpeed } from './monthReplay.js';
import { replaySummaryLines } from './replaySummary.js';

export interface LoadRunArgs {
  month: string;
  regions?: string[];
  scale: number;
  days?: number;
  'state-dir': string;
  resume: boolean;
  concurrency: number;
  journal: string;
  speedValue: ReplaySpeed;
  journalChoice: JournalChoice;
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
  const stop = listenForStop({
    onStop: () => process.stderr.write('\nsamverkan load: stopping after the steps under way (Ctrl-C again to quit at once)…\n'),
    onForce: () => process.stderr.write('samverkan load: quitting at once; resume with --resume\n'),
  });
  try {
    const result = await runMonthReplay({
      month: args.month,
      regions: args.regions,
      scale: args.scale,
      days: args.days,
      speed: args.speedValue,
      journal: args.journalChoice,
      journalText: args.journal,
      stateDir: resolve(args['state-dir']),
      resume: args.resume,
      concurrency: args.concurrency,
      stop: stop.requested,
    });
    for (const line of replaySummaryLines(result, monthIssued(args.month))) console.log(line);
    if (result.interrupted) return 130;
    return Object.values(result.steps).some((t) => t.failed) ? 1 : 0;
  } finally {
    stop.dispose();
  }
}
