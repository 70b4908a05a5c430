/**
 * A signed certificate's signature in the state file: a row of its own, written once (schema 5,
 * docs/decisions/0039), kept across a kill, and moved there from the JSON of a schema-4 file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import Database from 'better-sqlite3';
import { VirtualClock } from '../../kit/clock/virtualClock.js';
import { lisjpDraft, testDoctor, testUnit } from '../message/certificateFixtures.js';
import type { Certificate } from '../model/certificate.js';
import { WEBCERT_STATE_SCHEMA_VERSION, WebcertState } from '../state/webcertState.js';
import { downgradeToSchema4 } from '../state/testing/olderSchema.js';
import { CertificateStore } from './certificateStore.js';

const START = Date.parse('2026-03-02T09:00:00Z');
const staff = testDoctor();
const ANSWER = [{ id: '1', delsvar: [{ id: '1.2', value: '2026-03-02' }] }];

/** A signature of realistic size (the replay's average: 6 kB document, 3.5 kB signature, 1.4 kB PEM). */
function signatureOf(id: string): NonNullable<Certificate['signature']> {
  const xml = `<ds:Signature>${'s'.repeat(3_500)}</ds:Signature>`;
  return { document: `<intyg id="${id}">${'d'.repeat(2_500)}${xml}</intyg>`, xml, signerCertificatePem: `-----BEGIN CERTIFICATE-----\n${'p'.repeat(1_400)}\n-----END CERTIFICATE-----` };
}

function newStore(state: WebcertState, onEvent: (c: Certificate, code: string) => void = () => undefined): CertificateStore {
  return new CertificateStore(new VirtualClock({ start: START }), onEvent, { state });
}

function draft(store: CertificateStore, id: string): Certificate {
  const d = lisjpDraft();
  return store.create({ id, typeCode: 'LISJP', typeVersion: '1.3', unit: testUnit(), issuedBy: staff, patient: d.patient, answers: ANSWER });
}

/** Counts the writes of signature rows from here on (a temporary trigger of this connection). */
function countSignatureWrites(state: WebcertState): () => number {
  state.db.exec(`CREATE TEMP TABLE signature_writes (seq INTEGER);
CREATE TEMP TRIGGER signature_written AFTER INSERT ON main.certificate_signature BEGIN INSERT INTO signature_writes VALUES (new.seq); END;`);
  return () => state.db.prepare('SELECT count(*) FROM signature_writes').pluck().get() as number;
}

test.describe('a certificate signature in the state file', () => {
  test('is written once, when signed: sending and revoking rewrite only the small JSON; it survives a kill', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samverkan-signature-row-'));
    try {
      const file = join(dir, 'webcert.sqlite');
      const before = WebcertState.open(file);
      const store = newStore(before);
      const writes = countSignatureWrites(before);
      const c = draft(store, 'signed-1');
      const signature = signatureOf(c.id);
      store.require(c.id).signature = signature;
      store.sign(c.id, staff.hsaId);
      store.send(c.id, 'FKASSA', staff.hsaId);
      store.revoke(c.id, staff.hsaId, 'FEL_PATIENT');
      await store.flushed();
      expect(writes()).toBe(1);
      const data = before.db.prepare<[string], string>('SELECT data FROM certificate WHERE id = ?').pluck().get(c.id)!;
      expect(data).not.toContain('signature');
      expect(data.length).toBeLessThan(2_500);
      const acknowledged = structuredClone(store.require(c.id));

      // No orderly close: the next process opens what the killed one had committed.
      const after = WebcertState.open(file);
      const restarted = newStore(after);
      expect(restarted.require(c.id)).toEqual(acknowledged);
      expect(restarted.require(c.id)).toMatchObject({ status: 'REVOKED', sentTo: 'FKASSA', signature });
      expect(restarted.list({ personId: c.patient.personId })[0]?.signature).toEqual(signature);
      before.close();
      after.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a signing whose event fails stores no signature, and the next signing with it does', () => {
    const state = WebcertState.open();
    let fail = true;
    const store = newStore(state, (_c, code) => {
      if (fail && code === 'SIGNAT') throw new Error('the sender is gone');
    });
    const c = draft(store, 'signed-2');
    const signature = signatureOf(c.id);
    store.require(c.id).signature = signature;
    expect(() => store.sign(c.id, staff.hsaId)).toThrow('the sender is gone');
    expect(store.require(c.id)).toMatchObject({ status: 'DRAFT_COMPLETE' });
    expect(store.require(c.id).signature).toBeUndefined();
    expect(state.db.prepare('SELECT count(*) FROM certificate_signature').pluck().get()).toBe(0);

    fail = false;
    store.require(c.id).signature = signature; // the same signature, now on the copy read back
    store.sign(c.id, staff.hsaId);
    const reread = newStore(state).require(c.id);
    expect(reread).toMatchObject({ status: 'SIGNED', signature });
    state.close();
  });

  test('a schema-4 file, the signature inside the JSON, is brought up to date: the signature moves to its row', () => {
    const dir = mkdtempSync(join(tmpdir(), 'samverkan-signature-row-'));
    try {
      const file = join(dir, 'webcert.sqlite');
      const current = WebcertState.open(file);
      const store = newStore(current);
      const signed = draft(store, 'signed-3');
      const signature = signatureOf(signed.id);
      store.require(signed.id).signature = signature;
      store.sign(signed.id, staff.hsaId);
      const unsigned = draft(store, 'draft-4');
      const expected = [structuredClone(store.require(signed.id)), structuredClone(store.require(unsigned.id))];
      current.close();
      const db = new Database(file);
      downgradeToSchema4(db);
      expect(db.prepare<[string], string>('SELECT data FROM certificate WHERE id = ?').pluck().get(signed.id)).toContain(signature.xml);
      db.close();

      const reopened = WebcertState.open(file);
      expect(reopened.db.pragma('user_version', { simple: true })).toBe(WEBCERT_STATE_SCHEMA_VERSION);
      const data = reopened.db.prepare<[], string>('SELECT data FROM certificate ORDER BY seq').pluck().all();
      expect(data.filter((d) => d.includes('signature'))).toEqual([]);
      const migrated = newStore(reopened);
      expect([migrated.require(signed.id), migrated.require(unsigned.id)]).toEqual(expected);
      reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
