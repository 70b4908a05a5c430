/**
 * One-time use of SAML messages on the SP side: assertion IDs already consumed (until they expire
 * anyway), and the AuthnRequest IDs still waiting for a Response. Times come from the virtual clock.
 */
import type { Clock } from '../clock/virtualClock.js';

/** Remembers IDs until a given time; a second `use` of a live ID is a replay. */
export class ReplayCache {
  private readonly seen = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  /** Records `id` as used until `until` (virtual ms); false when it was already used (a replay). */
  use(id: string, until: number): boolean {
    this.prune();
    if (this.seen.has(id)) return false;
    this.seen.set(id, until);
    return true;
  }

  /** Whether `id` was used and has not yet expired. */
  has(id: string): boolean {
    this.prune();
    return this.seen.has(id);
  }

  get size(): number {
    this.prune();
    return this.seen.size;
  }

  private prune(): void {
    const now = this.clock.now();
    for (const [id, until] of this.seen) if (until < now) this.seen.delete(id);
  }
}

/** AuthnRequest IDs an SP has sent and not yet seen answered, each with what the SP wants back. */
export class OutstandingRequests<T = undefined> {
  private readonly pending = new Map<string, { until: number; data: T }>();

  /** @param lifetimeMs how long a request waits for its answer; default 10 minutes. */
  constructor(private readonly clock: Clock, private readonly lifetimeMs = 10 * 60_000) {}

  /** Remembers a sent request. */
  add(id: string, data: T): void {
    this.pending.set(id, { until: this.clock.now() + this.lifetimeMs, data });
  }

  /** Whether a response to `id` is still expected. */
  has(id: string): boolean {
    const entry = this.pending.get(id);
    return entry !== undefined && entry.until >= this.clock.now();
  }

  /** Takes the request out (one answer per request); undefined when unknown or expired. */
  take(id: string): { data: T } | undefined {
    const entry = this.pending.get(id);
    this.pending.delete(id);
    return entry && entry.until >= this.clock.now() ? { data: entry.data } : undefined;
  }
}
