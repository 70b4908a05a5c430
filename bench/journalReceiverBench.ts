/**
 * `npm run bench`: requests per second of the journal simulator's CertificateStatusUpdateForCare
 * receiver (kit listener, msw dispatch, safe parse, fault rules, inbox, SQLite journal) next
 * to a bare node:http server answering the same SOAP response, measured in one run, as a ratio.
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { VirtualClock } from '../simulators/kit/clock/virtualClock.js';
import { FaultRules } from '../simulators/kit/faults/faultRules.js';
import { TrafficJournal } from '../simulators/kit/journal/trafficJournal.js';
import { buildEnvelope } from '../simulators/kit/soap/envelope.js';
import { OK, resultXml } from '../simulators/kit/soap/resultType.js';
import { JournalSimulator } from '../simulators/journal/journalSimulator.js';
import { STATUS_UPDATE_NS } from '../simulators/journal/receiver/statusUpdateReceiver.js';
import { buildCertificateStatusUpdate } from '../simulators/webcert/message/statusUpdateMessage.js';
import { benchCertificate } from './benchCertificate.js';

export interface BenchOptions {
  /** Seconds of load per target per round. */
  seconds: number;
  concurrency: number;
  rounds: number;
  log: (line: string) => void;
}

export interface BenchResult {
  receiverRps: number;
  baselineRps: number;
  ratio: number;
}

function load(url: string, body: string, options: BenchOptions): Promise<{ ok: number; errors: number; elapsedMs: number; firstError?: string }> {
  const worker = new Worker(new URL('./loadWorker.mjs', import.meta.url), {
    workerData: { url, body, concurrency: options.concurrency, durationMs: options.seconds * 1000 },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

/** Runs the benchmark and prints one line per measurement and the ratio. */
export async function runJournalReceiverBench(options: BenchOptions): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'samverkan-bench-'));
  const clock = new VirtualClock({ mode: 'realtime' });
  const journal = TrafficJournal.open({ path: join(dir, 'journal.sqlite'), maxEntries: 50_000 });
  const receiver = await JournalSimulator.start({ clock, journal, faults: new FaultRules() });
  const certificate = benchCertificate(clock.now());
  const request = buildEnvelope(buildCertificateStatusUpdate({ certificate, eventCode: 'SIGNAT', eventTime: clock.now(), ref: 'bench' }), certificate.unit.hsaId);
  const answer = buildEnvelope(`<tns:CertificateStatusUpdateForCareResponse xmlns:tns="${STATUS_UPDATE_NS}">${resultXml(STATUS_UPDATE_NS, OK)}</tns:CertificateStatusUpdateForCareResponse>`);
  const bare = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': Buffer.byteLength(answer) });
      res.end(answer);
    });
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const bareUrl = `http://127.0.0.1:${(bare.address() as { port: number }).port}/`;
  try {
    const best = { receiver: 0, baseline: 0 };
    for (let round = 1; round <= options.rounds; round++) {
      for (const [name, url] of [['baseline', bareUrl], ['receiver', receiver.endpoints.certificateStatusUpdateForCare!]] as const) {
        const r = await load(url, request, options);
        if (r.errors > 0) throw new Error(`${name}: ${r.errors} of ${r.ok + r.errors} requests failed (first: ${r.firstError})`);
        const rps = (r.ok / r.elapsedMs) * 1000;
        best[name] = Math.max(best[name], rps);
        options.log(`round ${round}/${options.rounds}  ${name.padEnd(8)} ${rps.toFixed(0).padStart(7)} req/s  (${r.ok} requests, ${options.concurrency} in flight, ${(r.elapsedMs / 1000).toFixed(1)} s)`);
      }
    }
    const ratio = best.receiver / best.baseline;
    options.log('');
    options.log(`journal receiver (CertificateStatusUpdateForCare v3): ${best.receiver.toFixed(0)} req/s`);
    options.log(`bare node:http, same SOAP response:                   ${best.baseline.toFixed(0)} req/s`);
    options.log(`ratio receiver / bare:                                ${ratio.toFixed(3)}  (best of ${options.rounds} rounds each)`);
    options.log(`journal entries recorded: ${journal.count()}; inbox: ${receiver.inbox.list().length}`);
    return { receiverRps: best.receiver, baselineRps: best.baseline, ratio };
  } finally {
    await receiver.stop();
    await new Promise<void>((resolve) => bare.close(() => resolve()));
    journal.close();
    clock.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
