/**
 * Group commit: items handed in one at a time are committed together, in one transaction, at the
 * end of the event loop's turn after the one the first item came in (or after `maxDelayMs`), or at
 * once when `maxRows` are waiting; each caller's promise settles only after the commit that holds
 * its item returned. What a caller acknowledges after its promise resolved is therefore stored
 * (docs/decisions/0016-lean-soap-path.md, docs/decisions/0032-lean-receiver-hot-path.md).
 */

/** When a group is committed. */
export interface GroupCommitOptions {
  /** Commit at once when this many items wait. Default {@link DEFAULT_GROUP_ROWS}. */
  maxRows?: number;
  /**
   * Longest wait of the first item in a group, in wall-clock ms; 0 (the default) waits no time
   * but one more turn of the event loop: the group commits in the check phase (`setImmediate`) of
   * the turn after the first item's, so requests whose bytes were already there when the first
   * one was read (the next poll phase, which does not block while an immediate waits) join it.
   */
  maxDelayMs?: number;
}

/** Default for {@link GroupCommitOptions.maxRows}. */
export const DEFAULT_GROUP_ROWS = 256;

interface Waiting<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * A queue of items and the one function that commits a group of them. `commit` must be all or
 * nothing (one transaction) and return one result per item, in order; when it throws, every item
 * of the group is rejected with that error.
 */
export class GroupCommit<T, R> {
  private waiting: Array<Waiting<T, R>> = [];
  private timer?: { kind: 'immediate'; handle: NodeJS.Immediate } | { kind: 'timeout'; handle: NodeJS.Timeout };
  private readonly maxRows: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly commit: (items: T[]) => R[],
    options: GroupCommitOptions = {},
  ) {
    this.maxRows = options.maxRows ?? DEFAULT_GROUP_ROWS;
    this.maxDelayMs = options.maxDelayMs ?? 0;
    if (!Number.isSafeInteger(this.maxRows) || this.maxRows < 1) {
      throw new RangeError(`group commit maxRows must be a whole number ≥ 1, got ${options.maxRows}.`);
    }
    if (!Number.isFinite(this.maxDelayMs) || this.maxDelayMs < 0 || this.maxDelayMs > 1000) {
      throw new RangeError(`group commit maxDelayMs must be between 0 and 1000 ms, got ${options.maxDelayMs}.`);
    }
  }

  /** Items waiting for their commit. */
  get size(): number {
    return this.waiting.length;
  }

  /** Queues `item`; resolves with its result once the group holding it is committed. */
  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.waiting.length >= this.maxRows) this.flush();
      else if (!this.timer) {
        this.timer =
          this.maxDelayMs > 0
            ? { kind: 'timeout', handle: setTimeout(() => this.flush(), this.maxDelayMs) }
            : { kind: 'immediate', handle: setImmediate(() => this.nextTurn()) };
      }
    });
  }

  /**
   * The first item's turn is over: commit at the end of the next one. Under load that turn's poll
   * phase brings the requests already sent, and a group of 16 costs about 40 % less per row than
   * one of 10 (0032); on an idle listener the wait is one empty turn.
   */
  private nextTurn(): void {
    this.timer = { kind: 'immediate', handle: setImmediate(() => this.flush()) };
  }

  /** Commits every waiting item now (synchronously) and settles their promises. */
  flush(): void {
    this.cancelTimer();
    if (this.waiting.length === 0) return;
    const group = this.waiting;
    this.waiting = [];
    let results: R[];
    try {
      results = this.commit(group.map((w) => w.item));
    } catch (error) {
      for (const w of group) w.reject(error);
      return;
    }
    group.forEach((w, i) => w.resolve(results[i]!));
  }

  /**
   * Commits every waiting item and then `item`, in one commit, now (synchronously), settles the
   * waiting promises and returns `item`'s result: one transaction where {@link flush} and a commit
   * of `item` alone took two. When the commit fails, the waiting items are rejected and the error
   * is thrown.
   */
  commitWith(item: T): R {
    this.cancelTimer();
    const group = this.waiting;
    this.waiting = [];
    const items = group.map((w) => w.item);
    items.push(item);
    let results: R[];
    try {
      results = this.commit(items);
    } catch (error) {
      for (const w of group) w.reject(error);
      throw error;
    }
    group.forEach((w, i) => w.resolve(results[i]!));
    return results[group.length]!;
  }

  private cancelTimer(): void {
    const timer = this.timer;
    this.timer = undefined;
    if (timer?.kind === 'timeout') clearTimeout(timer.handle);
    else if (timer?.kind === 'immediate') clearImmediate(timer.handle);
  }

  /** Rejects every waiting item with `error` without committing it (a journal that cannot commit any more). */
  abandon(error: Error): void {
    this.cancelTimer();
    for (const w of this.waiting.splice(0)) w.reject(error);
  }
}
