/** The pragmas every party's SQLite file is opened with. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { test, expect } from '@playwright/test';
import { FILE_PAGE_CACHE_KIB, useDurableFile } from './durableFile.js';
import { JOURNAL_PAGE_SIZE, JOURNAL_WAL_CHECKPOINT_BYTES, SCHEMA_SQL_VERSION_1, openJournalDatabase } from '../journal/journalDatabase.js';

const dirs: string[] = [];
test.afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
function tempFile(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'durable-file-'));
  dirs.push(dir);
  return path.join(dir, name);
}

test.describe('a party\'s SQLite file', () => {
  test('is in WAL mode with synchronous NORMAL and a page cache smaller than better-sqlite3\'s 16,000 KiB', () => {
    const db = new Database(tempFile('state.sqlite'));
    expect(db.pragma('cache_size', { simple: true })).toBe(-16_000);
    useDurableFile(db);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.pragma('cache_size', { simple: true })).toBe(-FILE_PAGE_CACHE_KIB);
    expect(FILE_PAGE_CACHE_KIB).toBeLessThan(16_000);
    db.close();
  });

  test('the traffic journal\'s file is opened so, with 4 KiB pages and a checkpoint every 16 MiB of WAL', () => {
    const file = tempFile('journal.sqlite');
    const db = openJournalDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('cache_size', { simple: true })).toBe(-FILE_PAGE_CACHE_KIB);
    // 4 KiB pages: a commit of one or two rows rewrites three index leaves and the table's last
    // leaf, each a whole page in the WAL (docs/decisions/0038-journal-write-cost.md).
    expect(JOURNAL_PAGE_SIZE).toBe(4_096);
    expect(db.pragma('page_size', { simple: true })).toBe(4_096);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(4_096);
    expect(JOURNAL_WAL_CHECKPOINT_BYTES).toBe(16 * 1024 * 1024);
    db.close();
  });

  test('a journal file written with 16 KiB pages is opened with them', () => {
    const file = tempFile('journal-16k.sqlite');
    const old = new Database(file);
    old.pragma('page_size = 16384');
    old.pragma('journal_mode = WAL');
    old.exec(SCHEMA_SQL_VERSION_1);
    old.pragma('user_version = 1');
    old.close();
    const db = openJournalDatabase(file);
    expect(db.pragma('page_size', { simple: true })).toBe(16_384);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1_024);
    db.close();
  });
});
