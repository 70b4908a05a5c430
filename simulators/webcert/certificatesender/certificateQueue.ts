/**
 * Webcert's certificate queue (`certificate.sender.queueName`) and its consumer: messages are
 * processed in the order they were put on the queue; a temporary failure rolls the message back
 * and the broker redelivers it by the redelivery policy in virtual time (without blocking the
 * messages behind it, `nonBlockingRedelivery`); when the redeliveries are used up the message goes
 * to the dead-letter queue, where it stays to be seen. A permanent failure is logged and dropped,
 * as the route's PermanentException handler does.
 *
 * The queue is persistent, as Webcert's ActiveMQ queue is (certificateMessageStore.ts): a message
 * is stored in the transaction of the action that queued it, is delivered only once that is
 * committed, and its deliveries and next redelivery time are written after every delivery. On
 * start, {@link CertificateQueue.resume} delivers again what was queued or under way when the
 * process ended (flagged `redelivered`, as the broker sets JMSRedelivered: the one case where
 * Intygstjänsten can get a message twice) and plans the redeliveries that were waiting.
 *
 * Simplification: one consumer instead of Webcert's four concurrent ones, so a SEND queued right
 * after its STORE reaches Intygstjänsten after it (in Webcert a SEND that overtakes its STORE gets
 * APPLICATION_ERROR and is redelivered).
 */
import { timeOrderedUuid } from '../../kit/sqlite/timeOrderedUuid.js';
import type { Clock } from '../../kit/clock/virtualClock.js';
import { WebcertState } from '../state/webcertState.js';
import { CertificateMessageStore, type CertificateMessageCount } from './certificateMessageStore.js';
import { redeliveryDelay, type RedeliveryPolicy } from './jmsRedeliveryPolicy.js';

/** The message types Webcert's certificate route dispatches on (MESSAGE_TYPE). */
export type CertificateMessageType = 'STORE' | 'SEND' | 'REVOKE' | 'SEND_MESSAGE_TO_RECIPIENT';

/** How one delivery ended, as the route's processor decided. */
export type DeliveryVerdict =
  /** Done (OK). */
  | 'DELIVERED'
  /** Done, with a warning logged (INFO from Intygstjänsten on a send): not requeued. */
  | 'DELIVERED_WITH_INFO'
  /** TemporaryException: rolled back, the broker redelivers. */
  | 'TEMPORARY'
  /** PermanentException: logged, dropped. */
  | 'PERMANENT';

export interface CertificateDelivery {
  /**
   * 1 for the first delivery, 2 for the first redelivery ..., as on its row in the traffic journal.
   * A delivery whose outcome a killed process never wrote keeps its number, so a number can be
   * missing here; the broker counted it all the same (docs/decisions/0035-delivery-numbered-before-sending.md).
   */
  delivery: number;
  /** Virtual time. */
  at: number;
  verdict: DeliveryVerdict;
  reason: string;
}

export type CertificateMessageStatus = 'QUEUED' | 'REDELIVERY' | 'DELIVERED' | 'DEAD_LETTER' | 'FAILED';

export type { CertificateMessageCount } from './certificateMessageStore.js';

/** One message on the queue, with what happened to it. */
export interface CertificateMessage {
  id: string;
  type: CertificateMessageType;
  certificateId: string;
  personId: string;
  /** For SEND: the recipient (KV part code). */
  recipient?: string;
  /** HSA-ID of the user whose action queued it. */
  by?: string;
  /**
   * The SOAP request, built when queued; every redelivery repeats it byte for byte. Dropped (empty)
   * once delivered, as the broker deletes an acknowledged message; the traffic journal keeps it.
   */
  envelope: string;
  status: CertificateMessageStatus;
  queuedAt: number;
  deliveries: CertificateDelivery[];
  /**
   * Deliveries started, that is the number of the last one. It is in the state file before the
   * message leaves, so a restart numbers the next delivery after one whose outcome was lost.
   */
  deliveriesStarted: number;
  /** Virtual time of the next redelivery while status is REDELIVERY. */
  nextDeliveryAt?: number;
  /**
   * Set when the message was queued or under way when Webcert stopped, and is delivered again
   * after the restart (JMSRedelivered): Intygstjänsten may have had it already.
   */
  redelivered?: boolean;
}

/** The processor of one message type: one delivery attempt, classified. */
export type CertificateProcessor = (message: CertificateMessage, delivery: number) => Promise<{ verdict: DeliveryVerdict; reason: string }>;

export interface CertificateQueueOptions {
  clock: Clock;
  policy: RedeliveryPolicy;
  process: CertificateProcessor;
  /** Told when a message is done (DELIVERED or DELIVERED_WITH_INFO). */
  onDelivered?(message: CertificateMessage): void;
  /** The state file the messages are kept in; default a fresh in-memory one. */
  state?: WebcertState;
  /** Settled messages kept in memory besides the open ones; default 1,000. */
  workingSet?: number;
}

export class CertificateQueue {
  private readonly store: CertificateMessageStore;
  private readonly ready: CertificateMessage[] = [];
  private consuming?: Promise<void>;

  constructor(private readonly options: CertificateQueueOptions) {
    this.store = new CertificateMessageStore(options.state ?? WebcertState.open(':memory:'), options.workingSet);
  }

  /**
   * Puts a message on the queue (a row in the current transaction of the state file); the consumer
   * takes it once that is committed (in the background).
   */
  enqueue(message: Omit<CertificateMessage, 'id' | 'status' | 'queuedAt' | 'deliveries' | 'deliveriesStarted'>): CertificateMessage {
    const m: CertificateMessage = { ...message, id: timeOrderedUuid(), status: 'QUEUED', queuedAt: this.options.clock.now(), deliveries: [], deliveriesStarted: 0 };
    this.store.insert(m);
    this.ready.push(m);
    this.consume();
    return m;
  }

  /**
   * Picks up what a previous run of the state file left open: a message queued or under way is
   * delivered again (flagged `redelivered`), a redelivery waiting for its time is planned at that
   * time (at the next tick when it is past), both by the redelivery count already reached, which
   * counts a delivery that was under way (its number was written before it left).
   * @returns how many messages were picked up.
   */
  resume(): number {
    const open = this.store.restore();
    for (const m of open) {
      // A delivery started and never settled was under way when the process ended.
      if (m.deliveriesStarted > m.deliveries.length) m.redelivered = true;
      if (m.status === 'REDELIVERY' && m.nextDeliveryAt !== undefined) {
        this.planRedelivery(m);
      } else {
        m.redelivered = true;
        this.ready.push(m);
      }
    }
    if (this.ready.length) this.consume();
    return open.length;
  }

  /** Messages oldest first, of one certificate, or all of them (reads every row: keep that for tests and small states). */
  list(certificateId?: string): CertificateMessage[] {
    return this.store.list(certificateId);
  }

  get(id: string): CertificateMessage | undefined {
    return this.store.get(id);
  }

  /** Whether a message of this type for this certificate (and recipient) is still under way. */
  pending(type: CertificateMessageType, certificateId: string, recipient?: string): boolean {
    return this.store.pending(type, certificateId, recipient);
  }

  /** Messages per type and status, e.g. SEND in DEAD_LETTER (for a replay's summary). */
  summary(): CertificateMessageCount[] {
    return this.store.summary();
  }

  /** Messages queued for the consumer or being delivered (redeliveries waiting on the clock do not count). */
  get queuedCount(): number {
    let n = 0;
    for (const m of this.store.openMessages) if (m.status === 'QUEUED') n++;
    return n;
  }

  /** Messages waiting for the consumer (each holds its envelope in memory): a driver's backpressure. */
  get waiting(): number {
    return this.ready.length;
  }

  /** Resolves when the consumer has nothing ready (redeliveries waiting on the clock do not count). */
  async idle(): Promise<void> {
    while (this.consuming) await this.consuming;
  }

  private consume(): void {
    if (this.consuming) return;
    this.consuming = (async () => {
      try {
        for (let m = this.ready.shift(); m; m = this.ready.shift()) await this.deliver(m);
      } finally {
        this.consuming = undefined;
      }
    })();
  }

  private async deliver(m: CertificateMessage): Promise<void> {
    const delivery = m.deliveriesStarted + 1;
    const { maximumRedeliveries } = this.options.policy;
    if (maximumRedeliveries !== -1 && delivery - 1 > maximumRedeliveries) {
      // The last delivery the policy allows was under way when the process ended: the broker
      // counted it, so the consumer's policy sends the message to the dead-letter queue.
      m.status = 'DEAD_LETTER';
      m.nextDeliveryAt = undefined;
      this.store.update(m);
      return;
    }
    let outcome: { verdict: DeliveryVerdict; reason: string };
    let at = this.options.clock.now();
    try {
      // The delivery's number is in the state file before the message leaves, and with it the
      // message itself: Intygstjänsten never gets a message the state file could lose, and a
      // restart after this delivery's journal row but before its outcome is written numbers the
      // next delivery after it, as the broker's redelivery counter does.
      m.deliveriesStarted = delivery;
      this.store.deliveryStarted(m);
      await this.store.flushed();
      at = this.options.clock.now();
      outcome = await this.options.process(m, delivery);
    } catch (error) {
      outcome = { verdict: 'TEMPORARY', reason: `processor failed: ${error instanceof Error ? error.message : String(error)}` };
    }
    m.deliveries.push({ delivery, at, ...outcome });
    m.nextDeliveryAt = undefined;
    if (outcome.verdict === 'DELIVERED' || outcome.verdict === 'DELIVERED_WITH_INFO') {
      m.status = 'DELIVERED';
      m.envelope = '';
      this.store.update(m);
      this.options.onDelivered?.(m);
    } else if (outcome.verdict === 'PERMANENT') {
      m.status = 'FAILED';
      this.store.update(m);
    } else {
      const wait = redeliveryDelay(this.options.policy, delivery);
      if (wait === undefined) {
        m.status = 'DEAD_LETTER';
        m.deliveries[m.deliveries.length - 1]!.reason += `; redeliveries used up (${this.options.policy.maximumRedeliveries}): moved to the dead-letter queue`;
        this.store.update(m);
        return;
      }
      m.status = 'REDELIVERY';
      m.nextDeliveryAt = at + wait;
      this.store.update(m);
      this.planRedelivery(m);
    }
  }

  /** A redelivery timer carries the id; when it fires the message goes back to the consumer (the clock awaits it). */
  private planRedelivery(m: CertificateMessage): void {
    const id = m.id;
    this.options.clock.schedule(m.nextDeliveryAt!, () => {
      const due = this.store.get(id);
      if (!due || due.status !== 'REDELIVERY') return Promise.resolve();
      // The row keeps its REDELIVERY status and time until the outcome is written, so a restart in between delivers it again.
      this.ready.push(due);
      this.consume();
      return this.idle();
    }, `redeliver ${m.type} ${m.certificateId} #${m.deliveriesStarted + 1}`);
  }
}
