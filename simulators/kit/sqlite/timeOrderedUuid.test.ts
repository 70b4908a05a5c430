/** Ids that an index takes at its end: version-7 UUIDs (docs/decisions/0042). */
import { randomUUID } from 'node:crypto';
import { test, expect } from '@playwright/test';
import { timeOrderedUuid } from './timeOrderedUuid.js';

const UUID_7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test.describe('a time-ordered UUID', () => {
  test('is a version-7 UUID (RFC 9562) whose first 48 bits are the time it was made, in milliseconds', () => {
    const at = Date.parse('2022-05-01T08:00:00.123Z');
    const id = timeOrderedUuid(at);
    expect(id).toMatch(UUID_7);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
    expect(timeOrderedUuid()).toMatch(UUID_7);
  });

  test('ids made later sort after ids made earlier, as text, where random UUIDs land anywhere', () => {
    const start = Date.parse('2022-05-01T08:00:00Z');
    const made = Array.from({ length: 2_000 }, (_, i) => timeOrderedUuid(start + i * 7));
    expect([...made].sort()).toEqual(made);
    const random = Array.from({ length: 2_000 }, () => randomUUID());
    expect([...random].sort()).not.toEqual(random);
  });

  test('ids made in the same millisecond differ (74 random bits)', () => {
    const at = Date.now();
    const ids = new Set(Array.from({ length: 10_000 }, () => timeOrderedUuid(at)));
    expect(ids.size).toBe(10_000);
  });
});
