/**
 * The Webcert simulator's state file: drafts and certificates, status updates with their delivery
 * state, and the integrated units, in one SQLite database (in memory by default, a file when the
 * topology names one). Every change is committed before the simulator answers or sends anything,
 * in WAL mode, so a SIGKILL loses nothing that was acknowledged; on restart the pending resends
 * are planned again from the stored state.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** Schema version of the state file (SQLite `user_version`); files with another are refused. */
export const WEBCERT_STATE_SCHEMA_VERSION = 1;

const SCHEMA_SQL = `
CREATE TABLE certificate (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  person_id TEXT NOT NULL,
  type_code TEXT NOT NULL,
  care_provider_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX certificate_patient ON certificate (person_id, type_code, care_provider_id, status);
CREATE INDEX certificate_unit ON certificate (unit_id, seq);
CREATE TABLE notification (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  certificate_id TEXT NOT NULL,
  event_code TEXT NOT NULL,
  logical_address TEXT NOT NULL,
  person_id TEXT NOT NULL,
  envelope TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts TEXT NOT NULL,
  next_attempt_at INTEGER
);
CREATE INDEX notification_certificate ON notification (certificate_id, seq);
CREATE INDEX notification_open ON notification (status) WHERE status IN ('SENDING', 'RESEND');
CREATE TABLE integrated_unit (
  hsa_id TEXT PRIMARY KEY
) WITHOUT ROWID;
`;

/** A state file that cannot be opened, with what to do. */
export class WebcertStateOpenError extends Error {
  override readonly name = 'WebcertStateOpenError';
}

/** One opened state database, shared by the store, the sender and the integrated units. */
export class WebcertState {
  private constructor(
    /** The path it was opened with; `':memory:'` when in memory. */
    readonly path: string,
    readonly db: Database.Database,
  ) {}

  /**
   * Opens (creating when missing) the state at `file`, or in memory for `':memory:'`.
   * @throws {WebcertStateOpenError} when the file cannot be opened, is not a Webcert state file,
   *   or was written with another schema version.
   */
  static open(file = ':memory:'): WebcertState {
    const inMemory = file === ':memory:';
    let db: Database.Database;
    try {
      if (!inMemory) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      db = new Database(file);
    } catch (error) {
      throw new WebcertStateOpenError(`Cannot open the Webcert state file ${file}: ${messageOf(error)}. Check that its folder is writable, or name another file (or :memory:).`, { cause: error });
    }
    try {
      if (!inMemory) {
        // WAL with synchronous=NORMAL: a commit is in the file once written, so a killed process
        // loses nothing committed; only a power loss can drop the last commits.
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
      }
      prepareSchema(db, file);
      return new WebcertState(file, db);
    } catch (error) {
      db.close();
      if (error instanceof WebcertStateOpenError) throw error;
      throw new WebcertStateOpenError(`Cannot open the Webcert state file ${file}: ${messageOf(error)}. If it is not a Webcert state file, delete it or name another.`, { cause: error });
    }
  }

  /** Runs `work` in one transaction (nested calls become savepoints). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  get open(): boolean {
    return this.db.open;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function prepareSchema(db: Database.Database, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all();
  if (version === WEBCERT_STATE_SCHEMA_VERSION && tables.includes('certificate') && tables.includes('notification')) return;
  if (tables.length === 0 && version === 0) {
    db.transaction(() => {
      db.exec(SCHEMA_SQL);
      db.pragma(`user_version = ${WEBCERT_STATE_SCHEMA_VERSION}`);
    })();
    return;
  }
  if (!tables.includes('certificate') || !tables.includes('notification')) {
    throw new WebcertStateOpenError(`Cannot open the Webcert state file ${file}: it is a SQLite database but not a Webcert state file (tables: ${tables.join(', ') || 'none'}); name another file.`);
  }
  throw new WebcertStateOpenError(
    `Cannot open the Webcert state file ${file}: it was written with schema ${version}, this samverkan reads schema ${WEBCERT_STATE_SCHEMA_VERSION}; delete it (its drafts and pending resends are lost) or name another file.`,
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
