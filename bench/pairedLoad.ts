/**
 * Measuring servers against each other on a busy machine: one load worker (`loadWorker.mjs`, its
 * own thread) runs short slices against each target in turn, round after round, so neighbouring
 * slices see the same load from the rest of the machine; a target's figure is compared with the
 * baseline slice next to it, and the median of those paired ratios is the ratio.
 */
import { Worker } from 'node:worker_threads';

/** One slice of load: requests answered 200, others, and how long it ran. */
export interface SliceResult {
  ok: number;
  errors: number;
  elapsedMs: number;
  firstError?: string;
}

/** A target: a name for the output and the URL that gets the load. */
export interface LoadTarget {
  name: string;
  url: string;
}

/** Requests per second of each target, slice by slice (index = round). */
export type SliceRates = Record<string, number[]>;

/** The load worker, kept for many slices. */
export class LoadGenerator {
  private readonly worker: Worker;

  constructor(concurrency: number) {
    this.worker = new Worker(new URL('./loadWorker.mjs', import.meta.url), { workerData: { persistent: true, concurrency } });
  }

  /** Posts `body` to `url` for `durationMs`. */
  run(url: string, body: string, durationMs: number): Promise<SliceResult> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.worker.once('error', onError);
      this.worker.once('message', (result: SliceResult) => {
        this.worker.off('error', onError);
        resolve(result);
      });
      this.worker.postMessage({ url, body, durationMs });
    });
  }

  /**
   * `rounds` rounds of one slice per target, in the given order, after a short warm-up of each;
   * any error answer stops the measurement (a figure of failures is no figure).
   */
  async alternate(targets: LoadTarget[], body: string, sliceMs: number, rounds: number, onSlice?: (round: number, target: string, rate: number, slice: SliceResult) => void): Promise<SliceRates> {
    for (const target of targets) await this.checked(target, body, Math.min(300, sliceMs));
    const rates: SliceRates = Object.fromEntries(targets.map((t) => [t.name, []]));
    for (let round = 1; round <= rounds; round++) {
      for (const target of targets) {
        const slice = await this.checked(target, body, sliceMs);
        const rate = (slice.ok / slice.elapsedMs) * 1000;
        rates[target.name]!.push(rate);
        onSlice?.(round, target.name, rate, slice);
      }
    }
    return rates;
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }

  private async checked(target: LoadTarget, body: string, ms: number): Promise<SliceResult> {
    const slice = await this.run(target.url, body, ms);
    if (slice.errors > 0) throw new Error(`${target.name}: ${slice.errors} of ${slice.ok + slice.errors} requests failed (first: ${slice.firstError})`);
    return slice;
  }
}

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The median over rounds of `rates[target][i] / rates[baseline][i]`. */
export function pairedRatio(rates: SliceRates, target: string, baseline: string): number {
  const base = rates[baseline]!;
  return median(rates[target]!.map((rate, i) => rate / base[i]!));
}
