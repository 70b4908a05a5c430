/** The admin API over real HTTP: parties, fault rules, the clock, the journal, Webcert's notifications. */
import { expect, test } from '@playwright/test';
import { JournalUser } from '../../simulators/journal/launch/journalUser.js';
import { startTopology, type Topology } from '../topology/startTopology.js';
import { defaultTopologyConfig } from '../topology/topologyConfig.js';

let topology: Topology;
let admin: string;

test.beforeEach(async () => {
  topology = await startTopology(defaultTopologyConfig({ clock: { mode: 'manual', start: Date.parse('2026-03-02T07:00:00Z') }, admin: {} }));
  admin = topology.admin!.url;
});
test.afterEach(async () => topology.stop());

const json = async (path: string, init?: RequestInit) => {
  const res = await fetch(`${admin}${path}`, init?.body === undefined ? init : { ...init, headers: { 'content-type': 'application/json' } });
  return { status: res.status, body: res.status === 204 ? undefined : await res.json() };
};

test('lists every party with its endpoints, on 127.0.0.1', async () => {
  const { body } = await json('/parties');
  expect(Object.keys(body)).toEqual(['webcert', 'journal', 'intygstjanst', 'skatteverket', 'socialstyrelsen', 'forsakringskassan', 'transportstyrelsen', 'idp', 'eidApp', 'signingService', 'admin']);
  expect(body.intygstjanst).toMatchObject({ logicalAddress: '5565594230', registerCertificate: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/inera-certificate\/register-certificate-se\/v3\.0$/) });
  expect(body.skatteverket).toMatchObject({ logicalAddress: 'Skatteverket', registerCertificate: expect.stringMatching(/\/RegisterCertificate\/3\/rivtabp21$/) });
  expect(body.idp.metadata).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/saml\/metadata$/);
  expect(body.webcert.createDraftCertificate).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/services\/create-draft-certificate\/v3\.0$/);
  expect(body.journal.certificateStatusUpdateForCare).toMatch(/\/CertificateStatusUpdateForCare\/3\/rivtabp21$/);
});

test('a fault rule set over HTTP makes the journal refuse, the clock moves on, the notification shows the resend', async () => {
  const rule = await json('/faults', {
    method: 'POST',
    body: JSON.stringify({ party: 'journal', operation: 'CertificateStatusUpdateForCare', effect: { kind: 'result', resultCode: 'ERROR', errorId: 'TECHNICAL_ERROR' }, times: 2 }),
  });
  expect(rule.status).toBe(201);
  expect(rule.body).toMatchObject({ party: 'journal', times: 2, fired: 0 });

  const user = new JournalUser({
    clock: topology.clock,
    createDraftUrl: topology.webcert!.endpoints.createDraftCertificate!,
    user: { hsaId: 'TSTNMT2321000156-1079', fullName: 'Ajla Doktor' },
    unit: { hsaId: 'TSTNMT2321000156-INT2', name: 'Vårdcentralen Samverkan' },
  });
  const created = await user.createDraft({ typeCode: 'LISJP', patient: { personId: '191212121212', fornamn: 'Tolvan', efternamn: 'Tolvansson' } });
  const certificateId = (created as { certificateId: string }).certificateId;
  await topology.webcert!.sender.idle();

  const advanced = await json('/clock/advance', { method: 'POST', body: JSON.stringify({ by: '10m' }) });
  expect(advanced.body).toMatchObject({ ran: 2, settledBefore: 0, iso: '2026-03-02T07:10:00.000Z' });

  const notifications = (await json(`/webcert/notifications?certificateId=${certificateId}`)).body;
  expect(notifications).toHaveLength(1);
  expect(notifications[0].attempts.map((a: { verdict: string }) => a.verdict)).toEqual(['RESEND', 'RESEND', 'SUCCESS']);
  const md = await (await fetch(`${admin}/webcert/notifications/${notifications[0].id}/schedule-check?format=markdown`)).text();
  expect(md).toContain('| 3 | 5 min | 5 min | enligt schema |');

  const refused = (await json(`/journal?side=inbound&toParty=journal&certificateId=${certificateId}`)).body;
  expect(refused).toMatchObject({ limit: 100, nextCursor: null, bodies: false });
  expect(refused.entries.map((e: { errorId?: string; resultCode?: string }) => e.errorId ?? e.resultCode)).toEqual(['TECHNICAL_ERROR', 'TECHNICAL_ERROR', 'OK']);
  expect(refused.entries[0].requestBody).toBeUndefined();
  const first = (await json(`/journal/${refused.entries[0].id}`)).body;
  expect(first.requestBody).toContain('CertificateStatusUpdateForCare');
  expect((await json('/journal-system/status-updates?eventCode=SKAPAT')).body).toHaveLength(1);
  expect((await json('/faults')).body).toEqual([]);
});

test('switching the redelivery profile, and refusals that say what to send', async () => {
  expect((await json('/webcert/redelivery')).body.profile).toBe('forum-2022');
  expect((await json('/webcert/redelivery', { method: 'PUT', body: JSON.stringify({ profile: 'webcert-7' }) })).body).toMatchObject({ profile: 'webcert-7', schedule: { notation: '30#1:m,5:m,1:h,6:h,12:h,1:d' } });
  expect(await json('/webcert/redelivery', { method: 'PUT', body: JSON.stringify({ profile: 'daily' }) })).toEqual({ status: 400, body: { error: expect.stringContaining('known profiles: forum-2022, webcert-7') } });
  expect(await json('/faults', { method: 'POST', body: '{not json' })).toEqual({ status: 400, body: { error: expect.stringContaining('not JSON') } });
  expect(await json('/clock/advance', { method: 'POST', body: JSON.stringify({ by: 'soon' }) })).toEqual({ status: 400, body: { error: expect.stringContaining('not a duration') } });
  expect(await json('/faults/nope', { method: 'DELETE' })).toEqual({ status: 404, body: { error: expect.stringContaining('GET /faults') } });
  expect(await json('/webcert/certificates/nope/sign', { method: 'POST' })).toEqual({ status: 404, body: { error: expect.stringContaining('NOT_FOUND') } });
  expect(await json('/webcert/certificates/nope/sing', { method: 'POST' })).toEqual({ status: 404, body: { error: expect.stringContaining('use one of save, ready, sign, send, revoke, delete') } });
  expect(await json('/webcert/redelivery')).toMatchObject({ body: { profile: 'webcert-7' } });
});

test('certificates and notifications come in pages, filtered by patient or status; the clock shows how many timers wait', async () => {
  const user = new JournalUser({
    clock: topology.clock,
    createDraftUrl: topology.webcert!.endpoints.createDraftCertificate!,
    user: { hsaId: 'TSTNMT2321000156-1079', fullName: 'Ajla Doktor' },
    unit: { hsaId: 'TSTNMT2321000156-INT2', name: 'Vårdcentralen Samverkan' },
  });
  const ids: string[] = [];
  for (const personId of ['191212121212', '199001012385', '201212121212']) {
    const created = await user.createDraft({ typeCode: 'LISJP', patient: { personId, fornamn: 'Tolvan', efternamn: 'Tolvansson' } });
    ids.push((created as { certificateId: string }).certificateId);
  }
  await topology.webcert!.sender.idle();
  // Webcert's certificate ids are version-7 UUIDs, time first, so its indexes take them at the end (docs/decisions/0042).
  for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

  const first = await fetch(`${admin}/webcert/certificates?limit=2`);
  expect((await first.json()).map((c: { id: string }) => c.id)).toEqual(ids.slice(0, 2));
  expect(first.headers.get('x-next-after')).toBe(ids[1]);
  const rest = await fetch(`${admin}/webcert/certificates?limit=2&after=${ids[1]}`);
  expect((await rest.json()).map((c: { id: string }) => c.id)).toEqual([ids[2]]);
  expect(rest.headers.get('x-next-after')).toBeNull();
  expect((await json('/webcert/certificates?personId=19900101-2385&typeCode=LISJP')).body.map((c: { id: string }) => c.id)).toEqual([ids[1]]);
  expect((await json('/webcert/certificates?limit=0')).body).toEqual({ error: 'limit must be a whole number from 1 to 10000, got "0"' });

  const delivered = await fetch(`${admin}/webcert/notifications?status=SUCCESS&limit=2`);
  expect((await delivered.json()).map((n: { certificateId: string; eventCode: string }) => [n.certificateId, n.eventCode])).toEqual([[ids[0], 'SKAPAT'], [ids[1], 'SKAPAT']]);
  expect(delivered.headers.get('x-next-after')).toEqual(expect.any(String));

  const clock = (await json('/clock')).body;
  expect(clock.pendingCount).toBe(clock.pending.length);
});
