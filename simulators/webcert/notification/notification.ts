/** A status update (Webcert's HANDELSE with its delivery state) and its delivery attempts. */
import type { DeliveryVerdict } from './deliveryClassification.js';

/** One delivery attempt as the sender saw it. */
export interface DeliveryAttempt {
  /**
   * The delivery's number, as on its row in the traffic journal: 1 for the first, counting every
   * delivery started. A delivery whose outcome a killed process never recorded keeps its number,
   * so a number can be missing here (docs/decisions/0035-delivery-numbered-before-sending.md).
   */
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
  /** Deliveries whose outcome Webcert recorded; the redelivery schedule counts these. */
  attempts: DeliveryAttempt[];
  /**
   * Deliveries started, that is the number of the last one. It is in the state file before the
   * request leaves, so a restart numbers the next delivery after one whose outcome was lost.
   */
  deliveriesStarted: number;
  /** Virtual time of the next resend while status is RESEND. */
  nextAttemptAt?: number;
}
