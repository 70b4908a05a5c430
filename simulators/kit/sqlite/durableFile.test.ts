/** The pragmas every party's SQLite file is opened with. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { test, expect } from '@playwright/test';
import { FILE_PAGE_CACHE_KIB, useDurableFile } from './durableFile.js';
import { openJournalDatabase } from '../journal/journalDatabase.js';

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

  test('the traffic journal\'s file is opened so', () => {
    const db = openJournalDatabase(tempFile('journal.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('cache_size', { simple: true })).toBe(-FILE_PAGE_CACHE_KIB);
    db.close();
  });
});
