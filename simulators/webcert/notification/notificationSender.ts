/**
 * Webcert's notification sender: delivers CertificateStatusUpdateForCare v3 to the journal system
 * routed for the care unit (LogicalAddress = the unit's HSA-ID), classifies each answer as
 * Webcert does, and resends the stored XML on the redelivery schedule in virtual time.
 *
 * Each status update is a row of the state file (envelope, attempts, next attempt time, deliveries
 * started), written before its first delivery, before every delivery leaves (its number) and after
 * every delivery (its outcome); a resend timer carries only the id and reads the row when it
 * fires, so weeks of pending resends cost no heap. Deliveries go through a {@link ReceiverPool}: a
 * keep-alive agent and a bounded number in flight per receiver.
 */
import { timeOrderedUuid } from '../../kit/sqlite/timeOrderedUuid.js';
import type { Clock } from '../../kit/clock/virtualClock.js';
import type { TrafficJournal } from '../../kit/journal/trafficJournal.js';
import { buildEnvelope } from '../../kit/soap/envelope.js';
import { ReceiverPool, DEFAULT_MAX_IN_FLIGHT_PER_RECEIVER } from '../../kit/soap/receiverPool.js';
import { callSoap } from '../../kit/soap/soapClient.js';
import { WebcertState } from '../state/webcertState.js';
import { classifyDelivery } from './deliveryClassification.js';
import type { DeliveryAttempt, Notification } from './notification.js';
import { NotificationStore, type NotificationQuery, type NotificationSummaryRow } from './notificationStore.js';
import { waitAfterAttempt, type RedeliverySchedule } from './redeliverySchedule.js';

export type { DeliveryAttempt, Notification, NotificationStatus } from './notification.js';
export type { NotificationQuery, NotificationSummaryRow } from './notificationStore.js';

/** SOAP action of CertificateStatusUpdateForCare v3. */
const SOAP_ACTION = 'urn:riv:clinicalprocess:healthcond:certificate:CertificateStatusUpdateForCareResponder:3:CertificateStatusUpdateForCare';

export interface NotificationSenderOptions {
  clock: Clock;
  journal?: TrafficJournal;
  schedule: RedeliverySchedule;
  /** NTjP routing: the receiver's URL for a logical address, or undefined when none is routed. */
  route(logicalAddress: string): { url: string; party: string } | undefined;
  /** Wall-clock ms to wait for an answer (from when the request is sent) before counting the delivery as failed. */
  timeoutMs: number;
  /** Told about every attempt (for logs and live views). */
  onAttempt?: (notification: Notification, attempt: DeliveryAttempt) => void;
  /** The state file; default a fresh in-memory one. */
  state?: WebcertState;
  /** Deliveries in flight per receiver; default 8. */
  maxInFlightPerReceiver?: number;
  /** Settled notifications kept in memory besides those in flight; default 1,000. */
  workingSet?: number;
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
  private readonly store: NotificationStore;
  private readonly receivers: ReceiverPool;
  private underWay = 0;
  private idleWaiters: (() => void)[] = [];
  /** Deliveries ended since start, for {@link idle}'s count. */
  private ended = 0;
  private readonly count = { firstDeliveries: 0, resends: 0, delivered: 0, failed: 0 };

  constructor(private options: NotificationSenderOptions) {
    this.store = new NotificationStore(options.state ?? WebcertState.open(':memory:'), options.workingSet);
    this.receivers = new ReceiverPool(options.maxInFlightPerReceiver ?? DEFAULT_MAX_IN_FLIGHT_PER_RECEIVER);
  }

  /** Switches the schedule for resends planned from now on. */
  useSchedule(schedule: RedeliverySchedule): void {
    this.options = { ...this.options, schedule };
  }

  get schedule(): RedeliverySchedule {
    return this.options.schedule;
  }

  /** Stores the message and makes the first delivery (queued behind others to the same receiver). */
  send(update: StatusUpdateToSend): Notification {
    const notification: Notification = {
      id: timeOrderedUuid(),
      certificateId: update.certificateId,
      eventCode: update.eventCode,
      logicalAddress: update.logicalAddress,
      personId: update.personId,
      envelope: buildEnvelope(update.payloadXml, update.logicalAddress),
      status: 'SENDING',
      attempts: [],
      deliveriesStarted: 0,
    };
    this.store.insert(notification);
    this.track(this.deliver(notification));
    return notification;
  }

  /**
   * Notifications oldest first: those of one certificate (indexed), or a page of all of them.
   * Listing everything without a limit reads every row: keep that for small states and tests.
   */
  list(certificateId?: string, page: Omit<NotificationQuery, 'certificateId'> = {}): Notification[] {
    return this.store.list({ ...page, ...(certificateId !== undefined ? { certificateId } : {}) });
  }

  get(id: string): Notification | undefined {
    return this.store.get(id);
  }

  /** Counts per logical address, event and status (see {@link NotificationStore.summary}). */
  summary(): NotificationSummaryRow[] {
    return this.store.summary();
  }

  /** Attempt times of notifications delivered more than once (at most `limit`), for schedule checks. */
  resentAttempts(limit: number): ReturnType<NotificationStore['resentAttempts']> {
    return this.store.resentAttempts(limit);
  }

  /** Deliveries since start: first deliveries, resends, and how they ended (for progress lines). */
  get counters(): Readonly<{ firstDeliveries: number; resends: number; delivered: number; failed: number }> {
    return this.count;
  }

  /** Deliveries queued or in flight (resends waiting on the clock do not count). */
  get deliveriesUnderWay(): number {
    return this.underWay;
  }

  /**
   * Resolves when no delivery is queued or under way (resends waiting on the clock do not count),
   * with how many deliveries ended while it waited.
   */
  async idle(): Promise<number> {
    if (this.underWay === 0) return 0;
    const endedBefore = this.ended;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    return this.ended - endedBefore;
  }

  /**
   * Picks up what a previous run of this state file left unsettled: a resend waiting for its time
   * is planned again at that time (at once when it is past), and a delivery that was under way
   * when the process ended is made again, as Webcert's queue redelivers an unacknowledged message.
   * @returns how many notifications were picked up.
   */
  resume(): number {
    const unsettled = this.store.unsettled();
    for (const n of unsettled) {
      if (n.status === 'RESEND' && n.nextAttemptAt !== undefined) this.planResend(n);
      else this.track(this.deliver(this.store.hold(n.id)!));
    }
    return unsettled.length;
  }

  /** Closes the kept-alive connections (after {@link idle}). */
  close(): void {
    this.receivers.close();
  }

  private track(work: Promise<void>): void {
    this.underWay++;
    work
      .catch((error: unknown) => console.error('samverkan webcert: a status-update delivery failed unexpectedly:', error))
      .finally(() => {
        this.ended++;
        if (--this.underWay > 0) return;
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const wake of waiters) wake();
      });
  }

  private async deliver(n: Notification): Promise<void> {
    const route = this.options.route(n.logicalAddress);
    if (!route) {
      n.status = 'UNROUTED';
      n.deliveriesStarted++;
      n.attempts.push({ attempt: n.deliveriesStarted, at: this.options.clock.now(), verdict: 'FAILURE', reason: `no receiver routed for logical address ${n.logicalAddress}` });
      this.store.update(n);
      this.store.release(n);
      return;
    }
    let attemptNumber = 0;
    let at = 0;
    const outcome = await this.receivers.run(route.url, async (agent) => {
      // The delivery's number is in the state file before the request leaves, and with it the
      // status update itself: the receiver never sees an update the state file could lose, and a
      // restart after the journal row of this delivery but before its outcome is written numbers
      // the next delivery after it (docs/decisions/0035-delivery-numbered-before-sending.md).
      attemptNumber = ++n.deliveriesStarted;
      this.store.deliveryStarted(n);
      await this.store.flushed();
      at = this.options.clock.now();
      return callSoap({
        url: route.url,
        envelope: n.envelope,
        soapAction: SOAP_ACTION,
        fromParty: 'webcert',
        toParty: route.party,
        operation: 'CertificateStatusUpdateForCare',
        timeoutMs: this.options.timeoutMs,
        clock: this.options.clock,
        journal: this.options.journal,
        agent,
        facts: { certificateId: n.certificateId, logicalAddress: n.logicalAddress, personId: n.personId, eventCode: n.eventCode, messageId: n.id, attempt: attemptNumber },
      });
    });
    const { verdict, reason } = classifyDelivery(outcome);
    const attempt: DeliveryAttempt = { attempt: attemptNumber, at, verdict, reason };
    if (n.attempts.length === 0) this.count.firstDeliveries++;
    else this.count.resends++;
    n.attempts.push(attempt);
    // The schedule counts the deliveries whose outcome was recorded, as Webcert's post-processing
    // does: a delivery lost to a killed process is made again, not counted.
    const recorded = n.attempts.length;
    const wait = verdict === 'RESEND' ? waitAfterAttempt(this.options.schedule, recorded) : undefined;
    if (verdict === 'RESEND' && wait === undefined) {
      n.status = 'FAILURE';
      n.nextAttemptAt = undefined;
      attempt.reason = `${reason}; that was delivery ${recorded} of ${this.options.schedule.maxDeliveries}, no more resends`;
    } else if (verdict === 'RESEND') {
      n.status = 'RESEND';
      n.nextAttemptAt = at + wait!;
    } else {
      n.status = verdict;
      n.nextAttemptAt = undefined;
    }
    if (n.status === 'SUCCESS') this.count.delivered++;
    else if (n.status === 'FAILURE') this.count.failed++;
    this.store.update(n);
    this.store.release(n);
    if (n.status === 'RESEND') this.planResend(n);
    this.options.onAttempt?.(n, attempt);
  }

  private planResend(n: Notification): void {
    const id = n.id;
    this.options.clock.schedule(n.nextAttemptAt!, () => this.redeliver(id), `resend ${n.eventCode} ${n.certificateId} #${n.deliveriesStarted + 1}`);
  }

  /** A resend falls due: read the stored notification and deliver it again (the clock awaits it). */
  private redeliver(id: string): Promise<void> {
    const n = this.store.get(id);
    if (!n || n.status !== 'RESEND') return Promise.resolve();
    this.store.hold(id);
    // The stored row keeps its next attempt time until the attempt's outcome is written, so a
    // restart in between makes the attempt again.
    n.nextAttemptAt = undefined;
    const work = this.deliver(n);
    this.track(work);
    return work;
  }
}
