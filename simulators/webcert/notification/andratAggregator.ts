/**
 * Webcert's aggregation of draft-changed events (notification-sender route, a Camel aggregator
 * with `completionInterval(batchTimeout)`): ANDRAT is held until the next batch tick, which
 * comes every 5 minutes (production) for all certificates alike. At a tick, per certificate only
 * the newest ANDRAT (by event time) is sent, and none when a SIGNAT fell in the same batch. SIGNAT
 * itself, and every other event, goes straight on. An ANDRAT therefore arrives 0–5 minutes late.
 */
import type { Clock } from '../../kit/clock/virtualClock.js';

/** Webcert's `notificationSender.batchTimeout`: 300 000 ms. */
export const DEFAULT_ANDRAT_WINDOW_MS = 300_000;

/** An event on its way to the sender; `emit` builds and sends it. */
export interface PendingEvent {
  certificateId: string;
  eventCode: string;
  /** Virtual time of the event (handelse tidpunkt). */
  eventTime: number;
  emit(): void;
}

interface Batch {
  newestAndrat?: PendingEvent;
  signed: boolean;
  dropped: number;
}

/** Holds ANDRAT until the next batch tick, then lets the newest one per certificate through. */
export class AndratAggregator {
  private readonly batches = new Map<string, Batch>();
  private readonly epoch: number;
  private tickArmed = false;

  constructor(
    private readonly clock: Clock,
    private readonly windowMs: number = DEFAULT_ANDRAT_WINDOW_MS,
    private readonly onDropped?: (certificateId: string, count: number, why: string) => void,
  ) {
    this.epoch = clock.now();
  }

  offer(event: PendingEvent): void {
    if (event.eventCode !== 'ANDRAT' && event.eventCode !== 'SIGNAT') {
      event.emit();
      return;
    }
    const batch = this.batchFor(event.certificateId);
    if (event.eventCode === 'SIGNAT') {
      batch.signed = true;
      event.emit();
      return;
    }
    if (!batch.newestAndrat) {
      batch.newestAndrat = event;
    } else {
      batch.dropped++;
      if (event.eventTime >= batch.newestAndrat.eventTime) batch.newestAndrat = event;
    }
  }

  /** Certificates waiting for the next tick (for inspection). */
  openWindows(): string[] {
    return [...this.batches.keys()];
  }

  /** Virtual time of the next batch tick after `now`. */
  nextTick(now = this.clock.now()): number {
    return this.epoch + (Math.floor((now - this.epoch) / this.windowMs) + 1) * this.windowMs;
  }

  private batchFor(certificateId: string): Batch {
    let batch = this.batches.get(certificateId);
    if (!batch) {
      batch = { signed: false, dropped: 0 };
      this.batches.set(certificateId, batch);
    }
    if (!this.tickArmed) {
      this.tickArmed = true;
      this.clock.schedule(this.nextTick(), () => this.flush(), 'ANDRAT batch tick');
    }
    return batch;
  }

  private flush(): void {
    this.tickArmed = false;
    const batches = [...this.batches];
    this.batches.clear();
    for (const [certificateId, batch] of batches) {
      if (!batch.newestAndrat) continue;
      if (batch.signed) {
        this.onDropped?.(certificateId, batch.dropped + 1, 'SIGNAT in the same batch');
        continue;
      }
      if (batch.dropped > 0) this.onDropped?.(certificateId, batch.dropped, 'older ANDRAT in the same batch');
      batch.newestAndrat.emit();
    }
  }
}
