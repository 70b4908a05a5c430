/**
 * Webcert's certificate queue (`certificate.sender.queueName`) and its consumer: messages are
 * processed in the order they were put on the queue; a temporary failure rolls the message back
 * and the broker redelivers it by the redelivery policy in virtual time (without blocking the
 * messages behind it, `nonBlockingRedelivery`); when the redeliveries are used up the message goes
 * to the dead-letter queue, where it stays to be seen. A permanent failure is logged and dropped,
 * as the route's PermanentException handler does.
 *
 * Simplification: one consumer instead of Webcert's four concurrent ones, so a SEND queued right
 * after its STORE reaches Intygstjänsten after it (in Webcert a SEND that overtakes its STORE gets
 * APPLICATION_ERROR and is redelivered).
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../kit/clock/virtualClock.js';
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
  /** 1 for the first delivery, 2 for the first redelivery ... */
  delivery: number;
  /** Virtual time. */
  at: number;
  verdict: DeliveryVerdict;
  reason: string;
}

export type CertificateMessageStatus = 'QUEUED' | 'REDELIVERY' | 'DELIVERED' | 'DEAD_LETTER' | 'FAILED';

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
  /** The SOAP request, built when queued; every redelivery repeats it byte for byte. */
  envelope: string;
  status: CertificateMessageStatus;
  queuedAt: number;
  deliveries: CertificateDelivery[];
  /** Virtual time of the next redelivery while status is REDELIVERY. */
  nextDeliveryAt?: number;
}

/** The processor of one message type: one delivery attempt, classified. */
export type CertificateProcessor = (message: CertificateMessage, delivery: number) => Promise<{ verdict: DeliveryVerdict; reason: string }>;

export interface CertificateQueueOptions {
  clock: Clock;
  policy: RedeliveryPolicy;
  process: CertificateProcessor;
  /** Told when a message is done (DELIVERED or DELIVERED_WITH_INFO). */
  onDelivered?(message: CertificateMessage): void;
}

export class CertificateQueue {
  private readonly messages = new Map<string, CertificateMessage>();
  private readonly ready: CertificateMessage[] = [];
  private consuming?: Promise<void>;

  constructor(private readonly options: CertificateQueueOptions) {}

  /** Puts a message on the queue; the consumer takes it at once (in the background). */
  enqueue(message: Omit<CertificateMessage, 'id' | 'status' | 'queuedAt' | 'deliveries'>): CertificateMessage {
    const m: CertificateMessage = { ...message, id: randomUUID(), status: 'QUEUED', queuedAt: this.options.clock.now(), deliveries: [] };
    this.messages.set(m.id, m);
    this.ready.push(m);
    this.consume();
    return m;
  }

  /** Every message, oldest first, optionally for one certificate. */
  list(certificateId?: string): CertificateMessage[] {
    return [...this.messages.values()].filter((m) => certificateId === undefined || m.certificateId === certificateId);
  }

  get(id: string): CertificateMessage | undefined {
    return this.messages.get(id);
  }

  /** Whether a message of this type for this certificate (and recipient) is still under way. */
  pending(type: CertificateMessageType, certificateId: string, recipient?: string): boolean {
    return this.list(certificateId).some((m) => m.type === type && m.recipient === recipient && (m.status === 'QUEUED' || m.status === 'REDELIVERY'));
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
    const delivery = m.deliveries.length + 1;
    const at = this.options.clock.now();
    let outcome: { verdict: DeliveryVerdict; reason: string };
    try {
      outcome = await this.options.process(m, delivery);
    } catch (error) {
      outcome = { verdict: 'TEMPORARY', reason: `processor failed: ${error instanceof Error ? error.message : String(error)}` };
    }
    m.deliveries.push({ delivery, at, ...outcome });
    m.nextDeliveryAt = undefined;
    if (outcome.verdict === 'DELIVERED' || outcome.verdict === 'DELIVERED_WITH_INFO') {
      m.status = 'DELIVERED';
      this.options.onDelivered?.(m);
    } else if (outcome.verdict === 'PERMANENT') {
      m.status = 'FAILED';
    } else {
      const wait = redeliveryDelay(this.options.policy, delivery);
      if (wait === undefined) {
        m.status = 'DEAD_LETTER';
        m.deliveries[m.deliveries.length - 1]!.reason += `; redeliveries used up (${this.options.policy.maximumRedeliveries}): moved to the dead-letter queue`;
        return;
      }
      m.status = 'REDELIVERY';
      m.nextDeliveryAt = at + wait;
      this.options.clock.schedule(m.nextDeliveryAt, () => {
        this.ready.push(m);
        this.consume();
        return this.idle();
      }, `redeliver ${m.type} ${m.certificateId} #${delivery + 1}`);
    }
  }
}
