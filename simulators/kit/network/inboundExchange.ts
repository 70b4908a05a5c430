/**
 * Serving one inbound HTTP exchange of a kit listener: read the request (bounded), hand it to the
 * party's msw handlers with `getResponse` (or, for a POST to a lean route's path, straight to that
 * route: docs/decisions/0016-lean-soap-path.md), apply the transport directive a handler set (reset,
 * no answer, stream), write the answer, and journal the exchange exactly once, before the client
 * sees the answer (a lean route's exchange in the journal's next group commit, the answer written
 * once it committed). Every failure, the client's, a handler's or the shutdown's, ends as an HTTP
 * error or a closed connection, never as an exception out of the listener.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getResponse, type RequestHandler } from 'msw';
import { resetConnection, streamAnswer, writeAnswer } from './answerWriting.js';
import { callerParty, takeNotes, type ExchangeNotes } from './exchangeNotes.js';
import type { InFlightExchanges, TrackedExchange } from './exchangeDrain.js';
import { inboundRecord, recordInbound, type ArrivedRequest, type ExchangeEnd } from './inboundRecord.js';
import type { LeanAnswer, LeanRoute } from './leanRoute.js';
import { excerpt, journalInvalid, type ListenerIdentity } from './invalidTraffic.js';
import { headerRecord, readBody, requestTarget } from './requestReading.js';

export { requestTarget } from './requestReading.js';

/** A kit listener, as one exchange needs it. */
export interface ExchangeListener extends ListenerIdentity {
  handlers: RequestHandler[];
  /** Awaited after a handler made its answer and before it is sent (see PartyServerOptions.beforeAnswer). */
  beforeAnswer?: () => Promise<void>;
  /**
   * The handlers that could take a request (`handlerPrefilter.ts`), handed to msw instead of all of
   * them; without it msw is given every handler.
   */
  candidates?: (method: string, path: string) => RequestHandler[];
  /** Routes served without msw, by path (POST only, no query string); see `leanRoute.ts`. */
  leanRoutes?: ReadonlyMap<string, LeanRoute>;
  /** Bodies above this are refused with HTTP 413 before any handler runs. */
  hardLimitBytes: number;
  inFlight: InFlightExchanges;
  /** Journal only exchanges that did not end `ok` (the admin API: refusals, not every poll). */
  journalErrorsOnly?: boolean;
  /**
   * Headers the listener itself sets from the connection (the client certificate); any header of
   * the same name the client sent is removed first.
   */
  connectionHeaders?: { names: string[]; read(req: IncomingMessage): Record<string, string> };
  /** How a missing endpoint is described, e.g. `no mutual-TLS endpoint`; default `no endpoint`. */
  noEndpoint?: string;
}

/** Methods that carry no request body. */
const BODILESS = new Set(['GET', 'HEAD']);
/** Methods a fetch `Request` refuses to carry. */
const UNSERVED_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/** Serves `req` with the listener's handlers; never throws. */
export function serveExchange(listener: ExchangeListener, req: IncomingMessage, res: ServerResponse): void {
  const exchange = new InboundExchange(listener, req, res);
  exchange.run().catch((error: unknown) => exchange.failed(error));
}

class InboundExchange implements TrackedExchange {
  private readonly started = performance.now();
  private readonly startedAt: number;
  private arrived?: ArrivedRequest;
  /** Set once the exchange is recorded and answered (or cut): nothing more is written or recorded. */
  private finished = false;

  constructor(
    private readonly listener: ExchangeListener,
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
  ) {
    this.startedAt = listener.clock.now();
    res.on('error', () => undefined);
  }

  async run(): Promise<void> {
    const { listener, req } = this;
    const method = req.method ?? 'GET';
    const rawTarget = req.url ?? '';
    const requestLine = () => excerpt(`${method} ${rawTarget} HTTP/${req.httpVersion}`);
    const target = requestTarget(rawTarget, listener.url);
    if ('problem' in target) return this.refuseInvalid(400, `${target.problem}; send a path such as /`, method, requestLine());
    if (UNSERVED_METHODS.has(method.toUpperCase())) return this.refuseInvalid(405, `method ${method} is not served by ${listener.party}`, method, requestLine());

    const headers = headerRecord(req.headers);
    if (target.host) headers.host = target.host;
    if (listener.connectionHeaders) {
      for (const name of listener.connectionHeaders.names) delete headers[name];
      Object.assign(headers, listener.connectionHeaders.read(req));
    }
    this.arrived = {
      journal: listener.journal,
      party: listener.party,
      fromParty: callerParty(headers),
      method,
      url: `${listener.url}${target.path}`,
      fallbackOperation: `${method} ${target.path.split('?')[0]}`,
      startedAt: this.startedAt,
      started: this.started,
      requestHeaders: headers,
      requestBody: '',
    };
    if (listener.inFlight.stopping) {
      req.resume();
      return this.answerText(503, `${listener.party} simulator is stopping and takes no new requests`);
    }
    listener.inFlight.begin(this);
    try {
      await this.serve(method, target.path, headers);
    } finally {
      listener.inFlight.end(this);
    }
  }

  private async serve(method: string, path: string, headers: Record<string, string>): Promise<void> {
    const { listener, req } = this;
    const limit = listener.hardLimitBytes;
    const read = await readBody(req, limit);
    if (!read) return this.cut('the client closed the connection before the request body was complete');
    if (this.finished) return;
    const { body, size } = read;
    this.arrived!.requestBody = body.toString('utf8');
    if (size > limit) return this.answerText(413, `request body is ${size} bytes, over this server's limit of ${limit} bytes`);
    const lean = method === 'POST' ? listener.leanRoutes?.get(path) : undefined;
    if (lean) return this.serveLean(lean, path, headers, body);

    let request: Request;
    try {
      request = new Request(`${listener.url}${path}`, { method, headers, body: body.length > 0 && !BODILESS.has(method) ? new Uint8Array(body) : undefined });
    } catch (error) {
      return this.refuseInvalid(400, `the request cannot be read: ${(error as Error).message}`, method, excerpt(`${method} ${path}`));
    }
    let response: Response | undefined;
    try {
      const handlers = listener.candidates ? listener.candidates(method, path.split('?')[0]!) : listener.handlers;
      response = await getResponse(handlers, request, { baseUrl: listener.url });
      await listener.beforeAnswer?.();
    } catch (error) {
      return this.answerText(500, `${listener.party} simulator failed on ${method} ${path.split('?')[0]}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (this.finished) return;
    const pathname = path.split('?')[0];
    if (!response && method === 'GET' && pathname === '/favicon.ico') {
      // Browsers ask every origin for an icon; not an exchange worth journalling.
      this.finished = true;
      this.write(204, {}, Buffer.alloc(0));
      return;
    }
    if (!response) return this.answerText(404, `${listener.party} simulator has ${listener.noEndpoint ?? 'no endpoint'} for ${method} ${pathname}`);
    return this.answerResponse(response);
  }

  /** A lean route's exchange: no msw, no fetch objects, the journal row in the next group commit. */
  private async serveLean(route: LeanRoute, path: string, headers: Record<string, string>, body: Buffer): Promise<void> {
    const { listener } = this;
    let reply: LeanAnswer | Response;
    try {
      reply = await route.serve({ method: 'POST', url: `${listener.url}${path}`, headers, body, text: this.arrived!.requestBody });
      await listener.beforeAnswer?.();
    } catch (error) {
      return this.answerText(500, `${listener.party} simulator failed on POST ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (this.finished) return;
    if (reply instanceof Response) return this.answerResponse(reply);
    this.finished = true;
    const outcome = reply.notes.outcome ?? (reply.status < 400 ? 'ok' : 'error');
    const journal = listener.journal;
    if (journal && !(listener.journalErrorsOnly && outcome === 'ok')) {
      try {
        await journal.recordBatched(inboundRecord(this.arrived!, { status: reply.status, headers: reply.headers, body: reply.body, outcome, notes: reply.notes }));
      } catch (error) {
        // Not stored, so not acknowledged: the caller sends it again.
        const text = `${listener.party} simulator could not store the exchange in its traffic journal (${(error as Error).message}), so it does not acknowledge it; send it again`;
        console.warn(`samverkan: ${text}`);
        this.write(500, { 'content-type': 'text/plain; charset=utf-8' }, Buffer.from(text, 'utf8'), true);
        return;
      }
    }
    this.write(reply.status, reply.headers, reply.bytes ?? Buffer.from(reply.body, 'utf8'));
  }

  /** Answers with a handler's response: its notes and transport directive applied. */
  private async answerResponse(response: Response): Promise<void> {
    const { listener, req } = this;
    if (response.type === 'error') {
      this.record({ outcome: 'transport-error', notes: { message: 'connection reset by handler' } });
      return this.reset();
    }
    const { notes, directive } = takeNotes(response.headers);
    if (directive === 'stream') return this.stream(response, notes);
    const responseBody = Buffer.from(await response.arrayBuffer());
    if (this.finished) return;
    if (directive === 'reset') {
      this.record({ outcome: 'transport-error', notes: { ...notes, message: notes.message ?? 'connection reset (fault rule)' } });
      return this.reset();
    }
    if (directive === 'no-answer') {
      this.record({ outcome: 'transport-error', notes: { ...notes, message: notes.message ?? 'no answer (fault rule)' } });
      // Held until the listener stops; a drain does not wait for it.
      listener.inFlight.end(this);
      await listener.inFlight.hold();
      req.socket.destroy();
      return;
    }
    const responseHeaders = headerRecord(response.headers);
    const setCookies = response.headers.getSetCookie();
    await this.recordInGroup({ status: response.status, headers: responseHeaders, body: responseBody.toString('utf8'), outcome: response.status < 400 ? 'ok' : 'error', notes });
    this.write(response.status, { ...responseHeaders, ...(setCookies.length ? { 'set-cookie': setCookies } : {}) }, responseBody);
  }

  /**
   * Sends a handler's body as it is produced, with backpressure. The journal records the exchange
   * (status, headers) with a note instead of the body; a stream that fails half-way cuts the
   * transfer, so the client never sees a complete-looking answer.
   */
  private async stream(response: Response, notes: ExchangeNotes): Promise<void> {
    const res = this.res;
    const headers = headerRecord(response.headers);
    this.record({ status: response.status, headers, body: '(streamed; not kept in the journal)', outcome: response.status < 400 ? 'ok' : 'error', notes });
    await streamAnswer(res, response, headers, this.listener.inFlight.stopping);
  }

  /** The drain's bound is over: answer 503 if nothing was sent yet, record as aborted. */
  abort(reason: string): void {
    if (this.finished) return;
    this.answerText(503, `aborted: ${reason}`, 'error', {}, true);
  }

  /** A failure nobody caught (a handler's body stream, the journal): 500 if still possible. */
  failed(error: unknown): void {
    if (this.finished) return;
    this.answerText(500, `${this.listener.party} simulator failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  /** Records the exchange once (a closed journal is reported, not thrown). */
  private record(end: ExchangeEnd): void {
    if (this.finished || !this.arrived) return;
    this.finished = true;
    const outcome = end.notes.outcome ?? end.outcome;
    if (this.listener.journalErrorsOnly && outcome === 'ok') return;
    try {
      recordInbound(this.arrived, end);
    } catch (error) {
      console.warn(`samverkan: ${this.listener.party} could not journal ${this.arrived.method} ${this.arrived.url}: ${(error as Error).message}`);
    }
  }

  /**
   * Records the exchange once, in the journal's next group commit, and resolves after that commit
   * (docs/decisions/0028-replay-at-volume.md): the answer is written after it, as on a lean route,
   * and the exchanges of two turns of the event loop share one transaction. A journal that cannot
   * store it is reported, not thrown, as {@link record} does.
   */
  private async recordInGroup(end: ExchangeEnd): Promise<void> {
    if (this.finished || !this.arrived) return;
    this.finished = true;
    const outcome = end.notes.outcome ?? end.outcome;
    const journal = this.arrived.journal;
    if (!journal || (this.listener.journalErrorsOnly && outcome === 'ok')) return;
    try {
      await journal.recordBatched(inboundRecord(this.arrived, end));
    } catch (error) {
      console.warn(`samverkan: ${this.listener.party} could not journal ${this.arrived.method} ${this.arrived.url}: ${(error as Error).message}`);
    }
  }

  /** Records and writes a short text answer. */
  private answerText(status: number, text: string, outcome: ExchangeEnd['outcome'] = 'error', notes: ExchangeNotes = {}, close = status === 503): void {
    if (this.finished) return;
    const headers = { 'content-type': 'text/plain; charset=utf-8' };
    this.record({ status, headers, body: text, outcome, notes: { ...notes, message: notes.message ?? text } });
    this.write(status, headers, Buffer.from(text, 'utf8'), close);
  }

  /** Not a request a handler can serve: journalled as `invalid request`, answered, connection closed. */
  private refuseInvalid(status: number, problem: string, method: string, requestLine: string): void {
    this.finished = true;
    const message = `${problem}; the request began "${requestLine}"`;
    journalInvalid(this.listener, { method, status, message, input: requestLine });
    this.req.resume();
    this.write(status, { 'content-type': 'text/plain; charset=utf-8' }, Buffer.from(`${this.listener.party} simulator: ${message}\n`, 'utf8'), true);
  }

  /** The client went away: record what is known, close. */
  private cut(message: string): void {
    if (this.finished) return;
    this.record({ outcome: 'transport-error', notes: { message } });
    this.req.socket.destroy();
  }

  private reset(): void {
    resetConnection(this.req.socket);
  }

  private write(status: number, headers: Readonly<Record<string, string | string[]>>, body: Buffer, close = false): void {
    writeAnswer(this.res, this.listener.party, status, headers, body, close || this.listener.inFlight.stopping);
  }
}
