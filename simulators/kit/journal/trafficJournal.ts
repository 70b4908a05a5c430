/**
 * The traffic journal: every exchange between parties, kept in SQLite, bounded in size,
 * queryable by correlation keys and exportable as JSON Lines evidence.
 */
import type Database from 'better-sqlite3';
import type { ExchangeRecord, JournalEntry, JournalQuery } from './exchange.js';
import { EXCHANGE_TABLE, openJournalDatabase } from './journalDatabase.js';
import { JournalBounds } from './journalBounds.js';
import { JournalIds } from './journalIds.js';
import {
  DEFAULT_MAX_BODY_CHARS,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_ENTRIES,
  positiveInteger,
  type TrafficJournalOptions,
} from './journalOptions.js';
import {
  DEFAULT_PAGE_BODY_CHARS,
  DEFAULT_PAGE_LIMIT,
  jsonLineChunks,
  readPage,
  type JournalPage,
  type SelectAfter,
} from './journalReading.js';
import { ALL_COLUMNS, COLUMNS_WITHOUT_BODIES, checkLimit, fromRow, whereOf, type ExchangeRow } from './journalRows.js';
import { JournalWriter } from './journalWriter.js';

export { JOURNAL_SCHEMA_VERSION, JournalOpenError } from './journalDatabase.js';
export { DEFAULT_GROUP_ROWS, type GroupCommitOptions } from './groupCommit.js';
export {
  DEFAULT_MAX_BODY_CHARS,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_ENTRIES,
  type TrafficJournalOptions,
} from './journalOptions.js';
export { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, type JournalPage } from './journalReading.js';

/**
 * A traffic journal backed by one SQLite file (WAL mode) or memory.
 *
 * One process writes a given file at a time (the entry and byte counts used for eviction are kept
 * in memory); other processes may read it. Ids only grow, also across {@link TrafficJournal.clear}
 * and restarts, so `afterId` polling never misses an entry.
 */
export class TrafficJournal {
  /** The path the journal was opened with (`':memory:'` for an in-memory journal). */
  readonly path: string;
  private readonly db: Database.Database;
  private readonly bounds: JournalBounds;
  private readonly ids: JournalIds;
  private readonly listeners = new Set<(entry: JournalEntry) => void>();
  private readonly statements = new Map<string, Database.Statement>();
  /** The inserts and the group commit; every read commits what waits first (`writer.flush()`). */
  private readonly writer: JournalWriter;
  private closed = false;

  private constructor(options: TrafficJournalOptions, db: Database.Database) {
    this.path = options.path;
    this.db = db;
    this.bounds = new JournalBounds(
      db,
      positiveInteger(options.maxEntries, DEFAULT_MAX_ENTRIES, 'maxEntries', 1),
      positiveInteger(options.maxBytes, DEFAULT_MAX_BYTES, 'maxBytes', 1),
    );
    this.ids = new JournalIds(db);
    const maxBodyChars = positiveInteger(options.maxBodyChars, DEFAULT_MAX_BODY_CHARS, 'maxBodyChars', 0);
    this.writer = new JournalWriter(db, this.bounds, this.ids, maxBodyChars, (entry) => this.notify(entry), options.groupCommit);
    const newest = db.prepare<[], number>(`SELECT MAX(id) FROM ${EXCHANGE_TABLE}`).pluck().get();
    if (newest != null) db.transaction(() => this.bounds.enforce(newest))();
  }

  /**
   * Opens the journal at `options.path`, creating the file and its folder if missing. Entries of
   * an earlier run in the same file are kept (down to `maxEntries` and `maxBytes`).
   * @throws {JournalOpenError} when the folder cannot be created, the file cannot be opened or
   *   was written with another schema; {@link RangeError} for invalid limits.
   */
  static open(options: TrafficJournalOptions): TrafficJournal {
    positiveInteger(options.maxEntries, DEFAULT_MAX_ENTRIES, 'maxEntries', 1);
    positiveInteger(options.maxBodyChars, DEFAULT_MAX_BODY_CHARS, 'maxBodyChars', 0);
    positiveInteger(options.maxBytes, DEFAULT_MAX_BYTES, 'maxBytes', 1);
    const db = openJournalDatabase(options.path);
    try {
      return new TrafficJournal(options, db);
    } catch (err) {
      db.close();
      throw err;
    }
  }

  /**
   * Stores one exchange synchronously and returns it as stored: with its id, `personId` without
   * dash, bodies cut to `maxBodyChars`. Evicts the oldest entries beyond `maxEntries` or
   * `maxBytes`, then tells every {@link onRecord} listener. Entries still waiting for a group
   * commit ({@link recordBatched}) are committed first, so ids follow the order of the calls.
   */
  record(entry: ExchangeRecord): JournalEntry {
    this.assertOpen('record an exchange');
    return this.writer.record(entry);
  }

  /**
   * Stores one exchange in the next group commit: the entries handed in during two turns of the
   * event loop (see {@link TrafficJournalOptions.groupCommit}) go into SQLite in one transaction.
   * Resolves with the entry as stored once that transaction committed, so an answer sent after
   * it is never lost to a killed process (docs/decisions/0016-lean-soap-path.md); rejects when the
   * commit failed or the journal was closed first. {@link onRecord} listeners are told at the
   * commit. Every read of the journal commits what waits first.
   * @throws {TypeError} at once for an entry {@link record} would refuse.
   */
  recordBatched(entry: ExchangeRecord): Promise<JournalEntry> {
    this.assertOpen('record an exchange');
    return this.writer.recordBatched(entry);
  }

  /**
   * Entries matching every field given in `q`, oldest (lowest id) first, all in one array: for
   * small journals (a test's own). A journal of any size is read with {@link page} or
   * {@link jsonLines}.
   */
  query(q: JournalQuery = {}): JournalEntry[] {
    this.assertOpen('query');
    this.writer.flush();
    const { stmt, params } = this.select(q);
    return (stmt.all(...params) as ExchangeRow[]).map(fromRow);
  }

  /**
   * The id of the newest entry, 0 when there is none: as `afterId`, it reads only what is recorded
   * from now on (a test step's own traffic, say).
   */
  newestId(): number {
    this.assertOpen('read the newest id');
    return this.statement(`SELECT COALESCE(MAX(id), 0) FROM ${EXCHANGE_TABLE}`).pluck().get() as number;
  }

  /** How many entries {@link query} would return for `q` (honouring `afterId` and `limit`). */
  count(q: JournalQuery = {}): number {
    this.assertOpen('count entries');
    this.writer.flush();
    const where = whereOf(q);
    const sql = `SELECT COUNT(*) FROM ${EXCHANGE_TABLE}${where.sql}`;
    const total = this.statement(sql).pluck().get(...where.params) as number;
    return q.limit === undefined ? total : Math.min(total, checkLimit(q.limit));
  }

  /** The entry with this id, or `undefined` when there is none (never recorded, evicted or cleared). */
  get(id: number): JournalEntry | undefined {
    this.assertOpen('get an entry');
    this.writer.flush();
    const row = this.statement(`SELECT ${ALL_COLUMNS} FROM ${EXCHANGE_TABLE} WHERE id = ?`).get(id);
    return row ? fromRow(row as ExchangeRow) : undefined;
  }

  /**
   * Subscribe to every new entry; returns an unsubscribe function. Listeners run synchronously
   * after the entry is stored; one that throws is reported as a process warning and does not
   * stop the recording or the other listeners.
   */
  onRecord(listener: (entry: JournalEntry) => void): () => void {
    const wrapped = (entry: JournalEntry): void => listener(entry);
    this.listeners.add(wrapped);
    return () => {
      this.listeners.delete(wrapped);
    };
  }

  /** Deletes every entry. Ids keep counting from where they were. */
  clear(): void {
    this.assertOpen('clear');
    this.writer.flush();
    const deleteAll = this.statement(`DELETE FROM ${EXCHANGE_TABLE}`);
    this.db.transaction(() => {
      this.ids.clearing();
      deleteAll.run();
    })();
    this.bounds.cleared();
  }

  /**
   * One page of the entries matching `q`, oldest first: at most `q.limit` (default
   * {@link DEFAULT_PAGE_LIMIT}) entries after `q.afterId` (the previous page's `nextCursor`). With
   * bodies (no `withoutBodies`), the page also ends after the entry that brings its bodies past
   * `maxBodyChars` characters (default 8 Mi), so a page is small whatever the journal holds.
   */
  page(q: JournalQuery = {}, options: { maxBodyChars?: number } = {}): JournalPage {
    this.assertOpen('read a page');
    this.writer.flush();
    const limit = checkLimit(q.limit ?? DEFAULT_PAGE_LIMIT);
    const maxChars = positiveInteger(options.maxBodyChars, DEFAULT_PAGE_BODY_CHARS, 'maxBodyChars', 0);
    return readPage(this.selectAfter(q), q.afterId ?? 0, limit, maxChars);
  }

  /**
   * Every entry matching `q` (with headers and bodies unless `withoutBodies`) as JSON Lines, one
   * JSON object per line, in chunks of about 1 MiB: the evidence export at constant memory. The
   * export covers the entries up to the newest one when it is called; entries recorded meanwhile
   * are not in it, entries evicted meanwhile are left out. Recording goes on between chunks.
   * @throws when `q` is invalid (at once) or the journal is closed (at once, or at the next chunk).
   */
  jsonLines(q: JournalQuery = {}): Generator<string, void, undefined> {
    this.assertOpen('export');
    this.writer.flush();
    const limit = q.limit === undefined ? Number.MAX_SAFE_INTEGER : checkLimit(q.limit);
    const newest = this.statement(`SELECT COALESCE(MAX(id), 0) FROM ${EXCHANGE_TABLE}`).pluck().get() as number;
    const upToId = Math.min(q.upToId ?? newest, newest);
    return jsonLineChunks(this.selectAfter({ ...q, upToId }), q.afterId ?? 0, limit, () => this.assertOpen('export'));
  }

  /** Bytes of request and response bodies stored now (UTF-8), the measure `maxBytes` bounds. */
  bodyBytes(): number {
    this.assertOpen('measure the journal');
    this.writer.flush();
    return this.bounds.bodyBytes;
  }

  /** Closes the database file. Further calls other than `close` throw; `close` is idempotent. */
  close(): void {
    if (this.closed) return;
    try {
      this.writer.flush();
    } finally {
      this.closed = true;
      this.writer.abandon(new Error(`the traffic journal at ${this.path} was closed before the entry was committed`));
    }
    this.listeners.clear();
    this.statements.clear();
    this.db.close();
  }

  private select(q: JournalQuery): { stmt: Database.Statement; params: Array<string | number> } {
    const where = whereOf(q);
    const columns = q.withoutBodies ? COLUMNS_WITHOUT_BODIES : ALL_COLUMNS;
    let sql = `SELECT ${columns} FROM ${EXCHANGE_TABLE}${where.sql} ORDER BY id`;
    const params = [...where.params];
    if (q.limit !== undefined) {
      sql += ' LIMIT ?';
      params.push(checkLimit(q.limit));
    }
    return { stmt: this.statement(sql), params };
  }

  /** {@link select} for `q` with the cursor and the limit given at each call. */
  private selectAfter(q: JournalQuery): SelectAfter {
    const from = q.afterId ?? 0;
    return (afterId, limit) => this.select({ ...q, afterId: Math.max(from, afterId), limit });
  }

  /** Prepared statement for `sql`, prepared once per instance and query shape. */
  private statement(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  private notify(entry: JournalEntry): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(entry);
      } catch (err) {
        process.emitWarning(
          `A traffic journal onRecord listener failed for entry ${entry.id} (the entry is stored): ` +
            (err instanceof Error ? err.message : String(err)),
          { code: 'SAMVERKAN_JOURNAL_LISTENER' },
        );
      }
    }
  }

  private assertOpen(action: string): void {
    if (this.closed) {
      throw new Error(
        `Cannot ${action}: the traffic journal at ${this.path} is closed. Open it again with TrafficJournal.open.`,
      );
    }
  }
}
