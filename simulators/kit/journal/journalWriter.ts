/**
 * Writing the traffic journal: an entry checked and made ready for its insert, rows inserted in
 * one transaction with the bounds enforced once per group, and the group commit that gathers the
 * entries of one turn of the event loop into that transaction (docs/decisions/0016-lean-soap-path.md,
 * docs/decisions/0032-lean-receiver-hot-path.md). {@link TrafficJournal} owns one writer.
 */
import type Database from 'better-sqlite3';
import type { ExchangeRecord, JournalEntry } from './exchange.js';
import { GroupCommit, type GroupCommitOptions } from './groupCommit.js';
import { EXCHANGE_TABLE } from './journalDatabase.js';
import { storedBytes, type JournalBounds } from './journalBounds.js';
import type { JournalIds } from './journalIds.js';
import {
  INSERT_COLUMNS,
  checkRecord,
  cutBody,
  normalisePersonId,
  storedEntry,
  toParams,
  type RowParams,
} from './journalRows.js';

/** An entry ready for its insert: as stored, its bound parameters and the bytes its bodies take. */
interface PreparedRow {
  stored: ExchangeRecord;
  params: RowParams;
  bytes: number;
}

/** The insert side of one open journal. */
export class JournalWriter {
  private readonly insertTx: (rows: PreparedRow[], firstId: number) => number[];
  private readonly batches: GroupCommit<PreparedRow, JournalEntry>;

  constructor(
    db: Database.Database,
    private readonly bounds: JournalBounds,
    private readonly ids: JournalIds,
    private readonly maxBodyChars: number,
    /** Told of every entry once it is committed, in id order. */
    private readonly notify: (entry: JournalEntry) => void,
    groupCommit?: GroupCommitOptions,
  ) {
    // The id is bound, not looked up by SQLite (JournalIds).
    const insert = db.prepare<[number, RowParams]>(
      `INSERT INTO ${EXCHANGE_TABLE} (id, ${INSERT_COLUMNS}) VALUES (?, ${INSERT_COLUMNS.replace(/\w+/g, '?')})`,
    );
    // One transaction for any number of rows; the bounds are enforced once, after the last.
    this.insertTx = db.transaction((rows: PreparedRow[], firstId: number): number[] => {
      const ids: number[] = [];
      let bytes = 0;
      let id = firstId;
      for (const row of rows) {
        insert.run(id, row.params);
        ids.push(id++);
        bytes += row.bytes;
      }
      bounds.added(ids[ids.length - 1]!, bytes, rows.length);
      return ids;
    });
    this.batches = new GroupCommit((rows) => this.insertRows(rows), groupCommit);
  }

  /**
   * Stores `entry` now, in one transaction with whatever waits for a group commit, after it (ids
   * follow the calls). A sender's row, recorded so, thus also commits the receivers' waiting rows
   * instead of adding a commit of its own (docs/decisions/0038-journal-write-cost.md).
   */
  record(entry: ExchangeRecord): JournalEntry {
    return this.batches.commitWith(this.prepare(entry));
  }

  /** Stores `entry` in the next group commit; resolves once that transaction committed. */
  recordBatched(entry: ExchangeRecord): Promise<JournalEntry> {
    return this.batches.add(this.prepare(entry));
  }

  /** Commits what waits for a group commit, now. */
  flush(): void {
    this.batches.flush();
  }

  /** Rejects what waits, uncommitted (the journal is closing). */
  abandon(error: Error): void {
    this.batches.abandon(error);
  }

  /** An entry as it will be stored, checked; throws a TypeError naming a missing field. */
  private prepare(entry: ExchangeRecord): PreparedRow {
    const stored: ExchangeRecord = { ...entry };
    if (entry.personId !== undefined) stored.personId = normalisePersonId(entry.personId);
    if (entry.requestBody !== undefined) stored.requestBody = cutBody(entry.requestBody, this.maxBodyChars);
    if (entry.responseBody !== undefined) stored.responseBody = cutBody(entry.responseBody, this.maxBodyChars);
    checkRecord(stored);
    return { stored, params: toParams(stored), bytes: storedBytes(stored.requestBody) + storedBytes(stored.responseBody) };
  }

  /** Inserts `rows` in one transaction, then tells the listeners; the entries as stored. */
  private insertRows(rows: PreparedRow[]): JournalEntry[] {
    const before = this.bounds.snapshot();
    let ids: number[];
    try {
      ids = this.insertTx(rows, this.ids.nextId);
    } catch (error) {
      // Its rows and evictions are not in the file: neither may they be in the totals.
      this.bounds.rolledBack(before);
      throw error;
    }
    this.ids.taken(rows.length); // only once committed: a failed group hands its ids out again
    const entries = rows.map((row, i) => storedEntry(row.stored, ids[i]!));
    for (const entry of entries) this.notify(entry);
    return entries;
  }
}
