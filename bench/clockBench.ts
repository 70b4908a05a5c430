/**
 * `npm run bench`, the virtual clock: the cost of scheduling a timer on a clock with 50,000 timers
 * pending (a day of resends at national volume) against an empty one, from one run.
 */
import { VirtualClock } from '../simulators/kit/clock/virtualClock.js';
import { heapAfterGc } from './benchSupport.js';

export interface ClockBenchOptions {
  pending: number;
  log: (line: string) => void;
}

/** Microseconds per `schedule` call: `inserts` timers at pseudo-random times on a clock already holding `pending`. */
function insertCost(pending: number, inserts: number): number {
  const start = Date.parse('2026-03-02T08:00:00Z');
  const clock = new VirtualClock({ mode: 'manual', start });
  let seed = 42;
  const at = () => start + ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % (25 * 86_400_000));
  const task = () => undefined;
  for (let i = 0; i < pending; i++) clock.schedule(at(), task, 'resend');
  heapAfterGc(); // the filling's litter is not the inserts' cost
  const t0 = performance.now();
  for (let i = 0; i < inserts; i++) clock.schedule(at(), task, 'resend');
  const us = ((performance.now() - t0) * 1000) / inserts;
  clock.stop();
  return us;
}

export function runClockBench(options: ClockBenchOptions): { emptyUs: number; fullUs: number; ratio: number } {
  const inserts = 20_000;
  const sizes = [0, options.pending, options.pending * 4];
  const best = sizes.map(() => Infinity);
  for (let round = 0; round < 5; round++) sizes.forEach((size, i) => (best[i] = Math.min(best[i]!, insertCost(size, inserts))));
  const [emptyUs, fullUs, largerUs] = best as [number, number, number];
  const ratio = fullUs / emptyUs;
  const label = (n: number) => (n === 0 ? 'empty clock' : `${n.toLocaleString('en')} timers pending`).padEnd(24);
  options.log(`clock.schedule, ${label(0)} ${emptyUs.toFixed(2)} µs per timer (${inserts} timers at random times, best of 5)`);
  options.log(`clock.schedule, ${label(sizes[1]!)} ${fullUs.toFixed(2)} µs per timer`);
  options.log(`clock.schedule, ${label(sizes[2]!)} ${largerUs.toFixed(2)} µs per timer`);
  options.log(`ratio ${sizes[1]!.toLocaleString('en')} pending / empty: ${ratio.toFixed(2)}; ${sizes[2]!.toLocaleString('en')} / ${sizes[1]!.toLocaleString('en')}: ${(largerUs / fullUs).toFixed(2)}`);
  options.log('  (a binary heap: O(log n) per timer, so near 1 and noisy; re-sorting the whole list per timer, as before, grows with n)');
  return { emptyUs, fullUs, ratio };
}
