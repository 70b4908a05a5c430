/**
 * The traffic journal: every exchange between parties, kept in SQLite, bounded in size,
 * queryable by correlation keys and exportable as JSON Lines evidence.
 */
import type Database from 'better-sqlite3';
import type { ExchangeRecord, JournalEntry, JournalQuery } from './exchange.js';
import { EXCHANGE_TABLE, openJournalDatabase } from './journalDatabase.js';
import { JournalBounds, storedBytes } from './journalBounds.js';
import {
  DEFAULT_PAGE_BODY_CHARS,
  DEFAULT_PAGE_LIMIT,
  jsonLineChunks,
  readPage,
  type JournalPage,
  type SelectAfter,
} from './journalReading.js';
import {
  ALL_COLUMNS,
  COLUMNS_WITHOUT_BODIES,
  checkLimit,
  checkRecord,
  cutBody,
  fromRow,
  normalisePersonId,
  toParams,
  whereOf,
  type ExchangeRow,
} from './journalRows.js';

export { JOURNAL_SCHEMA_VERSION, JournalOpenError } from './journalDatabase.js';
export { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, type JournalPage } from './journalReading.js';

/** How to open a {@link TrafficJournal}. */
export interface TrafficJournalOptions {
  /** SQLite file path; ':memory:' for a throw-away journal. Parent folder is created if missing. */
  path: string;
  /** Maximum number of entries kept; when exceeded, the oldest entries are evicted first. Default 100_000. */
  maxEntries?: number;
  /** Bodies longer than this many characters are cut, with a marker saying how much was cut. Default 1_000_000. */
  maxBodyChars?: number;
  /**
   * Maximum total size in bytes (UTF-8) of the stored request and response bodies; when exceeded,
   * the oldest entries are evicted first (the newest entry is always kept). Default 512 MiB.
   */
  maxBytes?: number;
}

/** Default for {@link TrafficJournalOptions.maxEntries}. */
export const DEFAULT_MAX_ENTRIES = 100_000;
/** Default for {@link TrafficJournalOptions.maxBodyChars}. */
export const DEFAULT_MAX_BODY_CHARS = 1_000_000;
/** Default for {@link TrafficJournalOptions.maxBytes}: 512 MiB. */
export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;

type Params = Record<string, string | number | null>;

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
  private readonly maxBodyChars: number;
  private readonly bounds: JournalBounds;
  private readonly listeners = new Set<(entry: JournalEntry) => void>();
  private readonly statements = new Map<string, Database.Statement>();
  private readonly insertStmt: Database.Statement<[Params]>;
  private readonly insertTx: (params: Params, bytes: number) => number;
  private closed = false;

  private constructor(options: TrafficJournalOptions, db: Database.Database) {
    this.path = options.path;
    this.db = db;
    this.maxBodyChars = positiveInteger(options.maxBodyChars, DEFAULT_MAX_BODY_CHARS, 'maxBodyChars', 0);
    const columns = ALL_COLUMNS.replace(/^id, /, '');
    this.insertStmt = db.prepare<[Params]>(
      `INSERT INTO ${EXCHANGE_TABLE} (${columns}) VALUES (${columns.replace(/(\w+)/g, '@$1')})`,
    );
    this.bounds = new JournalBounds(
      db,
      positiveInteger(options.maxEntries, DEFAULT_MAX_ENTRIES, 'maxEntries', 1),
      positiveInteger(options.maxBytes, DEFAULT_MAX_BYTES, 'maxBytes', 1),
    );
    this.insertTx = db.transaction((params: Params, bytes: number): number => {
      const id = Number(this.insertStmt.run(params).lastInsertRowid);
      this.bounds.added(id, bytes);
      return id;
    });
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
   * `maxBytes`, then tells every {@link onRecord} listener.
   */
  record(entry: ExchangeRecord): JournalEntry {
    this.assertOpen('record an exchange');
    const stored: ExchangeRecord = { ...entry };
    if (entry.personId !== undefined) stored.personId = normalisePersonId(entry.personId);
    if (entry.requestBody !== undefined) stored.requestBody = cutBody(entry.requestBody, this.maxBodyChars);
    if (entry.responseBody !== undefined) stored.responseBody = cutBody(entry.responseBody, this.maxBodyChars);
    checkRecord(stored);
    const params = toParams(stored);
    const id = this.insertTx(params, storedBytes(stored.requestBody) + storedBytes(stored.responseBody));
    const result = fromRow({ ...(params as unknown as ExchangeRow), id });
    this.notify(result);
    return result;
  }

  /**
   * Entries matching every field given in `q`, oldest (lowest id) first, all in one array: for
   * small journals (a test's own). A journal of any size is read with {@link page} or
   * {@link jsonLines}.
   */
  query(q: JournalQuery = {}): JournalEntry[] {
    this.assertOpen('query');
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
    const where = whereOf(q);
    const sql = `SELECT COUNT(*) FROM ${EXCHANGE_TABLE}${where.sql}`;
    const total = this.statement(sql).pluck().get(...where.params) as number;
    return q.limit === undefined ? total : Math.min(total, checkLimit(q.limit));
  }

  /** The entry with this id, or `undefined` when there is none (never recorded, evicted or cleared). */
  get(id: number): JournalEntry | undefined {
    this.assertOpen('get an entry');
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
    this.statement(`DELETE FROM ${EXCHANGE_TABLE}`).run();
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
    const limit = q.limit === undefined ? Number.MAX_SAFE_INTEGER : checkLimit(q.limit);
    const newest = this.statement(`SELECT COALESCE(MAX(id), 0) FROM ${EXCHANGE_TABLE}`).pluck().get() as number;
    const upToId = Math.min(q.upToId ?? newest, newest);
    return jsonLineChunks(this.selectAfter({ ...q, upToId }), q.afterId ?? 0, limit, () => this.assertOpen('export'));
  }

  /** Bytes of request and response bodies stored now (UTF-8), the measure `maxBytes` bounds. */
  bodyBytes(): number {
    this.assertOpen('measure the journal');
    return this.bounds.bodyBytes;
  }

  /** Closes the database file. Further calls other than `close` throw; `close` is idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
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

function positiveInteger(value: number | undefined, fallback: number, name: string, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`TrafficJournal option ${name} must be a whole number ≥ ${min}, got ${value}.`);
  }
  return value;
}
