/** Small helpers the scale benches share: a bare SOAP responder and heap figures after a full GC. */
import http from 'node:http';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A node:http server on 127.0.0.1 that answers every request with `answer` (text/xml). */
export async function startBareResponder(answer: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': Buffer.byteLength(answer) });
      res.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let gc: (() => void) | undefined;

/** Bytes of heap in use after a full garbage collection (so what is held, not what is litter). */
export function heapAfterGc(): number {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

export function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}
