/**
 * `npm run bench`: requests per second of the journal simulator's CertificateStatusUpdateForCare
 * receiver (kit listener, lean route: bounded scan, fault rules, inbox, journal by group commit,
 * docs/decisions/0016-lean-soap-path.md) next to a bare node:http server answering the same SOAP
 * response, measured in one run, as a ratio: short slices alternate between the two, and the ratio
 * is the median over neighbouring pairs (the machine is shared; both see the same load).
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualClock } from '../simulators/kit/clock/virtualClock.js';
import { FaultRules } from '../simulators/kit/faults/faultRules.js';
import { TrafficJournal } from '../simulators/kit/journal/trafficJournal.js';
import { buildEnvelope } from '../simulators/kit/soap/envelope.js';
import { OK, resultXml } from '../simulators/kit/soap/resultType.js';
import { JournalSimulator } from '../simulators/journal/journalSimulator.js';
import { STATUS_UPDATE_NS } from '../simulators/journal/receiver/statusUpdateReceiver.js';
import { buildCertificateStatusUpdate } from '../simulators/webcert/message/statusUpdateMessage.js';
import { benchCertificate } from './benchCertificate.js';
import { LoadGenerator, median, pairedRatio } from './pairedLoad.js';

export interface BenchOptions {
  /** Seconds of load per target per round (run in slices of at most half a second). */
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
  const loader = new LoadGenerator(options.concurrency);
  try {
    const slicesPerRound = Math.max(1, Math.ceil(options.seconds / 0.5));
    const sliceMs = (options.seconds * 1000) / slicesPerRound;
    const targets = [
      { name: 'baseline', url: bareUrl },
      { name: 'receiver', url: receiver.endpoints.certificateStatusUpdateForCare! },
    ];
    const seen: Record<string, number[]> = { baseline: [], receiver: [] };
    const rates = await loader.alternate(targets, request, sliceMs, options.rounds * slicesPerRound, (slice, name, rate) => {
      seen[name]!.push(rate);
      if (slice % slicesPerRound !== 0 || name !== 'receiver') return;
      const of = (target: string) => median(seen[target]!.slice(-slicesPerRound)).toFixed(0).padStart(7);
      options.log(
        `round ${slice / slicesPerRound}/${options.rounds}  baseline ${of('baseline')} req/s   receiver ${of('receiver')} req/s  ` +
          `(median of ${slicesPerRound} slices of ${(sliceMs / 1000).toFixed(2)} s each, ${options.concurrency} in flight)`,
      );
    });
    const ratio = pairedRatio(rates, 'receiver', 'baseline');
    const receiverRps = median(rates.receiver!);
    const baselineRps = median(rates.baseline!);
    options.log('');
    options.log(`journal receiver (CertificateStatusUpdateForCare v3, lean path): ${receiverRps.toFixed(0)} req/s`);
    options.log(`bare node:http, same SOAP response:                             ${baselineRps.toFixed(0)} req/s`);
    options.log(`ratio receiver / bare:                                          ${ratio.toFixed(3)}  (median of ${rates.receiver!.length} neighbouring slice pairs; goal ≥ 0.6)`);
    options.log(`journal entries recorded: ${journal.count()}, each committed before its answer; inbox: ${receiver.inbox.list().length}`);
    return { receiverRps, baselineRps, ratio };
  } finally {
    await loader.stop();
    await receiver.stop();
    await new Promise<void>((resolve) => bare.close(() => resolve()));
    journal.close();
    clock.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
