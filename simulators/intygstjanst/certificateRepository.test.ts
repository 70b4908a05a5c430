/**
 * Intygstjänsten's repository with a state file: memory keeps a bounded working set, the file
 * has every certificate, and a record an operation still holds stays the one every lookup gets.
 */
import { test, expect } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CertificateRepository, type StoredCertificate } from './certificateRepository.js';

let dir: string;
let seq = 0;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'samverkan-it-repo-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

function certificate(n: number, personId = '194011306125'): StoredCertificate {
  return {
    certificateId: `cert-${n}`, typeCode: 'DB', moduleId: 'db', typeVersion: '1.0', personId, unitHsaId: 'TSTNMT2321000156-ENHT',
    document: `<RegisterCertificate>${n}</RegisterCertificate>`, states: [{ state: 'RECEIVED', target: 'HSVARD', at: n }], revoked: false, relations: [],
  };
}

test('a working set of 2 holds at most 2 of 5 certificates; each is found by id and in the listings, changes reach the file, and a reopened file reads only what is asked for', () => {
  const file = join(dir, `repo-${++seq}.sqlite`);
  let repository = new CertificateRepository(file, { workingSet: 2 });
  for (let n = 1; n <= 5; n++) repository.add(certificate(n, n % 2 ? '194011306125' : '191212121212'));
  repository.add(certificate(1, '194011306125')); // as registerCertificate never does, but add replaces
  expect(repository.heldInMemory).toBe(2);
  for (let n = 1; n <= 5; n++) expect(repository.get(`cert-${n}`)?.document).toBe(`<RegisterCertificate>${n}</RegisterCertificate>`);
  expect(repository.get('cert-6')).toBeUndefined();
  expect(repository.heldInMemory).toBe(2);
  expect(repository.list().map((c) => c.certificateId)).toEqual(['cert-1', 'cert-2', 'cert-3', 'cert-4', 'cert-5']);
  expect(repository.list({ personId: '19121212-1212' }).map((c) => c.certificateId)).toEqual(['cert-2', 'cert-4']);
  expect(repository.count()).toBe(5);
  expect(repository.heldInMemory).toBe(2);

  const first = repository.get('cert-1')!;
  first.states.push({ state: 'SENT', target: 'SKV', at: 10 });
  repository.save(first);
  for (let n = 2; n <= 5; n++) repository.get(`cert-${n}`);
  expect(repository.sentTo(repository.get('cert-1')!)).toEqual(['SKV']);
  repository.close();

  repository = new CertificateRepository(file, { workingSet: 2 });
  expect(repository.heldInMemory).toBe(0);
  expect(repository.count()).toBe(5);
  expect(repository.list({ personId: '194011306125' }).map((c) => c.certificateId)).toEqual(['cert-1', 'cert-3', 'cert-5']);
  expect(repository.heldInMemory).toBe(0);
  expect(repository.get('cert-1')).toMatchObject({ states: [{ state: 'RECEIVED' }, { state: 'SENT', target: 'SKV' }] });
  expect(repository.heldInMemory).toBe(1);
  repository.close();
});

test('a certificate an operation holds is the record every lookup gets, also after the working set let it go, so two operations change one record', () => {
  const repository = new CertificateRepository(join(dir, `repo-${++seq}.sqlite`), { workingSet: 1 });
  repository.add(certificate(1));
  const sending = repository.get('cert-1')!; // a send waiting for the recipient's answer
  repository.add(certificate(2)); // cert-1 leaves the working set
  expect(repository.heldInMemory).toBe(1);
  const revoking = repository.get('cert-1')!;
  expect(revoking).toBe(sending);
  expect(repository.list()[0]).toBe(sending);
  sending.states.push({ state: 'SENT', target: 'SKV', at: 10 });
  repository.save(sending);
  revoking.revoked = true;
  revoking.states.push({ state: 'CANCELLED', target: 'HSVARD', at: 11 });
  repository.save(revoking);
  repository.get('cert-2');
  expect(repository.list()[0]).toMatchObject({ revoked: true, states: [{ state: 'RECEIVED' }, { state: 'SENT' }, { state: 'CANCELLED' }] });
  repository.close();
});

test('without a file every certificate stays in memory, as the scenarios have it', () => {
  const repository = new CertificateRepository(undefined, { workingSet: 2 });
  const five = [1, 2, 3, 4, 5].map((n) => certificate(n));
  for (const c of five) repository.add(c);
  expect(repository.heldInMemory).toBe(5);
  expect(repository.get('cert-1')).toBe(five[0]);
  expect(repository.list()).toEqual(five);
  expect(repository.count()).toBe(5);
  repository.close();
});
