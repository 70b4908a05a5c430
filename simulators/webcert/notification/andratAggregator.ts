/**
 * Webcert's aggregation of draft-changed events (notification-sender route): ANDRAT is held for a
 * batch window (5 minutes in production); per certificate only the newest ANDRAT of the window is
 * sent, and none at all when a SIGNAT fell in the same window. SIGNAT itself, and every other
 * event, goes straight on.
 */
import type { Clock } from '../../kit/clock/virtualClock.js';

/** Webcert's `notificationSender.batchTimeout`: 300 000 ms. */
export const DEFAULT_ANDRAT_WINDOW_MS = 300_000;

/** An event on its way to the sender; `emit` builds and sends it. */
export interface PendingEvent {
  certificateId: string;
  eventCode: string;
  emit(): void;
}

interface Batch {
  newestAndrat?: PendingEvent;
  signed: boolean;
  dropped: number;
}

/** Holds ANDRAT per certificate for the window, then lets the newest one through. */
export class AndratAggregator {
  private readonly batches = new Map<string, Batch>();

  constructor(
    private readonly clock: Clock,
    private readonly windowMs: number = DEFAULT_ANDRAT_WINDOW_MS,
    private readonly onDropped?: (certificateId: string, count: number, why: string) => void,
  ) {}

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
    if (batch.newestAndrat) batch.dropped++;
    batch.newestAndrat = event;
  }

  /** Certificates with an open window (for inspection). */
  openWindows(): string[] {
    return [...this.batches.keys()];
  }

  private batchFor(certificateId: string): Batch {
    let batch = this.batches.get(certificateId);
    if (!batch) {
      batch = { signed: false, dropped: 0 };
      this.batches.set(certificateId, batch);
      this.clock.schedule(this.clock.now() + this.windowMs, () => this.flush(certificateId), `ANDRAT window ${certificateId}`);
    }
    return batch;
  }

  private flush(certificateId: string): void {
    const batch = this.batches.get(certificateId);
    this.batches.delete(certificateId);
    if (!batch?.newestAndrat) return;
    if (batch.signed) {
      this.onDropped?.(certificateId, batch.dropped + 1, 'SIGNAT in the same window');
      return;
    }
    if (batch.dropped > 0) this.onDropped?.(certificateId, batch.dropped, 'older ANDRAT in the same window');
    batch.newestAndrat.emit();
  }
}
