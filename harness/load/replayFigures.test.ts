import { expect, test } from '@playwright/test';
import { STEP_KINDS } from './monthPlan.js';
import { mergeShardFigures, type ReplayFigures, type ShardLine } from './replayFigures.js';

const figures = (over: Partial<ReplayFigures>): ReplayFigures => ({
  month: '2022-05', regions: [], scale: 1, certificates: 0, issued: 0, stepCount: 0, standaloneNotReplayed: 0, interrupted: false, resumed: false, wallMs: 0, rssPeakBytes: 0,
  steps: Object.fromEntries(STEP_KINDS.map((k) => [k, { ok: 1, already: 0, failed: 0 }])) as ReplayFigures['steps'],
  failures: [], notifications: [], certificateMessages: [], schedule: { checked: 0, limit: 20_000, verdicts: {} }, expected: {}, regionOfUnit: {},
  answerTimes: { overall: { deliveries: 0, errors: 0, p50Ms: 0, p99Ms: 0 }, hours: [] }, stateDir: '/x', journalExternal: false, ...over,
});
const line = (shard: number, f: ReplayFigures): ShardLine => ({ shard, regions: f.regions, certificates: f.certificates, wallMs: f.wallMs, cpuMs: f.cpuMs, rssPeakBytes: f.rssPeakBytes, stateDir: f.stateDir });

test('shards add up: counts, queue, verdicts and CPU summed, RSS the peaks added up, percentiles over every answer (not averaged)', () => {
  const hour = Date.UTC(2022, 4, 2, 8);
  const a = figures({
    regions: ['varmland'], certificates: 10, issued: 9, stepCount: 40, standaloneNotReplayed: 2, cpuMs: 1_000, rssPeakBytes: 200 * 2 ** 20, interrupted: false,
    notifications: [{ logicalAddress: 'LE01', eventCode: 'SKAPAT', status: 'SUCCESS', count: 10, resent: 1, deliveries: 11 }],
    certificateMessages: [{ type: 'STORE', status: 'DELIVERED', count: 9 }], schedule: { checked: 1, limit: 20_000, verdicts: { 'on time': 1 } },
    expected: { SKAPAT: 10 }, regionOfUnit: { LE01: 'varmland' },
    answerSamples: [{ hour, durations: [1, 2, 3], errors: 0 }],
  });
  const b = figures({
    regions: ['blekinge'], certificates: 5, issued: 5, stepCount: 20, standaloneNotReplayed: 1, cpuMs: 500, rssPeakBytes: 150 * 2 ** 20, interrupted: true,
    notifications: [{ logicalAddress: 'LE02', eventCode: 'SKAPAT', status: 'SUCCESS', count: 5, resent: 0, deliveries: 5 }],
    certificateMessages: [{ type: 'STORE', status: 'DELIVERED', count: 5 }, { type: 'SEND', status: 'QUEUED', count: 1 }], schedule: { checked: 2, limit: 20_000, verdicts: { 'on time': 1, late: 1 } },
    expected: { SKAPAT: 5, RADERA: 1 }, regionOfUnit: { LE02: 'blekinge' },
    answerSamples: [{ hour, durations: [100, 200], errors: 1 }, { hour: hour + 3_600_000, durations: [7], errors: 0 }],
  });
  const merged = mergeShardFigures([{ figures: a, line: line(1, a) }, { figures: b, line: line(2, b) }], [], { month: '2022-05', regions: ['varmland', 'blekinge'], scale: 1, wallMs: 9_000, stateDir: '/s', journalExternal: false, parentRssPeakBytes: 1 });
  expect([merged.certificates, merged.issued, merged.stepCount, merged.standaloneNotReplayed]).toEqual([15, 14, 60, 3]);
  expect(merged.cpuMs).toBe(1_500);
  expect(merged.rssPeakBytes).toBe(350 * 2 ** 20);
  expect(merged.wallMs).toBe(9_000);
  expect(merged.interrupted).toBe(true);
  expect(merged.steps.create).toEqual({ ok: 2, already: 0, failed: 0 });
  expect(merged.expected).toEqual({ SKAPAT: 15, RADERA: 1 });
  expect(merged.regionOfUnit).toEqual({ LE01: 'varmland', LE02: 'blekinge' });
  expect(merged.certificateMessages).toEqual([{ type: 'STORE', status: 'DELIVERED', count: 14 }, { type: 'SEND', status: 'QUEUED', count: 1 }]);
  expect(merged.schedule).toEqual({ checked: 3, limit: 40_000, verdicts: { 'on time': 2, late: 1 } });
  // All six answers: 1, 2, 3, 7, 100, 200. The median of the medians would be (2 + 100 or 7) / 2.
  expect(merged.answerTimes.overall).toEqual({ deliveries: 6, errors: 1, p50Ms: 7, p99Ms: 200 });
  expect(merged.answerTimes.hours.map((h) => [h.deliveries, h.p50Ms])).toEqual([[5, 3], [1, 7]]);
  expect(merged.shards!.map((s) => s.shard)).toEqual([1, 2]);
});
