import http from 'node:http';
import net from 'node:net';
import { test, expect } from '@playwright/test';
import { probeJournalSystem, JournalSystemUnreachable } from './journalSystemProbe.js';

/** A loopback port nothing listens on (taken, then freed). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test('a journal system URL where nothing listens: refused, said so', async () => {
  const port = await closedPort();
  const error = await probeJournalSystem(`http://127.0.0.1:${port}/status`).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(JournalSystemUnreachable);
  expect((error as Error).message).toBe(
    `the journal system at http://127.0.0.1:${port}/status refused the connection (nothing listens on that port): start it, or check the host and port in --journal external:<url>.`,
  );
});

test('a journal system that takes the connection and never answers: the probe gives up at its bound and says so', async () => {
  const sockets: net.Socket[] = [];
  const silent = net.createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const port = (silent.address() as net.AddressInfo).port;
  try {
    const error = await probeJournalSystem(`http://127.0.0.1:${port}`, 300).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      `the journal system at http://127.0.0.1:${port} did not answer within 300 ms: it accepts nothing or hangs; check that it runs and that the URL is its status-update receiver.`,
    );
    expect(sockets.length).toBe(1);
  } finally {
    sockets.forEach((s) => s.destroy());
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  }
});

test('any HTTP answer counts as answering; the probe asks for the WSDL', async () => {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(405).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  try {
    expect(await probeJournalSystem(`http://127.0.0.1:${port}/ws/status`)).toBe(405);
    expect(seen).toEqual(['GET /ws/status?wsdl']);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
