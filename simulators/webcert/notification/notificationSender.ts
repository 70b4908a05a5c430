/**
 * Webcert's notification sender: delivers CertificateStatusUpdateForCare v3 to the journal system
 * routed for the care unit (LogicalAddress = the unit's HSA-ID), classifies each answer as
 * Webcert does, and resends the stored XML on the redelivery schedule in virtual time.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../kit/clock/virtualClock.js';
import type { TrafficJournal } from '../../kit/journal/trafficJournal.js';
import { buildEnvelope } from '../../kit/soap/envelope.js';
import { callSoap } from '../../kit/soap/soapClient.js';
import { classifyDelivery, type DeliveryVerdict } from './deliveryClassification.js';
import { waitAfterAttempt, type RedeliverySchedule } from './redeliverySchedule.js';

/** SOAP action of CertificateStatusUpdateForCare v3. */
const SOAP_ACTION = 'urn:riv:clinicalprocess:healthcond:certificate:CertificateStatusUpdateForCareResponder:3:CertificateStatusUpdateForCare';

/** One delivery attempt as the sender saw it. */
export interface DeliveryAttempt {
  attempt: number;
  /** Virtual time of the attempt. */
  at: number;
  verdict: DeliveryVerdict;
  reason: string;
}

/** Delivery state of one status update (Webcert's HANDELSE row). */
export type NotificationStatus = 'SENDING' | 'SUCCESS' | 'RESEND' | 'FAILURE' | 'UNROUTED';

/** A status update and its deliveries. */
export interface Notification {
  id: string;
  certificateId: string;
  eventCode: string;
  logicalAddress: string;
  personId: string;
  /** The stored SOAP envelope; every resend repeats it byte for byte. */
  envelope: string;
  status: NotificationStatus;
  attempts: DeliveryAttempt[];
  /** Virtual time of the next resend while status is RESEND. */
  nextAttemptAt?: number;
}

export interface NotificationSenderOptions {
  clock: Clock;
  journal?: TrafficJournal;
  schedule: RedeliverySchedule;
  /** NTjP routing: the receiver's URL for a logical address, or undefined when none is routed. */
  route(logicalAddress: string): { url: string; party: string } | undefined;
  /** Wall-clock ms to wait for an answer before counting the delivery as failed. */
  timeoutMs: number;
  /** Told about every attempt (for logs and live views). */
  onAttempt?: (notification: Notification, attempt: DeliveryAttempt) => void;
}

/** What a caller hands the sender: the payload element and its correlation facts. */
export interface StatusUpdateToSend {
  certificateId: string;
  eventCode: string;
  logicalAddress: string;
  personId: string;
  payloadXml: string;
}

/** Sends and resends status updates of one Webcert simulator. */
export class NotificationSender {
  private readonly notifications = new Map<string, Notification>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private options: NotificationSenderOptions) {}

  /** Switches the schedule for resends planned from now on. */
  useSchedule(schedule: RedeliverySchedule): void {
    this.options = { ...this.options, schedule };
  }

  get schedule(): RedeliverySchedule {
    return this.options.schedule;
  }

  /** Stores the message and makes the first delivery at once (in the background). */
  send(update: StatusUpdateToSend): Notification {
    const notification: Notification = {
      id: randomUUID(),
      certificateId: update.certificateId,
      eventCode: update.eventCode,
      logicalAddress: update.logicalAddress,
      personId: update.personId,
      envelope: buildEnvelope(update.payloadXml, update.logicalAddress),
      status: 'SENDING',
      attempts: [],
    };
    this.notifications.set(notification.id, notification);
    this.track(this.deliver(notification));
    return notification;
  }

  /** Every notification, oldest first, optionally for one certificate. */
  list(certificateId?: string): Notification[] {
    return [...this.notifications.values()].filter((n) => certificateId === undefined || n.certificateId === certificateId);
  }

  get(id: string): Notification | undefined {
    return this.notifications.get(id);
  }

  /**
   * Resolves when no delivery is under way (resends waiting on the clock do not count), with how
   * many deliveries it waited for.
   */
  async idle(): Promise<number> {
    const waitedFor = new Set<Promise<void>>();
    while (this.inFlight.size > 0) {
      for (const work of this.inFlight) waitedFor.add(work);
      await Promise.all([...this.inFlight]);
    }
    return waitedFor.size;
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async deliver(n: Notification): Promise<void> {
    const attemptNumber = n.attempts.length + 1;
    const at = this.options.clock.now();
    const route = this.options.route(n.logicalAddress);
    if (!route) {
      n.status = 'UNROUTED';
      n.attempts.push({ attempt: attemptNumber, at, verdict: 'FAILURE', reason: `no receiver routed for logical address ${n.logicalAddress}` });
      return;
    }
    const outcome = await callSoap({
      url: route.url,
      envelope: n.envelope,
      soapAction: SOAP_ACTION,
      fromParty: 'webcert',
      toParty: route.party,
      operation: 'CertificateStatusUpdateForCare',
      timeoutMs: this.options.timeoutMs,
      clock: this.options.clock,
      journal: this.options.journal,
      facts: { certificateId: n.certificateId, logicalAddress: n.logicalAddress, personId: n.personId, eventCode: n.eventCode, messageId: n.id, attempt: attemptNumber },
    });
    const { verdict, reason } = classifyDelivery(outcome);
    const attempt: DeliveryAttempt = { attempt: attemptNumber, at, verdict, reason };
    n.attempts.push(attempt);
    const wait = verdict === 'RESEND' ? waitAfterAttempt(this.options.schedule, attemptNumber) : undefined;
    if (verdict === 'RESEND' && wait === undefined) {
      n.status = 'FAILURE';
      attempt.reason = `${reason}; that was delivery ${attemptNumber} of ${this.options.schedule.maxDeliveries}, no more resends`;
    } else if (verdict === 'RESEND') {
      n.status = 'RESEND';
      n.nextAttemptAt = at + wait!;
      this.options.clock.schedule(n.nextAttemptAt, () => this.redeliver(n), `resend ${n.eventCode} ${n.certificateId} #${attemptNumber + 1}`);
    } else {
      n.status = verdict;
      n.nextAttemptAt = undefined;
    }
    this.options.onAttempt?.(n, attempt);
  }

  private redeliver(n: Notification): Promise<void> {
    n.nextAttemptAt = undefined;
    const work = this.deliver(n);
    this.track(work);
    return work;
  }
}
