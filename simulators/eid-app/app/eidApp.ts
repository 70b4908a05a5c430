/**
 * The SITHS eID app on the user's phone or desktop, simulated: it has a card "in the reader"
 * (an HSA-ID of its card source), a stored PIN for `auto` mode, and a mode that decides what it
 * does with each pending order. It signs the order's challenge on the card through PKCS#11; no
 * key is ever held in memory.
 */
import type { Clock } from '../../kit/clock/virtualClock.js';
import type { TrafficJournal } from '../../kit/journal/trafficJournal.js';
import type { Order } from '../orders/order.js';
import type { OrderBook } from '../orders/orderBook.js';
import { CardError } from '../token/cardError.js';
import { checkHsaId, checkPin } from '../token/cardInput.js';
import type { CardSource } from '../token/cardSource.js';
import { APP_MODES, DEFAULT_NO_CLIENT_AFTER_MS, type AppMode, type AppSettings, type AppSettingsChange } from './appMode.js';
import { recordedSign } from './cardJournal.js';

export interface EidAppOptions {
  cards: CardSource;
  orders: OrderBook;
  clock: Clock;
  journal?: TrafficJournal;
  /** Default `auto`. */
  mode?: AppMode;
  /** HSA-ID of the card in the reader; not checked until used. */
  activeCard?: string;
  /** PIN used in `auto` mode. */
  pin?: string;
  /** `notInstalled`: virtual ms before an unpicked order fails with `noClient`; default 5 000. */
  noClientAfterMs?: number;
}

/** A wrong PIN that still has the length of the right one (a real card would refuse other lengths differently). */
function wrongPinFor(pin: string | undefined): string {
  const length = Math.max(pin?.length ?? 6, 4);
  const zeros = '0'.repeat(length);
  return pin === zeros ? '1'.repeat(length) : zeros;
}

/** The simulated app. */
export class EidApp {
  private mode: AppMode;
  private activeCard?: string;
  private pin?: string;
  private readonly noClientAfterMs: number;
  /** PIN last tried per order in `auto` mode, so a wrong stored PIN is not retried at every poll. */
  private readonly tried = new WeakMap<Order, string>();

  constructor(private readonly options: EidAppOptions) {
    this.mode = options.mode ?? 'auto';
    this.activeCard = options.activeCard;
    this.pin = options.pin;
    this.noClientAfterMs = options.noClientAfterMs ?? DEFAULT_NO_CLIENT_AFTER_MS;
    if (!APP_MODES.includes(this.mode)) throw new Error(`unknown eID app mode ${this.mode}; use one of ${APP_MODES.join(', ')}`);
    this.refuseLockingRealCards(this.mode);
    if (!(this.noClientAfterMs >= 0)) throw new Error(`noClientAfterMs must be a non-negative number of milliseconds, got ${this.noClientAfterMs}`);
  }

  settings(): AppSettings {
    return { mode: this.mode, ...(this.activeCard ? { activeCard: this.activeCard } : {}), pinSet: this.pin !== undefined, noClientAfterMs: this.noClientAfterMs };
  }

  /**
   * Changes mode, card in the reader and stored PIN, then lets the app act on every pending order.
   * @throws {CardError} `invalidInput` for an unknown mode, a malformed PIN, or a card the source does not have.
   */
  configure(change: AppSettingsChange): AppSettings {
    if (change.mode !== undefined && !APP_MODES.includes(change.mode)) {
      throw new CardError('invalidInput', `"mode" must be one of ${APP_MODES.join(', ')}, got ${JSON.stringify(change.mode)}`);
    }
    if (change.mode !== undefined) this.refuseLockingRealCards(change.mode);
    if (change.pin !== undefined && change.pin !== null) checkPin(change.pin);
    if (change.activeCard !== undefined && change.activeCard !== null) {
      checkHsaId(change.activeCard);
      const known = this.options.cards.listCards().map((c) => c.hsaId);
      if (!known.includes(change.activeCard)) {
        throw new CardError(
          'cardNotFound',
          `no card with HSA-ID ${change.activeCard} in ${this.options.cards.description} (cards: ${known.join(', ') || 'none'}); create it with samverkan card create --hsa-id ${change.activeCard} …`,
        );
      }
    }
    if (change.mode !== undefined) this.mode = change.mode;
    if (change.activeCard !== undefined) this.activeCard = change.activeCard ?? undefined;
    if (change.pin !== undefined) this.pin = change.pin ?? undefined;
    for (const order of this.options.orders.pending()) this.attend(order);
    return this.settings();
  }

  /** What the app does now with one pending order, as its mode says (called on start and on every poll). */
  attend(order: Order): void {
    if (order.status !== 'pending') return;
    const orders = this.options.orders;
    switch (this.mode) {
      case 'noAnswer':
      case 'manual':
        return;
      case 'notInstalled':
        if (!order.pickedUp && this.options.clock.now() - order.createdAt >= this.noClientAfterMs) {
          orders.fail(order, 'noClient', `no SITHS eID app picked the order up within ${this.noClientAfterMs / 1000} s`);
        }
        return;
      case 'cancel':
        order.pickedUp = true;
        orders.fail(order, 'userCancel', 'the user cancelled in the app');
        return;
      case 'wrongPin':
        if (this.activeCard) this.useCard(order, wrongPinFor(this.pin));
        return;
      case 'auto':
        if (!this.activeCard) return; // the app waits for a card in the reader
        if (this.pin === undefined) return this.open(order);
        if (this.tried.get(order) === this.pin) return;
        this.tried.set(order, this.pin);
        this.useCard(order, this.pin);
    }
  }

  /** The user opened the app: pending orders are shown and wait for the PIN (`userSign`). */
  open(order: Order): void {
    if (order.status !== 'pending' || order.hintCode === 'wrongPin') return;
    order.pickedUp = true;
    this.options.orders.hint(order, 'userSign');
  }

  /**
   * The user typed `pin` and pressed Legitimera/Signera. Without a card in the reader nothing
   * happens and the returned text says so.
   * @returns a Swedish sentence for the app page.
   */
  approve(order: Order, pin: string): string {
    if (order.status !== 'pending') return `Beställningen är redan ${order.status === 'complete' ? 'klar' : 'avslutad'}.`;
    if (!this.activeCard) return 'Inget kort i läsaren. Sätt i ett kort (activeCard) och försök igen.';
    this.useCard(order, pin);
    return resultSentence(order);
  }

  /** The user pressed Avbryt. */
  decline(order: Order): void {
    if (order.status !== 'pending') return;
    order.pickedUp = true;
    this.options.orders.fail(order, 'userCancel', 'the user cancelled in the app');
  }

  /** `wrongPin` types wrong PINs until the card locks: never on a real SITHS card. */
  private refuseLockingRealCards(mode: AppMode): void {
    if (mode === 'wrongPin' && this.options.cards.realCards) {
      throw new CardError('invalidInput', `mode wrongPin types wrong PINs until the card locks, and ${this.options.cards.description} holds real cards; use a SoftHSM2 card (samverkan card create) for this case.`);
    }
  }

  /** Signs the order's challenge on the card in the reader with `pin` and records the outcome on the order. */
  private useCard(order: Order, pin: string): void {
    const orders = this.options.orders;
    const hsaId = this.activeCard!;
    order.pickedUp = true;
    if (order.hsaId && order.hsaId !== hsaId) {
      orders.fail(order, 'cardMismatch', `the order is for ${order.hsaId} but the card in the reader is ${hsaId}`);
      return;
    }
    const usage = order.type === 'sign' ? 'signature' : 'authentication';
    try {
      const { signature, certificate } = recordedSign(
        { journal: this.options.journal, clock: this.options.clock, hsaId, orderRef: order.orderRef, usage },
        () => this.options.cards.card(hsaId).sign({ usage, data: order.challenge, pin }),
      );
      orders.complete(order, { hsaId: certificate.hsaId ?? hsaId, certificatePem: certificate.certificatePem, signature: signature.toString('base64') });
    } catch (error) {
      if (!(error instanceof CardError)) throw error;
      if (error.code === 'pinIncorrect') orders.hint(order, 'wrongPin', { attemptsLeft: error.attemptsLeft });
      else if (error.code === 'pinLocked') orders.fail(order, 'pinLocked', error.message);
      else orders.fail(order, 'cardError', error.message);
    }
  }
}

/** How the app page tells the user where an order stands, in Swedish. */
export function resultSentence(order: Order): string {
  const what = order.type === 'sign' ? 'Underskriften' : 'Legitimeringen';
  if (order.status === 'complete') return `${what} är klar.`;
  switch (order.hintCode) {
    case 'wrongPin':
      return `Fel PIN-kod.${order.attemptsLeft !== undefined ? ` ${order.attemptsLeft} försök kvar.` : ''}`;
    case 'pinLocked':
      return 'Kortet är låst efter för många felaktiga PIN-koder.';
    case 'cardMismatch':
      return `Kortet i läsaren hör inte till beställningen (den gäller ${order.hsaId}).`;
    case 'userCancel':
    case 'cancelled':
      return `${what} avbröts.`;
    case 'expiredTransaction':
      return 'Tiden för beställningen har gått ut.';
    case 'cardError':
      return `Kortet kunde inte användas: ${order.message ?? 'okänt fel'}`;
    default:
      return 'Väntar på PIN-kod.';
  }
}
