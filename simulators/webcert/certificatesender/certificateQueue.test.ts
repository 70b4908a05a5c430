/** The certificate queue: order, redelivery in virtual time, the dead-letter queue, and each processor's reading of answers. */
import { test, expect } from '@playwright/test';
import { VirtualClock } from '../../kit/clock/virtualClock.js';
import type { SoapCallOutcome } from '../../kit/soap/soapClient.js';
import { CertificateQueue, type DeliveryVerdict } from './certificateQueue.js';
import { classify } from './certificateSender.js';
import { WEBCERT_CERTIFICATE_REDELIVERY } from './jmsRedeliveryPolicy.js';

const START = Date.parse('2026-03-02T08:00:00Z');

function queueWith(verdicts: Record<string, DeliveryVerdict[]>) {
  const clock = new VirtualClock({ start: START });
  const seen: string[] = [];
  const delivered: string[] = [];
  const queue = new CertificateQueue({
    clock,
    policy: WEBCERT_CERTIFICATE_REDELIVERY,
    process: async (m, delivery) => {
      seen.push(`${m.certificateId}#${delivery}@${(clock.now() - START) / 1000}s`);
      return { verdict: verdicts[m.certificateId]!.shift() ?? 'DELIVERED', reason: 'scripted' };
    },
    onDelivered: (m) => delivered.push(m.certificateId),
  });
  const put = (certificateId: string) => queue.enqueue({ type: 'SEND', certificateId, personId: '191212121212', recipient: 'SKV', envelope: '<x/>' });
  return { clock, queue, seen, delivered, put };
}

test('temporary failures are redelivered after 4 s, 6 s, 6 s; a message behind one waiting is not held up', async () => {
  const q = queueWith({ a: ['TEMPORARY', 'TEMPORARY', 'TEMPORARY'], b: [] });
  const a = q.put('a');
  q.put('b');
  await q.queue.idle();
  expect(q.seen).toEqual(['a#1@0s', 'b#1@0s']);
  expect(a).toMatchObject({ status: 'REDELIVERY', nextDeliveryAt: START + 4_000 });
  expect(q.queue.pending('SEND', 'a', 'SKV')).toBe(true);
  await q.clock.advanceBy(60_000);
  expect(q.seen).toEqual(['a#1@0s', 'b#1@0s', 'a#2@4s', 'a#3@10s', 'a#4@16s']);
  expect(a.status).toBe('DELIVERED');
  expect(q.delivered).toEqual(['b', 'a']);
});

test('after the last redelivery the message waits in the dead-letter queue; a permanent failure is dropped at once', async () => {
  const q = queueWith({ a: ['TEMPORARY', 'TEMPORARY', 'TEMPORARY', 'TEMPORARY'], p: ['PERMANENT'] });
  const a = q.put('a');
  const p = q.put('p');
  await q.queue.idle();
  await q.clock.advanceBy(60_000);
  expect(a.status).toBe('DEAD_LETTER');
  expect(a.deliveries).toHaveLength(4);
  expect(a.deliveries[3]!.reason).toMatch(/redeliveries used up \(3\): moved to the dead-letter queue/);
  expect(p).toMatchObject({ status: 'FAILED', deliveries: [{ verdict: 'PERMANENT' }] });
  expect(q.delivered).toEqual([]);
});

test('each processor reads Intygstjänsten\'s answer as Webcert\'s does', () => {
  const answer = (result: object): SoapCallOutcome => ({ kind: 'answer', status: 200, body: '', result: result as never });
  const info = answer({ resultCode: 'INFO', resultText: 'Certificate already exists' });
  expect(classify('SEND', info).verdict).toBe('DELIVERED_WITH_INFO');
  // The modules call "Certificate already exists" a VALIDATION_ERROR: the store processor drops it as permanent.
  expect(classify('STORE', info)).toMatchObject({ verdict: 'PERMANENT', reason: expect.stringContaining('Certificate already exists') });
  expect(classify('STORE', answer({ resultCode: 'INFO', resultText: 'something else' })).verdict).toBe('TEMPORARY');
  expect(classify('REVOKE', answer({ resultCode: 'INFO', resultText: 'already revoked' })).verdict).toBe('TEMPORARY');
  for (const type of ['STORE', 'SEND', 'REVOKE'] as const) {
    expect(classify(type, answer({ resultCode: 'OK' })).verdict).toBe('DELIVERED');
    expect(classify(type, answer({ resultCode: 'ERROR', errorId: 'APPLICATION_ERROR', resultText: 'x' })).verdict).toBe('TEMPORARY');
    expect(classify(type, { kind: 'transport-error', code: 'TIMEOUT', message: 'no answer' }).verdict).toBe('TEMPORARY');
    expect(classify(type, { kind: 'answer', status: 500, body: '', fault: { faultcode: 'soap:Server', faultstring: 'x' } }).verdict).toBe('TEMPORARY');
  }
});

test('a queued message\'s id is a version-7 UUID: one queued later sorts after, so the id index of a large state file takes it at its end (0042)', async () => {
  const q = queueWith({ a: [], b: [], c: [] });
  const ids: string[] = [];
  for (const c of ['a', 'b', 'c']) {
    ids.push(q.put(c).id);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await q.queue.idle();
  for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect([...ids].sort()).toEqual(ids);
});
