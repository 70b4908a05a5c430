import { expect, test } from '@playwright/test';
import type { JournalEntry } from '../../../simulators/kit/journal/exchange.js';
import { verdictOf } from './automatedBatch.js';
import { observe, readLaunch } from './observation.js';
import { hm, progressOf } from './sessionLive.js';

const base: JournalEntry = { id: 1, side: 'inbound', fromParty: 'external', toParty: 'webcert', operation: 'CreateDraftCertificate', method: 'POST', url: '/services/x', startedAt: 0, durationMs: 3, outcome: 'ok', logicalAddress: 'U-1', personId: '191212121212', requestBody: '<typAvIntyg><code>LISJP</code></typAvIntyg>' };

test('an observation matches on every given field: side, parties, operation, outcome, unit, patient, body, attempt', () => {
  const expectation = { side: 'inbound' as const, toParty: 'webcert', operation: '^CreateDraftCertificate$', outcomes: ['ok' as const], logicalAddress: 'U-1', personId: '19121212-1212', requestContains: '>LISJP<' };
  const others: JournalEntry[] = [
    { ...base, id: 2, outcome: 'error' },
    { ...base, id: 3, logicalAddress: 'U-2' },
    { ...base, id: 4, requestBody: '<code>LUSE</code>' },
    { ...base, id: 5, side: 'outbound' },
    { ...base, id: 6, operation: 'CreateDraftCertificateX' },
  ];
  const [status] = observe([{ description: 'utkast', traffic: expectation }], [base, ...others]);
  expect(status!.seen.map((e) => e.id)).toEqual([1]);
  const resend = observe([{ description: 'omsändning OK', traffic: { operation: '^CertificateStatusUpdateForCare$', outcomes: ['ok'], minAttempt: 2 } }], [
    { ...base, id: 7, operation: 'CertificateStatusUpdateForCare', attempt: 1 },
    { ...base, id: 8, operation: 'CertificateStatusUpdateForCare', attempt: 2, outcome: 'error' },
    { ...base, id: 9, operation: 'CertificateStatusUpdateForCare', attempt: 3 },
  ]);
  expect(resend[0]!.seen.map((e) => e.id)).toEqual([9]);
  expect(observe([{ description: 'en person', person: true }], [base])[0]).toMatchObject({ person: true, seen: [] });
});

test('a launch is read as Webcert reads it: parameters from the form, none in the address, enhet, a UUID launchId', () => {
  const good = readLaunch({ ...base, operation: 'POST /visa/intyg/abc', url: '/visa/intyg/abc', requestBody: 'enhet=U-1&ref=vk-1&launchId=0b9f7a8e-7c55-4c1b-9a35-2f1d5b6c7d8e' });
  expect(good).toEqual({ parameters: { enhet: 'U-1', ref: 'vk-1', launchId: '0b9f7a8e-7c55-4c1b-9a35-2f1d5b6c7d8e' }, problems: [] });
  const bad = readLaunch({ ...base, operation: 'POST /visa/intyg/abc', url: '/visa/intyg/abc?enhet=U-1', requestBody: 'launchId=42' });
  expect(bad.problems).toEqual(['parametrar i adressen (?enhet=U-1): Webcert svarar missing-parameter', 'enhet saknas: en användare med flera uppdrag får välja enhet', 'launchId "42" är inget UUID']);
});

test('a case passes only when every test passed; a skip is never a pass; no test at all is an error', () => {
  expect(verdictOf([{ status: 'passed', title: 'a' }, { status: 'passed', title: 'b' }])).toMatchObject({ outcome: 'passed', comment: '2 godkända, 0 underkända, 0 överhoppade av 2 tester' });
  expect(verdictOf([{ status: 'passed', title: 'a' }, { status: 'skipped', title: 'b' }]).outcome).toBe('skipped');
  expect(verdictOf([{ status: 'passed', title: 'a' }, { status: 'timedOut', title: 'b', error: 'Timeout 60000ms\nat x' }])).toMatchObject({ outcome: 'failed', comment: '1 godkända, 1 underkända, 0 överhoppade av 2 tester. Först underkänd: b – Timeout 60000ms' });
  expect(verdictOf([]).outcome).toBe('error');
});

test('the progress line says where the day stands', () => {
  const cases = [
    { id: 'a', position: 1, minutes: 10 },
    { id: 'b', position: 2, minutes: 5 },
    { id: 'c', position: 3, minutes: 95 },
  ] as never[];
  const results = [{ caseId: 'a', outcome: 'passed' }, { caseId: 'b', outcome: 'failed' }] as never[];
  const p = progressOf(cases, results, cases[2], 0, 47 * 60_000);
  expect(p.line).toBe('Steg 3 av 3 · plan 0:15 av 1:50 · 0:47 sedan start · 1 godkända, 1 underkända, 0 överhoppade');
  expect(hm(95)).toBe('1:35');
});
