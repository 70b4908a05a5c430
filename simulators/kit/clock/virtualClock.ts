import { TimerHeap } from './timerHeap.js';

/**
 * The virtual clock every simulator reads. Tests move it forward ("25 days in milliseconds");
 * timers scheduled on it fire in time order, each awaited before the next, so a chain of
 * resends that spans weeks runs in the wall time its network calls take.
 */

/** A task scheduled on the clock; may be async, and is awaited when the clock runs it. */
export type ClockTask = () => void | Promise<void>;

/** The read side every simulator uses. */
export interface Clock {
  /** Virtual milliseconds since the Unix epoch. */
  now(): number;
  /** Runs `task` when virtual time reaches `at`; returns an id for {@link Clock.cancel}. */
  schedule(at: number, task: ClockTask, label?: string): number;
  cancel(id: number): void;
}

/** How virtual time moves by itself between explicit advances. */
export type ClockMode =
  /** Time stands still except when advanced (tests). */
  | 'manual'
  /** Time follows the wall clock from the start value on (a long-running session). */
  | 'realtime';

export interface VirtualClockOptions {
  /** Start time in ms since epoch; default the wall clock at creation. */
  start?: number;
  mode?: ClockMode;
  /** Called when a task throws; default rethrows nothing and logs to stderr. */
  onTaskError?: (error: unknown, label: string | undefined) => void;
}

interface Timer {
  id: number;
  at: number;
  seq: number;
  task: ClockTask;
  label?: string;
}

/** Longest single advance: 3650 days (ten years), far past any redelivery series. */
export const MAX_ADVANCE_MS = 3650 * 86_400_000;
/** Latest time the clock may show: the end of year 9999, the last a four-digit ISO date can say. */
export const LATEST_CLOCK_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** A pending timer as listed for inspection (admin API, reports). */
export interface PendingTimer {
  id: number;
  at: number;
  label?: string;
}

/**
 * Virtual clock with an ordered timer queue (a heap: scheduling costs O(log n) with any number
 * of timers pending; equal times run in the order they were scheduled).
 *
 * @example
 * const clock = new VirtualClock({ mode: 'manual', start: Date.parse('2026-01-01T08:00:00Z') });
 * clock.schedule(clock.now() + 60_000, () => resend());
 * await clock.advanceBy(25 * 24 * 3600_000); // runs every due timer, in order
 */
export class VirtualClock implements Clock {
  readonly mode: ClockMode;
  private base: number;
  private wallBase: number;
  private readonly timers = new TimerHeap<Timer>();
  private nextId = 1;
  private seq = 0;
  private running: Promise<void> = Promise.resolve();
  private wallTimer: NodeJS.Timeout | undefined;
  /** Virtual time the wall timer is armed for, so scheduling a later timer does not re-arm it. */
  private wallTimerAt: number | undefined;
  private stopped = false;
  private readonly onTaskError: (error: unknown, label: string | undefined) => void;

  constructor(options: VirtualClockOptions = {}) {
    this.mode = options.mode ?? 'manual';
    this.base = options.start ?? Date.now();
    this.wallBase = Date.now();
    this.onTaskError =
      options.onTaskError ??
      ((error, label) => console.error(`samverkan clock: task ${label ?? '(unnamed)'} failed:`, error));
  }

  now(): number {
    return this.mode === 'realtime' ? this.base + (Date.now() - this.wallBase) : this.base;
  }

  schedule(at: number, task: ClockTask, label?: string): number {
    if (!Number.isFinite(at)) throw new Error(`clock.schedule: time ${at} is not a finite number of milliseconds`);
    const id = this.nextId++;
    this.timers.push({ id, at, seq: this.seq++, task, label });
    if (this.wallTimerAt === undefined || at < this.wallTimerAt) this.armWallTimer();
    return id;
  }

  cancel(id: number): void {
    this.timers.cancel(id);
  }

  /** Timers not yet run, earliest first; at most `limit` when given (inspection: O(n log n)). */
  pending(limit?: number): PendingTimer[] {
    return this.timers.sorted(limit).map(({ id, at, label }) => ({ id, at, label }));
  }

  /** How many timers are pending. */
  pendingCount(): number {
    return this.timers.size;
  }

  /**
   * Moves virtual time forward by `ms`, running every timer that falls due on the way, in
   * order, each awaited (timers that those tasks schedule inside the window run too).
   * Resolves with the number of tasks run. Concurrent calls are queued, so a task must not
   * await an advance itself (it would wait for its own advance to finish).
   * @throws {RangeError} at once, before anything moves, for a negative, non-finite or too long
   *   duration (see {@link checkAdvance}); the returned promise rejects, with nothing moved, when
   *   an advance queued before this one leaves no room for it.
   */
  advanceBy(ms: number): Promise<number> {
    this.checkAdvance(ms);
    return this.exclusive(async () => {
      this.checkAdvance(ms); // an advance queued before may have moved the clock meanwhile
      return this.runUntil(this.now() + ms);
    });
  }

  /**
   * Refuses an advance by `ms` that {@link advanceBy} would refuse: negative or not finite, more
   * than {@link MAX_ADVANCE_MS}, or past {@link LATEST_CLOCK_TIME}. Moves nothing.
   * @throws {RangeError} saying what is allowed.
   */
  checkAdvance(ms: number): void {
    if (!(typeof ms === 'number' && ms >= 0 && Number.isFinite(ms))) {
      throw new RangeError(`clock.advanceBy: ${ms} ms is not a non-negative duration`);
    }
    if (ms > MAX_ADVANCE_MS) {
      throw new RangeError(
        `clock.advanceBy: ${ms} ms (${Math.round(ms / 86_400_000)} days) is more than one advance may move; ` +
          `advance at most 3650 days (${MAX_ADVANCE_MS} ms) at a time. The clock did not move.`,
      );
    }
    checkTime(this.now() + ms, 'clock.advanceBy');
  }

  /** Moves virtual time to `at` (never backwards), running due timers as {@link advanceBy} does. */
  advanceTo(at: number): Promise<number> {
    if (!Number.isFinite(at)) throw new Error(`clock.advanceTo: ${at} is not a finite time in milliseconds`);
    checkTime(at, 'clock.advanceTo');
    return this.exclusive(() => this.runUntil(Math.max(at, this.now())));
  }

  /** Runs timers already due (useful in realtime mode and after scheduling at `now()`). */
  runDue(): Promise<number> {
    return this.exclusive(() => this.runUntil(this.now()));
  }

  /** Drops every timer and stops the wall-clock driver; the clock can still be read. */
  stop(): void {
    this.stopped = true;
    this.timers.clear();
    if (this.wallTimer) clearTimeout(this.wallTimer);
    this.wallTimerAt = undefined;
  }

  private exclusive(work: () => Promise<number>): Promise<number> {
    const result = this.running.then(work);
    this.running = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private async runUntil(target: number): Promise<number> {
    let ran = 0;
    for (;;) {
      const next = this.timers.peek();
      if (!next || next.at > target) break;
      this.timers.pop();
      this.setNow(Math.max(next.at, this.now()));
      try {
        await next.task();
      } catch (error) {
        this.onTaskError(error, next.label);
      }
      ran++;
    }
    this.setNow(Math.max(target, this.now()));
    this.armWallTimer();
    return ran;
  }

  private setNow(at: number): void {
    if (this.mode === 'realtime') {
      this.wallBase = Date.now();
    }
    this.base = at;
  }

  /** In realtime mode, wakes up when the earliest timer falls due by the wall clock. */
  private armWallTimer(): void {
    if (this.mode !== 'realtime' || this.stopped) return;
    if (this.wallTimer) clearTimeout(this.wallTimer);
    this.wallTimerAt = undefined;
    const next = this.timers.peek();
    if (!next) return;
    this.wallTimerAt = next.at;
    const wait = Math.min(Math.max(next.at - this.now(), 0), 2_147_000_000);
    this.wallTimer = setTimeout(() => void this.runDue(), wait);
    this.wallTimer.unref();
  }
}

function checkTime(at: number, what: string): void {
  if (at > LATEST_CLOCK_TIME) {
    throw new RangeError(
      `${what}: that would take the clock past ${new Date(LATEST_CLOCK_TIME).toISOString()}, the latest time it can show. ` +
        'The clock did not move.',
    );
  }
}
