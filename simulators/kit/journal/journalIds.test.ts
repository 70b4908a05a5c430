/** The journal's ids: bound by the writer, never handed out twice, in schema 2 and in an old schema-1 file. */
import path from 'node:path';
import Database from 'better-sqlite3';
import { test, expect } from '@playwright/test';
import { exchange, ids, removeTempDirs, tempDir } from './journalTestSupport.js';
import { JOURNAL_SCHEMA_VERSION, TrafficJournal } from './trafficJournal.js';
import { SCHEMA_SQL_VERSION_1 } from './journalDatabase.js';

test.afterAll(removeTempDirs);

test.describe('traffic journal ids', () => {
  test('a new file has schema 2: ids without AUTOINCREMENT, so no sqlite_sequence row rewritten by every insert', () => {
    const file = path.join(tempDir(), 'new.sqlite');
    TrafficJournal.open({ path: file }).close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(JOURNAL_SCHEMA_VERSION);
    expect(JOURNAL_SCHEMA_VERSION).toBe(2);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['exchange', 'exchange_id_floor']);
    db.close();
  });

  test('ids are never handed out twice: after eviction, after a clear, across reopens', () => {
    const file = path.join(tempDir(), 'ids.sqlite');
    const first = TrafficJournal.open({ path: file, maxEntries: 2 });
    for (let i = 0; i < 5; i++) first.record(exchange());
    expect(ids(first.query())).toEqual([4, 5]);
    first.close();

    // Eviction keeps the newest row, so the next id follows it after a reopen.
    const second = TrafficJournal.open({ path: file, maxEntries: 2, maxBytes: 10 });
    expect(second.record(exchange({ requestBody: 'x'.repeat(50) })).id).toBe(6);
    expect(second.record(exchange({ requestBody: 'y'.repeat(50) })).id).toBe(7);
    expect(ids(second.query())).toEqual([7]);
    second.clear();
    expect(second.count()).toBe(0);
    second.close();

    // The table is empty: the floor the clear left is what keeps ids from starting over at 1.
    const third = TrafficJournal.open({ path: file });
    expect(third.newestId()).toBe(0);
    expect(third.record(exchange()).id).toBe(8);
    third.clear();
    expect(third.record(exchange()).id).toBe(9);
    third.clear();
    third.close();
    const fourth = TrafficJournal.open({ path: file });
    expect(fourth.record(exchange()).id).toBe(10);
    fourth.close();
  });

  test('a schema-1 file (AUTOINCREMENT) is opened, read and written: ids go on from its sqlite_sequence', () => {
    const file = path.join(tempDir(), 'v1.sqlite');
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    old.exec(SCHEMA_SQL_VERSION_1);
    old.pragma('user_version = 1');
    const insert = old.prepare(
      "INSERT INTO exchange (side, from_party, to_party, operation, method, url, started_at, duration_ms, outcome, certificate_id, request_body) VALUES ('outbound', 'webcert', 'journal', 'CertificateStatusUpdateForCare', 'POST', 'http://127.0.0.1:4000/status', 1700000000000, 12, 'ok', ?, ?)",
    );
    for (let i = 1; i <= 4; i++) insert.run(`c-${i}`, `<body ${i}/>`);
    old.prepare('DELETE FROM exchange WHERE id >= 3').run(); // the newest rows gone: only sqlite_sequence remembers 4
    old.close();

    const journal = TrafficJournal.open({ path: file });
    expect(journal.query({ certificateId: 'c-2' })).toEqual([
      { ...exchange(), id: 2, certificateId: 'c-2', requestBody: '<body 2/>' },
    ]);
    expect(journal.record(exchange({ certificateId: 'c-5' })).id).toBe(5);
    journal.clear();
    journal.close();

    const reopened = TrafficJournal.open({ path: file });
    expect(reopened.record(exchange()).id).toBe(6);
    reopened.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'exchange'").pluck().get()).toBe(6);
    db.close();
  });
});
