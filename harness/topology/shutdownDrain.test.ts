/**
 * Stopping a topology drains: it stops accepting, lets the exchanges in flight finish (within a
 * bound, after which they are answered 503 and journalled as aborted), releases exchanges held by a
 * no-answer fault and idle keep-alive connections, and closes the traffic journal last, so every
 * exchange a client saw an answer to is in the journal file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { TrafficJournal } from '../../simulators/kit/journal/trafficJournal.js';
import { buildEnvelope } from '../../simulators/kit/soap/envelope.js';
import { buildCertificateStatusUpdate } from '../../simulators/webcert/message/statusUpdateMessage.js';
import type { Certificate } from '../../simulators/webcert/model/certificate.js';
import { defaultDirectory } from './defaultDirectory.js';
import { startTopology, type Topology } from './startTopology.js';
import { defaultTopologyConfig } from './topologyConfig.js';
import { withDerivedRole } from '../../simulators/webcert/directory/hsaRole.js';

const OPERATION = 'CertificateStatusUpdateForCare';
const START = Date.parse('2026-03-02T08:00:00Z');

function statusUpdate(n: number): string {
  const directory = defaultDirectory();
  const certificate: Certificate = {
    id: `drain-${String(n).padStart(2, '0')}`,
    typeCode: 'LISJP',
    typeVersion: '1.3',
    unit: directory.careUnits[0]!,
    issuedBy: withDerivedRole(directory.staff[0]!),
    patient: directory.patients[0]!,
    ref: `drain-${n}`,
    status: 'SIGNED',
    createdAt: START,
    signedAt: START,
    answers: [{ id: '6', delsvar: [{ id: '6.1', value: 'Akut bronkit' }, { id: '6.2', value: 'J20' }] }],
    version: 1,
  };
  return buildEnvelope(buildCertificateStatusUpdate({ certificate, eventCode: 'SIGNAT', eventTime: START }), certificate.unit.hsaId);
}

type ClientResult = { status: number; body: string } | { failed: string };

/** What the process printed on stderr about the journal while a test ran. */
function watchWarnings(): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const { warn, error } = console;
  console.warn = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  console.error = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  return { lines, restore: () => Object.assign(console, { warn, error }) };
}

let dir: string;
let journalFile: string;
let topology: Topology | undefined;
let warnings: ReturnType<typeof watchWarnings>;

test.beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'samverkan-drain-'));
  journalFile = join(dir, 'journal.sqlite');
  warnings = watchWarnings();
  topology = await startTopology(defaultTopologyConfig({ journalFile, clock: { mode: 'manual', start: START }, parties: { webcert: { mode: 'simulated' }, journal: { mode: 'simulated' }, identity: { mode: 'none' } } }));
});
test.afterEach(async () => {
  warnings.restore();
  rmSync(dir, { recursive: true, force: true });
});

/** Sends `count` status updates to the journal system and waits until a fault rule holds every one. */
async function inFlight(t: Topology, count: number, effect: { kind: 'delay'; ms: number } | { kind: 'noAnswer' }): Promise<Promise<ClientResult>[]> {
  const rule = t.faults.add({ party: 'journal', operation: OPERATION, effect });
  const url = t.journalSystem!.endpoints.certificateStatusUpdateForCare!;
  const clients = Array.from({ length: count }, (_, n) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8' }, body: statusUpdate(n) }).then(
      async (res): Promise<ClientResult> => ({ status: res.status, body: await res.text() }),
      (error: Error): Promise<ClientResult> => Promise.resolve({ failed: String(error.cause ?? error) }),
    ),
  );
  await expect.poll(() => t.faults.list().find((r) => r.id === rule.id)?.fired).toBe(count);
  return clients;
}

/** The journal file as a later reader sees it. */
function journalled(): { operation: string; status?: number; outcome: string; message?: string; certificateId?: string }[] {
  const reader = TrafficJournal.open({ path: journalFile });
  try {
    // by URL: an aborted exchange never reached the handler that names its operation
    return reader.query({ toParty: 'journal', withoutBodies: true }).filter((e) => e.url.includes(`/${OPERATION}/`)).map((e) => ({ operation: e.operation, status: e.httpStatus, outcome: e.outcome, message: e.message, certificateId: e.certificateId }));
  } finally {
    reader.close();
  }
}

test('stop in the middle of 20 requests held by a 3 s delay: all 20 answered, all 20 in the journal file, no warning', async () => {
  const clients = await inFlight(topology!, 20, { kind: 'delay', ms: 3_000 });
  await topology!.stop();

  const answers = await Promise.all(clients);
  expect(answers.filter((a) => 'status' in a && a.status === 200)).toHaveLength(20);
  const entries = journalled();
  expect(entries).toHaveLength(20);
  expect(entries.every((e) => e.status === 200 && e.outcome === 'ok' && e.operation === OPERATION)).toBe(true);
  expect(new Set(entries.map((e) => e.certificateId)).size).toBe(20);
  expect(warnings.lines).toEqual([]);
});

test('past the drain bound, exchanges still running are answered 503 and journalled as aborted, once', async () => {
  const clients = await inFlight(topology!, 20, { kind: 'delay', ms: 1_500 });
  await topology!.stop({ drainMs: 100 });

  const answers = await Promise.all(clients);
  expect(answers.map((a) => ('status' in a ? a.status : a.failed))).toEqual(Array(20).fill(503));
  expect((answers[0] as { body: string }).body).toContain('aborted: the party stopped before the answer was ready');
  const entries = journalled();
  expect(entries).toHaveLength(20);
  expect(entries.every((e) => e.status === 503 && e.outcome === 'error' && e.message?.startsWith('aborted:'))).toBe(true);

  // The held handlers finish after the journal closed: nothing more is written, nothing is said.
  await new Promise((resolve) => setTimeout(resolve, 1_600));
  expect(journalled()).toHaveLength(20);
  expect(warnings.lines).toEqual([]);
});

test('exchanges held by a no-answer fault and idle keep-alive connections do not hold the stop', async () => {
  test.setTimeout(30_000);
  const idle = await fetch(`${topology!.journalSystem!.url}/api/certificate-status-for-care`);
  expect(idle.status).toBe(200);
  await idle.text();
  const clients = await inFlight(topology!, 3, { kind: 'noAnswer' });
  // A bound far past this test's timeout: only a stop that waits for nothing finishes in time.
  await topology!.stop({ drainMs: 120_000 });

  const answers = await Promise.all(clients);
  expect(answers.every((a) => 'failed' in a)).toBe(true);
  const entries = journalled();
  expect(entries).toHaveLength(3);
  expect(entries.every((e) => e.outcome === 'transport-error' && e.status === undefined)).toBe(true);
  expect(warnings.lines).toEqual([]);
});
