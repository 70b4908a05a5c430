/**
 * The notification sender on the wire (small node:http receivers on 127.0.0.1): deliveries per
 * receiver bounded and over kept-alive connections, queue time outside the timeout, and a restart
 * on the state file that a killed process left behind.
 */
import Database from 'better-sqlite3';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { VirtualClock } from '../../kit/clock/virtualClock.js';
import { buildEnvelope } from '../../kit/soap/envelope.js';
import { OK, resultXml, type Result } from '../../kit/soap/resultType.js';
import { WEBCERT_STATE_SCHEMA_VERSION, WebcertState } from '../state/webcertState.js';
import { downgradeToSchema4 } from '../state/testing/olderSchema.js';
import { NotificationSender, type NotificationSenderOptions } from './notificationSender.js';
import { redeliveryProfile } from './redeliverySchedule.js';

const NS = 'urn:riv:clinicalprocess:healthcond:certificate:CertificateStatusUpdateForCareResponder:3';
const START = Date.parse('2026-03-02T09:00:00Z');
const MIN = 60_000;
const TECHNICAL_ERROR: Result = { resultCode: 'ERROR', errorId: 'TECHNICAL_ERROR', resultText: 'Journalen är tillfälligt otillgänglig' };

const answerXml = (result: Result) => buildEnvelope(`<tns:CertificateStatusUpdateForCareResponse xmlns:tns="${NS}">${resultXml(NS, result)}</tns:CertificateStatusUpdateForCareResponse>`);
/** A stand-in payload: the sender does not read it, the receiver finds the certificate id in it. */
const payload = (certificateId: string) => `<tns:CertificateStatusUpdateForCare xmlns:tns="${NS}"><tns:ref>${certificateId}</tns:ref></tns:CertificateStatusUpdateForCare>`;

interface Receiver {
  url: string;
  /** Certificate ids in arrival order, and each request body. */
  received: { certificateId: string; body: string }[];
  connections: number;
  maxInFlight: number;
  server: http.Server;
}

const servers: http.Server[] = [];
test.afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** A receiver on 127.0.0.1; `answer` decides per certificate id (undefined: never answers). */
async function receiver(answer: (certificateId: string) => { result: Result; delayMs?: number } | undefined): Promise<Receiver> {
  const r: Receiver = { url: '', received: [], connections: 0, maxInFlight: 0, server: undefined as unknown as http.Server };
  let inFlight = 0;
  r.server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const certificateId = /<tns:ref>([^<]+)</.exec(body)?.[1] ?? '?';
      r.received.push({ certificateId, body });
      r.maxInFlight = Math.max(r.maxInFlight, ++inFlight);
      const a = answer(certificateId);
      if (!a) return;
      setTimeout(() => {
        inFlight--;
        res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
        res.end(answerXml(a.result));
      }, a.delayMs ?? 2);
    });
  });
  r.server.on('connection', () => r.connections++);
  servers.push(r.server);
  await new Promise<void>((resolve) => r.server.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${(r.server.address() as AddressInfo).port}/status`;
  return r;
}

function newSender(clock: VirtualClock, url: (unit: string) => string, options: Partial<NotificationSenderOptions> = {}): NotificationSender {
  return new NotificationSender({
    clock,
    schedule: redeliveryProfile('forum-2022').schedule,
    route: (logicalAddress) => ({ url: url(logicalAddress), party: 'journal' }),
    timeoutMs: 5_000,
    ...options,
  });
}

const update = (certificateId: string, logicalAddress = 'TSTNMT2321000156-ALFA') => ({
  certificateId,
  eventCode: 'SKAPAT',
  logicalAddress,
  personId: '191212121212',
  payloadXml: payload(certificateId),
});

test.describe('notification sender', () => {
  test('a burst of 300 status updates: at most 8 in flight per receiver, over at most 8 kept-alive connections each', async () => {
    const alfa = await receiver(() => ({ result: OK, delayMs: 3 }));
    const beta = await receiver(() => ({ result: OK, delayMs: 3 }));
    const clock = new VirtualClock({ start: START });
    const sender = newSender(clock, (unit) => (unit.endsWith('ALFA') ? alfa.url : beta.url), { workingSet: 10 });

    const sent = Array.from({ length: 300 }, (_, i) => sender.send(update(`cert-${i}`, i % 3 === 0 ? 'TSTNMT2321000156-BETA' : 'TSTNMT2321000156-ALFA')));
    expect(sender.deliveriesUnderWay).toBe(300);
    await sender.idle();
    sender.close();

    expect(alfa.received).toHaveLength(200);
    expect(beta.received).toHaveLength(100);
    for (const r of [alfa, beta]) {
      expect(r.maxInFlight).toBeLessThanOrEqual(8);
      expect(r.connections).toBeLessThanOrEqual(8);
    }
    // Every one delivered once and settled, also those that left the working set of 10.
    expect(sender.list(undefined, { status: 'SUCCESS' })).toHaveLength(300);
    expect(sender.get(sent[0]!.id)).toMatchObject({ status: 'SUCCESS', attempts: [{ attempt: 1, verdict: 'SUCCESS', at: START }] });
    expect(sender.list(undefined, { limit: 2, after: sent[297]!.id }).map((n) => n.certificateId)).toEqual(['cert-298', 'cert-299']);
  });

  test('a status update\'s id is a version-7 UUID: one made later sorts after, so the id index of a large state file takes it at its end (0042)', async () => {
    const alfa = await receiver(() => ({ result: OK }));
    const sender = newSender(new VirtualClock({ start: START }), () => alfa.url);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(sender.send(update(`cert-${i}`)).id);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await sender.idle();
    sender.close();
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
  });

  test('time waiting in the queue is not part of the timeout: 120 answers of 100 ms each, 8 at a time, with a 1 s timeout', async () => {
    const slow = await receiver(() => ({ result: OK, delayMs: 100 }));
    const sender = newSender(new VirtualClock({ start: START }), () => slow.url, { timeoutMs: 1_000 });
    for (let i = 0; i < 120; i++) sender.send(update(`cert-${i}`));
    await sender.idle();
    sender.close();
    const notSuccess = sender.list().filter((n) => n.status !== 'SUCCESS');
    expect(notSuccess.map((n) => n.attempts[0]!.reason)).toEqual([]);
  });

  test('after a kill, a restart on the state file resends what waited, redelivers what was under way, and nothing acknowledged again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samverkan-sender-restart-'));
    let cleanup = async () => undefined as void;
    try {
      const file = join(dir, 'webcert.sqlite');
      let down = true;
      const journal = await receiver((certificateId) => {
        if (certificateId === 'cert-hung' && down) return undefined; // in flight when the process dies
        return { result: certificateId === 'cert-resend' && down ? TECHNICAL_ERROR : OK };
      });
      const killedState = WebcertState.open(file);
      const before = newSender(new VirtualClock({ start: START }), () => journal.url, { state: killedState });
      cleanup = async () => {
        journal.server.closeAllConnections();
        await before.idle();
        before.close();
        killedState.close();
      };
      const resend = before.send(update('cert-resend'));
      const delivered = before.send(update('cert-ok'));
      before.send(update('cert-hung'));
      await expect.poll(() => journal.received.length).toBe(3);
      await expect.poll(() => before.get(resend.id)?.status).toBe('RESEND');
      expect(before.get(delivered.id)?.status).toBe('SUCCESS');
      // The process is killed here: no idle(), no close(); only what was committed is in the file.

      down = false;
      const clock = new VirtualClock({ start: START });
      const after = newSender(clock, () => journal.url, { state: WebcertState.open(file) });
      expect(after.resume()).toBe(2);
      expect(clock.pending().map((t) => [t.at, t.label])).toEqual([[START + MIN, 'resend SKAPAT cert-resend #2']]);
      await after.idle();
      expect(await clock.advanceBy(MIN)).toBe(1);
      await after.idle();
      after.close();

      const arrivals = journal.received.map((r) => r.certificateId);
      expect(arrivals.slice(0, 3).sort()).toEqual(['cert-hung', 'cert-ok', 'cert-resend']);
      expect(arrivals.slice(3)).toEqual(['cert-hung', 'cert-resend']);
      const byId = (certificateId: string) => journal.received.filter((r) => r.certificateId === certificateId).map((r) => r.body);
      expect(new Set(byId('cert-resend')).size).toBe(1); // byte-identical resend
      expect(after.get(resend.id)).toMatchObject({ status: 'SUCCESS', attempts: [{ attempt: 1, verdict: 'RESEND', at: START }, { attempt: 2, verdict: 'SUCCESS', at: START + MIN }] });
      expect(after.list(undefined, { status: 'SUCCESS' })).toHaveLength(3);
    } finally {
      await cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });
  test('a state file of schema 3 is brought up to date: the deliveries started are the recorded ones, and the next is numbered after them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samverkan-sender-schema3-'));
    try {
      const file = join(dir, 'webcert.sqlite');
      let down = true;
      const journal = await receiver(() => ({ result: down ? TECHNICAL_ERROR : OK }));
      const state = WebcertState.open(file);
      const before = newSender(new VirtualClock({ start: START }), () => journal.url, { state });
      const resend = before.send(update('cert-resend'));
      await before.idle();
      before.close();
      state.close();
      // Make it a schema-3 file again: no count of deliveries started.
      const db = new Database(file);
      downgradeToSchema4(db);
      db.exec('ALTER TABLE notification DROP COLUMN deliveries_started; ALTER TABLE certificate_message DROP COLUMN deliveries_started');
      db.pragma('user_version = 3');
      db.close();

      down = false;
      const reopened = WebcertState.open(file);
      expect(reopened.db.pragma('user_version', { simple: true })).toBe(WEBCERT_STATE_SCHEMA_VERSION);
      const clock = new VirtualClock({ start: START });
      const after = newSender(clock, () => journal.url, { state: reopened });
      expect(after.get(resend.id)).toMatchObject({ status: 'RESEND', deliveriesStarted: 1 });
      expect(after.resume()).toBe(1);
      await clock.advanceBy(MIN);
      await after.idle();
      after.close();
      expect(after.get(resend.id)).toMatchObject({ status: 'SUCCESS', deliveriesStarted: 2, attempts: [{ attempt: 1, verdict: 'RESEND' }, { attempt: 2, verdict: 'SUCCESS' }] });
      reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
