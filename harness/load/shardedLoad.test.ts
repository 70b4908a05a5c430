import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { removeTempDirs, tempDir } from '../cli/cliTestSupport.js';
import { loadReferenceData } from '../sessions/data/referenceData.js';
import { certificatesPerRegion, expectedEvents, planMonth } from './monthPlan.js';
import { runMonthReplay } from './monthReplay.js';
import { DEFAULT_HEAP_MB, heapCapInForce, replayExecArgv } from './heapCap.js';
import { replayChildArgs, shardedFigures, type LoadLaunch } from './loadLaunch.js';
import { dealRegions } from './regionDeal.js';
import { countsPerEvent, countsPerRegion } from './replaySummary.js';
import { runReplayChildren } from './replayRun.js';
import { prepareShardedState, shardDir, type ShardedSettings } from './shardedLoad.js';

test.afterAll(removeTempDirs);
test.describe.configure({ timeout: 15 * 60_000 });

const data = loadReferenceData();

/** Webcert's status updates the journal system answered OK, per event, and their answer times, from a traffic journal. */
function delivered(journalFile: string): { perEvent: Record<string, number>; durations: number[] } {
  const db = new Database(journalFile, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare("SELECT event_code, duration_ms, outcome, result_code FROM exchange WHERE operation = 'CertificateStatusUpdateForCare' AND side = 'outbound'").all() as Array<{ event_code: string; duration_ms: number; outcome: string; result_code: string | null }>;
    const perEvent: Record<string, number> = {};
    for (const r of rows) if (r.outcome === 'ok' && r.result_code === 'OK') perEvent[r.event_code] = (perEvent[r.event_code] ?? 0) + 1;
    return { perEvent, durations: rows.map((r) => r.duration_ms) };
  } finally {
    db.close();
  }
}

const percentile = (sorted: Float64Array, q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

test('a replay in 2 shards delivers every status update; its summary is the sum of the shards and has the totals of one process for the same plan', async () => {
  const options = { month: '2022-05', regions: ['varmland', 'blekinge', 'kalmar'], scale: 0.2, days: 2 };
  const perRegion = certificatesPerRegion(data.statistics, options);
  const settings: ShardedSettings = { ...options, journal: 'sim', shards: dealRegions(perRegion, 2) };
  expect(settings.shards.map((s) => s.regions.length)).not.toContain(0);
  const stateDir = tempDir('samverkan-load-shards-');
  prepareShardedState(stateDir, settings);
  // The default cap on V8's heap (no NODE_OPTIONS, no node flags).
  const heapCap = heapCapInForce(undefined, {}, []);
  // What `load` starts for this deal (loadLaunch.ts), run as its launcher runs it (replayRun.js).
  const children = settings.shards.map((deal, i) => ({ args: replayChildArgs({ ...settings, regions: deal.regions, speed: 'max', concurrency: 16 }, shardDir(stateDir, i + 1), 'shard-child', false), execArgv: replayExecArgv(heapCap) }));
  const launch: LoadLaunch = { children, sharded: settings, heapCap, stateDir, month: options.month, startAt: 0 };
  const run = await runReplayChildren({ children, relayStderr: false, stop: new Promise(() => undefined), startAt: 0, progress: { tty: false, everyMs: 60_000 } });
  const { figures, failed } = shardedFigures(launch, run);
  expect(failed, figures.shards?.map((s) => s.error).join('\n')).toBe(false);
  expect(figures.shards).toHaveLength(2);
  // Each shard ran under it: V8's heap limit it measured is the cap and the young generation (tens of MiB), not V8's 4 GB.
  for (const s of figures.shards!) {
    expect(s.heapLimitBytes! / 2 ** 20, `shard ${s.shard}`).toBeGreaterThanOrEqual(DEFAULT_HEAP_MB);
    expect(s.heapLimitBytes! / 2 ** 20, `shard ${s.shard}`).toBeLessThan(DEFAULT_HEAP_MB + 128);
  }
  expect(Object.values(figures.steps).reduce((a, t) => a + t.failed, 0), figures.failures.join('\n')).toBe(0);

  // The plan of all regions at once: the shards together planned exactly it.
  const plan = planMonth(data.statistics, options);
  expect(plan.certificates.length).toBeGreaterThan(40);
  expect(figures.certificates).toBe(plan.certificates.length);
  expect(figures.stepCount).toBe(plan.steps.length);
  expect(figures.expected).toEqual(Object.fromEntries(expectedEvents(plan)));

  // Every status update Webcert made is delivered, in every region, as each shard's own traffic journal shows.
  const perEvent = countsPerEvent(countsPerRegion(figures));
  expect([...countsPerRegion(figures).keys()].sort()).toEqual([...options.regions].sort());
  const journals = [1, 2].map((k) => delivered(join(shardDir(stateDir, k), 'journal.sqlite')));
  const summed: Record<string, number> = {};
  for (const j of journals) for (const [e, n] of Object.entries(j.perEvent)) summed[e] = (summed[e] ?? 0) + n;
  for (const [event, c] of perEvent) {
    expect(c.delivered, event).toBe(c.made);
    expect(c.open + c.failed, event).toBe(0);
    expect(summed[event], event).toBe(c.delivered);
  }
  for (const [event, n] of expectedEvents(plan)) {
    if (event === 'ANDRAT') expect(perEvent.get(event)?.made ?? 0).toBeLessThanOrEqual(n);
    else expect(perEvent.get(event)?.made ?? 0, event).toBe(n);
  }

  // Answer times: the percentiles of all the shards' answers together, not an average of theirs.
  const all = Float64Array.from(journals.flatMap((j) => j.durations)).sort();
  expect(figures.answerTimes.overall.deliveries).toBe(all.length);
  expect(figures.answerTimes.overall.p50Ms).toBe(percentile(all, 0.5));
  expect(figures.answerTimes.overall.p99Ms).toBe(percentile(all, 0.99));
  // CPU and RSS: the shards' added up.
  expect(figures.cpuMs).toBeCloseTo(figures.shards!.reduce((a, s) => a + (s.cpuMs ?? 0), 0), 6);
  expect(figures.rssPeakBytes).toBe(figures.shards!.reduce((a, s) => a + s.rssPeakBytes, 0));

  // The same plan in one process: the same totals.
  const one = await runMonthReplay({ ...options, speed: 'max', journal: { mode: 'simulated' }, journalText: 'sim', stateDir: tempDir('samverkan-load-one-'), resume: false, progress: { tty: false, everyMs: 60_000 } });
  const onePerEvent = countsPerEvent(countsPerRegion(one));
  for (const event of ['SKAPAT', 'SIGNAT', 'SKICKA', 'MAKULE', 'RADERA']) {
    expect(perEvent.get(event)?.delivered ?? 0, event).toBe(onePerEvent.get(event)?.delivered ?? 0);
  }
  for (const k of Object.keys(figures.steps) as Array<keyof typeof figures.steps>) expect(figures.steps[k].ok + figures.steps[k].already, k).toBe(one.steps[k].ok + one.steps[k].already);
});
