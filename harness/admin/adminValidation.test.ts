/**
 * The admin API checks what it is sent before it acts: a refused call answers 4xx and leaves the
 * clock, the fault rules and the journal as they were; a fault of samverkan itself answers 500.
 */
import { expect, test } from '@playwright/test';
import { JournalUser } from '../../simulators/journal/launch/journalUser.js';
import { startTopology, type Topology } from '../topology/startTopology.js';
import { defaultTopologyConfig } from '../topology/topologyConfig.js';

const START = Date.parse('2026-03-02T07:00:00Z');
let topology: Topology;
let admin: string;

test.beforeEach(async () => {
  topology = await startTopology(defaultTopologyConfig({ clock: { mode: 'manual', start: START }, admin: {} }));
  admin = topology.admin!.url;
});
test.afterEach(async () => topology.stop());

async function call(path: string, method = 'GET', body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${admin}${path}`, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const journalUser = () =>
  new JournalUser({
    clock: topology.clock,
    createDraftUrl: topology.urls().webcert!.createDraftCertificate!,
    user: { hsaId: 'TSTNMT2321000156-1079', fullName: 'Ajla Doktor' },
    unit: { hsaId: 'TSTNMT2321000156-INT2', name: 'Vårdcentralen Samverkan' },
  });

test('an advance beyond any sane time is refused and the clock, the IdP and the journal go on as before', async () => {
  const before = await call('/clock');
  expect(before.body.iso).toBe('2026-03-02T07:00:00.000Z');

  for (const by of ['99999999999999999999d', 1e300, '4000000d']) {
    const refused = await call('/clock/advance', 'POST', { by });
    expect(refused.status, `by ${by}`).toBe(400);
    expect(refused.body.error).toMatch(/at most 3650 days/);
  }
  expect(await call('/clock/advance', 'POST', { by: '1m', extra: true })).toEqual({ status: 400, body: { error: expect.stringContaining('unknown field(s) extra') } });
  expect(await call('/clock/advance', 'POST', {})).toEqual({ status: 400, body: { error: expect.stringContaining('send {"by": "25d"}') } });

  expect(await call('/clock')).toEqual({ status: 200, body: before.body });
  const metadata = await fetch(topology.urls().idp!.metadata!);
  expect(metadata.status).toBe(200);
  const created = await journalUser().createDraft({ typeCode: 'LISJP', patient: { personId: '191212121212', fornamn: 'Tolvan', efternamn: 'Tolvansson' } });
  expect(created).toMatchObject({ kind: 'answer', resultCode: 'OK' });
  expect((await call('/journal/count?operation=CreateDraftCertificate')).body.count).toBeGreaterThan(0);

  const advanced = await call('/clock/advance', 'POST', { by: '1m' });
  expect(advanced).toMatchObject({ status: 200, body: { iso: '2026-03-02T07:01:00.000Z' } });
});

test('fault rules are checked before they are kept: bounded delay, known parties, known fields', async () => {
  const delay = await call('/faults', 'POST', { party: 'journal', operation: 'CertificateStatusUpdateForCare', effect: { kind: 'delay', ms: 1e12 } });
  expect(delay.status).toBe(400);
  expect(delay.body.error).toContain('"effect.ms" must be 0..600000 milliseconds (10 min)');

  const unknownParty = await call('/faults', 'POST', { party: 'jounral', operation: '*', effect: { kind: 'reset' } });
  expect(unknownParty.status).toBe(400);
  expect(unknownParty.body.error).toContain('"party" "jounral" is not a party of this topology; use one of journal, webcert, idp, eid-app, signing-service');

  const typo = await call('/faults', 'POST', { party: 'journal', operation: '*', effect: { kind: 'reset' }, time: 3 });
  expect(typo.status).toBe(400);
  expect(typo.body.error).toContain('unknown field(s) time');

  const status1xx = await call('/faults', 'POST', { party: 'journal', operation: '*', effect: { kind: 'httpStatus', status: 101 } });
  expect(status1xx.body.error).toContain('"effect.status" must be an HTTP status 200..599');

  expect(await call('/faults')).toEqual({ status: 200, body: [] });
  expect((await call('/faults?party=nobody')).status).toBe(400);
  expect((await call('/faults?party=nobody', 'DELETE')).status).toBe(400);

  // A valid delay at the bound is kept.
  expect((await call('/faults', 'POST', { party: 'journal', operation: '*', effect: { kind: 'delay', ms: 600_000 }, times: 1 })).status).toBe(201);
  await call('/faults', 'DELETE');
});

test('the journal listing refuses what it does not understand, and a fault of samverkan answers 500', async () => {
  expect(await call('/journal?certficateId=x')).toEqual({ status: 400, body: { error: expect.stringContaining('unknown query parameter(s) certficateId') } });
  expect(await call('/journal?side=sideways')).toEqual({ status: 400, body: { error: expect.stringContaining('side must be one of inbound, outbound') } });
  expect(await call('/journal?limit=5000')).toEqual({ status: 400, body: { error: expect.stringContaining('limit must be 1..1000') } });
  expect(await call('/journal?cursor=abc')).toEqual({ status: 400, body: { error: expect.stringContaining('cursor must be a whole number') } });
  expect(await call('/journal/999')).toEqual({ status: 404, body: { error: expect.stringContaining('no journal entry 999') } });

  topology.journal.close(); // a fault no request could cause
  const fault = await call('/journal');
  expect(fault.status).toBe(500);
  expect(fault.body.error).toContain('the traffic journal at :memory: is closed');
  expect(fault.body.error).toContain('This is a fault in samverkan, not in the request');
  expect((await call('/journal/export')).status).toBe(500);
});
