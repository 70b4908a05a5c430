/**
 * A party's listening side: a plain `node:http` server bound to 127.0.0.1 from the first moment
 * (random port unless given), protocol behaviour as a list of msw request handlers dispatched with
 * msw's `getResponse` (handlers that carry a lean route are served without msw:
 * docs/decisions/0016-lean-soap-path.md), every exchange written to the traffic journal, malformed
 * traffic answered and journalled, and a stop that drains (docs/decisions/0008-kit-listener.md).
 */
import http from 'node:http';
import type { RequestHandler } from 'msw';
import type { Clock } from '../clock/virtualClock.js';
import type { TrafficJournal } from '../journal/trafficJournal.js';
import { InFlightExchanges, type StopOptions } from './exchangeDrain.js';
import { handlerPrefilter } from './handlerPrefilter.js';
import { serveExchange, type ExchangeListener } from './inboundExchange.js';
import { answerClientError, answerConnect } from './invalidTraffic.js';
import { leanRoutesOf } from './leanRoute.js';
import { listenOnLoopback } from './loopbackListen.js';

export interface PartyServerOptions {
  /** Party name as the journal records it, e.g. `journal`, `webcert`. */
  party: string;
  /** Protocol behaviour, as msw handlers. */
  handlers: RequestHandler[];
  clock: Clock;
  journal?: TrafficJournal;
  /** Journal only exchanges that did not end `ok` (refusals, invalid traffic); default every exchange. */
  journalErrorsOnly?: boolean;
  /** Fixed loopback port; default a free random one. */
  port?: number;
  /** Bodies above this are refused with HTTP 413 before any handler runs. Default 16 MiB. */
  hardLimitBytes?: number;
  /**
   * Awaited after a handler made its answer and before it is sent, e.g. until the party's state
   * is committed, so nothing is acknowledged that a crash could still lose. A rejection is a 500.
   */
  beforeAnswer?: () => Promise<void>;
}

const DEFAULT_HARD_LIMIT = 16 * 1024 * 1024;

/** A started party server; stop it when the topology stops. */
export class PartyServer {
  private constructor(
    private readonly server: http.Server,
    private readonly inFlight: InFlightExchanges,
    /** The loopback port it listens on (kept after stop). */
    readonly port: number,
  ) {}

  /** Starts listening on 127.0.0.1 and serving the handlers. */
  static async start(options: PartyServerOptions): Promise<PartyServer> {
    const inFlight = new InFlightExchanges();
    // Nagle's algorithm off: SOAP peers on keep-alive connections expect prompt answers.
    const server = http.createServer({ noDelay: true });
    const listener: ExchangeListener = {
      party: options.party,
      url: '',
      clock: options.clock,
      journal: options.journal,
      journalErrorsOnly: options.journalErrorsOnly,
      handlers: options.handlers,
      candidates: handlerPrefilter(options.handlers),
      beforeAnswer: options.beforeAnswer,
      leanRoutes: leanRoutesOf(options.handlers),
      hardLimitBytes: options.hardLimitBytes ?? DEFAULT_HARD_LIMIT,
      inFlight,
    };
    server.on('request', (req, res) => serveExchange(listener, req, res));
    server.on('clientError', (error, socket) => answerClientError(listener, error, socket));
    server.on('connect', (req, socket) => answerConnect(listener, req, socket));
    const port = await listenOnLoopback(server, options.port, options.party);
    listener.url = `http://127.0.0.1:${port}`;
    return new PartyServer(server, inFlight, port);
  }

  /** Base URL, always on 127.0.0.1. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /**
   * Stops accepting, lets the exchanges in flight finish (up to `drainMs`, then answers them 503 and
   * records them as aborted), closes exchanges held open by a no-answer fault and idle keep-alive
   * connections, and resolves when the socket is closed.
   */
  async stop(options: StopOptions = {}): Promise<void> {
    await this.inFlight.drain(this.server, options);
  }
}
