/**
 * The Webcert simulator's state file: drafts and certificates, status updates with their delivery
 * state, the certificate queue toward Intygstjänsten, and the integrated units, in one SQLite database (in memory by default, a file when the
 * topology names one). Every change is committed before the simulator answers or sends anything
 * about it, in WAL mode, so a SIGKILL loses nothing that was acknowledged; on restart the pending
 * resends are planned again from the stored state.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { useDurableFile } from '../../kit/sqlite/durableFile.js';

/**
 * Schema version of the state file (SQLite `user_version`). Files of versions 1 to 4 are brought
 * up to date when opened (see {@link MIGRATIONS}); files with any other version are refused.
 */
export const WEBCERT_STATE_SCHEMA_VERSION = 5;

/** The certificate queue toward Intygstjänsten (schema 3; certificatesender/certificateMessageStore.ts; `seq` see {@link SCHEMA_3_SQL}). */
const CERTIFICATE_MESSAGE_SQL = `
CREATE TABLE certificate_message (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  certificate_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  recipient TEXT,
  by_hsa_id TEXT,
  envelope TEXT NOT NULL,
  status TEXT NOT NULL,
  queued_at INTEGER NOT NULL,
  deliveries TEXT NOT NULL,
  next_delivery_at INTEGER,
  redelivered INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX certificate_message_certificate ON certificate_message (certificate_id, seq);
CREATE INDEX certificate_message_open ON certificate_message (status) WHERE status IN ('QUEUED', 'REDELIVERY');
`;

/**
 * The tables as schema 3 made them. A new file gets these and then the steps after schema 3 in
 * {@link MIGRATIONS}, so every column is declared once.
 *
 * One difference: files made before schema 5 declared `seq` AUTOINCREMENT, which writes the
 * `sqlite_sequence` page with every insert (one page more in most commits: 314 against 334 kB
 * written per certificate, docs/decisions/0039). No row of these tables is ever deleted, so a
 * plain INTEGER PRIMARY KEY gives the same numbers (the largest plus one). Older files keep theirs.
 */
const SCHEMA_3_SQL = `
CREATE TABLE certificate (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  person_id TEXT NOT NULL,
  type_code TEXT NOT NULL,
  care_provider_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  data TEXT NOT NULL,
  parent_id TEXT
);
CREATE INDEX certificate_patient ON certificate (person_id, type_code, care_provider_id, status);
CREATE INDEX certificate_unit ON certificate (unit_id, seq);
CREATE INDEX certificate_parent ON certificate (parent_id, seq) WHERE parent_id IS NOT NULL;
CREATE TABLE notification (
  seq INTEGER PRIMARY KEY,
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
${CERTIFICATE_MESSAGE_SQL}`;

/**
 * What brings a file of an older schema version up to the next one, by the version it starts
 * from. Version 1 had no relations between certificates: every `parent_id` is empty. Version 2
 * kept the certificate queue in memory: its file has no queued messages to bring along. Version 3
 * wrote a delivery (of a status update, or of a message of the certificate queue) only with its
 * outcome: every delivery it started is one of its recorded ones, except one under way when it was
 * stopped, which then goes again under its old number, as before (docs/decisions/0035).
 * Version 4 kept a certificate's signature in its JSON and a status update's envelope in its row,
 * both rewritten with every change; from version 5 each is a row of its own, written once
 * (docs/decisions/0039).
 */
const MIGRATIONS: Readonly<Record<number, string>> = {
  1: `ALTER TABLE certificate ADD COLUMN parent_id TEXT;
CREATE INDEX certificate_parent ON certificate (parent_id, seq) WHERE parent_id IS NOT NULL;`,
  2: CERTIFICATE_MESSAGE_SQL,
  3: `ALTER TABLE notification ADD COLUMN deliveries_started INTEGER NOT NULL DEFAULT 0;
UPDATE notification SET deliveries_started = json_array_length(attempts);
ALTER TABLE certificate_message ADD COLUMN deliveries_started INTEGER NOT NULL DEFAULT 0;
UPDATE certificate_message SET deliveries_started = json_array_length(deliveries);`,
  4: `CREATE TABLE certificate_signature (
  seq INTEGER PRIMARY KEY,
  document TEXT NOT NULL,
  xml TEXT NOT NULL,
  signer_certificate_pem TEXT NOT NULL
);
INSERT INTO certificate_signature (seq, document, xml, signer_certificate_pem)
  SELECT seq, json_extract(data, '$.signature.document'), json_extract(data, '$.signature.xml'), json_extract(data, '$.signature.signerCertificatePem')
  FROM certificate WHERE json_type(data, '$.signature') = 'object';
UPDATE certificate SET data = json_remove(data, '$.signature') WHERE json_type(data, '$.signature') IS NOT NULL;
CREATE TABLE notification_envelope (
  seq INTEGER PRIMARY KEY,
  envelope TEXT NOT NULL
);
INSERT INTO notification_envelope (seq, envelope) SELECT seq, envelope FROM notification;
ALTER TABLE notification DROP COLUMN envelope;`,
};

/** A state file that cannot be opened, with what to do. */
export class WebcertStateOpenError extends Error {
  override readonly name = 'WebcertStateOpenError';
}

interface Batch {
  committed: Promise<void>;
  resolve(): void;
  reject(error: Error): void;
}

/**
 * One opened state database, shared by the store, the sender and the integrated units.
 *
 * Writes are grouped: the first {@link write} of an event-loop turn opens a transaction that is
 * committed when the turn ends (setImmediate), so many changes share one commit. Whatever
 * acknowledges a change to another party waits for {@link flushed} first: Webcert's answers
 * (PartyServer's `beforeAnswer`), and each status-update delivery before it is sent.
 */
export class WebcertState {
  private batch?: Batch;
  private readonly lostListeners: (() => void)[] = [];

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
        useDurableFile(db);
      }
      prepareSchema(db, file);
      return new WebcertState(file, db);
    } catch (error) {
      db.close();
      if (error instanceof WebcertStateOpenError) throw error;
      throw new WebcertStateOpenError(`Cannot open the Webcert state file ${file}: ${messageOf(error)}. If it is not a Webcert state file, delete it or name another.`, { cause: error });
    }
  }

  /**
   * Runs `work` as one atomic change (a savepoint) in the current batch, opening the batch when
   * none is open. The change is durable once {@link flushed} resolves.
   */
  write<T>(work: () => T): T {
    if (!this.batch) this.openBatch();
    return this.db.transaction(work)();
  }

  /**
   * Runs one statement's write (`run` runs exactly one SQL statement) in the current batch,
   * opening the batch when none is open. A single statement is atomic on its own (SQLite undoes a
   * statement that fails), so it needs no savepoint of its own: two statements fewer than
   * {@link write}. Inside a {@link write} it is part of that change.
   */
  writeStatement<T>(run: () => T): T {
    if (!this.batch) this.openBatch();
    return run();
  }

  /** Resolves once every change written so far is committed; rejects when the commit failed. */
  flushed(): Promise<void> {
    return this.batch?.committed ?? Promise.resolve();
  }

  /** Commits the open batch now (also done at the end of every event-loop turn and on close). */
  commit(): void {
    const batch = this.batch;
    if (!batch) return;
    this.batch = undefined;
    try {
      if (this.db.inTransaction) this.db.exec('COMMIT');
      batch.resolve();
    } catch (error) {
      try {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
      } catch {
        // The rollback cannot make things worse than the failed commit; the error below says what happened.
      }
      for (const listener of this.lostListeners) listener();
      batch.reject(new Error(`Webcert's state file ${this.path} could not commit (${messageOf(error)}); the changes of the last moment are lost. Check the disk, then restart.`, { cause: error }));
    }
  }

  /** Told when a batch could not be committed, so working sets drop what was never stored. */
  onLost(listener: () => void): void {
    this.lostListeners.push(listener);
  }

  get open(): boolean {
    return this.db.open;
  }

  /** Commits what is pending and closes the file. */
  close(): void {
    if (!this.db.open) return;
    this.commit();
    this.db.close();
  }

  private openBatch(): void {
    let resolve!: () => void;
    let reject!: (error: Error) => void;
    const committed = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Nobody may be waiting when a commit fails; the failure is reported to those who are.
    committed.catch(() => undefined);
    this.batch = { committed, resolve, reject };
    this.db.exec('BEGIN');
    setImmediate(() => {
      if (this.db.open) this.commit();
    });
  }
}

function prepareSchema(db: Database.Database, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all();
  if (version === WEBCERT_STATE_SCHEMA_VERSION && tables.includes('certificate') && tables.includes('notification')) return;
  if (tables.length === 0 && version === 0) {
    db.transaction(() => {
      db.exec(SCHEMA_3_SQL);
      for (let v = 3; v < WEBCERT_STATE_SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${WEBCERT_STATE_SCHEMA_VERSION}`);
    })();
    return;
  }
  if (!tables.includes('certificate') || !tables.includes('notification')) {
    throw new WebcertStateOpenError(`Cannot open the Webcert state file ${file}: it is a SQLite database but not a Webcert state file (tables: ${tables.join(', ') || 'none'}); name another file.`);
  }
  if (version >= 1 && version < WEBCERT_STATE_SCHEMA_VERSION) {
    // An older file of ours: every step up to this version, in one transaction.
    db.transaction(() => {
      for (let v = version; v < WEBCERT_STATE_SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${WEBCERT_STATE_SCHEMA_VERSION}`);
    })();
    return;
  }
  throw new WebcertStateOpenError(
    `Cannot open the Webcert state file ${file}: it was written with schema ${version}, this samverkan reads schema ${WEBCERT_STATE_SCHEMA_VERSION}; delete it (its drafts and pending resends are lost) or name another file.`,
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
