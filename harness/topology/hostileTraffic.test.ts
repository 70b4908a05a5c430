/**
 * One request must not stop the topology: malformed request lines, bad URLs, truncated TLS
 * handshakes and garbage bytes sent to every listening port of the embedded topology each get an
 * HTTP error or a closed connection, each attempt is journalled, and every party answers afterwards.
 */
import https from 'node:https';
import { expect, test } from '@playwright/test';
import { sendRaw, truncatedClientHello, type WireAnswer } from '../../simulators/kit/network/testing/rawWire.js';
import { startTopology, type Topology } from './startTopology.js';
import { defaultTopologyConfig } from './topologyConfig.js';

/** Bytes no client should send, as name → bytes; the same seed every run. */
function garbage(length: number, seed = 7): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = x >> 16;
  }
  return out;
}

/** What is sent inside an HTTP connection (plain, or inside TLS on the card port). */
const HTTP_PROBES: Record<string, string | Buffer> = {
  'absolute URL that is no URL': 'GET http://[ HTTP/1.1\r\nHost: x\r\n\r\n',
  'a path that looks like an authority': 'GET //[ HTTP/1.1\r\nHost: x\r\n\r\n',
  'request line without a method': 'HELLO\r\n\r\n',
  'control character in the path': 'GET /\x01 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
  'both Content-Length and Transfer-Encoding': 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
  'headers past the size limit': `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
  'a method fetch cannot carry (TRACE)': 'TRACE / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
  'a proxy request (CONNECT)': 'CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n',
  'garbage bytes': garbage(300),
};

/** Sent on the raw TCP connection of a TLS port, before or instead of a handshake. */
const TLS_TRANSPORT_PROBES: Record<string, string | Buffer> = {
  'truncated TLS handshake': truncatedClientHello(),
  'plain HTTP to a TLS port': 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
  'garbage instead of a handshake': garbage(300, 11),
};

interface Listener {
  origin: string;
  port: number;
  tls: boolean;
}

/** Every distinct loopback origin among the topology's URLs. */
function listenersOf(topology: Topology): Listener[] {
  const origins = new Map<string, Listener>();
  for (const urls of Object.values(topology.urls())) {
    for (const value of Object.values(urls)) {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        continue;
      }
      if (url.hostname !== '127.0.0.1') continue;
      origins.set(url.origin, { origin: url.origin, port: Number(url.port), tls: url.protocol === 'https:' });
    }
  }
  return [...origins.values()];
}

const refusedOrClosed = (answer: WireAnswer) => (answer.status !== undefined && answer.status >= 400) || (answer.status === undefined && answer.closed);

let topology: Topology;
test.beforeAll(async () => {
  topology = await startTopology(defaultTopologyConfig({ admin: {} }));
});
test.afterAll(async () => topology?.stop());

test('every listening port refuses malformed traffic, journals it, and every party answers afterwards', async () => {
  const listeners = listenersOf(topology);
  // webcert, journal, idp, the idp's card port, eid app, signing service, Intygstjänsten, the four
  // recipients, admin
  expect(listeners).toHaveLength(12);
  expect(listeners.filter((l) => l.tls)).toHaveLength(1);

  const journalled = (origin: string) => topology.journal.query({ side: 'inbound', withoutBodies: true }).filter((e) => e.url.startsWith(origin)).length;
  const seen: string[] = [];
  for (const listener of listeners) {
    const probes: [string, string | Buffer, boolean][] = Object.entries(HTTP_PROBES).map(([name, bytes]) => [name, bytes, listener.tls]);
    if (listener.tls) probes.push(...Object.entries(TLS_TRANSPORT_PROBES).map(([name, bytes]): [string, string | Buffer, boolean] => [name, bytes, false]));
    for (const [name, bytes, overTls] of probes) {
      const before = journalled(listener.origin);
      const answer = await sendRaw(bytes, { port: listener.port, tls: overTls });
      seen.push(`${listener.origin} ${name}: ${answer.statusLine ?? (answer.closed ? 'closed' : 'open')}`);
      expect(refusedOrClosed(answer), `${listener.origin} ${name} answered ${answer.statusLine}`).toBe(true);
      await expect.poll(() => journalled(listener.origin), { message: `${listener.origin} ${name} is journalled` }).toBe(before + 1);
    }
  }
  expect(seen.length).toBe((listeners.length - 1) * Object.keys(HTTP_PROBES).length + Object.keys(HTTP_PROBES).length + Object.keys(TLS_TRANSPORT_PROBES).length);

  // Everything but the odd-looking path (a 404 of its own) is an invalid request, at every port.
  const invalid = topology.journal.query({ operation: 'invalid request', withoutBodies: true });
  expect(invalid).toHaveLength(seen.length - listeners.length);
  const entry = invalid.find((e) => e.toParty === 'journal')!;
  expect(entry).toMatchObject({ side: 'inbound', fromParty: 'external', outcome: 'error', httpStatus: 400 });
  expect(entry.message).toContain('"GET http://[ HTTP/1.1"');
  expect(invalid.find((e) => e.url.startsWith('https:') && /TLS handshake/.test(e.message ?? ''))).toMatchObject({ toParty: 'idp', outcome: 'transport-error' });

  for (const listener of listeners) {
    const status = listener.tls ? await tlsStatus(listener.port) : (await fetch(`${listener.origin}/`)).status;
    expect(status, `${listener.origin} still answers`).toBeGreaterThanOrEqual(200);
  }
});

/** Status of a GET over TLS without a client certificate (the card port answers with a page saying why). */
function tlsStatus(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    https
      .get({ host: '127.0.0.1', port, path: '/', rejectUnauthorized: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
}
