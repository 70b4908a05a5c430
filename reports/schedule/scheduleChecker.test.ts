import { test, expect } from '@playwright/test';
import { allWaits, parseRedeliverySchedule, REDELIVERY_PROFILES } from '../../simulators/webcert/notification/redeliverySchedule.js';
import { checkSchedule, scheduleCheckMarkdown } from './scheduleChecker.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const MIN = 60_000;
const H = 3_600_000;
const D = 86_400_000;

/** Attempt times: the first at T0, then each wait (plus `extra(i)` ms) after the previous one. */
function series(waits: number[], extra: (i: number) => number = () => 0): number[] {
  const times = [T0];
  waits.forEach((w, i) => times.push(times[i]! + w + extra(i)));
  return times;
}

const forumWaits = allWaits(REDELIVERY_PROFILES['forum-2022'].schedule);
const webcertWaits = allWaits(REDELIVERY_PROFILES['webcert-7'].schedule);

test.describe('schedule checker', () => {
  test('a perfect forum-2022 series of 30 matches only forum-2022 and conforms to it', () => {
    const check = checkSchedule(series(forumWaits), { ended: 'failed' });
    expect(check.matches).toEqual(['forum-2022']);
    expect(check.against).toBe('forum-2022');
    expect(check.conforms).toBe(true);
    expect(check.rows).toHaveLength(30);
    expect(check.rows[0]).toEqual({ attempt: 1, at: T0, verdict: 'first' });
    expect(check.rows[3]).toEqual({ attempt: 4, at: T0 + 36 * MIN, expectedWaitMs: 30 * MIN, observedWaitMs: 30 * MIN, verdict: 'ok' });
  });

  test('a perfect webcert-7 series matches only webcert-7; compared with forum-2022 it is late', () => {
    const times = series(webcertWaits);
    const check = checkSchedule(times, { ended: 'failed' });
    expect(check.matches).toEqual(['webcert-7']);
    expect(check.against).toBe('webcert-7');
    expect(check.conforms).toBe(true);

    const againstForum = checkSchedule(times, { against: 'forum-2022' });
    expect(againstForum.conforms).toBe(false);
    expect(againstForum.rows[3]).toMatchObject({ attempt: 4, expectedWaitMs: 30 * MIN, observedWaitMs: H, verdict: 'late' });
    expect(againstForum.matches).toEqual(['webcert-7']);
  });

  test('the first two waits (1 min, 5 min) are common to both profiles', () => {
    const check = checkSchedule([T0, T0 + MIN, T0 + 6 * MIN]);
    expect(check.matches).toEqual(['forum-2022', 'webcert-7']);
    expect(check.rows.map((r) => r.verdict)).toEqual(['first', 'ok', 'ok']);
  });

  test('an attempt later than the wait allows is "late" and the series matches nothing', () => {
    const times = series(webcertWaits.slice(0, 4), (i) => (i === 2 ? 31_000 : 0));
    const check = checkSchedule(times, { against: 'webcert-7' });
    expect(check.rows[3]).toMatchObject({ attempt: 4, expectedWaitMs: H, observedWaitMs: H + 31_000, verdict: 'late' });
    expect(check.matches).toEqual([]);
    expect(check.conforms).toBe(false);
    expect(checkSchedule(times, { against: 'webcert-7', toleranceMs: 30_000 }).rows[3]?.verdict).toBe('late');
  });

  test('an attempt earlier than the wait is "early"', () => {
    const check = checkSchedule([T0, T0 + 59_999], { against: 'forum-2022' });
    expect(check.rows[1]).toMatchObject({ expectedWaitMs: MIN, observedWaitMs: 59_999, verdict: 'early' });
    expect(check.matches).toEqual([]);
  });

  test('with toleranceMs 30000 a Webcert-like series (each wait + 0..30 s of job latency) matches webcert-7', () => {
    const latency = (i: number) => ((i * 7_919) % 30_001); // spread over 0..30 000 ms, includes 0
    const times = series(webcertWaits, latency);
    expect(checkSchedule(times).matches).toEqual([]);
    const check = checkSchedule(times, { toleranceMs: 30_000, ended: 'failed' });
    expect(check.matches).toEqual(['webcert-7']);
    expect(check.conforms).toBe(true);
    expect(checkSchedule(series(webcertWaits, () => 30_000), { toleranceMs: 30_000 }).matches).toEqual(['webcert-7']);
  });

  test('a 31st attempt is "extra" and the series matches no profile', () => {
    const times = series([...webcertWaits, D]);
    const check = checkSchedule(times, { against: 'webcert-7' });
    expect(check.rows).toHaveLength(31);
    expect(check.rows[30]).toMatchObject({ attempt: 31, observedWaitMs: D, verdict: 'extra' });
    expect(check.rows[30]?.expectedWaitMs).toBeUndefined();
    expect(check.matches).toEqual([]);
    expect(check.conforms).toBe(false);
  });

  test('ended "failed" needs all 30 deliveries; delivered or open series may be shorter', () => {
    const times = series(webcertWaits.slice(0, 10));
    expect(checkSchedule(times, { ended: 'failed' }).matches).toEqual([]);
    expect(checkSchedule(times, { ended: 'delivered' }).matches).toEqual(['webcert-7']);
    expect(checkSchedule(times, { ended: 'open' }).matches).toEqual(['webcert-7']);
  });

  test('a single attempt matches both; against a custom schedule uses its notation', () => {
    expect(checkSchedule([T0]).matches).toEqual(['forum-2022', 'webcert-7']);
    const custom = parseRedeliverySchedule('3#10:s');
    const check = checkSchedule([T0, T0 + 10_000, T0 + 20_000, T0 + 30_000], { against: custom });
    expect(check.against).toBe('3#10:s');
    expect(check.rows.map((r) => r.verdict)).toEqual(['first', 'ok', 'ok', 'extra']);
  });

  test('empty, unordered input and an unknown profile are refused with a clear message', () => {
    expect(() => checkSchedule([])).toThrow('schedule check needs at least one observed attempt');
    expect(() => checkSchedule([T0, T0 + MIN, T0 + 30_000])).toThrow(
      `attempt 3 (${T0 + 30_000}) is earlier than attempt 2 (${T0 + MIN}); give the times in order`,
    );
    expect(() => checkSchedule([T0], { against: 'webcert-9' })).toThrow('unknown redelivery profile "webcert-9"; known: forum-2022, webcert-7');
  });

  test('markdown: Swedish headers, the compared profile, one row per attempt', () => {
    const check = checkSchedule([T0, T0 + MIN, T0 + 6 * MIN, T0 + 6 * MIN + H + 45_000], { against: 'webcert-7', toleranceMs: 30_000 });
    const md = scheduleCheckMarkdown(check);
    expect(md.split('\n')).toEqual([
      '### Omsändningsschema',
      '',
      'Jämfört med profil **webcert-7**. Serien stämmer med: **ingen känd profil**.',
      '',
      '| Försök | Förväntad väntan | Observerad väntan | Bedömning |',
      '|---:|---|---|---|',
      '| 1 | – | – | första leveransen |',
      '| 2 | 1 min | 1 min | enligt schema |',
      '| 3 | 5 min | 5 min | enligt schema |',
      '| 4 | 1 h | 1 h 45 s | för sent |',
    ]);
  });

  test('markdown lists every matching profile, the title can be given, and early/extra read in Swedish', () => {
    expect(scheduleCheckMarkdown(checkSchedule([T0, T0 + MIN]), 'Intyg c-1')).toContain(
      '### Intyg c-1\n\nJämfört med profil **forum-2022**. Serien stämmer med: **forum-2022**, **webcert-7**.',
    );
    expect(scheduleCheckMarkdown(checkSchedule([T0, T0 + 1_000]))).toContain('| 2 | 1 min | 1 s | för tidigt |');
    const extra = scheduleCheckMarkdown(checkSchedule([T0, T0 + 10_000], { against: parseRedeliverySchedule('1#10:s') }));
    expect(extra).toContain('| 2 | – | 10 s | fler försök än schemat tillåter |');
  });
});
