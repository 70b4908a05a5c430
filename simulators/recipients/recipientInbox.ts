/**
 * What a recipient has taken in: every RegisterCertificate it accepted and every RevokeCertificate
 * it acted on, in arrival order, queryable like Inera's intyg-mock-service (by certificate,
 * person, logical address) and bounded with oldest-first eviction; plus the register of
 * certificates it holds, to answer duplicates and revocations.
 */

import { detachedString } from '../kit/text/detachedString.js';

/** One accepted message. */
export interface ReceivedMessage {
  /** Arrival number, 1-based, across the recipient's life. */
  seq: number;
  kind: 'RegisterCertificate' | 'RevokeCertificate' | 'SendMessageToRecipient';
  /** Virtual time of arrival. */
  receivedAt: number;
  certificateId: string;
  typeCode?: string;
  typeVersion?: string;
  /** 12 digits, no dash. */
  personId: string;
  logicalAddress: string;
  /** The signature as the recipient checked it (when it checks signatures). */
  signature?: { valid: boolean; signerSubject?: string };
  /** RevokeCertificate's reason, or the text of a question or answer from care. */
  meddelande?: string;
  /** SendMessageToRecipient: the message id, its subject, and the question it answers. */
  meddelandeId?: string;
  amne?: string;
  svarPa?: string;
  /** The whole SOAP request as received. */
  xml: string;
}

export interface RecipientInboxQuery {
  kind?: ReceivedMessage['kind'];
  certificateId?: string;
  personId?: string;
  logicalAddress?: string;
}

/** A certificate the recipient holds. */
interface HeldCertificate {
  personId: string;
  revoked: boolean;
}

export class RecipientInbox {
  private items: ReceivedMessage[] = [];
  private readonly held = new Map<string, HeldCertificate>();
  private seq = 0;

  constructor(private readonly maxItems = 10_000) {}

  add(message: Omit<ReceivedMessage, 'seq'>): ReceivedMessage {
    const item = { ...message, seq: ++this.seq };
    this.items.push(item);
    if (this.items.length > this.maxItems) this.items.splice(0, this.items.length - this.maxItems);
    if (message.kind === 'RegisterCertificate') {
      // The ids are cut from the envelope; the register outlives the bounded list of messages, so it
      // keeps copies that do not hold each whole envelope alive.
      this.held.set(detachedString(message.certificateId), { personId: detachedString(message.personId), revoked: false });
    }
    else if (message.kind === 'RevokeCertificate') {
      const h = this.held.get(message.certificateId);
      if (h) h.revoked = true;
    }
    return item;
  }

  /** The person of a held certificate, if held. */
  personOf(certificateId: string): string | undefined {
    return this.held.get(certificateId)?.personId;
  }

  /** Whether the certificate is held, and whether it was revoked. */
  status(certificateId: string): 'unknown' | 'held' | 'revoked' {
    const h = this.held.get(certificateId);
    return !h ? 'unknown' : h.revoked ? 'revoked' : 'held';
  }

  /** Matching messages in arrival order; personId compared without dash. */
  list(q: RecipientInboxQuery = {}): ReceivedMessage[] {
    const pid = q.personId?.replace(/\D/g, '');
    return this.items.filter(
      (m) =>
        (q.kind === undefined || m.kind === q.kind) &&
        (q.certificateId === undefined || m.certificateId === q.certificateId) &&
        (pid === undefined || m.personId === pid) &&
        (q.logicalAddress === undefined || m.logicalAddress === q.logicalAddress),
    );
  }

  /** Forgets every message and every held certificate. */
  clear(): void {
    this.items = [];
    this.held.clear();
  }
}
