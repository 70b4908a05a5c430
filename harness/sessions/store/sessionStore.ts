/**
 * A session's store: one SQLite file (`session.sqlite` in the session folder), write-ahead log,
 * synchronous commits, one transaction per recorded step, so a SIGKILL loses nothing that was
 * recorded and `resume` finds exactly what was done. A result and the traffic that is its evidence
 * go in the same transaction; constraints refuse a second result for a case, a second record of a
 * test and a second copy of an exchange, so nothing is ever counted twice.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { JournalEntry } from '../../../simulators/kit/journal/exchange.js';
import type { CaseDetails, CaseOutcome, CaseResult, RecordedBy, SessionRecord, TestRecord } from './sessionRecord.js';

export const STORE_FILE = 'session.sqlite';
const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE case_start (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  journal_mark INTEGER,
  UNIQUE (case_id, attempt)
);
CREATE TABLE case_result (
  case_id TEXT PRIMARY KEY,
  outcome TEXT NOT NULL CHECK (outcome IN ('passed', 'failed', 'skipped', 'error')),
  comment TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  finished_at INTEGER NOT NULL,
  details TEXT NOT NULL
);
CREATE TABLE test_result (
  test_key TEXT PRIMARY KEY,
  case_id TEXT NOT NULL,
  record TEXT NOT NULL
);
CREATE TABLE traffic (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id TEXT NOT NULL,
  test_key TEXT NOT NULL,
  entry_id INTEGER NOT NULL,
  entry TEXT NOT NULL,
  UNIQUE (case_id, test_key, entry_id)
);
CREATE TABLE process (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  pid INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER
);
`;

/** The folder or file is not a session, or the session cannot be opened. */
export class SessionStoreError extends Error {
  override name = 'SessionStoreError';
}

/** When a case was started (manual steps keep their first start across a resume). */
export interface CaseStart {
  attempt: number;
  startedAt: number;
  /** Highest traffic-journal id when the step started: its evidence is what came after. */
  journalMark?: number;
}

export class SessionStore {
  private constructor(
    private readonly db: Database.Database,
    readonly dir: string,
  ) {}

  /** Creates the store of a new session in `dir` (which must not hold one). */
  static create(dir: string, session: SessionRecord): SessionStore {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, STORE_FILE);
    if (existsSync(file)) throw new SessionStoreError(`${dir} already holds a session; choose another folder or resume it`);
    const db = SessionStore.connect(file);
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('session', JSON.stringify(session));
    return new SessionStore(db, dir);
  }

  /** Opens the store in `dir`. @throws {SessionStoreError} */
  static open(dir: string): SessionStore {
    const file = join(dir, STORE_FILE);
    if (!existsSync(file)) throw new SessionStoreError(`${dir} holds no session (${STORE_FILE} is missing)`);
    let db: Database.Database;
    try {
      db = SessionStore.connect(file);
    } catch (error) {
      throw new SessionStoreError(`cannot open ${file}: ${(error as Error).message}`);
    }
    const version = db.pragma('user_version', { simple: true });
    if (version !== SCHEMA_VERSION) {
      db.close();
      throw new SessionStoreError(`${file} has store version ${String(version)}; this samverkan reads version ${SCHEMA_VERSION}`);
    }
    return new SessionStore(db, dir);
  }

  private static connect(file: string): Database.Database {
    const db = new Database(file, { timeout: 10_000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    return db;
  }

  get session(): SessionRecord {
    return JSON.parse(this.meta('session')!) as SessionRecord;
  }

  meta(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** Records that a case starts (a new attempt) and returns it. */
  startCase(caseId: string, startedAt: number, journalMark?: number): CaseStart {
    return this.db.transaction(() => {
      const last = this.lastStart(caseId);
      const attempt = (last?.attempt ?? 0) + 1;
      this.db.prepare('INSERT INTO case_start (case_id, attempt, started_at, journal_mark) VALUES (?, ?, ?, ?)').run(caseId, attempt, startedAt, journalMark ?? null);
      return { attempt, startedAt, journalMark };
    })();
  }

  /** The latest start of a case, if it was ever started. */
  lastStart(caseId: string): CaseStart | undefined {
    const row = this.db.prepare('SELECT attempt, started_at, journal_mark FROM case_start WHERE case_id = ? ORDER BY attempt DESC LIMIT 1').get(caseId) as
      | { attempt: number; started_at: number; journal_mark: number | null }
      | undefined;
    return row && { attempt: row.attempt, startedAt: row.started_at, journalMark: row.journal_mark ?? undefined };
  }

  /** The first start of a case (a manual step's evidence window begins there). */
  firstStart(caseId: string): CaseStart | undefined {
    const row = this.db.prepare('SELECT attempt, started_at, journal_mark FROM case_start WHERE case_id = ? ORDER BY attempt LIMIT 1').get(caseId) as
      | { attempt: number; started_at: number; journal_mark: number | null }
      | undefined;
    return row && { attempt: row.attempt, startedAt: row.started_at, journalMark: row.journal_mark ?? undefined };
  }

  /**
   * Records a case's result with its evidence, in one transaction.
   * @throws {SessionStoreError} when the case already has a result (it is never overwritten)
   */
  recordCase(result: { caseId: string; outcome: CaseOutcome; comment: string; recordedBy: RecordedBy; startedAt: number; finishedAt: number; details?: CaseDetails }, traffic: readonly JournalEntry[] = []): void {
    try {
      this.db.transaction(() => {
        this.db
          .prepare('INSERT INTO case_result (case_id, outcome, comment, recorded_by, started_at, finished_at, details) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(result.caseId, result.outcome, result.comment, result.recordedBy, result.startedAt, result.finishedAt, JSON.stringify(result.details ?? {}));
        this.insertTraffic(result.caseId, '', traffic);
      })();
    } catch (error) {
      if (String((error as Error).message).includes('UNIQUE constraint failed: case_result.case_id')) {
        throw new SessionStoreError(`the case ${result.caseId} already has a result (${this.result(result.caseId)?.outcome}); a result is never recorded twice`);
      }
      throw error;
    }
  }

  /** Records one test of an automated case with its traffic, in one transaction. */
  recordTest(test: TestRecord, traffic: readonly JournalEntry[]): void {
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO test_result (test_key, case_id, record) VALUES (?, ?, ?)').run(test.key, test.caseId, JSON.stringify(test));
      this.insertTraffic(test.caseId, test.key, traffic);
    })();
  }

  private insertTraffic(caseId: string, testKey: string, traffic: readonly JournalEntry[]): void {
    const insert = this.db.prepare('INSERT INTO traffic (case_id, test_key, entry_id, entry) VALUES (?, ?, ?, ?)');
    for (const entry of traffic) insert.run(caseId, testKey, entry.id, JSON.stringify(entry));
  }

  result(caseId: string): CaseResult | undefined {
    const row = this.db.prepare('SELECT * FROM case_result WHERE case_id = ?').get(caseId) as ResultRow | undefined;
    return row && fromRow(row);
  }

  /** Every recorded result, in the order they were recorded. */
  results(): CaseResult[] {
    return (this.db.prepare('SELECT * FROM case_result ORDER BY rowid').all() as ResultRow[]).map(fromRow);
  }

  /** Recorded tests, of one case or all. */
  tests(caseId?: string): TestRecord[] {
    const rows = (caseId
      ? this.db.prepare('SELECT record FROM test_result WHERE case_id = ? ORDER BY rowid').all(caseId)
      : this.db.prepare('SELECT record FROM test_result ORDER BY rowid').all()) as Array<{ record: string }>;
    return rows.map((r) => JSON.parse(r.record) as TestRecord);
  }

  /** The traffic kept as a case's evidence (of one of its tests, when `testKey` is given), oldest first. */
  traffic(caseId: string, testKey?: string): JournalEntry[] {
    const rows = (testKey === undefined
      ? this.db.prepare('SELECT entry FROM traffic WHERE case_id = ? ORDER BY id').all(caseId)
      : this.db.prepare('SELECT entry FROM traffic WHERE case_id = ? AND test_key = ? ORDER BY id').all(caseId, testKey)) as Array<{ entry: string }>;
    return rows.map((r) => JSON.parse(r.entry) as JournalEntry);
  }

  /** How many exchanges are kept, per case. */
  trafficCounts(): Map<string, number> {
    const rows = this.db.prepare('SELECT case_id, COUNT(*) AS n FROM traffic GROUP BY case_id').all() as Array<{ case_id: string; n: number }>;
    return new Map(rows.map((r) => [r.case_id, r.n]));
  }

  /** Notes a process working for the session (the runner, a Playwright run); returns its row id. */
  noteProcess(kind: 'runner' | 'playwright', pid: number, startedAt: number): number {
    return Number(this.db.prepare('INSERT INTO process (kind, pid, started_at) VALUES (?, ?, ?)').run(kind, pid, startedAt).lastInsertRowid);
  }

  endProcess(rowId: number, endedAt: number): void {
    this.db.prepare('UPDATE process SET ended_at = ? WHERE id = ?').run(endedAt, rowId);
  }

  /** Processes noted and never ended (the session's runner or Playwright was killed, or still runs). */
  openProcesses(): Array<{ rowId: number; kind: string; pid: number; startedAt: number }> {
    return (this.db.prepare('SELECT id, kind, pid, started_at FROM process WHERE ended_at IS NULL ORDER BY id').all() as Array<{ id: number; kind: string; pid: number; started_at: number }>).map((r) => ({
      rowId: r.id,
      kind: r.kind,
      pid: r.pid,
      startedAt: r.started_at,
    }));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

interface ResultRow {
  case_id: string;
  outcome: CaseOutcome;
  comment: string;
  recorded_by: RecordedBy;
  started_at: number;
  finished_at: number;
  details: string;
}

function fromRow(row: ResultRow): CaseResult {
  return {
    caseId: row.case_id,
    outcome: row.outcome,
    comment: row.comment,
    recordedBy: row.recorded_by,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    details: JSON.parse(row.details) as CaseDetails,
  };
}
