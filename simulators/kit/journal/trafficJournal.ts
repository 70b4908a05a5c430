/**
 * The traffic journal: every exchange between parties, kept in SQLite, bounded in size,
 * queryable by correlation keys and exportable as JSON Lines evidence.
 */
import type Database from 'better-sqlite3';
import type { ExchangeRecord, JournalEntry, JournalQuery } from './exchange.js';
import { EXCHANGE_TABLE, openJournalDatabase } from './journalDatabase.js';
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

/** How to open a {@link TrafficJournal}. */
export interface TrafficJournalOptions {
  /** SQLite file path; ':memory:' for a throw-away journal. Parent folder is created if missing. */
  path: string;
  /** Maximum number of entries kept; when exceeded, the oldest entries are evicted first. Default 100_000. */
  maxEntries?: number;
  /** Bodies longer than this many characters are cut, with a marker saying how much was cut. Default 1_000_000. */
  maxBodyChars?: number;
}

/** Default for {@link TrafficJournalOptions.maxEntries}. */
export const DEFAULT_MAX_ENTRIES = 100_000;
/** Default for {@link TrafficJournalOptions.maxBodyChars}. */
export const DEFAULT_MAX_BODY_CHARS = 1_000_000;

type Params = Record<string, string | number | null>;

/**
 * A traffic journal backed by one SQLite file (WAL mode) or memory.
 *
 * One process writes a given file at a time (the entry count used for eviction is kept in
 * memory); other processes may read it. Ids only grow, also across {@link TrafficJournal.clear}
 * and restarts, so `afterId` polling never misses an entry.
 */
export class TrafficJournal {
  /** The path the journal was opened with (`':memory:'` for an in-memory journal). */
  readonly path: string;
  private readonly db: Database.Database;
  private readonly maxEntries: number;
  private readonly maxBodyChars: number;
  private readonly listeners = new Set<(entry: JournalEntry) => void>();
  private readonly statements = new Map<string, Database.Statement>();
  private readonly insertStmt: Database.Statement<[Params]>;
  private readonly nthOldestStmt: Database.Statement<[number], number>;
  private readonly evictStmt: Database.Statement<[number]>;
  private readonly insertTx: (params: Params) => number;
  private entryCount: number;
  private closed = false;

  private constructor(options: TrafficJournalOptions, db: Database.Database) {
    this.path = options.path;
    this.db = db;
    this.maxEntries = positiveInteger(options.maxEntries, DEFAULT_MAX_ENTRIES, 'maxEntries', 1);
    this.maxBodyChars = positiveInteger(options.maxBodyChars, DEFAULT_MAX_BODY_CHARS, 'maxBodyChars', 0);
    const columns = ALL_COLUMNS.replace(/^id, /, '');
    this.insertStmt = db.prepare<[Params]>(
      `INSERT INTO ${EXCHANGE_TABLE} (${columns}) VALUES (${columns.replace(/(\w+)/g, '@$1')})`,
    );
    this.nthOldestStmt = db
      .prepare<[number], number>(`SELECT id FROM ${EXCHANGE_TABLE} ORDER BY id LIMIT 1 OFFSET ?`)
      .pluck();
    this.evictStmt = db.prepare<[number]>(`DELETE FROM ${EXCHANGE_TABLE} WHERE id <= ?`);
    this.entryCount = db.prepare<[], number>(`SELECT COUNT(*) FROM ${EXCHANGE_TABLE}`).pluck().get() ?? 0;
    this.insertTx = db.transaction((params: Params): number => {
      const id = Number(this.insertStmt.run(params).lastInsertRowid);
      this.entryCount += 1;
      this.evictOverflow();
      return id;
    });
    if (this.entryCount > this.maxEntries) db.transaction(() => this.evictOverflow())();
  }

  /**
   * Opens the journal at `options.path`, creating the file and its folder if missing. Entries of
   * an earlier run in the same file are kept (down to `maxEntries`).
   * @throws {JournalOpenError} when the folder cannot be created, the file cannot be opened or
   *   was written with another schema; {@link RangeError} for invalid limits.
   */
  static open(options: TrafficJournalOptions): TrafficJournal {
    positiveInteger(options.maxEntries, DEFAULT_MAX_ENTRIES, 'maxEntries', 1);
    positiveInteger(options.maxBodyChars, DEFAULT_MAX_BODY_CHARS, 'maxBodyChars', 0);
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
   * dash, bodies cut to `maxBodyChars`. Evicts the oldest entries beyond `maxEntries`, then tells
   * every {@link onRecord} listener.
   */
  record(entry: ExchangeRecord): JournalEntry {
    this.assertOpen('record an exchange');
    const stored: ExchangeRecord = { ...entry };
    if (entry.personId !== undefined) stored.personId = normalisePersonId(entry.personId);
    if (entry.requestBody !== undefined) stored.requestBody = cutBody(entry.requestBody, this.maxBodyChars);
    if (entry.responseBody !== undefined) stored.responseBody = cutBody(entry.responseBody, this.maxBodyChars);
    checkRecord(stored);
    const params = toParams(stored);
    const id = this.insertTx(params);
    const result = fromRow({ ...(params as unknown as ExchangeRow), id });
    this.notify(result);
    return result;
  }

  /** Entries matching every field given in `q`, oldest (lowest id) first. */
  query(q: JournalQuery = {}): JournalEntry[] {
    this.assertOpen('query');
    const { stmt, params } = this.select(q);
    return (stmt.all(...params) as ExchangeRow[]).map(fromRow);
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
    this.entryCount = 0;
  }

  /** Export every entry matching q as JSON Lines (one JSON object per line), for evidence. */
  exportJsonLines(q: JournalQuery = {}): string {
    this.assertOpen('export');
    const { stmt, params } = this.select(q);
    let out = '';
    for (const row of stmt.iterate(...params)) out += `${JSON.stringify(fromRow(row as ExchangeRow))}\n`;
    return out;
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

  /** Prepared statement for `sql`, prepared once per instance and query shape. */
  private statement(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  /** Deletes the oldest rows beyond maxEntries; runs inside a transaction. */
  private evictOverflow(): void {
    const excess = this.entryCount - this.maxEntries;
    if (excess <= 0) return;
    const lastToGo = this.nthOldestStmt.get(excess - 1);
    if (lastToGo === undefined) return;
    this.entryCount -= this.evictStmt.run(lastToGo).changes;
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
