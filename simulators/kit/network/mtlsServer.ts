/**
 * A party's listening side for inbound mutual TLS (the SITHS card login): a plain `node:https`
 * listener that asks for a client certificate, hands it to the same kind of msw handlers the
 * party server runs (in a request header only this server sets), and journals every exchange.
 * mockttp cannot do this: it does not expose the peer certificate (docs/decisions/0001-stack.md).
 */
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { getResponse, type RequestHandler } from 'msw';
import type { Clock } from '../clock/virtualClock.js';
import type { TrafficJournal } from '../journal/trafficJournal.js';
import { callerParty, takeNotes, type ExchangeNotes } from './exchangeNotes.js';
import { recordInbound, type ArrivedRequest, type ExchangeEnd } from './inboundRecord.js';

/** Base64 DER of the client certificate the TLS handshake presented (absent when none). */
export const CLIENT_CERTIFICATE_HEADER = 'x-samverkan-client-certificate';
/** `authorized`, or the TLS layer's reason why the client certificate did not chain to `clientCaPem`. */
export const CLIENT_CERTIFICATE_VERDICT_HEADER = 'x-samverkan-client-certificate-verdict';

export interface MtlsServerOptions {
  party: string;
  handlers: RequestHandler[];
  clock: Clock;
  journal?: TrafficJournal;
  port?: number;
  /** Server certificate chain (leaf first) and key, PEM. */
  certificatePem: string;
  privateKeyPem: string;
  /** CA certificates whose names are offered to clients and against which the TLS layer checks. */
  clientCaPem: string[];
  /** Default 1 MiB. */
  hardLimitBytes?: number;
}

const DEFAULT_LIMIT = 1024 * 1024;

/** A started mutual-TLS listener on 127.0.0.1. */
export class MtlsServer {
  private readonly waiting = new Set<() => void>();

  private constructor(private readonly server: https.Server, private readonly options: MtlsServerOptions) {}

  /** Starts listening on 127.0.0.1 (random port unless given). */
  static async start(options: MtlsServerOptions): Promise<MtlsServer> {
    const server = https.createServer({
      key: options.privateKeyPem,
      cert: options.certificatePem,
      ca: options.clientCaPem,
      requestCert: true,
      // Handlers decide, so that a missing or foreign card gets a page that says why.
      rejectUnauthorized: false,
    });
    const mtls = new MtlsServer(server, options);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void mtls.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    return mtls;
  }

  get port(): number {
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  /** Base URL, always https on 127.0.0.1. */
  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    for (const release of this.waiting) release();
    this.waiting.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const startedAt = this.options.clock.now();
    const url = new URL(req.url ?? '/', this.url);
    const chunks: Buffer[] = [];
    let size = 0;
    const limit = this.options.hardLimitBytes ?? DEFAULT_LIMIT;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size <= limit) chunks.push(chunk as Buffer);
    }
    const body = Buffer.concat(chunks);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    delete headers[CLIENT_CERTIFICATE_HEADER];
    delete headers[CLIENT_CERTIFICATE_VERDICT_HEADER];
    const socket = req.socket as TLSSocket;
    const peer = socket.getPeerCertificate?.(false);
    if (peer && peer.raw) {
      headers[CLIENT_CERTIFICATE_HEADER] = peer.raw.toString('base64');
      headers[CLIENT_CERTIFICATE_VERDICT_HEADER] = socket.authorized ? 'authorized' : String(socket.authorizationError ?? 'not authorized');
    }
    const arrived: ArrivedRequest = {
      journal: this.options.journal,
      party: this.options.party,
      fromParty: callerParty(headers),
      method: req.method ?? 'GET',
      url: url.toString(),
      fallbackOperation: `${req.method ?? 'GET'} ${url.pathname}`,
      startedAt,
      started,
      requestHeaders: headers,
      requestBody: body.toString('utf8'),
    };
    const record = (end: ExchangeEnd) => recordInbound(arrived, end);
    const answer = (status: number, text: string, notes: ExchangeNotes) => {
      record({ status, body: text, outcome: 'error', notes });
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
    };
    if (size > limit) return answer(413, `request body is ${size} bytes, over this server's limit of ${limit} bytes`, {});
    const method = req.method ?? 'GET';
    const request = new Request(url, { method, headers, body: body.length > 0 && method !== 'GET' && method !== 'HEAD' ? new Uint8Array(body) : undefined });
    let response: Response | undefined;
    try {
      response = await getResponse(this.options.handlers, request, { baseUrl: this.url });
    } catch (error) {
      return answer(500, `${this.options.party} simulator failed on ${method} ${url.pathname}: ${(error as Error).message}`, {});
    }
    if (!response) return answer(404, `${this.options.party} simulator has no mutual-TLS endpoint for ${method} ${url.pathname}`, {});
    const { notes, directive } = takeNotes(response.headers);
    const responseBody = Buffer.from(await response.arrayBuffer());
    if (response.type === 'error' || directive === 'reset') {
      record({ outcome: 'transport-error', notes: { ...notes, message: notes.message ?? 'connection reset' } });
      socket.destroy();
      return;
    }
    if (directive === 'no-answer') {
      record({ outcome: 'transport-error', notes: { ...notes, message: notes.message ?? 'no answer (fault rule)' } });
      await new Promise<void>((resolve) => this.waiting.add(resolve));
      socket.destroy();
      return;
    }
    const out: Record<string, string> = {};
    response.headers.forEach((v, k) => (out[k] = v));
    const setCookies = response.headers.getSetCookie();
    record({ status: response.status, headers: out, body: responseBody.toString('utf8'), outcome: response.status < 400 ? 'ok' : 'error', notes });
    res.writeHead(response.status, { ...out, ...(setCookies.length ? { 'set-cookie': setCookies } : {}) }).end(responseBody);
  }
}
