/**
 * What the journal system has taken in: every CertificateStatusUpdateForCare it accepted, in
 * arrival order, queryable like Inera's intyg-mock-service (by certificate, logical address,
 * person, event code) and bounded with oldest-first eviction.
 */

/** One accepted status update. */
export interface ReceivedStatusUpdate {
  /** Arrival number, 1-based, across the journal simulator's life. */
  seq: number;
  /** Virtual time of arrival. */
  receivedAt: number;
  certificateId: string;
  unitHsaId?: string;
  typeCode?: string;
  logicalAddress: string;
  personId: string;
  eventCode: string;
  /** handelse/tidpunkt as sent (local time, ms precision). */
  eventTime: string;
  ref?: string;
  handledBy?: string;
  /** The whole SOAP request as received. */
  xml: string;
}

export interface InboxQuery {
  certificateId?: string;
  logicalAddress?: string;
  personId?: string;
  eventCode?: string;
}

/** The journal simulator's received status updates. */
export class StatusUpdateInbox {
  /** Updates in arrival order; the kept ones start at `head` (older ones are dropped in bulk). */
  private items: ReceivedStatusUpdate[] = [];
  private head = 0;
  private seq = 0;

  constructor(private readonly maxItems = 10_000) {}

  /** Files an update; past `maxItems` the oldest goes, in constant time (volume replays add millions). */
  add(update: Omit<ReceivedStatusUpdate, 'seq'>): ReceivedStatusUpdate {
    const item = { ...update, seq: ++this.seq };
    this.items.push(item);
    if (this.items.length - this.head > this.maxItems) this.head++;
    // Drop the evicted ones from the array once they are as many as the kept ones.
    if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** Matching updates in arrival order; personId compared without dash. */
  list(q: InboxQuery = {}): ReceivedStatusUpdate[] {
    const pid = q.personId?.replace(/\D/g, '');
    const out: ReceivedStatusUpdate[] = [];
    for (let i = this.head; i < this.items.length; i++) {
      const u = this.items[i]!;
      if (
        (q.certificateId === undefined || u.certificateId === q.certificateId) &&
        (q.logicalAddress === undefined || u.logicalAddress === q.logicalAddress) &&
        (pid === undefined || u.personId === pid) &&
        (q.eventCode === undefined || u.eventCode === q.eventCode)
      ) {
        out.push(u);
      }
    }
    return out;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}
