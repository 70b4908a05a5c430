/**
 * The questions and answers Intygstjänsten has passed on, as its ARENDE table keeps them
 * (ArendeConverter, ArendeRepository): one row per SendMessageToCare or SendMessageToRecipient it
 * forwarded and the receiver did not refuse, with the certificate id, meddelande-id, referens-id,
 * subject, logical address of the receiver, the time it was stored and the message itself.
 * Intygstjänsten's own checks read it: a meddelande-id must be new, and an answer or reminder
 * must refer to a message it holds. Bounded, oldest first out, like the other stores of a
 * simulator that takes volume.
 */

/** The contract a message came in on: from a recipient to care, or from care to a recipient. */
export type MessageDirection = 'SendMessageToCare' | 'SendMessageToRecipient';

/** One stored message (an ARENDE row). */
export interface StoredMessage {
  /** Arrival number, 1-based, across the simulator's life (the row's `internReferens`). */
  seq: number;
  direction: MessageDirection;
  meddelandeId: string;
  referensId?: string;
  certificateId: string;
  /** 12 digits, no dash. */
  personId: string;
  /** kv_ämne code as sent (AVSTMN, KONTKT, OVRIGT, PAMINN, KOMPLT). */
  amne: string;
  /** Where it was forwarded (`logiskAdressMottagare`). */
  logiskAdressMottagare: string;
  /** The meddelande-id this one answers (`svarPa`). */
  svarPa?: string;
  /** The meddelande-id this reminder is about (`paminnelseMeddelande-id`). */
  paminnelseMeddelandeId?: string;
  /** Virtual time it was stored (the row's TIMESTAMP). */
  storedAt: number;
  /** The SendMessageTo… element as received, standalone (MEDDELANDE_DATA). */
  document: string;
}

export interface MessageQuery {
  certificateId?: string;
  personId?: string;
  direction?: MessageDirection;
  meddelandeId?: string;
}

/** Intygstjänsten's stored messages. */
export class MessageRepository {
  /** By meddelande-id, in arrival order (a Map keeps insertion order, so the first is the oldest). */
  private readonly messages = new Map<string, StoredMessage>();
  private seq = 0;

  /** @param maxMessages how many are kept; past it the oldest goes. */
  constructor(private readonly maxMessages = 10_000) {}

  /** The message with this meddelande-id (findByMeddelandeId). */
  byMessageId(meddelandeId: string): StoredMessage | undefined {
    return this.messages.get(meddelandeId);
  }

  /** Stores a message (ArendeService.processIncomingMessage); past the bound the oldest goes. */
  add(message: Omit<StoredMessage, 'seq'>): StoredMessage {
    const stored = { ...message, seq: ++this.seq };
    this.messages.set(stored.meddelandeId, stored);
    if (this.messages.size > this.maxMessages) this.messages.delete(this.messages.keys().next().value!);
    return stored;
  }

  /** Matching messages, oldest first; personId compared as digits. */
  list(q: MessageQuery = {}): StoredMessage[] {
    const pid = q.personId?.replace(/\D/g, '');
    return [...this.messages.values()].filter(
      (m) =>
        (q.certificateId === undefined || m.certificateId === q.certificateId) &&
        (pid === undefined || m.personId === pid) &&
        (q.direction === undefined || m.direction === q.direction) &&
        (q.meddelandeId === undefined || m.meddelandeId === q.meddelandeId),
    );
  }
}
