/**
 * The traffic journal's two bounds: at most `maxEntries` rows and at most `maxBytes` of stored
 * request and response bodies. Whichever is passed, the oldest rows go first; the newest row is
 * always kept, even when its bodies alone are over `maxBytes`.
 *
 * Both totals are kept in memory (one process writes a given file) and read once when the file is
 * opened; SQLite's `octet_length` reads a body's size from the row header, not the body itself.
 */
import type Database from 'better-sqlite3';
import { EXCHANGE_TABLE } from './journalDatabase.js';

/** Bytes of a row's bodies, as SQLite stores them (UTF-8). */
const ROW_BYTES = 'COALESCE(octet_length(request_body), 0) + COALESCE(octet_length(response_body), 0)';
/** Rows read at a time while looking for how many old rows free enough bytes. */
const WALK_BATCH = 256;

/** Bytes a body takes once stored (UTF-8), 0 when absent. */
export function storedBytes(body: string | undefined | null): number {
  return body == null ? 0 : Buffer.byteLength(body, 'utf8');
}

/** Row and byte accounting of one open journal, and the eviction that keeps both in bounds. */
export class JournalBounds {
  private entries: number;
  private bytes: number;
  private readonly nthOldest: Database.Statement<[number], number>;
  private readonly oldestSizes: Database.Statement<[number, number], { id: number; bytes: number }>;
  private readonly bytesThrough: Database.Statement<[number], number>;
  private readonly evict: Database.Statement<[number]>;

  constructor(
    db: Database.Database,
    readonly maxEntries: number,
    readonly maxBytes: number,
  ) {
    this.nthOldest = db.prepare<[number], number>(`SELECT id FROM ${EXCHANGE_TABLE} ORDER BY id LIMIT 1 OFFSET ?`).pluck();
    this.oldestSizes = db.prepare<[number, number], { id: number; bytes: number }>(
      `SELECT id, ${ROW_BYTES} AS bytes FROM ${EXCHANGE_TABLE} WHERE id > ? ORDER BY id LIMIT ?`,
    );
    this.bytesThrough = db.prepare<[number], number>(`SELECT COALESCE(SUM(${ROW_BYTES}), 0) FROM ${EXCHANGE_TABLE} WHERE id <= ?`).pluck();
    this.evict = db.prepare<[number]>(`DELETE FROM ${EXCHANGE_TABLE} WHERE id <= ?`);
    this.entries = db.prepare<[], number>(`SELECT COUNT(*) FROM ${EXCHANGE_TABLE}`).pluck().get() ?? 0;
    this.bytes = db.prepare<[], number>(`SELECT COALESCE(SUM(${ROW_BYTES}), 0) FROM ${EXCHANGE_TABLE}`).pluck().get() ?? 0;
  }

  /** The totals as they are, to set back with {@link rolledBack} when the transaction fails. */
  snapshot(): { readonly entries: number; readonly bytes: number } {
    return { entries: this.entries, bytes: this.bytes };
  }

  /** The transaction that began at `before` was rolled back, with its rows and its evictions: the totals are set back. */
  rolledBack(before: { readonly entries: number; readonly bytes: number }): void {
    this.entries = before.entries;
    this.bytes = before.bytes;
  }

  /** Rows stored now. */
  get entryCount(): number {
    return this.entries;
  }

  /** Bytes of bodies stored now. */
  get bodyBytes(): number {
    return this.bytes;
  }

  /**
   * Counts `rows` rows just inserted (the newest with id `newestId`, `bytes` of bodies in all) and
   * evicts the oldest rows beyond either bound, never `newestId` itself. Run it inside the insert's
   * transaction. Enforcing once after a group of rows leaves the same rows as after each one.
   */
  added(newestId: number, bytes: number, rows = 1): void {
    this.entries += rows;
    this.bytes += bytes;
    this.enforce(newestId);
  }

  /**
   * Evicts the oldest rows beyond either bound, keeping `keepId` and everything newer (default:
   * the newest row). Run it inside a transaction.
   */
  enforce(keepId = Number.MAX_SAFE_INTEGER): void {
    const excessRows = this.entries - this.maxEntries;
    if (excessRows > 0) {
      const lastToGo = this.nthOldest.get(excessRows - 1);
      if (lastToGo !== undefined) this.evictThrough(Math.min(lastToGo, keepId - 1));
    }
    if (this.bytes > this.maxBytes) {
      const lastToGo = this.lastRowToFree(this.bytes - this.maxBytes, keepId);
      if (lastToGo !== undefined) this.evictThrough(lastToGo);
    }
  }

  /** After every row was deleted. */
  cleared(): void {
    this.entries = 0;
    this.bytes = 0;
  }

  /** The id up to which the oldest rows (all older than `keepId`) hold at least `needed` bytes. */
  private lastRowToFree(needed: number, keepId: number): number | undefined {
    let freed = 0;
    let after = 0;
    let last: number | undefined;
    for (;;) {
      const rows = this.oldestSizes.all(after, WALK_BATCH);
      for (const row of rows) {
        if (row.id >= keepId) return last;
        freed += row.bytes;
        last = row.id;
        if (freed >= needed) return last;
      }
      if (rows.length < WALK_BATCH) return last;
      after = rows[rows.length - 1]!.id;
    }
  }

  private evictThrough(lastToGo: number): void {
    if (lastToGo < 1) return;
    const bytes = this.bytesThrough.get(lastToGo) ?? 0;
    const removed = this.evict.run(lastToGo).changes;
    this.entries -= removed;
    this.bytes -= bytes;
  }
}
