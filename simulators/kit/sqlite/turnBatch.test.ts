/** A party's changes committed in batches of two event-loop turns (turnBatch.ts, docs/decisions/0048). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { test, expect } from '@playwright/test';
import { useDurableFile } from './durableFile.js';
import { TurnBatch } from './turnBatch.js';

const dirs: string[] = [];
test.afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A file with one table, the batch writing to it, and a second connection that sees only what is committed. */
function opened(turns?: 1 | 2) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turn-batch-'));
  dirs.push(dir);
  const file = path.join(dir, 'state.sqlite');
  const db = new Database(file);
  useDurableFile(db);
  db.exec('CREATE TABLE fact (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
  const insert = db.prepare<[string]>('INSERT INTO fact (text) VALUES (?)');
  const batch = new TurnBatch(db, (cause) => new Error(`the test file could not commit: ${String(cause)}`), turns);
  const reader = new Database(file, { readonly: true });
  const committed = () => reader.prepare<[], string>('SELECT text FROM fact ORDER BY id').pluck().all();
  return { db, batch, insert, committed, close: () => (reader.close(), db.close()) };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

test.describe('a batch of changes to a party\'s file', () => {
  test('two writes in consecutive turns share one commit, and each waiter learns only after it', async () => {
    const { batch, insert, committed, close } = opened();
    batch.writeStatement(() => insert.run('first'));
    const first = batch.flushed();
    let firstSettled = false;
    void first.then(() => (firstSettled = true));
    await nextTurn();
    // The first write's turn is over: with a commit per turn it would be in the file now.
    expect(committed()).toEqual([]);
    expect(firstSettled).toBe(false);
    batch.write(() => insert.run('second'));
    expect(batch.flushed()).toBe(first);
    await first;
    expect(committed()).toEqual(['first', 'second']);
    expect(batch.pending).toBe(false);
    close();
  });

  test('with one turn, a write is committed at the end of its own turn, as before', async () => {
    const { batch, insert, committed, close } = opened(1);
    batch.writeStatement(() => insert.run('first'));
    await nextTurn();
    expect(committed()).toEqual(['first']);
    close();
  });

  test('a commit called at once commits now, and the next write opens a batch of its own', async () => {
    const { batch, insert, committed, close } = opened();
    batch.writeStatement(() => insert.run('first'));
    batch.commit();
    expect(committed()).toEqual(['first']);
    batch.writeStatement(() => insert.run('second'));
    const second = batch.flushed();
    await nextTurn();
    // The first batch's pending turn end does not commit the second one early.
    expect(committed()).toEqual(['first']);
    await second;
    expect(committed()).toEqual(['first', 'second']);
    close();
  });

  test('a commit that fails rejects its waiters with the party\'s error and tells the lost listeners', async () => {
    const { db, batch, insert, committed, close } = opened();
    let lost = 0;
    batch.onLost(() => lost++);
    db.exec('CREATE TABLE child (fact_id INTEGER NOT NULL REFERENCES fact (id) DEFERRABLE INITIALLY DEFERRED)');
    db.pragma('foreign_keys = ON');
    batch.writeStatement(() => insert.run('kept only if the commit works'));
    // A deferred foreign key makes the COMMIT itself fail.
    batch.writeStatement(() => db.prepare('INSERT INTO child (fact_id) VALUES (99)').run());
    await expect(batch.flushed()).rejects.toThrow(/the test file could not commit/);
    expect(lost).toBe(1);
    expect(committed()).toEqual([]);
    expect(db.inTransaction).toBe(false);
    close();
  });
});
