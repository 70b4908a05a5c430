/**
 * The certificate queue in Webcert's state file: what a restart (a close, or a kill after the
 * commit, and a reopen) finds queued, delivered or waiting for a redelivery, and what it does then.
 */
import { test, expect } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualClock } from '../../kit/clock/virtualClock.js';
import { WebcertState } from '../state/webcertState.js';
import { CertificateQueue, type CertificateMessage, type DeliveryVerdict } from './certificateQueue.js';
import { WEBCERT_CERTIFICATE_REDELIVERY } from './jmsRedeliveryPolicy.js';

const START = Date.parse('2026-03-02T08:00:00Z');
let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'samverkan-certificate-queue-'));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** One run of Webcert: its state file opened, its queue, a processor answering as scripted (or never). */
function run(file: string, answers: Array<DeliveryVerdict | 'NO_ANSWER'>, options: { start?: number; workingSet?: number } = {}) {
  const clock = new VirtualClock({ start: options.start ?? START });
  const state = WebcertState.open(file);
  const seen: Array<{ id: string; delivery: number; at: number; redelivered: boolean }> = [];
  const delivered: string[] = [];
  const queue = new CertificateQueue({
    clock,
    policy: WEBCERT_CERTIFICATE_REDELIVERY,
    state,
    workingSet: options.workingSet,
    process: (m, delivery) => {
      seen.push({ id: m.id, delivery, at: clock.now() - START, redelivered: m.redelivered === true });
      const answer = answers.shift() ?? 'DELIVERED';
      // The process dies while waiting for this answer.
      if (answer === 'NO_ANSWER') return new Promise(() => undefined);
      return Promise.resolve({ verdict: answer, reason: 'scripted' });
    },
    onDelivered: (m) => delivered.push(m.id),
  });
  const put = (certificateId: string): CertificateMessage => queue.enqueue({ type: 'SEND', certificateId, personId: '191212121212', recipient: 'SKV', envelope: `<send id="${certificateId}"/>` });
  return { clock, state, queue, seen, delivered, put };
}

/** Lets the consumer take what is ready (the commit comes at the end of the turn). */
const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

test('a message queued and under way when the process dies is in the file, and is delivered again (flagged redelivered) after the restart', async () => {
  const file = join(dir, 'webcert-state.sqlite');
  const before = run(file, ['NO_ANSWER']);
  const queued = before.put('c1');
  const behind = before.put('c2');
  await turns();
  expect(before.seen).toEqual([{ id: queued.id, delivery: 1, at: 0, redelivered: false }]);
  // SIGKILL: nothing more is written; a new process opens the same file.

  const after = run(file, []);
  expect(after.queue.pending('SEND', 'c1', 'SKV')).toBe(true);
  expect(after.queue.get(queued.id)).toMatchObject({ status: 'QUEUED', envelope: '<send id="c1"/>', deliveries: [] });
  expect(after.queue.resume()).toBe(2);
  await after.queue.idle();
  // The one under way was delivery 1 and may have crossed the wire (its journal row can be
  // there): it goes again as delivery 2, as the broker's redelivery counter counts it; the one
  // behind it was never sent and goes as delivery 1 (docs/decisions/0035).
  expect(after.seen).toEqual([
    { id: queued.id, delivery: 2, at: 0, redelivered: true },
    { id: behind.id, delivery: 1, at: 0, redelivered: true },
  ]);
  expect(after.queue.get(queued.id)).toMatchObject({ deliveriesStarted: 2, deliveries: [{ delivery: 2, verdict: 'DELIVERED' }] });
  expect(after.delivered).toEqual([queued.id, behind.id]);
  // Delivered: the record stays, the envelope goes (as the broker deletes an acknowledged message).
  expect(after.queue.get(queued.id)).toMatchObject({ status: 'DELIVERED', envelope: '', recipient: 'SKV', redelivered: true });
  after.state.close();
  before.state.close();
});

test('a message Intygstjänsten acknowledged is not delivered again after a restart', async () => {
  const file = join(dir, 'webcert-state.sqlite');
  const before = run(file, ['DELIVERED']);
  const m = before.put('c1');
  await before.queue.idle();
  await turns();
  expect(before.delivered).toEqual([m.id]);
  before.state.close();

  const after = run(file, []);
  expect(after.queue.resume()).toBe(0);
  await after.queue.idle();
  await after.clock.advanceBy(60_000);
  expect(after.seen).toEqual([]);
  expect(after.queue.pending('SEND', 'c1', 'SKV')).toBe(false);
  expect(after.queue.list('c1')).toMatchObject([{ id: m.id, status: 'DELIVERED', deliveries: [{ delivery: 1, verdict: 'DELIVERED' }] }]);
  after.state.close();
});

test('the redelivery count and time carry on after a restart: the broker\'s 4 s, 6 s, 6 s, then the dead-letter queue', async () => {
  const file = join(dir, 'webcert-state.sqlite');
  const before = run(file, ['TEMPORARY', 'TEMPORARY']);
  const m = before.put('c1');
  await before.queue.idle();
  await before.clock.advanceBy(4_000);
  await turns();
  expect(before.seen.map((s) => `#${s.delivery}@${s.at / 1000}s`)).toEqual(['#1@0s', '#2@4s']);
  expect(before.queue.get(m.id)).toMatchObject({ status: 'REDELIVERY', nextDeliveryAt: START + 10_000 });
  before.state.close();

  // Started again a second later (virtual time runs on): the third delivery is still due at 10 s.
  const after = run(file, ['TEMPORARY', 'TEMPORARY'], { start: START + 5_000 });
  expect(after.queue.resume()).toBe(1);
  await after.queue.idle();
  expect(after.seen).toEqual([]);
  await after.clock.advanceBy(60_000);
  expect(after.seen.map((s) => `#${s.delivery}@${s.at / 1000}s`)).toEqual(['#3@10s', '#4@16s']);
  const dead = after.queue.get(m.id)!;
  expect(dead.status).toBe('DEAD_LETTER');
  expect(dead.deliveries.map((d) => d.delivery)).toEqual([1, 2, 3, 4]);
  expect(dead.deliveries[3]!.reason).toMatch(/redeliveries used up \(3\): moved to the dead-letter queue/);
  after.state.close();
});

test('a last allowed delivery under way when the process dies counts: after the restart the message goes to the dead-letter queue, not out again', async () => {
  const file = join(dir, 'webcert-state.sqlite');
  const before = run(file, ['TEMPORARY', 'TEMPORARY', 'TEMPORARY', 'NO_ANSWER']);
  const m = before.put('c1');
  await before.queue.idle();
  await before.clock.advanceBy(10_000);
  // The fourth delivery never gets its answer, so this advance never ends: the process dies in it.
  void before.clock.advanceBy(6_000);
  await expect.poll(() => before.seen.length).toBe(4);
  expect(before.seen.map((s) => `#${s.delivery}@${s.at / 1000}s`)).toEqual(['#1@0s', '#2@4s', '#3@10s', '#4@16s']);

  const after = run(file, [], { start: START + 20_000 });
  expect(after.queue.resume()).toBe(1);
  await after.clock.advanceBy(60_000);
  await after.queue.idle();
  expect(after.seen).toEqual([]);
  expect(after.queue.get(m.id)).toMatchObject({ status: 'DEAD_LETTER', redelivered: true, deliveriesStarted: 4 });
  expect(after.queue.get(m.id)!.deliveries.map((d) => d.delivery)).toEqual([1, 2, 3]);
  after.state.close();
  before.state.close();
});

test('settled messages leave memory (a bounded working set) and are read back from the file', async () => {
  const file = join(dir, 'webcert-state.sqlite');
  const webcert = run(file, [], { workingSet: 2 });
  const ids = ['c1', 'c2', 'c3', 'c4', 'c5'].map((c) => webcert.put(c).id);
  await webcert.queue.idle();
  await turns();
  const store = webcert.queue['store'];
  expect([...store.openMessages]).toEqual([]);
  expect(store['recent'].size).toBe(2);
  expect(webcert.queue.list().map((m) => [m.id, m.status])).toEqual(ids.map((id) => [id, 'DELIVERED']));
  expect(webcert.queue.get(ids[0]!)).toMatchObject({ certificateId: 'c1', status: 'DELIVERED' });
  webcert.state.close();
});
