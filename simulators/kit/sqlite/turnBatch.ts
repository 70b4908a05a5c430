/**
 * A party's changes to its SQLite file, committed in batches: the first write opens a transaction
 * that is committed in the check phase (`setImmediate`) of the event-loop turn after the one it was
 * opened in, so the changes of two turns share one COMMIT (docs/decisions/0048). Whatever
 * acknowledges a change to another party, or acts on it, waits for {@link TurnBatch.flushed}
 * first: what was answered is committed, in WAL mode, so a SIGKILL cannot lose it.
 */
import type Database from 'better-sqlite3';

interface Batch {
  committed: Promise<void>;
  resolve(): void;
  reject(error: Error): void;
}

/** When a batch is committed: at the end of the turn it was opened in, or of the turn after. */
export type BatchTurns = 1 | 2;

/**
 * The open batch of one database connection. The connection's other writes must go through
 * {@link write} / {@link writeStatement}, so that none runs outside the batch.
 */
export class TurnBatch {
  private batch?: Batch;
  private readonly lostListeners: (() => void)[] = [];

  /**
   * @param db the connection (its file in WAL mode, see useDurableFile).
   * @param couldNotCommit the error a waiter gets when a commit failed: what failed and what to do.
   * @param turns 2 (the default): commit at the end of the turn after the first write's; 1: at the
   *   end of that turn itself.
   */
  constructor(
    private readonly db: Database.Database,
    private readonly couldNotCommit: (cause: unknown) => Error,
    private readonly turns: BatchTurns = 2,
  ) {}

  /**
   * Runs `work` as one atomic change (a savepoint) in the open batch, opening one when none is.
   * The change is durable once {@link flushed} resolves.
   */
  write<T>(work: () => T): T {
    if (!this.batch) this.open();
    return this.db.transaction(work)();
  }

  /**
   * Runs one statement's write (`run` runs exactly one SQL statement) in the open batch, opening
   * one when none is. A single statement is atomic on its own (SQLite undoes a statement that
   * fails), so it needs no savepoint: two statements fewer than {@link write}.
   */
  writeStatement<T>(run: () => T): T {
    if (!this.batch) this.open();
    return run();
  }

  /** Resolves once every change written so far is committed; rejects when that commit failed. */
  flushed(): Promise<void> {
    return this.batch?.committed ?? Promise.resolve();
  }

  /** Whether changes wait for their commit. */
  get pending(): boolean {
    return this.batch !== undefined;
  }

  /** Commits the open batch now (done anyway at the end of its last turn, and on close). */
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
      batch.reject(this.couldNotCommit(error));
    }
  }

  /** Told when a batch could not be committed, so working sets drop what was never stored. */
  onLost(listener: () => void): void {
    this.lostListeners.push(listener);
  }

  private open(): void {
    let resolve!: () => void;
    let reject!: (error: Error) => void;
    const committed = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Nobody may be waiting when a commit fails; the failure is reported to those who are.
    committed.catch(() => undefined);
    const batch: Batch = { committed, resolve, reject };
    this.batch = batch;
    this.db.exec('BEGIN');
    const commitNow = () => {
      if (this.batch === batch && this.db.open) this.commit();
    };
    // While an immediate waits, the poll phase between the two checks does not block: it only
    // takes in what already arrived, and those changes join this batch (as the journal's 0032).
    setImmediate(this.turns === 1 ? commitNow : () => setImmediate(commitNow));
  }
}
