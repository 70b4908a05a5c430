import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { test, expect } from '@playwright/test';
import { exchange, ids, removeTempDirs, tempDir } from './journalTestSupport.js';
import { JOURNAL_SCHEMA_VERSION, JournalOpenError, TrafficJournal } from './trafficJournal.js';

test.afterAll(removeTempDirs);

test.describe('traffic journal', () => {
  test('records an exchange and returns it as stored, absent fields absent', () => {
    const journal = TrafficJournal.open({ path: ':memory:' });
    const stored = journal.record(
      exchange({ httpStatus: 200, requestHeaders: { 'content-type': 'text/xml' }, requestBody: '<a/>' }),
    );
    expect(stored).toEqual({ ...exchange(), id: 1, httpStatus: 200, requestHeaders: { 'content-type': 'text/xml' }, requestBody: '<a/>' });
    const fetched = journal.get(1);
    expect(fetched).toEqual(stored);
    expect(Object.keys(fetched!)).not.toContain('certificateId');
    expect(Object.keys(fetched!)).not.toContain('responseHeaders');
    expect(journal.get(99)).toBeUndefined();
    journal.close();
  });

  test('query by each field', () => {
    const journal = TrafficJournal.open({ path: ':memory:' });
    journal.record(exchange({ certificateId: 'c-1', logicalAddress: 'SE1', personId: '19121212-1212', eventCode: 'SKAPAT', messageId: 'm-1' }));
    journal.record(exchange({ side: 'inbound', fromParty: 'journal', toParty: 'webcert', operation: 'CreateDraftCertificate', outcome: 'error', certificateId: 'c-2' }));
    journal.record(exchange({ fromParty: 'webcert', toParty: 'skatteverket', operation: 'RegisterCertificate', personId: '201212121212', logicalAddress: 'SE2' }));
    journal.record(exchange({ certificateId: 'c-1', personId: '191212121212', eventCode: 'SIGNAT', messageId: 'm-2', attempt: 2 }));

    expect(ids(journal.query())).toEqual([1, 2, 3, 4]);
    expect(ids(journal.query({ party: 'journal' }))).toEqual([1, 2, 4]);
    expect(ids(journal.query({ party: 'skatteverket' }))).toEqual([3]);
    expect(ids(journal.query({ fromParty: 'journal' }))).toEqual([2]);
    expect(ids(journal.query({ toParty: 'journal' }))).toEqual([1, 4]);
    expect(ids(journal.query({ operation: 'RegisterCertificate' }))).toEqual([3]);
    expect(ids(journal.query({ certificateId: 'c-1' }))).toEqual([1, 4]);
    expect(ids(journal.query({ logicalAddress: 'SE2' }))).toEqual([3]);
    expect(ids(journal.query({ personId: '191212121212' }))).toEqual([1, 4]);
    expect(ids(journal.query({ personId: '19121212-1212' }))).toEqual([1, 4]);
    expect(ids(journal.query({ eventCode: 'SIGNAT' }))).toEqual([4]);
    expect(ids(journal.query({ messageId: 'm-1' }))).toEqual([1]);
    expect(ids(journal.query({ side: 'inbound' }))).toEqual([2]);
    expect(ids(journal.query({ outcome: 'error' }))).toEqual([2]);
    expect(ids(journal.query({ certificateId: 'c-1', eventCode: 'SKAPAT' }))).toEqual([1]);
    expect(ids(journal.query({ afterId: 2 }))).toEqual([3, 4]);
    expect(ids(journal.query({ afterId: 1, limit: 2 }))).toEqual([2, 3]);
    expect(journal.query({ operation: 'nothing-like-this' })).toEqual([]);
    expect(journal.get(1)?.personId).toBe('191212121212');
    expect(journal.count({ party: 'journal' })).toBe(3);
    expect(journal.count({ party: 'journal', limit: 2 })).toBe(2);
    expect(journal.count()).toBe(4);
    journal.close();
  });

  test('withoutBodies leaves out headers and bodies', () => {
    const journal = TrafficJournal.open({ path: ':memory:' });
    journal.record(exchange({ requestHeaders: { a: 'b' }, requestBody: 'req', responseHeaders: { c: 'd' }, responseBody: 'res', certificateId: 'c-9' }));
    const [listed] = journal.query({ withoutBodies: true });
    expect(listed).toEqual({ ...exchange(), id: 1, certificateId: 'c-9' });
    expect(journal.query()[0]?.responseBody).toBe('res');
    journal.close();
  });

  test('evicts the oldest entries beyond maxEntries', () => {
    const journal = TrafficJournal.open({ path: ':memory:', maxEntries: 5 });
    for (let i = 1; i <= 8; i++) journal.record(exchange({ messageId: `m-${i}` }));
    expect(ids(journal.query())).toEqual([4, 5, 6, 7, 8]);
    expect(journal.count()).toBe(5);
    expect(journal.get(3)).toBeUndefined();
    expect(journal.query({ messageId: 'm-4' })[0]?.id).toBe(4);
    journal.close();
  });

  test('reopening the same file keeps entries, continues ids and holds the bound', () => {
    const file = path.join(tempDir(), 'nested', 'folder', 'journal.sqlite');
    const first = TrafficJournal.open({ path: file, maxEntries: 5 });
    expect(first.path).toBe(file);
    for (let i = 1; i <= 3; i++) first.record(exchange({ certificateId: `c-${i}` }));
    first.close();
    expect(fs.existsSync(file)).toBe(true);

    const second = TrafficJournal.open({ path: file, maxEntries: 5 });
    expect(second.query().map((e) => e.certificateId)).toEqual(['c-1', 'c-2', 'c-3']);
    expect(second.record(exchange({ certificateId: 'c-4' })).id).toBe(4);
    for (let i = 5; i <= 7; i++) second.record(exchange({ certificateId: `c-${i}` }));
    expect(ids(second.query())).toEqual([3, 4, 5, 6, 7]);
    second.close();

    const smaller = TrafficJournal.open({ path: file, maxEntries: 2 });
    expect(ids(smaller.query())).toEqual([6, 7]);
    expect(smaller.record(exchange()).id).toBe(8);
    expect(ids(smaller.query())).toEqual([7, 8]);
    smaller.close();
  });

  test('clear empties the journal and ids keep counting', () => {
    const journal = TrafficJournal.open({ path: ':memory:', maxEntries: 3 });
    journal.record(exchange());
    journal.record(exchange());
    journal.clear();
    expect(journal.count()).toBe(0);
    expect(journal.record(exchange()).id).toBe(3);
    for (let i = 0; i < 3; i++) journal.record(exchange());
    expect(ids(journal.query())).toEqual([4, 5, 6]);
    journal.close();
  });

  test('cuts long bodies with a marker saying how much was cut', () => {
    const journal = TrafficJournal.open({ path: ':memory:', maxBodyChars: 10 });
    const stored = journal.record(exchange({ requestBody: 'x'.repeat(25), responseBody: 'short' }));
    const expected = `${'x'.repeat(10)}\n[samverkan journal: cut 15 of 25 characters]`;
    expect(stored.requestBody).toBe(expected);
    expect(journal.get(stored.id)?.requestBody).toBe(expected);
    expect(journal.get(stored.id)?.responseBody).toBe('short');
    journal.close();
  });

  test('onRecord listener fires for each entry until unsubscribed', () => {
    const journal = TrafficJournal.open({ path: ':memory:' });
    const seen: Array<[number, string | undefined]> = [];
    const unsubscribe = journal.onRecord((e) => seen.push([e.id, e.certificateId]));
    journal.record(exchange({ certificateId: 'c-1' }));
    journal.record(exchange({ certificateId: 'c-2' }));
    unsubscribe();
    journal.record(exchange({ certificateId: 'c-3' }));
    expect(seen).toEqual([[1, 'c-1'], [2, 'c-2']]);
    journal.close();
  });

  test('a file from an older schema than this samverkan reads gives a clear error', () => {
    const file = path.join(tempDir(), 'old.sqlite');
    const old = new Database(file);
    old.exec('CREATE TABLE exchange (id INTEGER PRIMARY KEY, party TEXT)');
    old.close();
    expect(() => TrafficJournal.open({ path: file })).toThrow(
      `${file} was written by an older samverkan (schema 0); delete it or pass another --journal path (this samverkan reads schemas 1 and ${JOURNAL_SCHEMA_VERSION})`,
    );
    expect(() => TrafficJournal.open({ path: file })).toThrow(JournalOpenError);
  });

  test('a file from a newer schema or another program is refused', () => {
    const dir = tempDir();
    const newer = path.join(dir, 'newer.sqlite');
    const db = new Database(newer);
    db.exec('CREATE TABLE exchange (id INTEGER PRIMARY KEY)');
    db.pragma(`user_version = ${JOURNAL_SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => TrafficJournal.open({ path: newer })).toThrow(`was written by a newer samverkan (schema ${JOURNAL_SCHEMA_VERSION + 1}`);

    const foreign = path.join(dir, 'foreign.sqlite');
    const other = new Database(foreign);
    other.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY)');
    other.close();
    expect(() => TrafficJournal.open({ path: foreign })).toThrow('is a SQLite database but not a samverkan journal (it has the tables customers)');

    const text = path.join(dir, 'text.sqlite');
    fs.writeFileSync(text, 'this is not a database at all, just some text that is long enough');
    expect(() => TrafficJournal.open({ path: text })).toThrow(`Cannot open the traffic journal at ${text}: file is not a database`);
  });

  test('a folder that cannot be created gives a clear error', () => {
    const blocker = path.join(tempDir(), 'a-file');
    fs.writeFileSync(blocker, 'not a folder');
    const file = path.join(blocker, 'sub', 'journal.sqlite');
    expect(() => TrafficJournal.open({ path: file })).toThrow(
      `its folder ${path.join(blocker, 'sub')} could not be created`,
    );
  });

  test('invalid input and a closed journal give clear errors', () => {
    expect(() => TrafficJournal.open({ path: ':memory:', maxEntries: 0 })).toThrow('maxEntries must be a whole number ≥ 1, got 0');
    expect(() => TrafficJournal.open({ path: ':memory:', maxBytes: 0.5 })).toThrow('maxBytes must be a whole number ≥ 1, got 0.5');
    expect(() => TrafficJournal.open({ path: '' })).toThrow('no path was given');
    const journal = TrafficJournal.open({ path: ':memory:' });
    expect(() => journal.record({ ...exchange(), fromParty: undefined as unknown as string })).toThrow('fromParty must be text');
    expect(() => journal.query({ limit: -1 })).toThrow('limit must be a whole number ≥ 0, got -1');
    journal.close();
    journal.close();
    expect(() => journal.query()).toThrow('Cannot query: the traffic journal at :memory: is closed');
  });
});
