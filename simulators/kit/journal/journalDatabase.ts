/**
 * Opening the traffic journal's SQLite file: folder, pragmas, schema creation and the schema
 * version check. Kept apart from {@link TrafficJournal} so the class only deals with entries.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { useDurableFile } from '../sqlite/durableFile.js';

/**
 * Schema version this samverkan writes in a new file, kept in SQLite's `user_version` pragma.
 * Raise it whenever the table layout changes. Version 2 gives ids without `AUTOINCREMENT` (no
 * `sqlite_sequence` row rewritten by every insert) and keeps the id floor left by a clear in
 * {@link ID_FLOOR_TABLE} (docs/decisions/0038-journal-write-cost.md). Files of version 1 are still
 * opened and written as they are; files of any other version are refused with a clear error.
 */
export const JOURNAL_SCHEMA_VERSION = 2;

/** The older schema this samverkan still opens: `id INTEGER PRIMARY KEY AUTOINCREMENT`. */
export const JOURNAL_SCHEMA_VERSION_AUTOINCREMENT = 1;

/** The one table of exchanges. */
export const EXCHANGE_TABLE = 'exchange';

/**
 * One row, one column (schema 2): the id of the newest entry when the journal was last cleared, 0
 * before. New ids are above both it and every id in {@link EXCHANGE_TABLE}, so an id is never
 * handed out twice, also after eviction or a clear emptied the table.
 */
export const ID_FLOOR_TABLE = 'exchange_id_floor';

/** The columns of the exchange table after its id, the same in every schema version. */
const EXCHANGE_COLUMNS = `
  side TEXT NOT NULL,
  from_party TEXT NOT NULL,
  to_party TEXT NOT NULL,
  operation TEXT NOT NULL,
  method TEXT NOT NULL,
  url TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  duration_ms REAL NOT NULL,
  outcome TEXT NOT NULL,
  http_status INTEGER,
  result_code TEXT,
  error_id TEXT,
  message TEXT,
  certificate_id TEXT,
  logical_address TEXT,
  person_id TEXT,
  event_code TEXT,
  message_id TEXT,
  attempt INTEGER,
  request_headers TEXT,
  request_body TEXT,
  response_headers TEXT,
  response_body TEXT`;

const INDEX_SQL = `
CREATE INDEX exchange_certificate_id ON ${EXCHANGE_TABLE} (certificate_id);
CREATE INDEX exchange_person_id ON ${EXCHANGE_TABLE} (person_id);
CREATE INDEX exchange_message_id ON ${EXCHANGE_TABLE} (message_id);
`;

/** A new file's schema (version {@link JOURNAL_SCHEMA_VERSION}). */
const SCHEMA_SQL = `
CREATE TABLE ${EXCHANGE_TABLE} (
  id INTEGER PRIMARY KEY,${EXCHANGE_COLUMNS}
);${INDEX_SQL}
CREATE TABLE ${ID_FLOOR_TABLE} (id INTEGER NOT NULL);
INSERT INTO ${ID_FLOOR_TABLE} (id) VALUES (0);
`;

/**
 * Version 1's schema, as samverkan wrote it before 0038: only for tests that make such a file.
 * @internal
 */
export const SCHEMA_SQL_VERSION_1 = `
CREATE TABLE ${EXCHANGE_TABLE} (
  id INTEGER PRIMARY KEY AUTOINCREMENT,${EXCHANGE_COLUMNS}
);${INDEX_SQL}`;
// Indexes only on the keys that pick out a few entries among many (a certificate, a patient, a
// message). Parties, operations, event codes and logical addresses have a handful of values each:
// an index on them barely narrows a search (ids are scanned in order anyway) and cost every insert
// a page write each. Files written before keep their extra indexes, which does no harm
// (docs/decisions/0028-replay-at-volume.md).

/**
 * Page size of a new journal file (an existing file keeps the size it has). Every commit writes
 * each page it touched whole into the WAL: the table's last leaf and one leaf of each of the three
 * indexes (their keys are random), and most commits hold one or two rows (the senders' rows are
 * recorded one at a time). 16 KiB pages (0032) made that 83 KiB of WAL and checkpoint per row in a
 * replay's mix; 4 KiB pages, where a 4 KB body takes an overflow page, make it 30 KiB, and the
 * replay writes half as many bytes to disk in all (docs/decisions/0038-journal-write-cost.md).
 */
export const JOURNAL_PAGE_SIZE = 4_096;

/**
 * WAL bytes after which a commit copies the WAL into the file (`wal_autocheckpoint`, set in frames
 * of the file's page size): 16 MiB, as SQLite's default of 1,000 frames was with 16 KiB pages, so
 * with 4 KiB pages a hot index leaf is still copied once per 16 MiB of WAL, not once per 4 MiB (0038).
 */
export const JOURNAL_WAL_CHECKPOINT_BYTES = 16 * 1024 * 1024;

/** Error thrown when a journal file cannot be opened or has the wrong schema. */
export class JournalOpenError extends Error {
  override readonly name = 'JournalOpenError';
}

/**
 * Opens (creating if needed) the journal database at `file`, or an in-memory one for `':memory:'`.
 * Creates the parent folder, sets WAL mode for files, creates the schema in a new file, opens a
 * file of schema {@link JOURNAL_SCHEMA_VERSION} or {@link JOURNAL_SCHEMA_VERSION_AUTOINCREMENT} as it
 * is and refuses files written with another schema version.
 * @throws {JournalOpenError} when the folder cannot be created, the file cannot be opened, is not
 *   a journal, or has another schema version.
 */
export function openJournalDatabase(file: string): Database.Database {
  if (typeof file !== 'string' || file.trim() === '') {
    throw new JournalOpenError(
      "Cannot open the traffic journal: no path was given. Pass a file path (--journal) or ':memory:'.",
    );
  }
  const inMemory = file === ':memory:';
  if (!inMemory) ensureFolder(file);
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (err) {
    throw new JournalOpenError(
      `Cannot open the traffic journal at ${file}: ${messageOf(err)}. ` +
        'Check that the path is a writable file (not a folder), or pass another --journal path.',
      { cause: err },
    );
  }
  try {
    if (!inMemory) {
      // Before WAL mode, so that a new file takes it (an existing file keeps the size it has).
      db.pragma(`page_size = ${JOURNAL_PAGE_SIZE}`);
      useDurableFile(db);
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      db.pragma(`wal_autocheckpoint = ${Math.ceil(JOURNAL_WAL_CHECKPOINT_BYTES / pageSize)}`);
    }
    prepareSchema(db, file);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof JournalOpenError) throw err;
    throw new JournalOpenError(
      `Cannot open the traffic journal at ${file}: ${messageOf(err)}. ` +
        'If the file is not a samverkan journal, delete it or pass another --journal path.',
      { cause: err },
    );
  }
}

function ensureFolder(file: string): void {
  const folder = path.dirname(path.resolve(file));
  try {
    fs.mkdirSync(folder, { recursive: true });
  } catch (err) {
    throw new JournalOpenError(
      `Cannot open the traffic journal at ${file}: its folder ${folder} could not be created ` +
        `(${messageOf(err)}). Pass a --journal path in a folder you can write to.`,
      { cause: err },
    );
  }
}

function prepareSchema(db: Database.Database, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version === JOURNAL_SCHEMA_VERSION || version === JOURNAL_SCHEMA_VERSION_AUTOINCREMENT) return;
  if (version > JOURNAL_SCHEMA_VERSION) {
    throw new JournalOpenError(
      `Cannot open the traffic journal: ${file} was written by a newer samverkan (schema ${version}; ` +
        `this one reads schema ${JOURNAL_SCHEMA_VERSION}); use that samverkan, delete the file or ` +
        'pass another --journal path.',
    );
  }
  const tables = db
    .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all();
  if (tables.length === 0) {
    db.transaction(() => {
      db.exec(SCHEMA_SQL);
      db.pragma(`user_version = ${JOURNAL_SCHEMA_VERSION}`);
    })();
    return;
  }
  if (version > 0 || tables.includes(EXCHANGE_TABLE)) {
    throw new JournalOpenError(
      `Cannot open the traffic journal: ${file} was written by an older samverkan (schema ${version}); ` +
        `delete it or pass another --journal path (this samverkan reads schemas ${JOURNAL_SCHEMA_VERSION_AUTOINCREMENT} ` +
        `and ${JOURNAL_SCHEMA_VERSION}).`,
    );
  }
  throw new JournalOpenError(
    `Cannot open the traffic journal: ${file} is a SQLite database but not a samverkan journal ` +
      `(it has the tables ${tables.join(', ')}); pass another --journal path.`,
  );
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
