/**
 * Intygstjänsten's certificates in a SQLite file: one row per certificate, the record as JSON
 * (states, relations), and the RegisterCertificate document as received in a row of its own
 * (`certificate_document`, by the certificate's seq), written once: a change of state rewrites
 * only the small JSON (schema 2, docs/decisions/0039). Each write is its own commit, in WAL mode with
 * synchronous=NORMAL, so once it returns a SIGKILL cannot lose it; the repository writes before
 * the operation answers. Schema version in `user_version`; another version or another kind of
 * file is refused by name. Read by id (its unique key) or by patient (indexed), so the repository
 * need hold only a working set in memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { useDurableFile } from '../kit/sqlite/durableFile.js';
import type { StoredCertificate } from './certificateRepository.js';

/**
 * Schema version of Intygstjänsten's file (SQLite `user_version`). A file of schema 1 (the
 * document inside the JSON, rewritten with every change) is brought up to date when opened.
 */
export const INTYGSTJANST_FILE_SCHEMA_VERSION = 2;

const DOCUMENT_TABLE_SQL = 'CREATE TABLE certificate_document (seq INTEGER PRIMARY KEY, document TEXT NOT NULL)';

/** Schema 1 to 2: the document out of the JSON into its row. */
const MIGRATION_1_SQL = `${DOCUMENT_TABLE_SQL};
INSERT INTO certificate_document (seq, document) SELECT seq, json_extract(data, '$.document') FROM certificate;
UPDATE certificate SET data = json_remove(data, '$.document');`;

/** A certificate's columns with its document's. */
const SELECT_ROW = 'SELECT c.data, d.document FROM certificate c JOIN certificate_document d ON d.seq = c.seq';

interface Row {
  data: string;
  document: string;
}

export class CertificateFile {
  private readonly upsert: Database.Statement<[string, string, string]>;
  private readonly upsertSeq: Database.Statement<[string, string, string], number>;
  private readonly putDocument: Database.Statement<[number, string]>;
  private readonly byId: Database.Statement<[string], Row>;
  private readonly byPerson: Database.Statement<[string], Row>;
  private readonly everything: Database.Statement<[], Row>;
  private readonly counted: Database.Statement<[], number>;
  /** Records whose document is in the file: read from it, or written (the document never changes). */
  private readonly documented = new WeakSet<StoredCertificate>();

  private constructor(
    readonly path: string,
    private readonly db: Database.Database,
  ) {
    const upsert = 'INSERT INTO certificate (id, person_id, data) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data';
    this.upsert = db.prepare(upsert);
    this.upsertSeq = db.prepare<[string, string, string], number>(`${upsert} RETURNING seq`).pluck();
    this.putDocument = db.prepare<[number, string]>('INSERT OR REPLACE INTO certificate_document (seq, document) VALUES (?, ?)');
    this.byId = db.prepare<[string], Row>(`${SELECT_ROW} WHERE c.id = ?`);
    this.byPerson = db.prepare<[string], Row>(`${SELECT_ROW} WHERE c.person_id = ? ORDER BY c.seq`);
    this.everything = db.prepare<[], Row>(`${SELECT_ROW} ORDER BY c.seq`);
    this.counted = db.prepare<[], number>('SELECT count(*) FROM certificate').pluck();
  }

  /**
   * Opens (creating when missing) the file.
   * @throws Error naming the file when it cannot be opened, is not Intygstjänsten's, or has another schema version.
   */
  static open(file: string): CertificateFile {
    let db: Database.Database;
    try {
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      db = new Database(file);
    } catch (error) {
      throw new Error(`Cannot open Intygstjänsten's state file ${file}: ${messageOf(error)}. Check that its folder is writable, or name another file.`, { cause: error });
    }
    try {
      useDurableFile(db);
      const version = db.pragma('user_version', { simple: true }) as number;
      const tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all();
      if (tables.length === 0 && version === 0) {
        // No AUTOINCREMENT (schema 1 had it): no row is deleted, so the numbers are the same without a sqlite_sequence write per insert.
        db.transaction(() => {
          db.exec(`CREATE TABLE certificate (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, person_id TEXT NOT NULL, data TEXT NOT NULL); ${DOCUMENT_TABLE_SQL}`);
          db.pragma(`user_version = ${INTYGSTJANST_FILE_SCHEMA_VERSION}`);
        })();
      } else if (version === 1 && tables.includes('certificate')) {
        db.transaction(() => {
          db.exec(MIGRATION_1_SQL);
          db.pragma(`user_version = ${INTYGSTJANST_FILE_SCHEMA_VERSION}`);
        })();
      } else if (version !== INTYGSTJANST_FILE_SCHEMA_VERSION || !tables.includes('certificate') || !tables.includes('certificate_document')) {
        throw new Error(`it is not an Intygstjänsten state file of schema ${INTYGSTJANST_FILE_SCHEMA_VERSION} (schema ${version}, tables: ${tables.join(', ') || 'none'}); delete it or name another file`);
      }
      // Added without a new schema version: an index changes no row, and a file without it gains it here.
      db.exec('CREATE INDEX IF NOT EXISTS certificate_person ON certificate (person_id)');
      return new CertificateFile(file, db);
    } catch (error) {
      db.close();
      throw new Error(`Cannot open Intygstjänsten's state file ${file}: ${messageOf(error)}`, { cause: error });
    }
  }

  /** The certificate as last written, or undefined when the file has none by that id. */
  get(certificateId: string): StoredCertificate | undefined {
    const row = this.byId.get(certificateId);
    return row === undefined ? undefined : this.recordOf(row);
  }

  /** Every certificate, or one patient's (12 digits), in the order first stored. */
  list(personId?: string): StoredCertificate[] {
    const rows = personId === undefined ? this.everything.all() : this.byPerson.all(personId);
    return rows.map((row) => this.recordOf(row));
  }

  /** How many certificates the file holds. */
  count(): number {
    return this.counted.get() ?? 0;
  }

  /**
   * Writes the certificate (inserted, or replaced as it is now); committed when this returns. The
   * document is written with the record's first write only.
   */
  write(certificate: StoredCertificate): void {
    const { document, ...rest } = certificate;
    const data = JSON.stringify(rest);
    if (this.documented.has(certificate)) {
      this.upsert.run(certificate.certificateId, certificate.personId, data);
      return;
    }
    this.db.transaction(() => {
      const seq = this.upsertSeq.get(certificate.certificateId, certificate.personId, data)!;
      this.putDocument.run(seq, document);
    })();
    this.documented.add(certificate);
  }

  private recordOf(row: Row): StoredCertificate {
    const record = JSON.parse(row.data) as StoredCertificate;
    record.document = row.document;
    this.documented.add(record);
    return record;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
