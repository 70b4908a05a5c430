/**
 * The session page, served by the harness on 127.0.0.1 while a session runs: the step waiting for
 * a person with its instructions and what samverkan has seen on the wire, the buttons Godkänd /
 * Underkänd / Hoppa över with a comment, and the progress line. `GET /` the page, `GET /api/tillstand`
 * its state as JSON, `POST /api/resultat` `{"caseId","outcome":"passed|failed|skipped","comment"}`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SessionLive } from '../run/sessionLive.js';
import { loopbackRefusal } from './loopbackGuard.js';
import { sessionPageHtml } from './sessionPageHtml.js';

const MAX_BODY = 16 * 1024;

export interface SessionPage {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Serves the page for `live` on 127.0.0.1:`port` (0 = random). */
export async function startSessionPage(live: SessionLive, port = 0): Promise<SessionPage> {
  const server = createServer((request, response) => {
    handle(live, request, response, (server.address() as AddressInfo).port).catch((error) => {
      if (!response.headersSent) send(response, 500, { error: `the session page failed: ${(error as Error).message}` });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === 'EADDRINUSE' ? `the session page's port ${port} on 127.0.0.1 is taken; give another with --page-port (0 = any free port)` : `the session page cannot listen: ${error.message}`)),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${actual}/`, port: actual, stop: () => close(server) };
}

async function handle(live: SessionLive, request: IncomingMessage, response: ServerResponse, port: number): Promise<void> {
  const refusal = loopbackRefusal(request, port);
  if (refusal) return send(response, 403, { error: `refused: ${refusal}` });
  const path = new URL(request.url ?? '/', 'http://x').pathname;
  if (request.method === 'GET' && path === '/') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'" });
    response.end(sessionPageHtml(live.state()));
    return;
  }
  if (request.method === 'GET' && path === '/api/tillstand') return send(response, 200, live.state());
  if (request.method === 'POST' && path === '/api/resultat') {
    const body = await readBody(request);
    if (body === undefined) return send(response, 413, { error: `the body is larger than ${MAX_BODY} bytes` });
    let input: { caseId?: unknown; outcome?: unknown; comment?: unknown };
    try {
      input = JSON.parse(body) as typeof input;
    } catch {
      return send(response, 400, { error: 'the body is not JSON; send {"caseId": "...", "outcome": "passed|failed|skipped", "comment": "..."}' });
    }
    if (typeof input.caseId !== 'string' || typeof input.outcome !== 'string' || (input.comment !== undefined && typeof input.comment !== 'string')) {
      return send(response, 400, { error: 'send {"caseId": "...", "outcome": "passed|failed|skipped", "comment": "..."} with strings' });
    }
    const answer = live.record(input.caseId, input.outcome, (input.comment as string | undefined) ?? '', 'page');
    return answer.ok ? send(response, 200, { recorded: answer.result }) : send(response, answer.status, { error: answer.message });
  }
  if (path === '/api/resultat' || path === '/api/tillstand' || path === '/') return send(response, 405, { error: `${request.method} is not allowed on ${path}` });
  send(response, 404, { error: `no ${path} here; the page is at /` });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        resolve(undefined);
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
