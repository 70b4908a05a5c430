/**
 * `npm run bench`, second part: how fast the three inputs a CXF stack refuses (invalid UTF-8, two
 * soap:Body, 100,000-deep nesting) are refused, measured in the same run as the valid message:
 * - by the guarded parser alone (in process: the cost of the refusal itself);
 * - end to end by both SOAP endpoints (the journal's CertificateStatusUpdateForCare receiver,
 *   Webcert's CreateDraftCertificate), next to the valid message and to a valid message of the
 *   deep one's size (700 KB cross the socket and enter the journal either way);
 * - and what parsing the deep document with xmldom alone would cost (what the depth check spares).
 */
import { DOMParser } from '@xmldom/xmldom';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTopology } from '../harness/topology/startTopology.js';
import { defaultTopologyConfig } from '../harness/topology/topologyConfig.js';
import { JournalUser } from '../simulators/journal/launch/journalUser.js';
import { readEnvelope } from '../simulators/kit/soap/envelope.js';
import { readXmlSafely } from '../simulators/kit/xml/safeXml.js';

export interface StrictXmlBenchOptions {
  /** Requests per input and endpoint; the median and the slowest are reported. */
  repeats: number;
  log: (line: string) => void;
}

/** Milliseconds per input, per endpoint: median and slowest. */
export type StrictXmlBenchResult = Record<string, Record<string, { medianMs: number; maxMs: number }>>;

function splitAtRef(xml: string): [string, string] {
  const m = /(<(\w+):ref>)[^<]*(<\/\2:ref>)/.exec(xml);
  if (!m) throw new Error('bench: the recorded message has no ref element');
  return [xml.slice(0, m.index + m[1]!.length), xml.slice(m.index + m[0].length - m[3]!.length)];
}

/** The valid message and the three inputs made from it, as the bytes that are sent. */
function inputs(valid: string): Array<[string, Buffer]> {
  const [before, after] = splitAtRef(valid);
  const texts: Array<[string, string | Buffer]> = [
    ['valid message', valid],
    ['invalid UTF-8', Buffer.concat([Buffer.from(before), Buffer.from('v\xe5rdkontakt', 'latin1'), Buffer.from(after)])],
    ['two soap:Body', valid.replace(/<(\w+):Body>(.*)<\/\1:Body>/s, '<$1:Body>$2</$1:Body><$1:Body>$2</$1:Body>')],
    ['100,000 deep', `${before}${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}${after}`],
    ['valid, same size', `${before}${'x'.repeat(700_000)}${after}`],
  ];
  return texts.map(([name, body]) => [name, typeof body === 'string' ? Buffer.from(body) : body]);
}

async function timePost(url: string, body: Buffer): Promise<number> {
  const bytes = new Uint8Array(body);
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8' }, body: bytes });
  await res.arrayBuffer();
  return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Reads a message as a SOAP operation does (guarded parse, then the envelope); refusals are expected. */
function readAsOperation(body: Buffer): void {
  try {
    readEnvelope(readXmlSafely(body).doc);
  } catch {
    // a refusal: what is being timed
  }
}

/** Runs the measurement on a topology of its own (temporary state folder) and prints a table. */
export async function runStrictXmlBench(options: StrictXmlBenchOptions): Promise<StrictXmlBenchResult> {
  const stateDir = mkdtempSync(join(tmpdir(), 'samverkan-bench-xml-'));
  const topology = await startTopology(defaultTopologyConfig({
    stateDir,
    parties: { webcert: { mode: 'simulated' }, journal: { mode: 'simulated' }, identity: { mode: 'none' } },
  }));
  try {
    const doctor = topology.config.directory.staff[0]!;
    const unit = topology.config.directory.careUnits[0]!;
    const webcert = topology.webcert!;
    const user = new JournalUser({
      clock: topology.clock, journal: topology.journal, createDraftUrl: webcert.endpoints.createDraftCertificate!,
      user: { hsaId: doctor.hsaId, fullName: doctor.fullName }, unit: { hsaId: unit.hsaId, name: unit.name },
    });
    const patient = topology.config.directory.patients[0]!;
    await user.createDraft({ typeCode: 'LISJP', patient: { personId: patient.personId, fornamn: patient.fornamn, efternamn: patient.efternamn }, ref: 'vardkontakt-4711' });
    await webcert.sender.idle();
    const createDraft = topology.journal.query({ side: 'outbound', operation: 'CreateDraftCertificate' }).at(-1)!.requestBody!;
    const statusUpdate = topology.journal.query({ side: 'inbound', toParty: 'journal', operation: 'CertificateStatusUpdateForCare' }).at(-1)!.requestBody!;
    const endpoints: Array<[string, string, string]> = [
      ['journal CertificateStatusUpdateForCare', topology.journalSystem!.endpoints.certificateStatusUpdateForCare!, statusUpdate],
      ['Webcert CreateDraftCertificate', webcert.endpoints.createDraftCertificate!, createDraft],
    ];
    const result: StrictXmlBenchResult = {};
    options.log(`guarded parser alone, in process (${options.repeats} reads each):`);
    result['guarded parser'] = {};
    for (const [name, body] of inputs(statusUpdate)) {
      const times: number[] = [];
      for (let i = 0; i < options.repeats; i++) {
        const started = performance.now();
        readAsOperation(body);
        times.push(performance.now() - started);
      }
      const figures = { medianMs: median(times), maxMs: Math.max(...times) };
      result['guarded parser'][name] = figures;
      options.log(`  ${name.padEnd(16)} median ${figures.medianMs.toFixed(2).padStart(7)} ms   slowest ${figures.maxMs.toFixed(2).padStart(7)} ms`);
    }
    for (const [endpoint, url, valid] of endpoints) {
      result[endpoint] = {};
      options.log(`${endpoint} (${options.repeats} requests each, one at a time):`);
      for (const [name, body] of inputs(valid)) {
        const times: number[] = [];
        for (let i = 0; i < options.repeats; i++) times.push(await timePost(url, body));
        const figures = { medianMs: median(times), maxMs: Math.max(...times) };
        result[endpoint][name] = figures;
        options.log(`  ${name.padEnd(16)} median ${figures.medianMs.toFixed(1).padStart(6)} ms   slowest ${figures.maxMs.toFixed(1).padStart(6)} ms`);
      }
    }
    const [before, after] = splitAtRef(statusUpdate);
    const started = performance.now();
    new DOMParser({ onError: () => undefined }).parseFromString(`${before}${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}${after}`, 'text/xml');
    options.log(`what the depth check spares: xmldom alone parses the 100,000-deep message in ${(performance.now() - started).toFixed(0)} ms`);
    return result;
  } finally {
    await topology.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}
