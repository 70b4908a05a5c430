/**
 * The suite's hand on the Webcert simulator's sending path: each status update goes out through
 * Webcert's notification sender (stored envelope, LogicalAddress = the unit, NTjP routing to the
 * topology's journal system, Webcert's client timeout) and is found again in the traffic journal,
 * which is where the suite reads every answer from. Only the sender's public behaviour is used:
 * `send` a message, wait until it is `idle`, the notification's id is the journal's `messageId`.
 */
import type { JournalEntry } from '../../simulators/kit/journal/exchange.js';
import type { TrafficJournal } from '../../simulators/kit/journal/trafficJournal.js';
import type { StatusUpdateToSend } from '../../simulators/webcert/notification/notificationSender.js';
import type { WebcertSimulator } from '../../simulators/webcert/webcertSimulator.js';

const OPERATION = 'CertificateStatusUpdateForCare';

/** One delivery and the exchange it made. */
export interface Delivered {
  update: StatusUpdateToSend;
  /** The traffic-journal entry of the first delivery (the request as sent, the answer as it came). */
  entry: JournalEntry;
}

/** Sends status updates through one Webcert simulator and hands back their exchanges. */
export class WebcertStatusUpdates {
  constructor(
    private readonly webcert: WebcertSimulator,
    private readonly journal: TrafficJournal,
  ) {}

  /** Each update is sent when the one before it has its answer (or gave up waiting). */
  async inTurn(updates: readonly StatusUpdateToSend[]): Promise<Delivered[]> {
    const out: Delivered[] = [];
    for (const update of updates) out.push(...(await this.atOnce([update])));
    return out;
  }

  /** All updates leave together, as Webcert's concurrent consumers send them; resolves when every one has its answer. */
  async atOnce(updates: readonly StatusUpdateToSend[]): Promise<Delivered[]> {
    const sent = await Promise.all(updates.map(async (update) => ({ update, notification: await Promise.resolve(this.webcert.sender.send(update)) })));
    await this.webcert.sender.idle();
    return sent.map(({ update, notification }) => ({ update, entry: this.firstDelivery(notification.id, update) }));
  }

  private firstDelivery(messageId: string, update: StatusUpdateToSend): JournalEntry {
    const entries = this.journal.query({ messageId, operation: OPERATION, side: 'outbound' });
    const first = entries.find((e) => (e.attempt ?? 1) === 1) ?? entries[0];
    if (!first) {
      throw new Error(
        `Webcert's delivery of ${update.eventCode} for ${update.certificateId} left no entry in the traffic journal ` +
          `(messageId ${messageId}); is the journal system routed for ${update.logicalAddress}? Check the topology's journal party.`,
      );
    }
    return first;
  }
}
