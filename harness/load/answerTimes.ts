/**
 * The journal system's answer times and errors per hour of the simulated month, from the traffic
 * journal's CertificateStatusUpdateForCare exchanges as Webcert's sender recorded them.
 */
import type { JournalEntry } from '../../simulators/kit/journal/exchange.js';

const HOUR = 3_600_000;

export interface HourFigures {
  /** Start of the hour, virtual ms. */
  hour: number;
  deliveries: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * The raw answer times of a replay per hour, as a shard hands them over: a merge of several
 * shards' samples gives the same percentiles as one replay of all of them (never an average of
 * percentiles).
 */
export type AnswerSamples = Array<{ hour: number; durations: number[]; errors: number }>;

/** Collects answer times per hour (feed it every journal entry). */
export class AnswerTimes {
  private readonly hours = new Map<number, { durations: number[]; errors: number }>();

  /** Answer times gathered elsewhere (shards), all together. */
  static merged(parts: Iterable<AnswerSamples>): AnswerTimes {
    const times = new AnswerTimes();
    for (const samples of parts) {
      for (const s of samples) {
        let h = times.hours.get(s.hour);
        if (!h) times.hours.set(s.hour, (h = { durations: [], errors: 0 }));
        for (const d of s.durations) h.durations.push(d);
        h.errors += s.errors;
      }
    }
    return times;
  }

  /** The raw samples, for {@link AnswerTimes.merged}. */
  samples(): AnswerSamples {
    return [...this.hours].map(([hour, h]) => ({ hour, durations: h.durations, errors: h.errors }));
  }

  /** Takes one journal entry; only Webcert's status-update deliveries count. */
  add(entry: JournalEntry): void {
    if (entry.side !== 'outbound' || entry.operation !== 'CertificateStatusUpdateForCare') return;
    const hour = Math.floor(entry.startedAt / HOUR) * HOUR;
    let h = this.hours.get(hour);
    if (!h) this.hours.set(hour, (h = { durations: [], errors: 0 }));
    h.durations.push(entry.durationMs);
    if (entry.outcome !== 'ok' || (entry.resultCode !== undefined && entry.resultCode !== 'OK')) h.errors++;
  }

  /** Hours with deliveries, in order. */
  figures(): HourFigures[] {
    return [...this.hours]
      .sort(([a], [b]) => a - b)
      .map(([hour, h]) => {
        const sorted = Float64Array.from(h.durations).sort();
        const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
        return { hour, deliveries: sorted.length, errors: h.errors, p50Ms: at(0.5), p99Ms: at(0.99) };
      });
  }

  /** All hours together. */
  overall(): Omit<HourFigures, 'hour'> {
    const all: number[] = [];
    let errors = 0;
    for (const h of this.hours.values()) {
      for (const d of h.durations) all.push(d);
      errors += h.errors;
    }
    const sorted = Float64Array.from(all).sort();
    const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0);
    return { deliveries: sorted.length, errors, p50Ms: at(0.5), p99Ms: at(0.99) };
  }
}
