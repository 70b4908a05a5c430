/**
 * The SITHS eID app and its authentication service ("Autentiseringstjänsten"), simulated as one
 * party: the order API the IdP calls (start, poll, cancel), the app's screen for a person to
 * approve with a PIN, and a settings API for tests. Orders are signed on a PKCS#11 card: a
 * SoftHSM2 card of the state folder by default, or a real card's module as `cards`.
 */
import type { Clock } from '../kit/clock/virtualClock.js';
import type { FaultRules } from '../kit/faults/faultRules.js';
import type { TrafficJournal } from '../kit/journal/trafficJournal.js';
import type { StopOptions } from '../kit/network/exchangeDrain.js';
import { PartyServer } from '../kit/network/partyServer.js';
import type { AppMode } from './app/appMode.js';
import { appHandlers, APP_API_PATH, APP_PAGE_PATH } from './app/appHandlers.js';
import { EidApp } from './app/eidApp.js';
import { EID_APP_PARTY } from './orders/jsonAnswers.js';
import { OrderBook } from './orders/orderBook.js';
import { orderHandlers, ORDERS_PATH } from './orders/orderHandlers.js';
import type { CardSource } from './token/cardSource.js';
import { SoftHsmTokenStore } from './token/softHsmTokenStore.js';

export interface EidAppSimulatorOptions {
  clock: Clock;
  journal?: TrafficJournal;
  faults?: FaultRules;
  /** State folder (`<repo>/.samverkan` by default in the CLI); the SoftHSM2 cards are under `softhsm/`. */
  stateDir: string;
  /** Where the cards are; default the SoftHSM2 cards of `stateDir`. A real card: `new ModuleCardSource({ modulePath })`. */
  cards?: CardSource;
  /** The app's starting settings (change them later with `app.configure` or `PUT /api/v1/app`). */
  app?: { mode?: AppMode; activeCard?: string; pin?: string; noClientAfterMs?: number };
  /** Virtual ms an order may stay pending; default 120 000 (2 minutes). */
  orderTtlMs?: number;
  /** Fixed loopback port; default a free one. */
  port?: number;
}

/** A running eID app simulator. */
export class EidAppSimulator {
  private constructor(
    readonly app: EidApp,
    readonly orders: OrderBook,
    readonly cards: CardSource,
    private readonly server: PartyServer,
  ) {}

  /** Starts the party on 127.0.0.1. @throws {CardError} `moduleMissing` when SoftHSM2 is needed and not installed. */
  static async start(options: EidAppSimulatorOptions): Promise<EidAppSimulator> {
    const cards = options.cards ?? SoftHsmTokenStore.open(options.stateDir);
    const orders = new OrderBook({ clock: options.clock, ttlMs: options.orderTtlMs });
    const app = new EidApp({ cards, orders, clock: options.clock, journal: options.journal, ...options.app });
    const server = await PartyServer.start({
      party: EID_APP_PARTY,
      clock: options.clock,
      journal: options.journal,
      port: options.port,
      hardLimitBytes: 1024 * 1024,
      handlers: [...orderHandlers({ orders, faults: options.faults, attend: (order) => app.attend(order) }), ...appHandlers({ app, orders, cards })],
    });
    return new EidAppSimulator(app, orders, cards, server);
  }

  get url(): string {
    return this.server.url;
  }

  /** Endpoints other parties call or people open. */
  get endpoints(): { orders: string; app: string; appApi: string } {
    return {
      orders: `${this.url}${ORDERS_PATH}`,
      app: `${this.url}${APP_PAGE_PATH}`,
      appApi: `${this.url}${APP_API_PATH}`,
    };
  }

  /** Stops accepting and drains requests in flight (see {@link PartyServer.stop}). */
  async stop(options?: StopOptions): Promise<void> {
    await this.server.stop(options);
  }
}
