/** The certificate store on its state file: indexed look-ups, a bounded working set, a restart. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { VirtualClock } from '../../kit/clock/virtualClock.js';
import { lisjpDraft, testDoctor, testUnit } from '../message/certificateFixtures.js';
import type { CareUnit, Patient } from '../model/certificate.js';
import Database from 'better-sqlite3';
import { WEBCERT_STATE_SCHEMA_VERSION, WebcertState } from '../state/webcertState.js';
import { IntegratedUnits } from '../state/integratedUnits.js';
import { downgradeToSchema4 } from '../state/testing/olderSchema.js';
import { CertificateStore, type CertificateEventCode } from './certificateStore.js';

const START = Date.parse('2026-03-02T09:00:00Z');
const staff = testDoctor();
const unitA = testUnit();
/** A unit of another care provider. */
const unitB: CareUnit = { ...unitA, hsaId: 'TSTNMT2321000156-OTHER', careProvider: { hsaId: 'TSTNMT2321000156-VG2', name: 'Annan vårdgivare' } };

function patient(n: number): Patient {
  return { ...lisjpDraft().patient, personId: String(191_212_120_000 + n) };
}

function newStore(options: { state?: WebcertState; workingSet?: number } = {}) {
  const events: [string, CertificateEventCode][] = [];
  const store = new CertificateStore(new VirtualClock({ start: START }), (c, code) => events.push([c.id, code]), options);
  let next = 0;
  const draft = (p: Patient, typeCode = 'LISJP', unit = unitA) =>
    store.create({ id: `cert-${++next}`, typeCode, typeVersion: '1.3', unit, issuedBy: staff, patient: p });
  return { store, events, draft };
}

test.describe('certificate store', () => {
  test('finds earlier drafts by patient, type, care provider, unit and status; counts them; pages in both orders', () => {
    const { store, draft } = newStore();
    const anna = patient(1);
    const bo = patient(2);
    const a1 = draft(anna);
    const a2 = draft(anna, 'LISJP', unitB);
    const a3 = draft(anna, 'DB');
    const b1 = draft(bo);
    store.deleteDraft(a1.id);

    expect(store.list({ personId: anna.personId, typeCode: 'LISJP' }).map((c) => c.id)).toEqual([a1.id, a2.id]);
    // Person ids are compared by digits, as the journal systems write them with or without a dash.
    expect(store.list({ personId: `${anna.personId.slice(0, 8)}-${anna.personId.slice(8)}`, typeCode: 'DB' }).map((c) => c.id)).toEqual([a3.id]);
    expect(store.count({ personId: anna.personId, typeCode: 'LISJP', excludeStatuses: ['DELETED'] })).toBe(1);
    expect(store.count({ personId: anna.personId, typeCode: 'LISJP', careProviderId: unitA.careProvider.hsaId, excludeStatuses: ['DELETED'] })).toBe(0);
    expect(store.list({ personId: anna.personId, otherCareProviderThan: unitA.careProvider.hsaId }).map((c) => c.id)).toEqual([a2.id]);
    expect(store.list({ unitIds: [unitB.hsaId] }).map((c) => c.id)).toEqual([a2.id]);
    expect(store.list({ statuses: ['DELETED'] }).map((c) => c.id)).toEqual([a1.id]);
    expect(store.list({ unitIds: [] })).toEqual([]);

    expect(store.list({}, { limit: 2 }).map((c) => c.id)).toEqual([a1.id, a2.id]);
    expect(store.list({}, { limit: 2, after: a2.id }).map((c) => c.id)).toEqual([a3.id, b1.id]);
    expect(store.list({}, { order: 'newest-first', limit: 3 }).map((c) => c.id)).toEqual([b1.id, a3.id, a2.id]);
    expect(() => store.list({}, { after: 'finns-inte' })).toThrow('no certificate finns-inte to list after');
  });

  test('keeps a bounded working set: evicted certificates are read back from the state file with every change', () => {
    const { store, draft, events } = newStore({ workingSet: 3 });
    const first = draft(patient(1));
    store.save(first.id, [{ id: '1', delsvar: [{ id: '1.2', value: '2026-03-02' }] }]);
    const others = Array.from({ length: 10 }, (_, i) => draft(patient(i + 2)));

    const reread = store.require(first.id);
    expect(reread).not.toBe(first); // it left the working set and came back from SQLite
    expect(reread).toEqual(first);
    expect(reread.version).toBe(1);
    expect(reread.status).toBe('DRAFT_COMPLETE');

    // A change made on the copy handed out, then an action, is stored (as signing does with the signature).
    reread.signature = { document: '<intyg/>', xml: '<ds:Signature/>', signerCertificatePem: 'PEM' };
    store.sign(first.id, staff.hsaId);
    for (const c of others) store.get(c.id);
    const signed = store.require(first.id);
    expect(signed).not.toBe(reread);
    expect(signed.status).toBe('SIGNED');
    expect(signed.signature?.xml).toBe('<ds:Signature/>');
    expect(events.filter(([id]) => id === first.id).map(([, code]) => code)).toEqual(['SKAPAT', 'ANDRAT', 'SIGNAT']);
  });

  test('an action whose event fails is not stored, and the certificate reads as before', () => {
    const state = WebcertState.open();
    let fail = false;
    const store = new CertificateStore(new VirtualClock({ start: START }), () => {
      if (fail) throw new Error('the sender is gone');
    }, { state });
    const c = store.create({ id: 'x', typeCode: 'LISJP', typeVersion: '1.3', unit: unitA, issuedBy: staff, patient: patient(1) });
    fail = true;
    expect(() => store.save(c.id, [{ id: '1', delsvar: [{ id: '1.2', value: '2026-03-02' }] }])).toThrow('the sender is gone');
    expect(store.require(c.id)).toMatchObject({ version: 0, status: 'DRAFT_INCOMPLETE', answers: [] });
  });

  test('a state file keeps what was committed across a kill; a file of another kind is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samverkan-webcert-state-'));
    try {
      const file = join(dir, 'webcert.sqlite');
      const before = WebcertState.open(file);
      const { store, draft } = newStore({ state: before });
      const c = draft(patient(1), 'DB');
      store.save(c.id, [{ id: '1', delsvar: [{ id: '1.2', value: '2026-03-02' }] }]);
      new IntegratedUnits(before).add(unitA.hsaId);
      await store.flushed(); // what Webcert acknowledges is committed by then
      const acknowledged = structuredClone(store.require(c.id));
      store.save(c.id, []); // changed, but killed before the end of this turn: never committed, never answered

      // No orderly close: the next process opens what the killed one had committed.
      const after = WebcertState.open(file);
      const restarted = newStore({ state: after });
      expect(restarted.store.require(c.id)).toEqual(acknowledged);
      expect(acknowledged.version).toBe(1);
      expect(restarted.store.count({ personId: patient(1).personId, typeCode: 'DB' })).toBe(1);
      expect([...new IntegratedUnits(after)]).toEqual([unitA.hsaId]);
      before.close();
      after.close();

      const journalLike = join(dir, 'other.sqlite');
      const other = WebcertState.open(journalLike);
      other.db.exec('DROP TABLE certificate');
      other.close();
      expect(() => WebcertState.open(journalLike)).toThrow(/not a Webcert state file \(tables: notification, integrated_unit, certificate_message, certificate_signature, notification_envelope\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('renewals and replacements are found from their original, by an index; they keep their relation', () => {
    const { store, draft } = newStore();
    const original = draft(patient(1));
    const other = draft(patient(1));
    const renewal = store.create({ id: 'renewal', typeCode: 'LISJP', typeVersion: '1.3', unit: unitA, issuedBy: staff, patient: patient(1), relation: { code: 'FRLANG', certificateId: original.id } });
    const replacement = store.create({ id: 'replacement', typeCode: 'LISJP', typeVersion: '1.3', unit: unitA, issuedBy: staff, patient: patient(1), relation: { code: 'ERSATT', certificateId: original.id } });
    expect(store.children(original.id).map((c) => [c.id, c.relation?.code])).toEqual([[renewal.id, 'FRLANG'], [replacement.id, 'ERSATT']]);
    expect(store.children(other.id)).toEqual([]);
    const plan = store['state'].db.prepare("EXPLAIN QUERY PLAN SELECT id, data FROM certificate WHERE parent_id = 'x' ORDER BY seq ASC").all() as { detail: string }[];
    expect(plan.map((r) => r.detail).join(' ')).toContain('certificate_parent');
  });

  test('a state file of schema 1 (before relations) is brought up to date when opened, its certificates kept', () => {
    const dir = mkdtempSync(join(tmpdir(), 'samverkan-webcert-state-'));
    try {
      const file = join(dir, 'v1.sqlite');
      const current = WebcertState.open(file);
      newStore({ state: current }).draft(patient(1));
      current.close();
      // Make it a schema-1 file again: no parent_id column, no certificate queue, no deliveries started.
      const db = new Database(file);
      downgradeToSchema4(db);
      db.exec('DROP INDEX certificate_parent; ALTER TABLE certificate DROP COLUMN parent_id; DROP TABLE certificate_message; ALTER TABLE notification DROP COLUMN deliveries_started;');
      db.pragma('user_version = 1');
      db.close();

      const reopened = WebcertState.open(file);
      expect(reopened.db.pragma('user_version', { simple: true })).toBe(WEBCERT_STATE_SCHEMA_VERSION);
      const { store } = newStore({ state: reopened });
      expect(store.require('cert-1').patient.personId).toBe(patient(1).personId);
      expect(store.children('cert-1')).toEqual([]);
      reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
