import { createPublicKey, verify, X509Certificate } from 'node:crypto';
import { test, expect } from '@playwright/test';
import type { TestPki } from '../../kit/pki/testPki.js';
import { certificateUsage } from '../token/cardCertificate.js';
import { challenge, type EidAppHarness, PEOPLE, sharedTestPki, startEidApp } from '../eidAppTestSupport.js';

let pki: TestPki;
test.beforeAll(async () => {
  pki = await sharedTestPki();
});

let h: EidAppHarness | undefined;
test.afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const order = (body: Record<string, unknown>) => h!.call('POST', '/api/v1/orders', { requesterName: 'Inera IdP (test)', ...body });

test.describe('eID app order API', () => {
  test('auth and sign orders complete with a signature made on the card, verifiable with the returned certificate', async () => {
    h = await startEidApp(pki);
    const c = challenge('auth');
    const started = await order({ type: 'auth', challenge: c.base64 });
    expect(started.status).toBe(201);
    expect(Object.keys(started.json).sort()).toEqual(['autoStartToken', 'orderRef', 'qrStartSecret', 'qrStartToken']);
    const polled = await h.call('GET', `/api/v1/orders/${started.json.orderRef}`);
    expect(polled.status).toBe(200);
    expect(polled.json).toMatchObject({ orderRef: started.json.orderRef, status: 'complete', completion: { hsaId: PEOPLE.anna.hsaId } });
    expect(polled.json.hintCode).toBeUndefined();
    const { certificatePem, signature } = polled.json.completion;
    expect(certificateUsage(new X509Certificate(certificatePem).raw, '')).toBe('authentication');
    expect(verify('sha256', c.bytes, createPublicKey(certificatePem), Buffer.from(signature, 'base64'))).toBe(true);
    expect(pki.verifyChain(certificatePem).valid).toBe(true);

    const s = challenge('sign');
    const signOrder = await order({ type: 'sign', challenge: s.base64, signMessage: 'Jag intygar att uppgifterna är riktiga.' });
    const signed = (await h.call('GET', `/api/v1/orders/${signOrder.json.orderRef}`)).json;
    expect(signed.status).toBe('complete');
    const signCert = h.store.listCards()[0]!.certificates.find((x) => x.usage === 'signature')!;
    expect(signed.completion.certificatePem).toBe(signCert.certificatePem);
    expect(verify('sha256', s.bytes, createPublicKey(signed.completion.certificatePem), Buffer.from(signed.completion.signature, 'base64'))).toBe(true);

    const entries = h.journal.query({ messageId: started.json.orderRef });
    expect(entries.map((e) => `${e.side} ${e.fromParty}→${e.toParty} ${e.operation} ${e.outcome}`)).toEqual([
      'outbound eid-app→siths-card C_Sign CKM_SHA256_RSA_PKCS ok',
      'inbound external→eid-app CreateOrder ok',
      'inbound external→eid-app CollectOrder ok',
    ]);
    expect(entries[2]).toMatchObject({ httpStatus: 200, resultCode: 'complete' });
    expect(entries[0]!.url).toBe(`pkcs11:token=${PEOPLE.anna.hsaId};object=auth`);
  });

  test('an order for another card fails with cardMismatch; an order for the card in the reader completes', async () => {
    h = await startEidApp(pki, { people: ['anna', 'bo'] });
    const other = await order({ type: 'auth', challenge: challenge().base64, hsaId: PEOPLE.bo.hsaId });
    expect((await h.call('GET', `/api/v1/orders/${other.json.orderRef}`)).json).toMatchObject({ status: 'failed', hintCode: 'cardMismatch', message: expect.stringContaining(PEOPLE.anna.hsaId) });
    const own = await order({ type: 'sign', challenge: challenge().base64, hsaId: PEOPLE.anna.hsaId });
    expect((await h.call('GET', `/api/v1/orders/${own.json.orderRef}`)).json).toMatchObject({ status: 'complete', completion: { hsaId: PEOPLE.anna.hsaId } });
    await h.call('PUT', '/api/v1/app', { activeCard: PEOPLE.bo.hsaId });
    const bo = await order({ type: 'auth', challenge: challenge().base64, hsaId: PEOPLE.bo.hsaId });
    expect((await h.call('GET', `/api/v1/orders/${bo.json.orderRef}`)).json).toMatchObject({ status: 'complete', completion: { hsaId: PEOPLE.bo.hsaId } });
  });

  test('an order nobody answers expires after 2 virtual minutes and is forgotten 10 minutes later', async () => {
    h = await startEidApp(pki, { mode: 'noAnswer' });
    const started = await order({ type: 'auth', challenge: challenge().base64 });
    const poll = () => h!.call('GET', `/api/v1/orders/${started.json.orderRef}`);
    expect((await poll()).json).toEqual({ orderRef: started.json.orderRef, status: 'pending', hintCode: 'outstandingTransaction' });
    await h.clock.advanceBy(119_999);
    expect((await poll()).json.status).toBe('pending');
    await h.clock.advanceBy(1);
    expect((await poll()).json).toMatchObject({ status: 'failed', hintCode: 'expiredTransaction' });
    await h.clock.advanceBy(600_001);
    await order({ type: 'auth', challenge: challenge().base64 }); // pruning happens when orders start
    const gone = await poll();
    expect(gone.status).toBe(404);
    expect(gone.json).toMatchObject({ errorCode: 'notFound', details: expect.stringContaining('forgotten') });
  });

  test('the requester cancels: failed/cancelled; cancelling twice is fine, a finished order cannot be cancelled, unknown orders are 404', async () => {
    h = await startEidApp(pki, { mode: 'noAnswer' });
    const started = await order({ type: 'auth', challenge: challenge().base64 });
    const cancel = () => h!.call('POST', `/api/v1/orders/${started.json.orderRef}/cancel`);
    expect((await cancel()).json).toMatchObject({ status: 'failed', hintCode: 'cancelled' });
    expect((await cancel()).status).toBe(200);
    expect((await h.call('GET', `/api/v1/orders/${started.json.orderRef}`)).json).toMatchObject({ status: 'failed', hintCode: 'cancelled' });
    await h.call('PUT', '/api/v1/app', { mode: 'auto' });
    const done = await order({ type: 'auth', challenge: challenge().base64 });
    const refused = await h.call('POST', `/api/v1/orders/${done.json.orderRef}/cancel`);
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ errorCode: 'alreadyFinished', details: expect.stringContaining('already complete') });
    const unknown = await h.call('GET', '/api/v1/orders/no-such-order');
    expect(unknown.status).toBe(404);
    expect(unknown.json.details).toContain('no order with orderRef no-such-order');
    expect((await h.call('POST', '/api/v1/orders/no-such-order/cancel')).status).toBe(404);
  });

  test('bad input gets 400 with a message saying what is wrong, is journalled, and the party keeps serving', async () => {
    h = await startEidApp(pki);
    const raw = async (body: string) => {
      const r = await fetch(`${h!.sim.url}/api/v1/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return { status: r.status, json: (await r.json()) as { errorCode: string; details: string } };
    };
    const cases: Array<[string, string]> = [
      ['{"type":', 'not JSON'],
      ['', 'body is empty'],
      ['[1,2]', 'must be a JSON object, got an array'],
      [JSON.stringify({ type: 'auth', requesterName: 'IdP' }), '"challenge" is required'],
      [JSON.stringify({ type: 'auth', requesterName: 'IdP', challenge: 'inte base64!' }), '"challenge" is not base64'],
      [JSON.stringify({ type: 'auth', requesterName: 'IdP', challenge: 'abc' }), '"challenge" is not base64'],
      [JSON.stringify({ type: 'login', challenge: 'AAAA' }), '"type" must be "auth" or "sign"'],
      [JSON.stringify({ type: 'sign', challenge: 'AAAA', requesterName: 'IdP', hsaId: 'a b' }), '"hsaId"'],
    ];
    for (const [body, says] of cases) {
      const answer = await raw(body);
      expect(answer.status, body).toBe(400);
      expect(answer.json.errorCode).toBe('invalidParameters');
      expect(answer.json.details, body).toContain(says);
    }
    expect((await raw(JSON.stringify({ type: 'login', challenge: 'AAAA' }))).json.details).toContain('"requesterName" is required');
    const good = await order({ type: 'auth', challenge: challenge().base64 });
    expect(good.status).toBe(201);
    const refused = h.journal.query({ operation: 'CreateOrder', outcome: 'error' });
    expect(refused).toHaveLength(cases.length + 1);
    expect(refused.every((e) => e.httpStatus === 400 && e.errorId === 'invalidParameters' && !!e.message)).toBe(true);
  });

  test('fault rules apply to the order API (HTTP 503 once, then normal)', async () => {
    h = await startEidApp(pki);
    h.faults.add({ party: 'eid-app', operation: 'CollectOrder', effect: { kind: 'httpStatus', status: 503 }, times: 1 });
    const started = await order({ type: 'auth', challenge: challenge().base64 });
    expect((await h.call('GET', `/api/v1/orders/${started.json.orderRef}`)).status).toBe(503);
    expect((await h.call('GET', `/api/v1/orders/${started.json.orderRef}`)).json.status).toBe('complete');
  });
});
