/**
 * The ids a journal hands out: one counter in memory, read once when the file is opened, so an
 * insert binds its id instead of SQLite looking one up. Ids only grow, and none is handed out
 * twice: not after eviction (which always keeps the newest row), not after a clear that emptied the
 * table, not after a restart (docs/decisions/0038-journal-write-cost.md).
 *
 * Schema 2 keeps the floor a clear leaves in {@link ID_FLOOR_TABLE}, written only by a clear;
 * schema 1 has `AUTOINCREMENT`, whose `sqlite_sequence` row SQLite raises itself when an insert
 * binds a larger id. One process writes a given file (the same rule as the bounds' totals).
 */
import type Database from 'better-sqlite3';
import { EXCHANGE_TABLE, ID_FLOOR_TABLE, JOURNAL_SCHEMA_VERSION_AUTOINCREMENT } from './journalDatabase.js';

/** The id counter of one open journal. */
export class JournalIds {
  private next: number;
  private readonly writeFloor?: Database.Statement<[number]>;

  constructor(db: Database.Database) {
    const version = db.pragma('user_version', { simple: true }) as number;
    const newest = db.prepare<[], number>(`SELECT COALESCE(MAX(id), 0) FROM ${EXCHANGE_TABLE}`).pluck().get() ?? 0;
    let floor: number;
    if (version === JOURNAL_SCHEMA_VERSION_AUTOINCREMENT) {
      floor = db.prepare<[string], number>('SELECT seq FROM sqlite_sequence WHERE name = ?').pluck().get(EXCHANGE_TABLE) ?? 0;
    } else {
      floor = db.prepare<[], number>(`SELECT COALESCE(MAX(id), 0) FROM ${ID_FLOOR_TABLE}`).pluck().get() ?? 0;
      this.writeFloor = db.prepare<[number]>(`UPDATE ${ID_FLOOR_TABLE} SET id = ?`);
    }
    this.next = Math.max(newest, floor) + 1;
  }

  /** The id the next inserted row gets. */
  get nextId(): number {
    return this.next;
  }

  /** `count` rows were inserted from {@link nextId} on, and committed. */
  taken(count: number): void {
    this.next += count;
  }

  /**
   * Every row is about to be deleted: keeps the newest id handed out as the floor, so ids go on
   * from it after a restart too. Run it in the transaction that deletes the rows.
   */
  clearing(): void {
    this.writeFloor?.run(this.next - 1);
  }
}
