/**
 * `npm run bench -- --load-scale 0.01`: a share of a month's replay (`samverkan load`) on the
 * embedded topology, as fast as it goes: wall time, steps and status updates per second, the RSS
 * peak as far as the bench process can tell it from the benches before, and the time the whole month would take at that rate.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monthIssued } from '../harness/load/loadRun.js';
import { runMonthReplay } from '../harness/load/monthReplay.js';
import { countsPerEvent, countsPerRegion } from '../harness/load/replaySummary.js';

export interface LoadBenchOptions {
  month: string;
  scale: number;
  regions?: string[];
  log: (line: string) => void;
}

/** Runs the share of the month and prints its figures. */
export async function runLoadBench(options: LoadBenchOptions): Promise<void> {
  const stateDir = mkdtempSync(join(tmpdir(), 'samverkan-bench-load-'));
  // The bench process has run other benches before this one: its peak so far is not the replay's.
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  try {
    const result = await runMonthReplay({ month: options.month, scale: options.scale, regions: options.regions, speed: 'max', journal: { mode: 'simulated' }, journalText: 'sim', stateDir, resume: false, progress: { tty: false, everyMs: 30_000 } });
    const issued = result.plan.certificates.filter((c) => !c.abandoned).length;
    const totals = [...countsPerEvent(countsPerRegion(result)).values()];
    const made = totals.reduce((a, c) => a + c.made, 0);
    const delivered = totals.reduce((a, c) => a + c.delivered, 0);
    const seconds = result.wallMs / 1000;
    const share = issued / monthIssued(options.month);
    options.log(`load ${options.month} at scale ${options.scale}${options.regions ? ` (${options.regions.join(', ')})` : ''}: ${issued.toLocaleString('en')} certificates, ${result.plan.steps.length.toLocaleString('en')} steps, ${made.toLocaleString('en')} status updates (${delivered.toLocaleString('en')} delivered)`);
    options.log(`  wall ${seconds.toFixed(1)} s: ${(result.plan.steps.length / seconds).toFixed(0)} steps/s, ${(delivered / seconds).toFixed(0)} status updates/s; ${rssLine(peakBefore, result.rssPeakBytes)}`);
    if (result.cpuMs !== undefined) options.log(`  CPU ${(result.cpuMs / 1000).toFixed(1)} s (user + system, one process): the whole month would take ${(result.cpuMs / 1000 / share / 60).toFixed(0)} CPU minutes`);
    options.log(`  projected for the whole month (${monthIssued(options.month).toLocaleString('en')} certificates): ${(seconds / share / 60).toFixed(0)} min at this rate (goal: under 5 min)`);
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
}

/** The RSS peak as far as this process can tell it apart from the benches that ran before the replay. */
function rssLine(peakBefore: number, peakAfter: number): string {
  const mib = (b: number) => (b / 1024 / 1024).toFixed(0);
  return peakAfter > peakBefore
    ? `RSS peak ${mib(peakAfter)} MiB (the bench process, which had peaked at ${mib(peakBefore)} MiB before the replay)`
    : `RSS peak not told apart: the bench process had already peaked at ${mib(peakBefore)} MiB before the replay (\`samverkan load\` prints its own)`;
}
