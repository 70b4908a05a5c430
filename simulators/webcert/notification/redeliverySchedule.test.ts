import { test, expect } from '@playwright/test';
import {
  allWaits,
  DEFAULT_REDELIVERY_PROFILE,
  formatWait,
  parseRedeliverySchedule,
  REDELIVERY_PROFILES,
  redeliveryProfile,
  waitAfterAttempt,
} from './redeliverySchedule.js';

const S = 1_000;
const MIN = 60_000;
const H = 3_600_000;
const D = 86_400_000;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

test.describe('redelivery schedule', () => {
  test("Webcert's standard template parses to 30 deliveries and six waits", () => {
    expect(parseRedeliverySchedule('30#1:m,5:m,1:h,6:h,12:h,1:d')).toEqual({
      notation: '30#1:m,5:m,1:h,6:h,12:h,1:d',
      maxDeliveries: 30,
      waits: [MIN, 5 * MIN, H, 6 * H, 12 * H, D],
    });
    expect(parseRedeliverySchedule('  1#10:s ')).toEqual({ notation: '1#10:s', maxDeliveries: 1, waits: [10 * S] });
  });

  test('the two profiles: forum-2022 (default) and webcert-7', () => {
    expect(DEFAULT_REDELIVERY_PROFILE).toBe('forum-2022');
    expect(REDELIVERY_PROFILES['forum-2022'].schedule.waits).toEqual([MIN, 5 * MIN, 30 * MIN, 60 * MIN, 4 * H, D]);
    expect(REDELIVERY_PROFILES['forum-2022'].schedule.maxDeliveries).toBe(30);
    expect(REDELIVERY_PROFILES['webcert-7'].schedule.notation).toBe('30#1:m,5:m,1:h,6:h,12:h,1:d');
    expect(redeliveryProfile('webcert-7').name).toBe('webcert-7');
    expect(() => redeliveryProfile('webcert-8')).toThrow('unknown redelivery profile "webcert-8"; known profiles: forum-2022, webcert-7');
  });

  test('waitAfterAttempt: the last wait repeats, none after the last delivery', () => {
    const s = REDELIVERY_PROFILES['webcert-7'].schedule;
    expect(waitAfterAttempt(s, 1)).toBe(MIN);
    expect(waitAfterAttempt(s, 2)).toBe(5 * MIN);
    expect(waitAfterAttempt(s, 5)).toBe(12 * H);
    expect(waitAfterAttempt(s, 6)).toBe(D);
    expect(waitAfterAttempt(s, 29)).toBe(D);
    expect(waitAfterAttempt(s, 30)).toBeUndefined();
    expect(waitAfterAttempt(s, 31)).toBeUndefined();
    expect(waitAfterAttempt(s, 0)).toBeUndefined();
    expect(waitAfterAttempt(s, 1.5)).toBeUndefined();
  });

  test('webcert-7 spans 24 d 19 h 6 min from first to 30th delivery; forum-2022 24 d 5 h 36 min', () => {
    const webcert = allWaits(REDELIVERY_PROFILES['webcert-7'].schedule);
    expect(webcert).toHaveLength(29);
    expect(sum(webcert)).toBe(24 * D + 19 * H + 6 * MIN);
    expect(formatWait(sum(webcert))).toBe('24 d 19 h 6 min');

    const forum = allWaits(REDELIVERY_PROFILES['forum-2022'].schedule);
    expect(forum.slice(0, 6)).toEqual([MIN, 5 * MIN, 30 * MIN, H, 4 * H, D]);
    expect(formatWait(sum(forum))).toBe('24 d 5 h 36 min');
  });

  test('a schedule with one delivery has no waits', () => {
    expect(allWaits(parseRedeliverySchedule('1#10:s'))).toEqual([]);
  });

  test('bad notation is refused with the expected form and an example', () => {
    const expected = (n: string) =>
      `redelivery schedule "${n}" is not in Webcert's notation maxDeliveries#value:unit,... (units s, m, h, d; numbers 1-99), e.g. 30#1:m,5:m,1:h,6:h,12:h,1:d`;
    for (const bad of ['', '30', '30#', '0#1:m', '100#1:m', '30#1:w', '30#0:m', '30#1:m,', '30#1m', '30# 1:m', '30#1:m;5:m', '30#100:m']) {
      expect(() => parseRedeliverySchedule(bad), bad).toThrow(expected(bad));
    }
  });

  test('formatWait writes durations the way people write schedules', () => {
    expect(formatWait(MIN)).toBe('1 min');
    expect(formatWait(4 * H)).toBe('4 h');
    expect(formatWait(D + 2 * H)).toBe('1 d 2 h');
    expect(formatWait(90 * S)).toBe('1 min 30 s');
    expect(formatWait(1_500)).toBe('1 s 500 ms');
    expect(formatWait(0)).toBe('0 ms');
    expect(formatWait(59_999.6)).toBe('1 min');
  });
});
