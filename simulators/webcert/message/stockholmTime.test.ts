import { test, expect } from '@playwright/test';
import { parseStockholmDateTime, stockholmDate, stockholmTimestamp, stockholmTimestampMillis } from './stockholmTime.js';

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

test.describe('reading Stockholm local timestamps back', () => {
  test('a local time without zone is Stockholm time: UTC+2 in summer, UTC+1 in winter', () => {
    expect(parseStockholmDateTime('2026-07-01T12:30:00')).toBe(Date.UTC(2026, 6, 1, 10, 30));
    expect(parseStockholmDateTime('2026-12-01T12:30:00.250')).toBe(Date.UTC(2026, 11, 1, 11, 30, 0, 250));
  });

  test('a time with a zone designator is that instant', () => {
    expect(parseStockholmDateTime('2026-07-01T12:30:00Z')).toBe(Date.UTC(2026, 6, 1, 12, 30));
    expect(parseStockholmDateTime('2026-07-01T12:30:00+01:00')).toBe(Date.UTC(2026, 6, 1, 11, 30));
  });

  test('round trip with what Webcert writes, across both changes', () => {
    for (const ms of [Date.UTC(2025, 2, 30, 0, 59, 59, 999), Date.UTC(2025, 2, 30, 1, 0, 0, 0), Date.UTC(2025, 9, 26, 0, 30), Date.UTC(2025, 9, 26, 2, 0), Date.UTC(2026, 6, 1, 10, 30, 0, 7)]) {
      const back = parseStockholmDateTime(stockholmTimestampMillis(ms));
      // The repeated autumn hour reads as its first occurrence.
      expect(back === ms || back === ms - 3_600_000).toBe(true);
    }
    expect(parseStockholmDateTime('2025-10-26T02:30:00')).toBe(Date.UTC(2025, 9, 26, 0, 30));
  });

  test('the hour that does not exist in spring moves forward by the gap', () => {
    expect(parseStockholmDateTime('2025-03-30T02:30:00')).toBe(Date.UTC(2025, 2, 30, 1, 30));
  });

  test('anything else is not a time', () => {
    expect(parseStockholmDateTime('igår')).toBeNaN();
    expect(parseStockholmDateTime('2026-07-01')).toBeNaN();
  });
});
