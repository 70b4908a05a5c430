/**
 * The admin API's listener: a plain `node:http` server on 127.0.0.1 that dispatches msw request
 * handlers, as the party servers do, and writes a streamed response body as it is produced, with
 * backpressure. The party servers answer through mockttp's callback API, which takes a whole body
 * at once; a journal export can be gigabytes, so the admin API needs a listener that streams
 * (docs/decisions/0009-journal-at-any-size.md). Its own exchanges are not journalled.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { getResponse, type RequestHandler } from 'msw';

export interface AdminServerOptions {
  /** Name used in error messages, e.g. `admin`. */
  party: string;
  handlers: RequestHandler[];
  /** Fixed loopback port; default a free random one. */
  port?: number;
  /** Request bodies above this are refused with 413. Default 1 MiB (admin requests are small). */
  hardLimitBytes?: number;
}

const DEFAULT_LIMIT = 1024 * 1024;

/** A started admin listener; stop it when the topology stops. */
export class AdminServer {
  private constructor(
    private readonly server: http.Server,
    private readonly options: AdminServerOptions,
  ) {}

  /** Starts listening on 127.0.0.1. */
  static async start(options: AdminServerOptions): Promise<AdminServer> {
    const server = http.createServer();
    const admin = new AdminServer(server, options);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void admin.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return admin;
  }

  get port(): number {
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  /** Base URL, always on 127.0.0.1. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Stops listening and ends every open connection, exports under way included. */
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    try {
      let url: URL;
      try {
        url = new URL(req.url ?? '/', this.url);
      } catch {
        return answer(res, 400, `the request target ${JSON.stringify(String(req.url).slice(0, 80))} is not a path; send e.g. GET /journal`);
      }
      const body = await readBody(req, this.options.hardLimitBytes ?? DEFAULT_LIMIT);
      if (body === 'too large') {
        return answer(res, 413, `request body over this server's limit of ${this.options.hardLimitBytes ?? DEFAULT_LIMIT} bytes; admin requests are small JSON objects`);
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      const request = new Request(url, { method, headers, body: body.length > 0 && method !== 'GET' && method !== 'HEAD' ? new Uint8Array(body) : undefined });
      let response: Response | undefined;
      try {
        response = await getResponse(this.options.handlers, request, { baseUrl: this.url });
      } catch (error) {
        return answer(res, 500, `${this.options.party} API failed on ${method} ${url.pathname}: ${(error as Error).message}`);
      }
      if (!response) return answer(res, 404, `${this.options.party} API has no endpoint for ${method} ${url.pathname}; GET /parties lists the parties, README.md the endpoints`);
      await send(response, res);
    } catch (error) {
      // A stream that failed half-way: the client sees a cut transfer, never a complete-looking one.
      if (!res.headersSent) answer(res, 500, `${this.options.party} API failed on ${method} ${req.url}: ${(error as Error).message}`);
      else res.destroy(error as Error);
    }
  }
}

function answer(res: ServerResponse, status: number, message: string): void {
  const body = JSON.stringify({ error: message });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  return size > limit ? 'too large' : Buffer.concat(chunks);
}

/** Writes `response` to `res`; a body is piped as it is produced, at the pace the client reads. */
async function send(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((v, k) => (headers[k] = v));
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), res);
}
