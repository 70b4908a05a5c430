/**
 * A party's listening side for inbound mutual TLS (the SITHS card login): a plain `node:https`
 * listener on 127.0.0.1 that asks for a client certificate, hands it to the same kind of msw
 * handlers the party server runs (in a request header only this server sets), and journals every
 * exchange. It serves, refuses malformed traffic and drains exactly as the party server does
 * (the same kit pieces); failed TLS handshakes are journalled too.
 */
import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { RequestHandler } from 'msw';
import type { Clock } from '../clock/virtualClock.js';
import type { TrafficJournal } from '../journal/trafficJournal.js';
import { InFlightExchanges, type StopOptions } from './exchangeDrain.js';
import { handlerPrefilter } from './handlerPrefilter.js';
import { serveExchange, type ExchangeListener } from './inboundExchange.js';
import { answerClientError, answerConnect, answerTlsFailure, rawBytesRead } from './invalidTraffic.js';
import { listenOnLoopback } from './loopbackListen.js';

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

/** The client certificate of the connection, as the two headers handlers read. */
function clientCertificateHeaders(req: IncomingMessage): Record<string, string> {
  const socket = req.socket as TLSSocket;
  const peer = socket.getPeerCertificate?.(false);
  if (!peer || !peer.raw) return {};
  return {
    [CLIENT_CERTIFICATE_HEADER]: peer.raw.toString('base64'),
    [CLIENT_CERTIFICATE_VERDICT_HEADER]: socket.authorized ? 'authorized' : String(socket.authorizationError ?? 'not authorized'),
  };
}

/** A started mutual-TLS listener on 127.0.0.1. */
export class MtlsServer {
  private constructor(
    private readonly server: https.Server,
    private readonly inFlight: InFlightExchanges,
    /** The loopback port it listens on (kept after stop). */
    readonly port: number,
  ) {}

  /** Starts listening on 127.0.0.1 (random port unless given). */
  static async start(options: MtlsServerOptions): Promise<MtlsServer> {
    const inFlight = new InFlightExchanges();
    const server = https.createServer({
      key: options.privateKeyPem,
      cert: options.certificatePem,
      ca: options.clientCaPem,
      requestCert: true,
      // Handlers decide, so that a missing or foreign card gets a page that says why.
      rejectUnauthorized: false,
      noDelay: true,
    });
    const listener: ExchangeListener = {
      party: options.party,
      url: '',
      clock: options.clock,
      journal: options.journal,
      handlers: options.handlers,
      candidates: handlerPrefilter(options.handlers),
      hardLimitBytes: options.hardLimitBytes ?? DEFAULT_LIMIT,
      inFlight,
      noEndpoint: 'no mutual-TLS endpoint',
      connectionHeaders: { names: [CLIENT_CERTIFICATE_HEADER, CLIENT_CERTIFICATE_VERDICT_HEADER], read: clientCertificateHeaders },
    };
    // node's https server reports a failed handshake as `clientError` too; tell the two apart by
    // whether the connection ever became secure.
    const secured = new WeakSet<object>();
    server.on('secureConnection', (socket: TLSSocket) => secured.add(socket));
    server.on('request', (req, res) => serveExchange(listener, req, res));
    server.on('clientError', (error, socket) => {
      if (secured.has(socket)) answerClientError(listener, error, socket);
      else answerTlsFailure(listener, error, socket, rawBytesRead(socket));
    });
    server.on('connect', (req, socket) => answerConnect(listener, req, socket));
    const port = await listenOnLoopback(server, options.port, options.party);
    listener.url = `https://127.0.0.1:${port}`;
    return new MtlsServer(server, inFlight, port);
  }

  /** Base URL, always https on 127.0.0.1. */
  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  /** Stops as {@link PartyServer.stop} does: stop accepting, drain within `drainMs`, close. */
  async stop(options: StopOptions = {}): Promise<void> {
    await this.inFlight.drain(this.server, options);
  }
}
