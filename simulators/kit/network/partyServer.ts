/**
 * A party's listening side: mockttp owns the socket (loopback only, random port), protocol
 * behaviour is a list of msw request handlers dispatched with msw's `getResponse`, and every
 * exchange is written to the traffic journal.
 */
import * as mockttp from 'mockttp';
import { getResponse, type RequestHandler } from 'msw';
import type { Server, Socket } from 'node:net';
import type { Clock } from '../clock/virtualClock.js';
import type { TrafficJournal } from '../journal/trafficJournal.js';
import { callerParty, takeNotes } from './exchangeNotes.js';
import { recordInbound, type ArrivedRequest, type ExchangeEnd } from './inboundRecord.js';

export interface PartyServerOptions {
  /** Party name as the journal records it, e.g. `journal`, `webcert`. */
  party: string;
  /** Protocol behaviour, as msw handlers. */
  handlers: RequestHandler[];
  clock: Clock;
  journal?: TrafficJournal;
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

function headerRecord(headers: Record<string, string | string[] | undefined> | Headers): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers);
  for (const [k, v] of entries) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** A started party server; stop it when the topology stops. */
export class PartyServer {
  private readonly waiting = new Set<() => void>();

  private constructor(
    private readonly server: mockttp.Mockttp,
    private readonly options: PartyServerOptions,
  ) {}

  /** Starts listening on 127.0.0.1 and serving the handlers. */
  static async start(options: PartyServerOptions): Promise<PartyServer> {
    const server = mockttp.getLocal({ recordTraffic: false, cors: false });
    await server.start();
    // mockttp listens on every interface and has no host option; re-listen on loopback only
    // (docs/decisions/0001-stack.md). The port getters read the live address.
    const inner = (server as unknown as { server: Server }).server;
    await new Promise<void>((resolve) => inner.close(() => resolve()));
    await new Promise<void>((resolve, reject) => {
      inner.once('error', reject);
      inner.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    // mockttp's protocol-sniffing socket layer leaves Nagle's algorithm on, which costs ~40 ms
    // per keep-alive exchange (delayed ACK); SOAP peers expect prompt answers.
    inner.on('connection', (socket: Socket) => socket.setNoDelay(true));
    const party = new PartyServer(server, options);
    await server.forAnyRequest().thenCallback((req) => party.handle(req));
    return party;
  }

  get port(): number {
    return this.server.port;
  }

  /** Base URL, always on 127.0.0.1. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Stops listening; exchanges held open by a no-answer fault are closed. */
  async stop(): Promise<void> {
    for (const release of this.waiting) release();
    this.waiting.clear();
    await this.server.stop();
  }

  private async handle(req: mockttp.CompletedRequest): Promise<mockttp.requestSteps.CallbackResponseResult> {
    const started = performance.now();
    const startedAt = this.options.clock.now();
    const url = new URL(req.url);
    const body = req.body.buffer;
    const requestHeaders = headerRecord(req.headers);
    const arrived: ArrivedRequest = {
      journal: this.options.journal,
      party: this.options.party,
      fromParty: callerParty(req.headers),
      method: req.method,
      url: `${this.url}${url.pathname}${url.search}`,
      fallbackOperation: `${req.method} ${url.pathname}`,
      startedAt,
      started,
      requestHeaders,
      requestBody: body.toString('utf8'),
    };
    const record = (end: ExchangeEnd) => recordInbound(arrived, end);

    const limit = this.options.hardLimitBytes ?? DEFAULT_HARD_LIMIT;
    if (body.length > limit) {
      const text = `request body is ${body.length} bytes, over this server's limit of ${limit} bytes`;
      record({ status: 413, body: text, outcome: 'error', notes: { message: text } });
      return { statusCode: 413, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text };
    }

    const request = new Request(`${this.url}${url.pathname}${url.search}`, {
      method: req.method,
      headers: requestHeaders,
      body: body.length > 0 && req.method !== "GET" && req.method !== "HEAD" ? new Uint8Array(body) : undefined,
    });
    let response: Response | undefined;
    try {
      response = await getResponse(this.options.handlers, request, { baseUrl: this.url });
      await this.options.beforeAnswer?.();
    } catch (error) {
      const text = `${this.options.party} simulator failed on ${req.method} ${url.pathname}: ${error instanceof Error ? error.message : String(error)}`;
      record({ status: 500, body: text, outcome: 'error', notes: { message: text } });
      return { statusCode: 500, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text };
    }
    if (!response && req.method === 'GET' && url.pathname === '/favicon.ico') {
      // Browsers ask every origin for an icon; not an exchange worth journalling.
      return { statusCode: 204 };
    }
    if (!response) {
      const text = `${this.options.party} simulator has no endpoint for ${req.method} ${url.pathname}`;
      record({ status: 404, body: text, outcome: 'error', notes: { message: text } });
      return { statusCode: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text };
    }
    if (response.type === 'error') {
      record({ outcome: 'transport-error', notes: { message: 'connection reset by handler' } });
      return 'reset';
    }
    const { notes, directive } = takeNotes(response.headers);
    const responseBody = Buffer.from(await response.arrayBuffer());
    if (directive === 'reset') {
      record({ outcome: 'transport-error', notes: { ...notes, message: notes.message ?? 'connection reset (fault rule)' } });
      return 'reset';
    }
    if (directive === 'no-answer') {
      record({ outcome: 'transport-error', notes: { ...notes, message: notes.message ?? 'no answer (fault rule)' } });
      await new Promise<void>((resolve) => this.waiting.add(resolve));
      return 'close';
    }
    const headers = headerRecord(response.headers);
    record({
      status: response.status,
      headers,
      body: responseBody.toString('utf8'),
      outcome: response.status < 400 ? 'ok' : 'error',
      notes,
    });
    return { statusCode: response.status, headers, body: responseBody };
  }
}
