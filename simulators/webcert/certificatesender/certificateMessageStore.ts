/**
 * The certificate queue's messages in Webcert's state file, as ActiveMQ keeps Webcert's queue in
 * its persistent store: a message is a row from when it is queued (in the transaction of the action
 * that queued it) until it is settled, with its deliveries and the time of its next redelivery, so
 * a restart finds what was still to be delivered. In memory: the open messages (queued or waiting
 * for a redelivery; the consumer changes them) and an LRU of settled ones; the rest are rows. A
 * delivered message keeps its record but not its envelope (ActiveMQ deletes an acknowledged
 * message; the traffic journal has what crossed the wire): a month's STOREs are gigabytes.
 */
import type Database from 'better-sqlite3';
import { LruCache } from '../../kit/cache/lruCache.js';
import type { WebcertState } from '../state/webcertState.js';
import type { CertificateMessage, CertificateMessageStatus, CertificateMessageType } from './certificateQueue.js';

/** Default number of settled messages kept in memory besides the open ones. */
export const DEFAULT_CERTIFICATE_MESSAGE_WORKING_SET = 1_000;

/** How many messages of a type are in a status (one row of {@link CertificateMessageStore.summary}). */
export interface CertificateMessageCount {
  type: CertificateMessageType;
  status: CertificateMessageStatus;
  count: number;
}

/** Statuses of a message the queue still has to deliver. */
export const OPEN_MESSAGE_STATUSES: readonly CertificateMessageStatus[] = ['QUEUED', 'REDELIVERY'];

interface MessageRow {
  id: string;
  type: CertificateMessageType;
  certificate_id: string;
  person_id: string;
  recipient: string | null;
  by_hsa_id: string | null;
  envelope: string;
  status: CertificateMessageStatus;
  queued_at: number;
  deliveries: string;
  next_delivery_at: number | null;
  redelivered: number;
  deliveries_started: number;
}

function fromRow(row: MessageRow): CertificateMessage {
  return {
    id: row.id,
    type: row.type,
    certificateId: row.certificate_id,
    personId: row.person_id,
    ...(row.recipient !== null ? { recipient: row.recipient } : {}),
    ...(row.by_hsa_id !== null ? { by: row.by_hsa_id } : {}),
    envelope: row.envelope,
    status: row.status,
    queuedAt: row.queued_at,
    deliveries: JSON.parse(row.deliveries) as CertificateMessage['deliveries'],
    deliveriesStarted: row.deliveries_started,
    ...(row.next_delivery_at !== null ? { nextDeliveryAt: row.next_delivery_at } : {}),
    ...(row.redelivered ? { redelivered: true } : {}),
  };
}

export class CertificateMessageStore {
  private readonly state: WebcertState;
  /** Open messages: the queue's own copies, never evicted. */
  private readonly open = new Map<string, CertificateMessage>();
  private readonly recent: LruCache<string, CertificateMessage>;
  private readonly insertStmt: Database.Statement<[Record<string, string | number | null>]>;
  private readonly updateStmt: Database.Statement<[Record<string, string | number | null>]>;
  private readonly startStmt: Database.Statement<[Record<string, string | number | null>]>;
  private readonly byIdStmt: Database.Statement<[string], MessageRow>;
  private readonly byCertificateStmt: Database.Statement<[string], MessageRow>;
  private readonly allStmt: Database.Statement<[], MessageRow>;
  private readonly openStmt: Database.Statement<[], MessageRow>;
  private readonly pendingStmt: Database.Statement<[string, string, string | null], number>;

  constructor(state: WebcertState, workingSet = DEFAULT_CERTIFICATE_MESSAGE_WORKING_SET) {
    this.state = state;
    this.recent = new LruCache(workingSet);
    state.onLost(() => this.recent.clear());
    const db = state.db;
    this.insertStmt = db.prepare(
      'INSERT INTO certificate_message (id, type, certificate_id, person_id, recipient, by_hsa_id, envelope, status, queued_at, deliveries, next_delivery_at, redelivered, deliveries_started) ' +
        'VALUES (@id, @type, @certificateId, @personId, @recipient, @by, @envelope, @status, @queuedAt, @deliveries, @nextDeliveryAt, @redelivered, @deliveriesStarted)',
    );
    this.updateStmt = db.prepare(
      'UPDATE certificate_message SET envelope = @envelope, status = @status, deliveries = @deliveries, next_delivery_at = @nextDeliveryAt, redelivered = @redelivered, deliveries_started = @deliveriesStarted WHERE id = @id',
    );
    this.startStmt = db.prepare('UPDATE certificate_message SET deliveries_started = @deliveriesStarted, redelivered = @redelivered WHERE id = @id');
    this.byIdStmt = db.prepare('SELECT * FROM certificate_message WHERE id = ?');
    this.byCertificateStmt = db.prepare('SELECT * FROM certificate_message WHERE certificate_id = ? ORDER BY seq');
    this.allStmt = db.prepare('SELECT * FROM certificate_message ORDER BY seq');
    this.openStmt = db.prepare("SELECT * FROM certificate_message WHERE status IN ('QUEUED', 'REDELIVERY') ORDER BY seq");
    this.pendingStmt = db
      .prepare<[string, string, string | null], number>("SELECT 1 FROM certificate_message WHERE certificate_id = ? AND type = ? AND recipient IS ? AND status IN ('QUEUED', 'REDELIVERY') LIMIT 1")
      .pluck();
  }

  /** Stores a new message (a savepoint in the current batch) and holds it as open. */
  insert(m: CertificateMessage): void {
    this.state.writeStatement(() =>
      this.insertStmt.run({
        id: m.id,
        type: m.type,
        certificateId: m.certificateId,
        personId: m.personId,
        recipient: m.recipient ?? null,
        by: m.by ?? null,
        envelope: m.envelope,
        status: m.status,
        queuedAt: m.queuedAt,
        deliveries: JSON.stringify(m.deliveries),
        nextDeliveryAt: m.nextDeliveryAt ?? null,
        redelivered: m.redelivered ? 1 : 0,
        deliveriesStarted: m.deliveriesStarted,
      }),
    );
    this.open.set(m.id, m);
  }

  /**
   * Writes only the number of deliveries started (a delivery is about to leave) and the redelivered
   * flag: status and next redelivery stay as stored, so a restart before the outcome delivers again.
   */
  deliveryStarted(m: CertificateMessage): void {
    this.state.writeStatement(() => this.startStmt.run({ id: m.id, deliveriesStarted: m.deliveriesStarted, redelivered: m.redelivered ? 1 : 0 }));
  }

  /** Writes where the message stands (status, deliveries, next redelivery); a settled one leaves the open set. */
  update(m: CertificateMessage): void {
    this.state.writeStatement(() => this.updateStmt.run({ id: m.id, envelope: m.envelope, status: m.status, deliveries: JSON.stringify(m.deliveries), nextDeliveryAt: m.nextDeliveryAt ?? null, redelivered: m.redelivered ? 1 : 0, deliveriesStarted: m.deliveriesStarted }));
    if (OPEN_MESSAGE_STATUSES.includes(m.status)) {
      this.open.set(m.id, m);
    } else {
      this.open.delete(m.id);
      this.recent.set(m.id, m);
    }
  }

  /** Resolves once every change written so far is committed (a delivery waits for its row). */
  flushed(): Promise<void> {
    return this.state.flushed();
  }

  get(id: string): CertificateMessage | undefined {
    const inMemory = this.open.get(id) ?? this.recent.get(id);
    if (inMemory) return inMemory;
    const row = this.byIdStmt.get(id);
    if (!row) return undefined;
    const m = fromRow(row);
    this.recent.set(id, m);
    return m;
  }

  /** Messages oldest first, of one certificate (indexed) or all of them (reads every row: tests and small states). */
  list(certificateId?: string): CertificateMessage[] {
    const rows = certificateId === undefined ? this.allStmt.all() : this.byCertificateStmt.all(certificateId);
    return rows.map((row) => this.open.get(row.id) ?? this.recent.peek(row.id) ?? fromRow(row));
  }

  /** Whether a message of this type for this certificate (and recipient) is still to be delivered. */
  pending(type: CertificateMessageType, certificateId: string, recipient?: string): boolean {
    return this.pendingStmt.get(certificateId, type, recipient ?? null) !== undefined;
  }

  /** Messages per type and status (one pass over the table, no envelopes). */
  summary(): CertificateMessageCount[] {
    return this.state.db.prepare('SELECT type, status, count(*) AS count FROM certificate_message GROUP BY type, status ORDER BY type, status').all() as CertificateMessageCount[];
  }

  /** Open messages held in memory. */
  get openMessages(): Iterable<CertificateMessage> {
    return this.open.values();
  }

  /**
   * The open messages a previous run of this state file left, oldest first, now held as open:
   * what a restart delivers again.
   */
  restore(): CertificateMessage[] {
    return this.openStmt.all().map((row) => {
      const m = this.open.get(row.id) ?? fromRow(row);
      this.open.set(m.id, m);
      return m;
    });
  }
}
