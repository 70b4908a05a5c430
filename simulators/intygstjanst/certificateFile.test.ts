/**
 * Intygstjänsten's certificate file: the document as received is a row of its own, written once
 * (schema 2, docs/decisions/0039); a schema-1 file is brought up to date; another kind is refused.
 */
import { test, expect } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CertificateFile, INTYGSTJANST_FILE_SCHEMA_VERSION } from './certificateFile.js';
import type { StoredCertificate } from './certificateRepository.js';

let dir: string;
let seq = 0;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'samverkan-it-file-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

function certificate(n: number): StoredCertificate {
  return {
    certificateId: `cert-${n}`, typeCode: 'LISJP', moduleId: 'lisjp', typeVersion: '1.3', personId: '191212121212', unitHsaId: 'TSTNMT2321000156-ENHT',
    document: `<RegisterCertificate n="${n}">${'d'.repeat(6_000)}</RegisterCertificate>`, states: [{ state: 'RECEIVED', target: 'HSVARD', at: n }], revoked: false, relations: [],
  };
}

test('the document is written once: a new state rewrites only the small JSON, and a reopened file reads the whole record', () => {
  const file = join(dir, `it-${++seq}.sqlite`);
  const it = CertificateFile.open(file);
  // Counts the document rows written, on the file's own connection (a temporary trigger is the connection's).
  const own = it['db'];
  own.exec(`CREATE TEMP TABLE document_writes (seq INTEGER);
CREATE TEMP TRIGGER document_written AFTER INSERT ON main.certificate_document BEGIN INSERT INTO document_writes VALUES (new.seq); END;`);
  const c = certificate(1);
  it.write(c);
  c.states.push({ state: 'SENT', target: 'FKASSA', at: 2 });
  it.write(c);
  c.revoked = true;
  it.write(c);
  expect(own.prepare('SELECT count(*) FROM document_writes').pluck().get()).toBe(1);
  const raw = new Database(file, { readonly: true });
  const data = raw.prepare('SELECT data FROM certificate').pluck().get() as string;
  expect(data).not.toContain('RegisterCertificate');
  expect(data.length).toBeLessThan(1_000);
  raw.close();

  const again = CertificateFile.open(file);
  expect(again.get(c.certificateId)).toEqual(c);
  expect(again.list('191212121212')).toEqual([c]);
  it.close();
  again.close();
});

test('a record read back and changed keeps its document; a new record of the same id replaces it', () => {
  const file = join(dir, `it-${++seq}.sqlite`);
  const it = CertificateFile.open(file);
  it.write(certificate(2));
  const read = it.get('cert-2')!;
  read.states.push({ state: 'SENT', target: 'FKASSA', at: 3 });
  it.write(read);
  expect(CertificateFile.open(file).get('cert-2')).toEqual(read);
  const replacement = { ...certificate(2), document: '<RegisterCertificate>new</RegisterCertificate>' };
  it.write(replacement);
  expect(CertificateFile.open(file).get('cert-2')?.document).toBe('<RegisterCertificate>new</RegisterCertificate>');
  it.close();
});

test('a schema-1 file, the document inside the JSON, is brought up to date; a file of another schema is refused', () => {
  const file = join(dir, `it-${++seq}.sqlite`);
  const c = certificate(3);
  const v1 = new Database(file);
  v1.exec('CREATE TABLE certificate (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, person_id TEXT NOT NULL, data TEXT NOT NULL)');
  v1.prepare('INSERT INTO certificate (id, person_id, data) VALUES (?, ?, ?)').run(c.certificateId, c.personId, JSON.stringify(c));
  v1.pragma('user_version = 1');
  v1.close();
  const it = CertificateFile.open(file);
  expect(it.get(c.certificateId)).toEqual(c);
  it.close();
  const raw = new Database(file);
  expect(raw.pragma('user_version', { simple: true })).toBe(INTYGSTJANST_FILE_SCHEMA_VERSION);
  expect(raw.prepare('SELECT data FROM certificate').pluck().get()).not.toContain('RegisterCertificate');
  raw.pragma('user_version = 7');
  raw.close();
  expect(() => CertificateFile.open(file)).toThrow(`it is not an Intygstjänsten state file of schema ${INTYGSTJANST_FILE_SCHEMA_VERSION} (schema 7, tables: certificate, certificate_document)`);
});
