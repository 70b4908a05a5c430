import { test, expect } from '@playwright/test';
import { stockholmDate, stockholmTimestamp, stockholmTimestampMillis } from './stockholmTime.js';

test.describe('Stockholm local timestamps', () => {
  test('summer time is UTC+2, winter time UTC+1', () => {
    expect(stockholmTimestampMillis(Date.UTC(2025, 6, 1, 12, 0, 0, 5))).toBe('2025-07-01T14:00:00.005');
    expect(stockholmTimestampMillis(Date.UTC(2025, 11, 1, 12, 0, 0, 5))).toBe('2025-12-01T13:00:00.005');
    expect(stockholmTimestamp(Date.UTC(2025, 6, 1, 12, 0, 0, 999))).toBe('2025-07-01T14:00:00');
  });

  test('around the spring change (2025-03-30 02:00 → 03:00)', () => {
    expect(stockholmTimestampMillis(Date.UTC(2025, 2, 30, 0, 59, 59, 999))).toBe('2025-03-30T01:59:59.999');
    expect(stockholmTimestampMillis(Date.UTC(2025, 2, 30, 1, 0, 0, 0))).toBe('2025-03-30T03:00:00.000');
  });

  test('around the autumn change (2025-10-26 03:00 → 02:00): the hour repeats', () => {
    expect(stockholmTimestampMillis(Date.UTC(2025, 9, 26, 0, 30, 0, 0))).toBe('2025-10-26T02:30:00.000');
    expect(stockholmTimestampMillis(Date.UTC(2025, 9, 26, 1, 30, 0, 0))).toBe('2025-10-26T02:30:00.000');
  });

  test('midnight is 00, the date follows Stockholm, not UTC', () => {
    expect(stockholmTimestampMillis(Date.UTC(2025, 5, 14, 22, 0, 0, 0))).toBe('2025-06-15T00:00:00.000');
    expect(stockholmDate(Date.UTC(2025, 11, 31, 23, 30))).toBe('2026-01-01');
  });

  test('a non-number is refused', () => {
    expect(() => stockholmTimestamp(Number.NaN)).toThrow(/virtual-clock milliseconds/);
  });
});
