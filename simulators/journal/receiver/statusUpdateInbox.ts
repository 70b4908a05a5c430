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
  private items: ReceivedStatusUpdate[] = [];
  private seq = 0;

  constructor(private readonly maxItems = 10_000) {}

  add(update: Omit<ReceivedStatusUpdate, 'seq'>): ReceivedStatusUpdate {
    const item = { ...update, seq: ++this.seq };
    this.items.push(item);
    if (this.items.length > this.maxItems) this.items.splice(0, this.items.length - this.maxItems);
    return item;
  }

  /** Matching updates in arrival order; personId compared without dash. */
  list(q: InboxQuery = {}): ReceivedStatusUpdate[] {
    const pid = q.personId?.replace(/\D/g, '');
    return this.items.filter(
      (u) =>
        (q.certificateId === undefined || u.certificateId === q.certificateId) &&
        (q.logicalAddress === undefined || u.logicalAddress === q.logicalAddress) &&
        (pid === undefined || u.personId === pid) &&
        (q.eventCode === undefined || u.eventCode === q.eventCode),
    );
  }

  clear(): void {
    this.items = [];
  }
}
