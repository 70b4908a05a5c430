/** The summary's explanation of planned against made: from the replay's facts, not a guess. */
import { expect, test } from '@playwright/test';
import { loadReferenceData } from '../sessions/data/referenceData.js';
import { expectedEvents, planMonth, STEP_KINDS, type StepKind } from './monthPlan.js';
import type { MonthReplayResult } from './monthReplay.js';
import { explainDifference, type DifferenceFacts } from './plannedAgainstMade.js';
import { replayFigures } from './replayFigures.js';
import { replaySummaryLines } from './replaySummary.js';

const steps = (failed: Partial<Record<StepKind, number>> = {}) =>
  Object.fromEntries(STEP_KINDS.map((k) => [k, { ok: 10, already: 0, failed: failed[k] ?? 0 }])) as DifferenceFacts['steps'];
const facts = (over: Partial<DifferenceFacts> = {}): DifferenceFacts => ({ steps: steps(), certificateMessages: [], interrupted: false, resumed: false, ...over });

test('SKICKA short: the sends Webcert could not deliver to Intygstjänsten, and the send steps that failed, counted', () => {
  const why = explainDifference('SKICKA', -5, facts({
    steps: steps({ send: 2 }),
    certificateMessages: [
      { type: 'SEND', status: 'DELIVERED', count: 40 },
      { type: 'SEND', status: 'DEAD_LETTER', count: 2 },
      { type: 'SEND', status: 'REDELIVERY', count: 1 },
      { type: 'STORE', status: 'DEAD_LETTER', count: 7 },
    ],
  }));
  expect(why).toBe('2 send step(s) failed; 2 send(s) to Intygstjänsten in the dead-letter queue; 1 send(s) still queued toward Intygstjänsten');
  expect(why).not.toMatch(/restart/);
});

test('a shortfall nothing in the data explains is said to be unexplained; stopped early is said; none when planned equals made', () => {
  expect(explainDifference('SKICKA', -3, facts())).toBe('not explained by failed steps or by the certificate queue: look at the state folder');
  expect(explainDifference('SIGNAT', -3, facts({ interrupted: true, steps: steps({ sign: 1 }) }))).toBe('stopped early: the steps not made yet come with --resume; 1 sign step(s) failed');
  expect(explainDifference('MAKULE', 0, facts())).toBeUndefined();
});

test('ANDRAT and more than planned: a batch or a restart only when there was one', () => {
  expect(explainDifference('ANDRAT', -4, facts())).toBe('edits in one batch, as in Webcert');
  expect(explainDifference('ANDRAT', -4, facts({ resumed: true }))).toBe('edits in one batch, or a batch lost with a killed process, as in Webcert');
  expect(explainDifference('ANDRAT', 2, facts({ resumed: true }))).toBe('an edit made again after the restart, as a user saving twice would');
  expect(explainDifference('SKAPAT', 1, facts())).toBe('more than the plan makes, not explained by a restart: look at the state folder');
});

test('the summary line of an event made short names the undelivered sends and shows the certificate queue', () => {
  const plan = planMonth(loadReferenceData().statistics, { month: '2022-05', regions: ['blekinge'], scale: 0.05, days: 3 });
  const expected = expectedEvents(plan);
  const planned = expected.get('SKICKA')!;
  expect(planned).toBeGreaterThan(1);
  const result = {
    plan,
    interrupted: false,
    resumed: false,
    wallMs: 1_000,
    rssPeakBytes: 0,
    steps: steps(),
    failures: [],
    notifications: [...expected].map(([eventCode, count]) => ({ logicalAddress: 'unit', eventCode, status: 'SUCCESS' as const, count: eventCode === 'SKICKA' ? count - 1 : count, resent: 0, deliveries: count })),
    certificateMessages: [{ type: 'SEND' as const, status: 'DELIVERED' as const, count: planned - 1 }, { type: 'SEND' as const, status: 'DEAD_LETTER' as const, count: 1 }],
    schedule: { checked: 0, limit: 20_000, verdicts: {} },
    expected,
    regionOfUnit: new Map([['unit', 'blekinge']]),
    answerTimes: { overall: { deliveries: 0, p50Ms: 0, p99Ms: 0, errors: 0 }, hours: [] },
    stateDir: '/tmp/x',
    journalExternal: false,
  } satisfies MonthReplayResult;
  const lines = replaySummaryLines(replayFigures(result), 1_000_000);
  expect(lines.find((l) => l.trim().startsWith('SKICKA'))).toContain('(-1: 1 send(s) to Intygstjänsten in the dead-letter queue)');
  expect(lines.find((l) => l.trim().startsWith('SIGNAT'))).not.toContain('(');
  expect(lines).toContain(`  Webcert's certificate queue toward Intygstjänsten: SEND delivered ${planned - 1}, dead-letter 1`);
});
