/**
 * Test helper: sends raw bytes to a listener on 127.0.0.1 (over plain TCP or TLS), half-closes, and
 * reports what came back: the first line of an HTTP answer, or that the connection was closed with
 * nothing said. For feeding a server what no well-behaved client would send.
 */
import net from 'node:net';
import tls from 'node:tls';

/** What the listener did with the bytes. */
export interface WireAnswer {
  /** First line of the answer (`HTTP/1.1 400 Bad Request`), absent when nothing came back. */
  statusLine?: string;
  /** HTTP status of the answer, absent when nothing came back. */
  status?: number;
  /** Everything that came back, as latin1 text. */
  raw: string;
  /** True when the listener closed the connection (or it failed); false when it was still open at the end. */
  closed: boolean;
}

export interface WireOptions {
  port: number;
  /** Wrap in TLS first (the IdP's card port); the handshake completes before `data` is sent. */
  tls?: boolean;
  /** Wait this long for the listener to close before giving up; default 5 s. */
  timeoutMs?: number;
}

/** Writes `data`, ends the write side, and collects the answer until the connection closes. */
export function sendRaw(data: string | Buffer, options: WireOptions): Promise<WireAnswer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const socket: net.Socket = options.tls
      ? tls.connect({ host: '127.0.0.1', port: options.port, rejectUnauthorized: false, servername: 'localhost' }, () => socket.end(data))
      : net.connect({ host: '127.0.0.1', port: options.port }, () => socket.end(data));
    const finish = (closed: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const raw = Buffer.concat(chunks).toString('latin1');
      const statusLine = raw ? raw.split('\r\n')[0] : undefined;
      const status = statusLine && /^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1];
      resolve({ raw, statusLine, status: status ? Number(status) : undefined, closed });
    };
    const timer = setTimeout(() => finish(false), options.timeoutMs ?? 5_000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
  });
}

/**
 * The first bytes of a TLS ClientHello (record header and the start of the handshake message),
 * cut off long before the end: a handshake that never completes.
 */
export function truncatedClientHello(): Buffer {
  return Buffer.concat([Buffer.from([0x16, 0x03, 0x01, 0x00, 0xc8, 0x01, 0x00, 0x00, 0xc4, 0x03, 0x03]), Buffer.alloc(20, 0x2a)]);
}
