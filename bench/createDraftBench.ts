/**
 * `npm run bench`, CreateDraft at volume: 20,000 CreateDraftCertificate v3 calls, one after the
 * other over a kept-alive connection, to a Webcert simulator with its state in a file (as `up`
 * keeps it) and its SKAPAT status updates going to a bare node:http receiver. The figure is the
 * time per call near the first certificate against the time near the 20,000th, from one run:
 * flat means nothing on the path grows with what is stored.
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultDirectory } from '../harness/topology/defaultDirectory.js';
import { VirtualClock } from '../simulators/kit/clock/virtualClock.js';
import { TrafficJournal } from '../simulators/kit/journal/trafficJournal.js';
import { buildEnvelope } from '../simulators/kit/soap/envelope.js';
import { OK, resultXml } from '../simulators/kit/soap/resultType.js';
import { buildCreateDraftCertificate } from '../simulators/journal/message/createDraftRequest.js';
import { luhnCheckDigit } from '../simulators/webcert/directory/personId.js';
import { WebcertSimulator } from '../simulators/webcert/webcertSimulator.js';
import { heapAfterGc, mib, startBareResponder } from './benchSupport.js';

export interface CreateDraftBenchOptions {
  /** Certificates created in all; default 20,000. */
  certificates: number;
  /** Calls per measured window; default 500. */
  window: number;
  /** Calls before the first window (the JIT and the working sets settle); default 1,000. */
  warmUp?: number;
  log: (line: string) => void;
}

export interface CreateDraftBenchResult {
  firstMs: number;
  lastMs: number;
  ratio: number;
}

const STATUS_NS = 'urn:riv:clinicalprocess:healthcond:certificate:CertificateStatusUpdateForCareResponder:3';

/** A formally valid personnummer for patient number `n` (distinct for n < 365 × 1000). */
function personId(n: number): string {
  const day = new Date(Date.UTC(1950, 0, 1) + (n % 365) * 86_400_000);
  const yymmdd = `${String(day.getUTCFullYear()).slice(2)}${String(day.getUTCMonth() + 1).padStart(2, '0')}${String(day.getUTCDate()).padStart(2, '0')}`;
  const nine = `${yymmdd}${String(Math.floor(n / 365) % 1000).padStart(3, '0')}`;
  return `19${nine}${luhnCheckDigit(nine)}`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function post(agent: http.Agent, url: URL, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: { 'content-type': 'text/xml; charset=utf-8', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Runs the CreateDraft bench and prints its lines. */
export async function runCreateDraftBench(options: CreateDraftBenchOptions): Promise<CreateDraftBenchResult> {
  const { certificates, window, log } = options;
  const warmUp = options.warmUp ?? 1_000;
  if (!(Number.isInteger(certificates) && Number.isInteger(window) && window >= 1 && certificates >= warmUp + 2 * window)) {
    throw new Error(`the CreateDraft bench needs at least ${warmUp + 2 * window} certificates: a warm-up of ${warmUp} and two windows of ${window}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'samverkan-bench-createdraft-'));
  const clock = new VirtualClock({ mode: 'manual', start: Date.parse('2026-03-02T08:00:00Z') });
  const journal = TrafficJournal.open({ path: join(dir, 'journal.sqlite') });
  const receiver = await startBareResponder(buildEnvelope(`<tns:CertificateStatusUpdateForCareResponse xmlns:tns="${STATUS_NS}">${resultXml(STATUS_NS, OK)}</tns:CertificateStatusUpdateForCareResponse>`));
  const directory = defaultDirectory();
  const webcert = await WebcertSimulator.start({
    clock,
    journal,
    directory,
    stateFile: join(dir, 'webcert-state.sqlite'),
    routeStatusUpdate: () => ({ url: receiver.url, party: 'journal' }),
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const endpoint = new URL(webcert.endpoints.createDraftCertificate!);
  const staff = directory.staff[0]!;
  const unit = directory.careUnits[0]!;
  // 5,000 patients, four LISJP each: the INFO check finds up to three earlier ones.
  const patients = 5_000;
  try {
    // Heap is compared from a quarter of the way (the working sets are full by then) to the end.
    const quarter = Math.floor(certificates / 4);
    let heapAtQuarter = 0;
    const times: number[] = [];
    const started = performance.now();
    for (let i = 0; i < certificates; i++) {
      const body = buildEnvelope(
        buildCreateDraftCertificate({
          typeCode: 'LISJP',
          patient: { personId: personId(i % patients), fornamn: 'Tolvan', efternamn: `Tolvansson ${i % patients}` },
          issuedBy: { hsaId: staff.hsaId, fullName: staff.fullName },
          unit: { hsaId: unit.hsaId, name: unit.name },
          ref: `bench-${i}`,
        }),
        unit.hsaId,
      );
      const t0 = performance.now();
      const answer = await post(agent, endpoint, body);
      times.push(performance.now() - t0);
      if (!/resultCode>(OK|INFO)</.test(answer)) throw new Error(`CreateDraftCertificate ${i + 1} was refused: ${answer.slice(0, 500)}`);
      if (i + 1 === quarter) {
        await webcert.sender.idle();
        heapAtQuarter = heapAfterGc();
      }
      if ((i + 1) % 5_000 === 0) log(`  … ${i + 1} certificates, ${((i + 1) / ((performance.now() - started) / 1000)).toFixed(0)} per second`);
    }
    await webcert.sender.idle();
    const first = median(times.slice(warmUp, warmUp + window));
    const last = median(times.slice(-window));
    const heapAfter = heapAfterGc();
    const ratio = last / first;
    const label = (from: number, to: number) => `CreateDraft, certificates ${from.toLocaleString('en')}–${to.toLocaleString('en')}:`.padEnd(46);
    log(`${label(warmUp + 1, warmUp + window)} ${first.toFixed(2)} ms per call (median; the ${warmUp.toLocaleString('en')} before are warm-up)`);
    log(`${label(certificates - window + 1, certificates)} ${last.toFixed(2)} ms per call (median)`);
    log(`${'ratio last / first:'.padEnd(46)} ${ratio.toFixed(2)}  (1.00 = flat)`);
    const grown = heapAfter - heapAtQuarter;
    log(`SKAPAT delivered: ${webcert.sender.list(undefined, { status: 'SUCCESS', limit: certificates + 1 }).length} of ${certificates}; heap held ${mib(heapAfter)} MiB, grown ${mib(grown)} MiB from certificate ${quarter} to ${certificates} (${Math.round(grown / (certificates - quarter))} bytes per certificate); peak RSS of this process ${mib(process.resourceUsage().maxRSS * 1024)} MiB`);
    return { firstMs: first, lastMs: last, ratio };
  } finally {
    agent.destroy();
    await webcert.stop();
    await receiver.close();
    journal.close();
    clock.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
