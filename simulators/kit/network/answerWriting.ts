/**
 * Writing a kit listener's answer on the connection: the headers a handler gave (less the framing
 * ones node sets itself), the body in one piece or streamed, `connection: close` when asked, and a
 * 500 instead of a header node refuses to send. Also the reset a fault rule asks for.
 */
import type { Socket } from 'node:net';
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/** Headers the listener sets from the body it writes, never as a handler gave them. */
const FRAMING = new Set(['content-length', 'transfer-encoding', 'connection']);

/**
 * Writes `status`, `headers` and `body` as the whole answer, unless an answer was already sent or
 * the connection is gone. `party` names the simulator in the 500 given instead of a header value
 * node refuses (a handler's mistake).
 */
export function writeAnswer(res: ServerResponse, party: string, status: number, headers: Readonly<Record<string, string | string[]>>, body: Buffer, close: boolean): void {
  if (res.headersSent || res.destroyed || res.writableEnded) return;
  const out: Record<string, string | string[]> = {};
  for (const name in headers) if (!FRAMING.has(name)) out[name] = headers[name]!;
  if (status !== 204 && status !== 304 && status >= 200) out['content-length'] = String(body.length);
  if (close) out.connection = 'close';
  try {
    res.writeHead(status, out);
    res.end(body);
  } catch (error) {
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end(`${party} simulator wrote an answer node cannot send: ${(error as Error).message}\n`);
  }
}

/** Cuts the connection with a TCP reset where node can, else closes it. */
export function resetConnection(socket: Socket): void {
  if (typeof socket.resetAndDestroy === 'function' && !socket.destroyed) socket.resetAndDestroy();
  else socket.destroy();
}

/**
 * Sends a handler's streamed body as it is produced, with backpressure; a stream that fails
 * half-way cuts the transfer, so the client never sees a complete-looking answer.
 */
export async function streamAnswer(res: ServerResponse, response: Response, headers: Readonly<Record<string, string>>, close: boolean): Promise<void> {
  const out: Record<string, string> = {};
  for (const name in headers) if (name !== 'content-length' && name !== 'connection') out[name] = headers[name]!;
  if (close) out.connection = 'close';
  res.writeHead(response.status, out);
  if (!response.body) {
    res.end();
    return;
  }
  try {
    await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), res);
  } catch (error) {
    res.destroy(error as Error);
  }
}
