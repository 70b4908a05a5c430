/**
 * Reading a request as a kit listener needs it: where its target points, its headers as one
 * record, and its body up to a limit, each without more work than the common case needs.
 */
import type { IncomingMessage } from 'node:http';
import { excerpt } from './invalidTraffic.js';

/** Segments of letters, digits and `-_~.`, none starting with a dot: what `new URL` leaves as it is. */
const PLAIN_PATH = /^(?:\/(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*)?)+$/;

/** Where a request-target points below this listener, or why it points nowhere. */
export function requestTarget(raw: string, base: string): { path: string; host?: string } | { problem: string } {
  // A plain path (no dot segments, nothing to encode or normalise) is its own URL path: no parse.
  if (PLAIN_PATH.test(raw)) return { path: raw };
  const bad = { problem: `the request target "${excerpt(raw)}" is neither a path nor an http(s) URL` };
  try {
    if (raw.startsWith('/')) {
      const url = new URL(`${base}${raw}`);
      return { path: `${url.pathname}${url.search}` };
    }
    if (/^https?:\/\//i.test(raw)) {
      // absolute-form: the authority in the request line is the Host (RFC 9112 §3.2.2)
      const url = new URL(raw);
      return { path: `${url.pathname}${url.search}`, host: url.host };
    }
  } catch {
    return bad;
  }
  return bad;
}

/** Headers as one record of strings (repeated headers joined with `, `), as the journal records them. */
export function headerRecord(headers: IncomingMessage['headers'] | Headers): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers instanceof Headers) {
    for (const [k, v] of headers.entries()) out[k] = v;
    return out;
  }
  for (const k in headers) {
    const v = headers[k];
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/**
 * The request body, up to `limit` bytes (`size` counts all of them); undefined when the client
 * went away before its end.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<{ body: Buffer; size: number } | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const cut = () => {
      if (done) return;
      done = true;
      resolve(undefined);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.once('end', () => {
      if (done) return;
      done = true;
      resolve({ body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), size });
    });
    req.once('error', cut);
    req.once('close', cut);
  });
}
