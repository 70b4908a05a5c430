// Load generator for `npm run bench`, run in a worker thread so it does not share the event loop
// with the servers it measures. Posts the same SOAP request with keep-alive connections, a fixed
// number of requests in flight, for a fixed time; reports completed requests and errors.
// One run per worker (workerData: url, body, concurrency, durationMs), or, with `persistent`, one
// run per message ({ url, body, durationMs }) until the worker is terminated: many short runs
// alternate between targets without a thread start each time.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

async function run({ url, body, concurrency, durationMs }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(url);
  let ok = 0;
  let errors = 0;
  let firstError;
  const deadline = performance.now() + durationMs;

  function once() {
    return new Promise((resolve) => {
      const req = http.request(
        { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: { 'content-type': 'text/xml; charset=utf-8', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode === 200) ok++;
            else {
              errors++;
              firstError ??= `HTTP ${res.statusCode}`;
            }
            resolve();
          });
        },
      );
      req.on('error', (e) => {
        errors++;
        firstError ??= e.message;
        resolve();
      });
      req.end(body);
    });
  }

  async function loop() {
    while (performance.now() < deadline) await once();
  }

  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, loop));
  const elapsed = performance.now() - started;
  agent.destroy();
  return { ok, errors, elapsedMs: elapsed, firstError };
}

if (workerData.persistent) {
  parentPort.on('message', async (job) => parentPort.postMessage(await run({ concurrency: workerData.concurrency, ...job })));
} else {
  parentPort.postMessage(await run(workerData));
}
