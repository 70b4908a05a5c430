import { test, expect } from '@playwright/test';
import { parseDuration } from './durations.js';

const message = (v: string | number) =>
  `"${v}" is not a duration; write e.g. 90s, 5m, 4h, 25d, 1d12h or a number of milliseconds`;

test.describe('durations', () => {
  test('the forms people type', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('5min')).toBe(300_000);
    expect(parseDuration('4h')).toBe(14_400_000);
    expect(parseDuration('25d')).toBe(2_160_000_000);
    expect(parseDuration('1d12h')).toBe(129_600_000);
    expect(parseDuration('1d 12h 30m')).toBe(131_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration(' 2m30s ')).toBe(150_000);
  });

  test('plain milliseconds, as text or number', () => {
    expect(parseDuration('1500')).toBe(1_500);
    expect(parseDuration(1500)).toBe(1_500);
    expect(parseDuration(0)).toBe(0);
    expect(parseDuration('0')).toBe(0);
  });

  test('bad input is refused with the accepted forms', () => {
    for (const bad of ['', 'soon', '5 weeks', '5w', '-5m', 'm', '1h x', '1x5m', '5mins', '1,5h', 'h1']) {
      expect(() => parseDuration(bad), bad).toThrow(message(bad));
    }
    expect(() => parseDuration(-5)).toThrow(message(-5));
    expect(() => parseDuration(Number.NaN)).toThrow(message('NaN'));
    expect(() => parseDuration(Number.POSITIVE_INFINITY)).toThrow(message('Infinity'));
    expect(() => parseDuration('9'.repeat(400))).toThrow('is not a duration');
    expect(() => parseDuration(`${'9'.repeat(400)}d`)).toThrow('is not a duration');
    expect(() => parseDuration({ days: 3 } as unknown as string)).toThrow('is not a duration');
  });
});
