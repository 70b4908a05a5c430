/** The journal's byte cap, next to its row cap. */
import path from 'node:path';
import Database from 'better-sqlite3';
import { test, expect } from '@playwright/test';
import { exchange, ids, removeTempDirs, tempDir } from './journalTestSupport.js';
import { TrafficJournal } from './trafficJournal.js';

test.afterAll(removeTempDirs);

test.describe('traffic journal bounds', () => {
  test('evicts the oldest entries beyond maxBytes of bodies, counts UTF-8 bytes, keeps the newest', () => {
    const journal = TrafficJournal.open({ path: ':memory:', maxBytes: 1000 });
    for (let i = 1; i <= 4; i++) journal.record(exchange({ requestBody: 'a'.repeat(200), responseBody: 'b'.repeat(100) }));
    expect(ids(journal.query())).toEqual([2, 3, 4]);
    expect(journal.bodyBytes()).toBe(900);
    // 'å' is two bytes in UTF-8: 250 characters, 500 bytes.
    journal.record(exchange({ requestBody: 'å'.repeat(250) }));
    expect(ids(journal.query())).toEqual([4, 5]);
    expect(journal.bodyBytes()).toBe(800);
    // Entries without bodies cost nothing against the byte cap.
    journal.record(exchange());
    expect(ids(journal.query())).toEqual([4, 5, 6]);
    // One entry over the whole cap stays, alone.
    journal.record(exchange({ responseBody: 'z'.repeat(5000) }));
    expect(ids(journal.query())).toEqual([7]);
    expect(journal.bodyBytes()).toBe(5000);
    journal.clear();
    expect(journal.bodyBytes()).toBe(0);
    journal.close();
  });

  test('the byte cap holds across a reopen with a smaller cap, and together with the row cap', () => {
    const file = path.join(tempDir(), 'bytes.sqlite');
    const first = TrafficJournal.open({ path: file });
    for (let i = 1; i <= 6; i++) first.record(exchange({ requestBody: 'x'.repeat(100) }));
    first.close();
    const smaller = TrafficJournal.open({ path: file, maxBytes: 250 });
    expect(ids(smaller.query())).toEqual([5, 6]);
    expect(smaller.bodyBytes()).toBe(200);
    smaller.close();
    const both = TrafficJournal.open({ path: file, maxBytes: 250, maxEntries: 1 });
    expect(ids(both.query())).toEqual([6]);
    both.record(exchange({ requestBody: 'y'.repeat(100) }));
    expect(ids(both.query())).toEqual([7]);
    expect(both.bodyBytes()).toBe(100);
    both.close();
  });
  test('an eviction that fails rolls its transaction back and the totals with it: the journal then keeps as many rows as its cap', () => {
    const file = path.join(tempDir(), 'journal.sqlite');
    const journal = TrafficJournal.open({ path: file, maxEntries: 2 });
    journal.record(exchange({ requestBody: 'a'.repeat(100) }));
    journal.record(exchange({ requestBody: 'b'.repeat(100) }));
    const side = new Database(file);
    side.exec("CREATE TRIGGER refuse BEFORE DELETE ON exchange BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
    expect(() => journal.record(exchange({ requestBody: 'c'.repeat(100) }))).toThrow('disk I/O error');
    side.exec('DROP TRIGGER refuse');
    side.close();
    expect(journal.bodyBytes()).toBe(200);
    journal.record(exchange({ requestBody: 'd'.repeat(100) }));
    expect(journal.query().map((entry) => entry.requestBody?.[0])).toEqual(['b', 'd']);
    journal.close();
  });
});
