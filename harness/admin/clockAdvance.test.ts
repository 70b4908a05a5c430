/**
 * `POST /clock/advance` sent straight after CreateDraft: the first delivery of SKAPAT may still be
 * under way, and its resend timer does not exist until it has finished. The advance must let it
 * finish first, or the resend series never starts. Observed over HTTP only (admin API).
 */
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

async function post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${admin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

test('an advance straight after CreateDraft lets the first delivery finish, so the resend series starts every time', async () => {
  // The journal system refuses every status update: each delivery asks for a resend.
  expect((await post('/faults', { party: 'journal', operation: 'CertificateStatusUpdateForCare', effect: { kind: 'result', resultCode: 'ERROR', errorId: 'TECHNICAL_ERROR' } })).status).toBe(201);
  const user = new JournalUser({
    clock: topology.clock,
    createDraftUrl: topology.urls().webcert!.createDraftCertificate!,
    user: { hsaId: 'TSTNMT2321000156-1079', fullName: 'Ajla Doktor' },
    unit: { hsaId: 'TSTNMT2321000156-INT2', name: 'Vårdcentralen Samverkan' },
  });

  const attemptsSeen: number[][] = [];
  const settledBefore: unknown[] = [];
  for (let i = 0; i < 10; i++) {
    const created = await user.createDraft({ typeCode: 'LISJP', patient: { personId: '191212121212', fornamn: 'Tolvan', efternamn: 'Tolvansson' }, ref: `try-${i}` });
    const certificateId = (created as { certificateId: string }).certificateId;
    // At once, no waiting: forum-2022 resends after 1 min and after 5 more, both inside 10 min.
    const advanced = await post('/clock/advance', { by: '10m' });
    expect(advanced.status).toBe(200);
    settledBefore.push(advanced.body.settledBefore);
    const res = await fetch(`${admin}/journal?side=outbound&fromParty=webcert&operation=CertificateStatusUpdateForCare&certificateId=${certificateId}`);
    const raw = (await res.json()) as any; const page = { entries: (Array.isArray(raw) ? raw : raw.entries) as Array<{ attempt?: number }> };
    attemptsSeen.push(page.entries.map((e) => e.attempt ?? 0));
  }
  expect(attemptsSeen).toEqual(Array.from({ length: 10 }, () => [1, 2, 3]));
  for (const n of settledBefore) expect(typeof n === 'number' && n >= 0, `settledBefore ${String(n)}`).toBe(true);
});
