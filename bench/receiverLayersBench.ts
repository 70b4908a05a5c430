/**
 * `npm run bench`, the receiver's layers one at a time: a bare node:http responder that also does
 * one thing per request (dispatch through msw's `getResponse`, the strict reader with xmldom, the
 * lean scan, one journal insert per exchange, the journal's group commit), each as a ratio to the
 * bare responder in neighbouring slices of the same run. The figures behind the lean path
 * (docs/decisions/0016-lean-soap-path.md). mockttp is not measured: it cannot be bound to loopback
 * only from its first moment (docs/decisions/0008-kit-listener.md).
 */
import http, { type IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getResponse, http as mswHttp, HttpResponse } from 'msw';
import { VirtualClock } from '../simulators/kit/clock/virtualClock.js';
import type { ExchangeRecord } from '../simulators/kit/journal/exchange.js';
import { TrafficJournal } from '../simulators/kit/journal/trafficJournal.js';
import { buildEnvelope, readEnvelope } from '../simulators/kit/soap/envelope.js';
import { envelopePlan, scanEnvelope } from '../simulators/kit/soap/envelopeScan.js';
import { OK, resultXml } from '../simulators/kit/soap/resultType.js';
import { DEFAULT_MAX_XML_BYTES, DEFAULT_MAX_XML_DEPTH, readXmlSafely } from '../simulators/kit/xml/safeXml.js';
import { STATUS_UPDATE_FIELDS } from '../simulators/journal/message/statusUpdateFields.js';
import { STATUS_UPDATE_NS } from '../simulators/journal/receiver/statusUpdateReceiver.js';
import { buildCertificateStatusUpdate } from '../simulators/webcert/message/statusUpdateMessage.js';
import { benchCertificate } from './benchCertificate.js';
import { LoadGenerator, pairedRatio, type LoadTarget } from './pairedLoad.js';

export interface LayerBenchOptions {
  /** Seconds of load per target per round. */
  seconds: number;
  rounds: number;
  concurrency: number;
  log: (line: string) => void;
}

/** What one layer does with a request body before the answer goes out. */
type Layer = (body: Buffer, req: IncomingMessage) => unknown;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/** A node:http responder on 127.0.0.1 that runs `layer` on each body, then answers `answer`. */
async function layerServer(answer: string, layer: Layer): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer({ noDelay: true }, (req, res) => {
    void (async () => {
      try {
        await layer(await readBody(req), req);
        res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': Buffer.byteLength(answer) });
        res.end(answer);
      } catch (error) {
        res.writeHead(500).end(String(error));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Measures each layer against the bare responder and prints one ratio per layer. */
export async function runReceiverLayersBench(options: LayerBenchOptions): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'samverkan-bench-layers-'));
  const clock = new VirtualClock({ mode: 'realtime' });
  const certificate = benchCertificate(clock.now());
  const request = buildEnvelope(buildCertificateStatusUpdate({ certificate, eventCode: 'SIGNAT', eventTime: clock.now(), ref: 'bench' }), certificate.unit.hsaId);
  const answer = buildEnvelope(`<tns:CertificateStatusUpdateForCareResponse xmlns:tns="${STATUS_UPDATE_NS}">${resultXml(STATUS_UPDATE_NS, OK)}</tns:CertificateStatusUpdateForCareResponse>`);
  const perExchange = TrafficJournal.open({ path: join(dir, 'per-exchange.sqlite'), maxEntries: 50_000 });
  const grouped = TrafficJournal.open({ path: join(dir, 'grouped.sqlite'), maxEntries: 50_000 });
  const row = (body: Buffer, req: IncomingMessage): ExchangeRecord => ({
    side: 'inbound', fromParty: 'webcert', toParty: 'journal', operation: 'CertificateStatusUpdateForCare', method: 'POST', url: `http://127.0.0.1${req.url}`,
    startedAt: clock.now(), durationMs: 0, outcome: 'ok', httpStatus: 200, resultCode: 'OK', certificateId: certificate.id, logicalAddress: certificate.unit.hsaId,
    personId: certificate.patient.personId, eventCode: 'SIGNAT', requestHeaders: req.headers as Record<string, string>, requestBody: body.toString('utf8'),
    responseHeaders: { 'content-type': 'text/xml; charset=utf-8' }, responseBody: answer,
  });
  const mswHandlers = [mswHttp.post('*/', () => new HttpResponse(answer, { headers: { 'content-type': 'text/xml; charset=utf-8' } }))];
  const plan = envelopePlan({ requestNs: STATUS_UPDATE_NS, requestElement: 'CertificateStatusUpdateForCare', requireLogicalAddress: true, maxBytes: DEFAULT_MAX_XML_BYTES, maxDepth: DEFAULT_MAX_XML_DEPTH, fields: STATUS_UPDATE_FIELDS });
  const layers: Array<[string, Layer]> = [
    ['bare', () => undefined],
    ["msw getResponse, one handler", async (body, req) => {
      const response = await getResponse(mswHandlers, new Request(`http://127.0.0.1${req.url}`, { method: 'POST', headers: req.headers as Record<string, string>, body: new Uint8Array(body) }));
      await response?.arrayBuffer();
    }],
    ['strict reader (xmldom) + envelope', (body) => readEnvelope(readXmlSafely(body).doc)],
    ['lean scan of the envelope', (body) => {
      if (scanEnvelope(body, plan).kind !== 'scanned') throw new Error('the lean scan did not read the bench message');
    }],
    ['journal, one insert per exchange', (body, req) => perExchange.record(row(body, req))],
    ['journal, group commit', (body, req) => grouped.recordBatched(row(body, req))],
  ];
  const servers = await Promise.all(layers.map(([, layer]) => layerServer(answer, layer)));
  const loader = new LoadGenerator(options.concurrency);
  try {
    const targets: LoadTarget[] = layers.map(([name], i) => ({ name, url: servers[i]!.url }));
    const rates = await loader.alternate(targets, request, options.seconds * 1000, options.rounds);
    const ratios: Record<string, number> = {};
    options.log(`each layer alone on a bare node:http responder (${options.rounds} rounds of ${options.seconds} s per target, ${options.concurrency} in flight; ratio to bare in the same round, median):`);
    for (const [name] of layers.slice(1)) {
      ratios[name] = pairedRatio(rates, name, 'bare');
      options.log(`  ${name.padEnd(36)} ${ratios[name]!.toFixed(3)} × bare`);
    }
    options.log('  mockttp with one rule                not measured: it binds every interface before it can be told loopback (0008)');
    return ratios;
  } finally {
    await loader.stop();
    await Promise.all(servers.map((s) => s.close()));
    perExchange.close();
    grouped.close();
    clock.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
