/**
 * Status updates in the state file, with a bounded working set in memory: the ones queued or
 * in flight are held (the sender changes them), plus a few recently finished ones; the rest,
 * including those waiting days for their next resend, are rows that are read back when needed.
 * Each row holds what a restart needs: the attempts and the next attempt time, and the stored
 * envelope in a row of its own (`notification_envelope`, by the notification's seq), written once
 * with the insert, so a delivery's writes rewrite only the small row (docs/decisions/0039).
 */
import type Database from 'better-sqlite3';
import { LruCache } from '../../kit/cache/lruCache.js';
import type { WebcertState } from '../state/webcertState.js';
import type { Notification, NotificationStatus } from './notification.js';

/** Default number of settled notifications kept in memory besides those in flight. */
export const DEFAULT_NOTIFICATION_WORKING_SET = 1_000;

/** Which notifications to list, and which page. */
/** One row of {@link NotificationStore.summary}. */
export interface NotificationSummaryRow {
  logicalAddress: string;
  eventCode: string;
  status: NotificationStatus;
  count: number;
  /** Notifications that needed more than one delivery. */
  resent: number;
  /** Deliveries made in all. */
  deliveries: number;
}

export interface NotificationQuery {
  certificateId?: string;
  status?: NotificationStatus;
  /** At most this many, oldest first. */
  limit?: number;
  /** Only those after this notification id (a cursor). */
  after?: string;
}

interface NotificationRow {
  id: string;
  certificate_id: string;
  event_code: string;
  logical_address: string;
  person_id: string;
  envelope: string;
  status: NotificationStatus;
  attempts: string;
  next_attempt_at: number | null;
  deliveries_started: number;
}

type Params = Record<string, string | number | null>;

/** A notification's columns with its envelope's. */
const SELECT_ROW = 'SELECT n.*, e.envelope FROM notification n JOIN notification_envelope e ON e.seq = n.seq';

function fromRow(row: NotificationRow): Notification {
  return {
    id: row.id,
    certificateId: row.certificate_id,
    eventCode: row.event_code,
    logicalAddress: row.logical_address,
    personId: row.person_id,
    envelope: row.envelope,
    status: row.status,
    attempts: JSON.parse(row.attempts) as Notification['attempts'],
    deliveriesStarted: row.deliveries_started,
    ...(row.next_attempt_at !== null ? { nextAttemptAt: row.next_attempt_at } : {}),
  };
}

export class NotificationStore {
  private readonly db: Database.Database;
  private readonly state: WebcertState;
  /** Queued or in flight: the sender's own copies, never evicted. */
  private readonly held = new Map<string, Notification>();
  private readonly recent: LruCache<string, Notification>;
  private readonly insertStmt: Database.Statement<[Params]>;
  private readonly envelopeStmt: Database.Statement<[Params]>;
  private readonly updateStmt: Database.Statement<[Params]>;
  private readonly startStmt: Database.Statement<[Params]>;
  private readonly byIdStmt: Database.Statement<[string], NotificationRow>;
  private readonly seqOfStmt: Database.Statement<[string], number>;
  private readonly openStmt: Database.Statement<[], NotificationRow>;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(state: WebcertState, workingSet = DEFAULT_NOTIFICATION_WORKING_SET) {
    this.db = state.db;
    this.state = state;
    this.recent = new LruCache(workingSet);
    state.onLost(() => this.recent.clear());
    this.insertStmt = this.db.prepare<[Params]>(
      'INSERT INTO notification (id, certificate_id, event_code, logical_address, person_id, status, attempts, next_attempt_at, deliveries_started) VALUES (@id, @certificateId, @eventCode, @logicalAddress, @personId, @status, @attempts, @nextAttemptAt, @deliveriesStarted)',
    );
    this.envelopeStmt = this.db.prepare<[Params]>('INSERT INTO notification_envelope (seq, envelope) VALUES (@seq, @envelope)');
    this.updateStmt = this.db.prepare<[Params]>('UPDATE notification SET status = @status, attempts = @attempts, next_attempt_at = @nextAttemptAt, deliveries_started = @deliveriesStarted WHERE id = @id');
    this.startStmt = this.db.prepare<[Params]>('UPDATE notification SET deliveries_started = @deliveriesStarted WHERE id = @id');
    this.byIdStmt = this.db.prepare<[string], NotificationRow>(`${SELECT_ROW} WHERE n.id = ?`);
    this.seqOfStmt = this.db.prepare<[string], number>('SELECT seq FROM notification WHERE id = ?').pluck();
    this.openStmt = this.db.prepare<[], NotificationRow>(`${SELECT_ROW} WHERE n.status IN ('SENDING', 'RESEND') ORDER BY n.seq`);
  }

  /** Stores a new notification and holds it (it is about to be delivered). */
  insert(n: Notification): void {
    this.state.write(() => {
      const { lastInsertRowid } = this.insertStmt.run({
        id: n.id,
        certificateId: n.certificateId,
        eventCode: n.eventCode,
        logicalAddress: n.logicalAddress,
        personId: n.personId,
        status: n.status,
        attempts: JSON.stringify(n.attempts),
        nextAttemptAt: n.nextAttemptAt ?? null,
        deliveriesStarted: n.deliveriesStarted,
      });
      this.envelopeStmt.run({ seq: Number(lastInsertRowid), envelope: n.envelope });
    });
    this.held.set(n.id, n);
  }

  /** Writes the delivery state: status, attempts, next attempt time, deliveries started. */
  update(n: Notification): void {
    this.state.writeStatement(() => this.updateStmt.run({ id: n.id, status: n.status, attempts: JSON.stringify(n.attempts), nextAttemptAt: n.nextAttemptAt ?? null, deliveriesStarted: n.deliveriesStarted }));
  }

  /**
   * Writes only the number of deliveries started (a delivery is about to leave): the status and
   * the next attempt time stay as stored, so a restart before the outcome makes the delivery again.
   */
  deliveryStarted(n: Notification): void {
    this.state.writeStatement(() => this.startStmt.run({ id: n.id, deliveriesStarted: n.deliveriesStarted }));
  }

  /** The notification, held for a delivery until {@link release}. */
  hold(id: string): Notification | undefined {
    const n = this.get(id);
    if (n) {
      this.held.set(id, n);
      this.recent.delete(id);
    }
    return n;
  }

  /** Done delivering for now: kept among the recent ones until others push it out. */
  release(n: Notification): void {
    this.held.delete(n.id);
    this.recent.set(n.id, n);
  }

  /** Notifications held (queued or being delivered). */
  get heldCount(): number {
    return this.held.size;
  }

  get(id: string): Notification | undefined {
    const inMemory = this.held.get(id) ?? this.recent.get(id);
    if (inMemory) return inMemory;
    const row = this.byIdStmt.get(id);
    if (!row) return undefined;
    const n = fromRow(row);
    this.recent.set(id, n);
    return n;
  }

  /** Matching notifications, oldest first (indexed by certificate). */
  list(query: NotificationQuery = {}): Notification[] {
    const where: string[] = [];
    const params: Params = {};
    if (query.certificateId !== undefined) {
      where.push('n.certificate_id = @certificateId');
      params.certificateId = query.certificateId;
    }
    if (query.status !== undefined) {
      where.push('n.status = @status');
      params.status = query.status;
    }
    if (query.after !== undefined) {
      const seq = this.seqOfStmt.get(query.after);
      if (seq === undefined) throw new Error(`no notification ${query.after} to list after; start again without the cursor`);
      where.push('n.seq > @afterSeq');
      params.afterSeq = seq;
    }
    if (query.limit !== undefined) params.limit = query.limit;
    const sql = `${SELECT_ROW}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY n.seq${query.limit !== undefined ? ' LIMIT @limit' : ''}`;
    const rows = this.statement(sql).all(params) as NotificationRow[];
    return rows.map((row) => this.held.get(row.id) ?? this.recent.peek(row.id) ?? fromRow(row));
  }

  /**
   * Counts per logical address, event code and status: how many, how many needed more than one
   * delivery, and deliveries in all (for a replay's summary; one pass over the table, no envelopes).
   */
  summary(): NotificationSummaryRow[] {
    return this.statement(
      'SELECT logical_address AS logicalAddress, event_code AS eventCode, status, count(*) AS count, sum(json_array_length(attempts) > 1) AS resent, sum(json_array_length(attempts)) AS deliveries FROM notification GROUP BY logical_address, event_code, status ORDER BY logical_address, event_code, status',
    ).all() as NotificationSummaryRow[];
  }

  /** Attempt times of the notifications delivered more than once, with their status (at most `limit`). */
  resentAttempts(limit: number): Array<{ id: string; status: NotificationStatus; at: number[] }> {
    const rows = this.statement('SELECT id, status, attempts FROM notification WHERE json_array_length(attempts) > 1 ORDER BY seq LIMIT ?').all(limit) as Array<{ id: string; status: NotificationStatus; attempts: string }>;
    return rows.map((r) => ({ id: r.id, status: r.status, at: (JSON.parse(r.attempts) as Array<{ at: number }>).map((a) => a.at) }));
  }

  /** Resolves once every change so far is committed (a delivery waits for its row). */
  flushed(): Promise<void> {
    return this.state.flushed();
  }

  /** Notifications not settled (SENDING or RESEND), oldest first: what a restart picks up. */
  unsettled(): Notification[] {
    return this.openStmt.all().map((row) => this.held.get(row.id) ?? fromRow(row));
  }

  private statement(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }
}
