import { test, expect } from '@playwright/test';
import { LATEST_CLOCK_TIME, MAX_ADVANCE_MS, VirtualClock } from './virtualClock.js';

const START = Date.parse('2026-01-01T08:00:00Z');
const MIN = 60_000;
const DAY = 86_400_000;

test.describe('virtual clock, manual mode', () => {
  test('time stands still until advanced, then moves by exactly the amount', async () => {
    const clock = new VirtualClock({ mode: 'manual', start: START });
    expect(clock.now()).toBe(START);
    expect(await clock.advanceBy(25 * DAY)).toBe(0);
    expect(clock.now()).toBe(START + 25 * DAY);
  });

  test('timers run in time order (ties in scheduling order), each awaited, now() = the timer time', async () => {
    const clock = new VirtualClock({ mode: 'manual', start: START });
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start @${clock.now() - START}`);
      await new Promise((r) => setTimeout(r, 5));
      log.push(`${name} end @${clock.now() - START}`);
    };
    clock.schedule(START + 5 * MIN, task('c'));
    clock.schedule(START + 1 * MIN, task('a'));
    clock.schedule(START + 5 * MIN, task('d'));
    clock.schedule(START + 2 * MIN, task('b'));

    const ran = await clock.advanceBy(10 * MIN);

    expect(ran).toBe(4);
    expect(log).toEqual([
      'a start @60000', 'a end @60000',
      'b start @120000', 'b end @120000',
      'c start @300000', 'c end @300000',
      'd start @300000', 'd end @300000',
    ]);
    expect(clock.now()).toBe(START + 10 * MIN);
  });

  test('a timer scheduled by a task inside the window runs in the same advance; one outside waits', async () => {
    const clock = new VirtualClock({ mode: 'manual', start: START });
    const seen: number[] = [];
    const resend = (attempt: number) => () => {
      seen.push(clock.now() - START);
      if (attempt < 5) clock.schedule(clock.now() + DAY, resend(attempt + 1), `resend ${attempt + 1}`);
    };
    clock.schedule(START + MIN, resend(1), 'resend 1');

    expect(await clock.advanceBy(3 * DAY)).toBe(3);
    expect(seen).toEqual([MIN, MIN + DAY, MIN + 2 * DAY]);
    expect(clock.pending()).toEqual([{ id: 4, at: START + MIN + 3 * DAY, label: 'resend 4' }]);

    expect(await clock.advanceBy(DAY)).toBe(1);
    expect(seen.at(-1)).toBe(MIN + 3 * DAY);
  });

  test('cancel removes a timer; pending() lists the rest earliest first with labels', async () => {
    const clock = new VirtualClock({ mode: 'manual', start: START });
    const ran: string[] = [];
    const late = clock.schedule(START + 3 * MIN, () => void ran.push('late'), 'late');
    const early = clock.schedule(START + MIN, () => void ran.push('early'), 'early');
    const gone = clock.schedule(START + 2 * MIN, () => void ran.push('gone'), 'gone');

    clock.cancel(gone);
    expect(clock.pending()).toEqual([
      { id: early, at: START + MIN, label: 'early' },
      { id: late, at: START + 3 * MIN, label: 'late' },
    ]);

    expect(await clock.advanceBy(5 * MIN)).toBe(2);
    expect(ran).toEqual(['early', 'late']);
    expect(clock.pending()).toEqual([]);
  });

  test('many timers, some at equal times, some cancelled: they run by time, equal times in scheduling order', async () => {
    const clock = new VirtualClock({ mode: 'manual', start: START });
    const ran: string[] = [];
    const expected: { at: number; seq: number; name: string }[] = [];
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let seq = 0; seq < 2_000; seq++) {
      // Only 20 distinct times, so most timers share their time with a hundred others.
      const at = START + Math.floor(random() * 20) * MIN;
      const name = `t${seq}`;
      const id = clock.schedule(at, () => void ran.push(name), name);
      if (seq % 7 === 3) clock.cancel(id);
      else expected.push({ at, seq, name });
    }
    expected.sort((a, b) => a.at - b.at || a.seq - b.seq);

    expect(clock.pendingCount()).toBe(expected.length);
    expect(clock.pending(3).map((p) => p.label)).toEqual(expected.slice(0, 3).map((e) => e.name));
    expect(await clock.advanceBy(30 * MIN)).toBe(expected.length);
    expect(ran).toEqual(expected.map((e) => e.name));
  });

  test('cancelling most timers (the queue is rebuilt) keeps the order of the rest', async () => {
    const clock = new VirtualClock({ mode: 'manual', start: START });
    const ran: number[] = [];
    const ids = Array.from({ length: 300 }, (_, i) => clock.schedule(START + ((i * 37) % 10) * MIN, () => void ran.push(i)));
    ids.forEach((id, i) => i % 5 !== 0 && clock.cancel(id));
    clock.cancel(ids[0]!);
    clock.cancel(ids[0]!); // twice, and an unknown id: ignored
    clock.cancel(99_999);
    const kept = Array.from({ length: 300 }, (_, i) => i).filter((i) => i % 5 === 0 && i !== 0);
    const expected = [...kept].sort((a, b) => ((a * 37) % 10) - ((b * 37) % 10) || a - b);
    expect(clock.pendingCount()).toBe(kept.length);
    expect(await clock.advanceBy(10 * MIN)).toBe(kept.length);
    expect(ran).toEqual(expected);
  });

  test('a timer scheduled by a task at the same time runs after every timer already waiting for that time', async () => {
    const clock = new VirtualClock({ mode: 'manual', start: START });
    const ran: string[] = [];
    clock.schedule(START + MIN, () => {
      ran.push('first');
      clock.schedule(START + MIN, () => void ran.push('added by first'));
    });
    clock.schedule(START + MIN, () => void ran.push('second'));
    clock.schedule(START + MIN, () => void ran.push('third'));
    await clock.advanceBy(MIN);
    expect(ran).toEqual(['first', 'second', 'third', 'added by first']);
  });

  test('a timer exactly at the target runs; one a millisecond later does not', async () => {
    const clock = new VirtualClock({ mode: 'manual', start: START });
    const ran: string[] = [];
    clock.schedule(START + MIN, () => void ran.push('at'));
    clock.schedule(START + MIN + 1, () => void ran.push('after'));
    expect(await clock.advanceBy(MIN)).toBe(1);
    expect(ran).toEqual(['at']);
    expect(clock.pending().map((p) => p.at)).toEqual([START + MIN + 1]);
  });

  test('concurrent advances are serialized: the second starts where the first ended', async () => {
    const clock = new VirtualClock({ mode: 'manual', start: START });
    const log: string[] = [];
    clock.schedule(START + MIN, async () => {
      log.push(`slow start @${clock.now() - START}`);
      await new Promise((r) => setTimeout(r, 20));
      log.push(`slow end @${clock.now() - START}`);
    });
    clock.schedule(START + 2 * MIN + 30_000, () => void log.push(`second @${clock.now() - START}`));

    const first = clock.advanceBy(2 * MIN);
    const second = clock.advanceBy(MIN);
    const counts = await Promise.all([first, second]);

    expect(counts).toEqual([1, 1]);
    expect(log).toEqual(['slow start @60000', 'slow end @60000', 'second @150000']);
    expect(clock.now()).toBe(START + 3 * MIN);
  });

  test('a task that throws is reported with its label and the next timers still run', async () => {
    const errors: Array<[string, string | undefined]> = [];
    const clock = new VirtualClock({
      mode: 'manual',
      start: START,
      onTaskError: (error, label) => errors.push([(error as Error).message, label]),
    });
    const ran: string[] = [];
    clock.schedule(START + MIN, () => {
      throw new Error('journal unreachable');
    }, 'status update 1');
    clock.schedule(START + 2 * MIN, () => void ran.push('next'));

    expect(await clock.advanceBy(5 * MIN)).toBe(2);
    expect(errors).toEqual([['journal unreachable', 'status update 1']]);
    expect(ran).toEqual(['next']);
  });

  test('advanceTo never moves backwards; bad durations and times are refused', async () => {
    const clock = new VirtualClock({ mode: 'manual', start: START });
    await clock.advanceTo(START - DAY);
    expect(clock.now()).toBe(START);
    await clock.advanceTo(START + DAY);
    expect(clock.now()).toBe(START + DAY);
    expect(() => clock.advanceBy(-1)).toThrow('clock.advanceBy: -1 ms is not a non-negative duration');
    expect(() => clock.schedule(Number.NaN, () => undefined)).toThrow('clock.schedule: time NaN is not a finite number of milliseconds');
  });

  test('an advance too long, or past the latest time a date can show, is refused and the clock stays where it was', async () => {
    const clock = new VirtualClock({ mode: 'manual', start: START });
    const ran: string[] = [];
    clock.schedule(START + MIN, () => void ran.push('resend'));
    expect(() => clock.advanceBy(8.64e27)).toThrow('is more than one advance may move; advance at most 3650 days (315360000000 ms) at a time. The clock did not move.');
    expect(() => clock.advanceBy(Number.POSITIVE_INFINITY)).toThrow('Infinity ms is not a non-negative duration');
    expect(() => clock.advanceTo(LATEST_CLOCK_TIME + 1)).toThrow('that would take the clock past 9999-12-31T23:59:59.999Z');
    expect(clock.now()).toBe(START);
    expect(ran).toEqual([]);
    expect(new Date(clock.now()).toISOString()).toBe(new Date(START).toISOString());

    // The bound is checked again when a queued advance runs: the first moves, the second is refused.
    const late = new VirtualClock({ mode: 'manual', start: LATEST_CLOCK_TIME - 2 * DAY });
    const first = late.advanceBy(1.5 * DAY);
    const second = late.advanceBy(DAY);
    await first;
    await expect(second).rejects.toThrow('that would take the clock past 9999-12-31T23:59:59.999Z');
    expect(late.now()).toBe(LATEST_CLOCK_TIME - 0.5 * DAY);
    expect(await clock.advanceBy(MAX_ADVANCE_MS)).toBe(1);
  });

  // Was a bug (virtualClock.ts:111), fixed: advanceTo(NaN) is not validated (advanceBy is). Math.max(NaN, now) is NaN, `next.at > NaN`
  // is false for every timer, so every pending timer runs at once and the clock then reads NaN.
  test('advanceTo(NaN) is refused instead of running every timer and setting the clock to NaN', async () => {
    const clock = new VirtualClock({ mode: 'manual', start: START });
    let ran = false;
    clock.schedule(START + 30 * DAY, () => {
      ran = true;
    });
    await Promise.resolve()
      .then(() => clock.advanceTo(Number.NaN))
      .catch(() => undefined);
    expect(ran).toBe(false);
    expect(clock.now()).toBe(START);
  });

  test('stop drops every timer, the clock can still be read', async () => {
    const clock = new VirtualClock({ mode: 'manual', start: START });
    clock.schedule(START + MIN, () => undefined);
    clock.stop();
    expect(clock.pending()).toEqual([]);
    expect(await clock.advanceBy(MIN)).toBe(0);
    expect(clock.now()).toBe(START + MIN);
  });
});

test.describe('virtual clock, realtime mode', () => {
  test('time follows the wall clock from the start value', async () => {
    const wallStart = Date.now();
    const clock = new VirtualClock({ mode: 'realtime', start: START });
    await new Promise((r) => setTimeout(r, 25));
    // Node timers may fire a millisecond early by Date.now(); compare with the wall clock's own count.
    expect(clock.now()).toBeGreaterThanOrEqual(START + 20);
    expect(Math.abs(clock.now() - START - (Date.now() - wallStart))).toBeLessThanOrEqual(2);
    expect(clock.now()).toBeLessThan(START + DAY);
    clock.stop();
  });

  test('a timer due soon fires by itself, at (or after) its time', async () => {
    const clock = new VirtualClock({ mode: 'realtime', start: START });
    const at = clock.now() + 30;
    const fired = new Promise<number>((resolve) => clock.schedule(at, () => resolve(clock.now()), 'soon'));
    const timeout = new Promise<'not fired'>((resolve) => setTimeout(() => resolve('not fired'), 2_000));
    const result = await Promise.race([fired, timeout]);
    expect(result).not.toBe('not fired');
    expect(result as number).toBeGreaterThanOrEqual(at);
    expect(clock.pending()).toEqual([]);
    clock.stop();
  });

  test('advancing in realtime mode runs due timers and jumps virtual time ahead', async () => {
    const clock = new VirtualClock({ mode: 'realtime', start: START });
    const ran: string[] = [];
    clock.schedule(START + DAY, () => void ran.push('tomorrow'));
    expect(await clock.advanceBy(2 * DAY)).toBe(1);
    expect(ran).toEqual(['tomorrow']);
    expect(clock.now()).toBeGreaterThanOrEqual(START + 2 * DAY);
    clock.stop();
  });
});
