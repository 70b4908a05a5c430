/** Reading a journal of any size: pages with a cursor, and JSON Lines in chunks. */
import { test, expect } from '@playwright/test';
import type { JournalEntry } from './exchange.js';
import { exchange, ids } from './journalTestSupport.js';
import { TrafficJournal } from './trafficJournal.js';

test.describe('reading the traffic journal', () => {
  test('jsonLines gives one parseable entry per line, in chunks', () => {
    const journal = TrafficJournal.open({ path: ':memory:' });
    journal.record(exchange({ certificateId: 'c-1', requestBody: 'line one\nline "two"' }));
    journal.record(exchange({ certificateId: 'c-2' }));
    journal.record(exchange({ certificateId: 'c-1', responseHeaders: { 'x-a': '1' } }));
    const text = [...journal.jsonLines({ certificateId: 'c-1' })].join('');
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const parsed = lines.map((l) => JSON.parse(l) as JournalEntry);
    expect(parsed.map((e) => e.id)).toEqual([1, 3]);
    expect(parsed[0]?.requestBody).toBe('line one\nline "two"');
    expect(parsed[1]?.responseHeaders).toEqual({ 'x-a': '1' });
    expect([...journal.jsonLines({ certificateId: 'none' })]).toEqual([]);
    expect([...journal.jsonLines({ afterId: 1, limit: 1 })].join('')).toMatch(/^\{"id":2,[^\n]*\n$/);
    journal.close();
  });

  test('jsonLines reads in chunks of about 1 MiB, lets recording go on between them, and stops at the newest entry of its start', () => {
    const journal = TrafficJournal.open({ path: ':memory:' });
    for (let i = 0; i < 300; i++) journal.record(exchange({ messageId: `m-${i}`, requestBody: 'x'.repeat(10_000) }));
    const chunks = journal.jsonLines();
    const first = chunks.next();
    expect(first.done).toBe(false);
    // Recording between chunks works (no statement is held open), and is not part of this export.
    journal.record(exchange({ messageId: 'later' }));
    const rest = [...chunks];
    expect(rest.length).toBeGreaterThanOrEqual(2);
    for (const chunk of [first.value as string, ...rest]) expect(chunk.length).toBeLessThan(1024 * 1024 + 20_000);
    const ids = [first.value as string, ...rest].join('').trimEnd().split('\n').map((l) => (JSON.parse(l) as JournalEntry).id);
    expect(ids).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    journal.close();
    expect(() => journal.jsonLines()).toThrow('Cannot export: the traffic journal at :memory: is closed');
  });

  test('page: a limit and a cursor, oldest first, nextCursor null at the end', () => {
    const journal = TrafficJournal.open({ path: ':memory:' });
    for (let i = 1; i <= 7; i++) journal.record(exchange({ certificateId: i % 2 ? 'odd' : 'even', requestBody: `body-${i}` }));
    const first = journal.page({ certificateId: 'odd', limit: 2, withoutBodies: true });
    expect(ids(first.entries)).toEqual([1, 3]);
    expect(first.entries[0]?.requestBody).toBeUndefined();
    expect(first.nextCursor).toBe('3');
    const second = journal.page({ certificateId: 'odd', limit: 2, afterId: Number(first.nextCursor) });
    expect(ids(second.entries)).toEqual([5, 7]);
    expect(second.entries[0]?.requestBody).toBe('body-5');
    expect(second.nextCursor).toBeNull();
    expect(journal.page().entries).toHaveLength(7);
    expect(journal.page({ limit: 0 })).toEqual({ entries: [], nextCursor: null });
    journal.close();
  });

  test('page with bodies ends early once its bodies pass the character budget, the first entry always in', () => {
    const journal = TrafficJournal.open({ path: ':memory:' });
    for (let i = 0; i < 5; i++) journal.record(exchange({ requestBody: 'x'.repeat(1000) }));
    const page = journal.page({ limit: 5 }, { maxBodyChars: 1500 });
    expect(ids(page.entries)).toEqual([1, 2]);
    expect(page.nextCursor).toBe('2');
    expect(ids(journal.page({ limit: 5 }, { maxBodyChars: 10 }).entries)).toEqual([1]);
    expect(ids(journal.page({ limit: 5, withoutBodies: true }, { maxBodyChars: 10 }).entries)).toEqual([1, 2, 3, 4, 5]);
    journal.close();
  });
});
