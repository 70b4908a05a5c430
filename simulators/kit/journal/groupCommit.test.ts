/** Group commit in the traffic journal: one transaction per two turns of the event loop, settled only after it committed. */
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { GroupCommit } from './groupCommit.js';
import { exchange, ids, removeTempDirs, tempDir } from './journalTestSupport.js';
import { TrafficJournal } from './trafficJournal.js';

test.afterAll(removeTempDirs);

test.describe('group commit', () => {
  test('items of one turn are committed together, and each promise settles only after that commit', async () => {
    const commits: number[][] = [];
    const settled: number[] = [];
    const group = new GroupCommit<number, string>((items) => {
      commits.push([...items]);
      return items.map((n) => `stored ${n}`);
    });
    const promises = [1, 2, 3].map((n) => group.add(n).then((r) => (settled.push(n), r)));
    expect(commits).toEqual([]);
    expect(group.size).toBe(3);
    await Promise.resolve();
    expect(settled).toEqual([]);
    expect(await Promise.all(promises)).toEqual(['stored 1', 'stored 2', 'stored 3']);
    expect(commits).toEqual([[1, 2, 3]]);
    await group.add(4);
    expect(commits).toEqual([[1, 2, 3], [4]]);
  });

  test('an item that comes after the first turn ended still joins the group: the commit waits one turn more', async () => {
    const commits: number[][] = [];
    const group = new GroupCommit<number, number>((items) => (commits.push([...items]), items));
    const first = group.add(1);
    // Runs after the first turn's check phase began, as a request read in the next poll phase would.
    const second = new Promise<number>((resolve) => setImmediate(() => resolve(group.add(2))));
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(commits).toEqual([[1, 2]]);
  });

  test('maxRows commits at once; a failed commit rejects every item of its group and the next group goes on', async () => {
    let fail = false;
    const commits: number[][] = [];
    const group = new GroupCommit<number, number>(
      (items) => {
        if (fail) throw new Error('disk full');
        commits.push([...items]);
        return items;
      },
      { maxRows: 2 },
    );
    const a = group.add(1);
    const b = group.add(2);
    expect(commits).toEqual([[1, 2]]);
    expect(await Promise.all([a, b])).toEqual([1, 2]);
    fail = true;
    const failed = [group.add(3), group.add(4)].map((p) => p.catch((e: Error) => e.message));
    expect(await Promise.all(failed)).toEqual(['disk full', 'disk full']);
    fail = false;
    expect(await group.add(5)).toBe(5);
  });

  test('commitWith commits what waits and its own item in one commit, now; a failure rejects the waiting and throws', async () => {
    let fail = false;
    const commits: number[][] = [];
    const group = new GroupCommit<number, string>((items) => {
      if (fail) throw new Error('disk full');
      commits.push([...items]);
      return items.map((n) => `stored ${n}`);
    });
    const waiting = [group.add(1), group.add(2)];
    expect(group.commitWith(3)).toBe('stored 3');
    expect(commits).toEqual([[1, 2, 3]]);
    expect(group.size).toBe(0);
    expect(await Promise.all(waiting)).toEqual(['stored 1', 'stored 2']);
    // No timer is left: nothing more is committed on a later turn.
    await new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
    expect(commits).toEqual([[1, 2, 3]]);
    expect(group.commitWith(4)).toBe('stored 4');
    expect(commits).toEqual([[1, 2, 3], [4]]);

    fail = true;
    const rejected = group.add(5).catch((e: Error) => e.message);
    expect(() => group.commitWith(6)).toThrow('disk full');
    expect(await rejected).toBe('disk full');
  });

  test('maxDelayMs waits for more items before committing', async () => {
    const commits: number[][] = [];
    const group = new GroupCommit<number, number>((items) => (commits.push([...items]), items), { maxDelayMs: 30 });
    const first = group.add(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(commits).toEqual([]);
    const second = group.add(2);
    await Promise.all([first, second]);
    expect(commits).toEqual([[1, 2]]);
    expect(() => new GroupCommit(() => [], { maxRows: 0 })).toThrow('maxRows must be a whole number ≥ 1, got 0');
  });
});

test.describe('traffic journal: recordBatched', () => {
  test('entries of one turn land together, in call order with record(), and every read sees them', async () => {
    const journal = TrafficJournal.open({ path: ':memory:' });
    const seen: number[] = [];
    journal.onRecord((e) => seen.push(e.id));
    const a = journal.recordBatched(exchange({ certificateId: 'c-1', personId: '19121212-1212' }));
    const b = journal.recordBatched(exchange({ certificateId: 'c-2' }));
    expect(seen).toEqual([]);
    // A synchronous record commits what waits first, in its own transaction: ids follow the calls.
    expect(journal.record(exchange({ certificateId: 'c-3' })).id).toBe(3);
    expect(seen).toEqual([1, 2, 3]);
    expect(await a).toEqual({ ...exchange({ certificateId: 'c-1' }), id: 1, personId: '191212121212' });
    expect((await b).id).toBe(2);

    const c = journal.recordBatched(exchange({ certificateId: 'c-4' }));
    // A read commits what waits: nothing recorded is invisible to a reader in this process.
    expect(journal.query().map((e) => e.certificateId)).toEqual(['c-1', 'c-2', 'c-3', 'c-4']);
    expect((await c).id).toBe(4);
    journal.close();
  });

  test('a group over maxEntries and maxBytes leaves the same entries as one record at a time', async () => {
    const bodies = (i: number) => ({ requestBody: 'x'.repeat(100 * i), messageId: `m-${i}` });
    const oneByOne = TrafficJournal.open({ path: ':memory:', maxEntries: 4, maxBytes: 2000 });
    for (let i = 1; i <= 9; i++) oneByOne.record(exchange(bodies(i)));
    const grouped = TrafficJournal.open({ path: ':memory:', maxEntries: 4, maxBytes: 2000 });
    await Promise.all(Array.from({ length: 9 }, (_, k) => grouped.recordBatched(exchange(bodies(k + 1)))));
    expect(ids(grouped.query())).toEqual(ids(oneByOne.query()));
    expect(ids(grouped.query())).toEqual([8, 9]);
    expect(grouped.bodyBytes()).toBe(oneByOne.bodyBytes());
    oneByOne.close();
    grouped.close();
  });

  test('close commits what waits; after close recordBatched is refused; a refused entry is refused at once', async () => {
    const file = path.join(tempDir(), 'journal.sqlite');
    const journal = TrafficJournal.open({ path: file });
    const waiting = journal.recordBatched(exchange({ certificateId: 'c-1' }));
    journal.close();
    expect((await waiting).id).toBe(1);
    expect(() => journal.recordBatched(exchange())).toThrow('Cannot record an exchange: the traffic journal');
    const reopened = TrafficJournal.open({ path: file });
    expect(reopened.query().map((e) => e.certificateId)).toEqual(['c-1']);
    expect(() => reopened.recordBatched({ ...exchange(), url: undefined as unknown as string })).toThrow('url must be text');
    reopened.close();
  });
});
