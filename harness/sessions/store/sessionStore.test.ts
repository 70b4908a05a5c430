import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import type { JournalEntry } from '../../../simulators/kit/journal/exchange.js';
import { findRegion, findVendorGroup, loadReferenceData } from '../data/referenceData.js';
import { buildSessionPlan } from '../plan/sessionPlan.js';
import { newSessionId, openSession, sessionIds, UnknownSessionError } from './sessionFolders.js';
import type { SessionRecord, TestRecord } from './sessionRecord.js';
import { SessionStore, SessionStoreError, STORE_FILE } from './sessionStore.js';

const dirs: string[] = [];
test.afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function record(id: string): SessionRecord {
  const data = loadReferenceData();
  const group = findVendorGroup(data, 'cosmic');
  const plan = buildSessionPlan(data, group, findRegion(data, group, 'varmland'), { unit: { hsaId: 'U-1', name: 'Enhet' }, doctor: { fullName: 'Ajla Doktor' } }, { date: '2026-12-01', journal: 'sim', only: ['start-miljo', 'auto-status'] });
  return { id, createdAt: 1, journal: { mode: 'sim' }, plan, participants: [], software: {}, environment: {}, dataDir: data.dir };
}

function entry(id: number, operation = 'CreateDraftCertificate'): JournalEntry {
  return { id, side: 'inbound', fromParty: 'journal', toParty: 'webcert', operation, method: 'POST', url: '/x', startedAt: id * 1000, durationMs: 1, outcome: 'ok' };
}

function tempRoot(): string {
  const d = mkdtempSync(join(tmpdir(), 'samverkan-sessions-'));
  dirs.push(d);
  return d;
}

test('a result and its traffic are one transaction, kept across closing and opening; a second result for the case is refused', () => {
  const root = tempRoot();
  const store = SessionStore.create(join(root, 's1'), record('s1'));
  expect(store.startCase('start-miljo', 1000, 7)).toEqual({ attempt: 1, startedAt: 1000, journalMark: 7 });
  store.recordCase({ caseId: 'start-miljo', outcome: 'passed', comment: 'ok', recordedBy: 'page', startedAt: 1000, finishedAt: 2000 }, [entry(8), entry(9)]);
  expect(() => store.recordCase({ caseId: 'start-miljo', outcome: 'failed', comment: 'again', recordedBy: 'terminal', startedAt: 1000, finishedAt: 3000 }, [entry(10)])).toThrow(SessionStoreError);
  store.close();

  const again = SessionStore.open(join(root, 's1'));
  expect(again.results()).toEqual([expect.objectContaining({ caseId: 'start-miljo', outcome: 'passed', comment: 'ok', recordedBy: 'page' })]);
  // The refused second result left no traffic behind.
  expect(again.traffic('start-miljo').map((e) => e.id)).toEqual([8, 9]);
  expect(again.firstStart('start-miljo')).toEqual({ attempt: 1, startedAt: 1000, journalMark: 7 });
  expect(again.session.plan.entries.map((e) => (e.kind === 'break' ? '' : e.id))).toEqual(['start-miljo', 'auto-status']);
  again.close();
});

test('a test is recorded once with its traffic; the same exchange twice in one case is refused', () => {
  const root = tempRoot();
  const store = SessionStore.create(join(root, 's2'), record('s2'));
  const t: TestRecord = { key: '[flows] › scenarios/flows/a.spec.ts › t', caseId: 'auto-status', title: 't', file: 'scenarios/flows/a.spec.ts', project: 'flows', tags: ['@status'], status: 'passed', durationMs: 5, runDir: '/r/001', finishedAt: 1 };
  store.recordTest(t, [entry(1), entry(2)]);
  expect(() => store.recordTest(t, [entry(3)])).toThrow(/UNIQUE/);
  expect(store.tests('auto-status')).toEqual([t]);
  expect(store.traffic('auto-status').map((e) => e.id)).toEqual([1, 2]);
  expect(() => store.recordCase({ caseId: 'auto-status', outcome: 'passed', comment: '', recordedBy: 'playwright', startedAt: 0, finishedAt: 1 }, [entry(1), entry(1)])).toThrow(/UNIQUE/);
  expect(store.result('auto-status')).toBeUndefined();
  store.close();
});

test('the store is written ahead with synchronous commits', () => {
  const root = tempRoot();
  SessionStore.create(join(root, 's3'), record('s3')).close();
  const db = new Database(join(root, 's3', STORE_FILE), { readonly: true });
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  db.close();
});

test('sessions are found by id; an id that does not exist is refused with the ones there are', () => {
  const root = tempRoot();
  expect(() => openSession(root, 'nope')).toThrow('there are no sessions yet: start one with  npx samverkan session start');
  const id = newSessionId(root, new Date(2026, 11, 1, 10, 15), 'cosmic', 'varmland');
  expect(id).toBe('20261201-1015-cosmic-varmland');
  SessionStore.create(join(root, id), record(id)).close();
  expect(newSessionId(root, new Date(2026, 11, 1, 10, 15), 'cosmic', 'varmland')).toBe('20261201-1015-cosmic-varmland-2');
  expect(sessionIds(root)).toEqual([id]);
  expect(() => openSession(root, '20261201-1016-cosmic-varmland')).toThrow(UnknownSessionError);
  expect(() => openSession(root, '../etc')).toThrow(`no session "../etc" in ${root}; valid choices: 20261201-1015-cosmic-varmland`);
  openSession(root, id).close();
});
