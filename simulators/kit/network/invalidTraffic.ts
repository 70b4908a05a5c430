/**
 * Traffic that is not an HTTP request a handler can serve: a request line or headers node's parser
 * refuses, a URL that is no URL, a method fetch cannot carry, a proxy `CONNECT`, a TLS handshake
 * that fails. Each is answered with an HTTP error where the connection still allows one (else
 * closed), and journalled as operation `invalid request` with a short excerpt of what came in.
 * Nothing here throws: one bad client must never stop a listener.
 */
import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import type { Clock } from '../clock/virtualClock.js';
import type { TrafficJournal } from '../journal/trafficJournal.js';

/** Operation name of every journalled invalid attempt. */
export const INVALID_REQUEST = 'invalid request';

/** Longest excerpt of the raw input kept in a journal message. */
export const EXCERPT_CHARS = 120;

/** The listener a piece of invalid traffic arrived at. */
export interface ListenerIdentity {
  party: string;
  /** Base URL of the listener (`http://127.0.0.1:port`). */
  url: string;
  clock: Clock;
  journal?: TrafficJournal;
}

/**
 * Raw input as one short line of text: printable ASCII kept, CR/LF as `\r` `\n`, every other byte
 * as `\xNN`, cut to `max` characters with `…` when longer.
 */
export function excerpt(input: Buffer | string, max = EXCERPT_CHARS): string {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'latin1') : input;
  let out = '';
  let i = 0;
  for (; i < bytes.length && out.length < max; i++) {
    const byte = bytes[i]!;
    if (byte === 0x0d) out += '\\r';
    else if (byte === 0x0a) out += '\\n';
    else if (byte >= 0x20 && byte < 0x7f && byte !== 0x5c) out += String.fromCharCode(byte);
    else out += `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return i < bytes.length ? `${out}…` : out;
}

/** Records one invalid attempt; a failure to record is reported, never thrown. */
export function journalInvalid(listener: ListenerIdentity, attempt: { method?: string; status?: number; message: string; input?: string }): void {
  try {
    listener.journal?.record({
      side: 'inbound',
      fromParty: 'external',
      toParty: listener.party,
      operation: INVALID_REQUEST,
      method: attempt.method ?? '',
      url: listener.url,
      startedAt: listener.clock.now(),
      durationMs: 0,
      outcome: attempt.status ? 'error' : 'transport-error',
      httpStatus: attempt.status,
      message: attempt.message,
      requestBody: attempt.input,
    });
  } catch (error) {
    console.warn(`samverkan: ${listener.party} could not journal an invalid request (${attempt.message}): ${(error as Error).message}`);
  }
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 405: 'Method Not Allowed', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

/** Writes a complete HTTP/1.1 error answer straight to the socket and closes it. */
export function writeRawError(socket: Duplex, status: number, text: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = Buffer.from(`${text}\n`, 'utf8');
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.toString('utf8')}`,
  );
  socket.once('error', () => undefined);
}

/** What node's parser said, as a status and a sentence. */
function parserVerdict(code: string | undefined): { status?: number; what: string } {
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, what: 'the request headers are larger than this server accepts (16 KiB)' };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, what: 'the request did not arrive in time' };
  if (code === 'ECONNRESET') return { what: 'the client closed the connection in the middle of a request' };
  return { status: 400, what: 'the request is not valid HTTP/1.1' };
}

/**
 * Answers node's `clientError` for a plain HTTP listener (or for an HTTP parse error inside an
 * established TLS connection): 400/408/431 with the reason, journalled with an excerpt of the input.
 * A connection closed before sending anything is not an attempt and is not journalled.
 */
export function answerClientError(listener: ListenerIdentity, error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex): void {
  const raw = error.rawPacket;
  const verdict = parserVerdict(error.code);
  if (error.code === 'ECONNRESET' && !(raw && raw.length)) {
    socket.destroy();
    return;
  }
  const input = raw && raw.length ? excerpt(raw) : undefined;
  const message = `${verdict.what} (${error.code ?? 'error'}: ${error.message})${input ? `; it began "${input}"` : ''}`;
  journalInvalid(listener, { status: verdict.status, message, input });
  if (verdict.status) writeRawError(socket, verdict.status, `${listener.party} simulator: ${message}`);
  else socket.destroy();
}

/**
 * A TLS handshake that failed or was cut off (plain HTTP to a TLS port, garbage, a truncated
 * ClientHello): journalled with the TLS layer's reason, the connection closed. `bytesRead` of the
 * raw connection tells an attempt from a connection that was opened and closed without a byte.
 */
export function answerTlsFailure(listener: ListenerIdentity, error: NodeJS.ErrnoException, socket: Duplex, bytesRead: number | undefined): void {
  socket.destroy();
  if (error.code === 'ECONNRESET' && bytesRead === 0) return;
  const reason = error.code === 'ECONNRESET' ? 'the client closed the connection before the TLS handshake was complete' : `the TLS handshake failed: ${error.message.trim()}`;
  journalInvalid(listener, { message: `${reason} (${error.code ?? 'error'})` });
}

/** `CONNECT` asks for a proxy tunnel; a party is no proxy: 405, journalled. */
export function answerConnect(listener: ListenerIdentity, request: { method?: string; url?: string; httpVersion?: string }, socket: Duplex): void {
  const line = `${request.method ?? 'CONNECT'} ${request.url ?? ''} HTTP/${request.httpVersion ?? '1.1'}`;
  const message = `${listener.party} is not a proxy and takes no CONNECT; send the request itself to ${listener.url}`;
  journalInvalid(listener, { method: request.method ?? 'CONNECT', status: 405, message: `${message}; it began "${excerpt(line)}"`, input: excerpt(line) });
  writeRawError(socket, 405, message);
}

/** The raw TCP connection under a server-side TLS socket, when node exposes it. */
export function rawBytesRead(tlsSocket: Duplex): number | undefined {
  const parent = (tlsSocket as unknown as { _parent?: Socket })._parent;
  return typeof parent?.bytesRead === 'number' ? parent.bytesRead : undefined;
}
