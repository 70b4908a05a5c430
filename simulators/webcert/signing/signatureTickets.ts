/**
 * Signing tickets (Webcert's SignaturBiljett): one per started signature, keyed by the DSS
 * transaction id that travels as RelayState; alive 15 minutes (virtual), refreshed on each update.
 */
import type { Clock } from '../../kit/clock/virtualClock.js';
import type { PreparedSignature } from './certificateSignature.js';

/** Webcert's ticket states. */
export type TicketStatus = 'BEARBETAR' | 'VANTA_SIGN' | 'SIGNERAD' | 'NO_CLIENT' | 'OKAND' | 'AVBRUTEN' | 'ERROR';

export interface SignatureTicket {
  id: string;
  certificateId: string;
  /** Draft version the signature was started on (optimistic lock). */
  version: number;
  status: TicketStatus;
  prepared: PreparedSignature;
  /** Signing time written into the signed document. */
  signingTime: number;
  signedBy: string;
  updatedAt: number;
  /** Why the ticket ended in ERROR, for the journal and the report. */
  problem?: string;
}

/** Webcert's ticket lifetime in Redis: 15 minutes. */
export const TICKET_TTL_MS = 15 * 60_000;

export class SignatureTickets {
  private readonly tickets = new Map<string, SignatureTicket>();
  /** Tickets after the last sweep: the next sweep comes when there are twice as many (at least 64). */
  private sweepAt = 64;

  constructor(private readonly clock: Clock) {}

  add(ticket: Omit<SignatureTicket, 'status' | 'updatedAt'>): SignatureTicket {
    const t: SignatureTicket = { ...ticket, status: 'BEARBETAR', updatedAt: this.clock.now() };
    this.tickets.set(t.id, t);
    if (this.tickets.size >= this.sweepAt) this.sweep();
    return t;
  }

  /**
   * Drops the expired tickets, as Redis lets them go: each holds its prepared document, so a
   * month's signatures kept would grow without end. Amortised constant time per ticket.
   */
  private sweep(): void {
    const now = this.clock.now();
    for (const [id, t] of this.tickets) if (now - t.updatedAt > TICKET_TTL_MS) this.tickets.delete(id);
    this.sweepAt = Math.max(64, 2 * this.tickets.size);
  }

  /** The live ticket with this id; an expired one is gone. */
  get(id: string): SignatureTicket | undefined {
    const t = this.tickets.get(id);
    if (t && this.clock.now() - t.updatedAt > TICKET_TTL_MS) {
      this.tickets.delete(id);
      return undefined;
    }
    return t;
  }

  update(ticket: SignatureTicket, status: TicketStatus, problem?: string): void {
    ticket.status = status;
    ticket.problem = problem;
    ticket.updatedAt = this.clock.now();
  }

  /** Every ticket of a certificate, newest last (for inspection). */
  forCertificate(certificateId: string): SignatureTicket[] {
    return [...this.tickets.values()].filter((t) => t.certificateId === certificateId);
  }
}
