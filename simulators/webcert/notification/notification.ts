/** A status update (Webcert's HANDELSE with its delivery state) and its delivery attempts. */
import type { DeliveryVerdict } from './deliveryClassification.js';

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
