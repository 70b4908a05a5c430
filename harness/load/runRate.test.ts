import { expect, test } from '@playwright/test';
import { STEP_KINDS, type StepKind } from './monthPlan.js';
import { progressText } from './progressLine.js';
import type { ReplayFigures } from './replayFigures.js';
import { replaySummaryLines, stepsMade } from './replaySummary.js';

const tally = (ok: number) => Object.fromEntries(STEP_KINDS.map((k) => [k, { ok, already: 0, failed: 0 }])) as Record<StepKind, { ok: number; already: number; failed: number }>;

/** A whole month (share 1) of 7,000 steps, of which this run made `perKind` × 7 in 100 s. */
function figures(perKind: number, over: Partial<ReplayFigures> = {}): ReplayFigures {
  return {
    month: '2022-05', regions: ['blekinge'], scale: 1, certificates: 1_000, issued: 1_000, stepCount: 7_000, standaloneNotReplayed: 0,
    interrupted: false, resumed: false, wallMs: 100_000, cpuMs: 50_000, rssPeakBytes: 0, steps: tally(perKind), failures: [],
    notifications: [], certificateMessages: [], schedule: { checked: 0, limit: 20_000, verdicts: {} }, answerTimes: { overall: { deliveries: 0, p50Ms: 0, p99Ms: 0, errors: 0 }, hours: [] },
    stateDir: '/tmp/x', journalExternal: false, expected: {}, regionOfUnit: {},
    ...over,
  } as ReplayFigures;
}

test("a resumed run's progress line counts only its own steps in the rate and the ETA", () => {
  const line = progressText({ done: 6_100, doneAtStart: 6_000, total: 7_000, clockAt: 0, delivered: 0, resends: 0, failedSteps: 0 }, 10_000);
  expect(line).toContain('10 steps/s, ETA 2 min');
  expect(progressText({ done: 100, total: 7_000, clockAt: 0, delivered: 0, resends: 0, failedSteps: 0 }, 10_000)).toContain('10 steps/s');
});

test("a stopped run's summary gives the steps it made, its own rate and the month at that rate", () => {
  const stopped = figures(100, { interrupted: true });
  expect(stepsMade(stopped)).toBe(700);
  const wall = replaySummaryLines(stopped, 1_000).find((l) => l.startsWith('wall time'))!;
  // 700 steps in 100 s: 7 steps/s, so the month's 7,000 steps take 1,000 s, about 17 min.
  expect(wall).toContain('700 steps made, 7 steps/s; projected for the whole month (1,000 certificates): 17 min at this rate');
  expect(replaySummaryLines(stopped, 1_000).find((l) => l.startsWith('CPU time'))).toContain('the whole month would take 8 CPU minutes');
});

test('a whole month made in one run is not projected; a share of it is', () => {
  expect(replaySummaryLines(figures(1_000), 1_000).find((l) => l.startsWith('wall time'))).toMatch(/7,000 steps made, 70 steps\/s$/);
  // A tenth of the month, all made: 100 s for a tenth.
  const tenth = figures(100, { stepCount: 700, issued: 100, certificates: 100 });
  expect(replaySummaryLines(tenth, 1_000).find((l) => l.startsWith('wall time'))).toContain('projected for the whole month (1,000 certificates): 17 min at this rate');
});
