/**
 * Intygstjänsten's certificates in a SQLite file: one row per certificate, the whole record as
 * JSON (documents, states, relations). Each write is its own commit, in WAL mode with
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

/** Schema version of Intygstjänsten's file (SQLite `user_version`). */
export const INTYGSTJANST_FILE_SCHEMA_VERSION = 1;

export class CertificateFile {
  private readonly upsert: Database.Statement<[string, string, string]>;
  private readonly byId: Database.Statement<[string], string>;
  private readonly byPerson: Database.Statement<[string], string>;
  private readonly everything: Database.Statement<[], string>;
  private readonly counted: Database.Statement<[], number>;

  private constructor(
    readonly path: string,
    private readonly db: Database.Database,
  ) {
    this.upsert = db.prepare('INSERT INTO certificate (id, person_id, data) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data');
    this.byId = db.prepare<[string], string>('SELECT data FROM certificate WHERE id = ?').pluck();
    this.byPerson = db.prepare<[string], string>('SELECT data FROM certificate WHERE person_id = ? ORDER BY seq').pluck();
    this.everything = db.prepare<[], string>('SELECT data FROM certificate ORDER BY seq').pluck();
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
        db.exec('CREATE TABLE certificate (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, person_id TEXT NOT NULL, data TEXT NOT NULL)');
        db.pragma(`user_version = ${INTYGSTJANST_FILE_SCHEMA_VERSION}`);
      } else if (version !== INTYGSTJANST_FILE_SCHEMA_VERSION || !tables.includes('certificate')) {
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
    const data = this.byId.get(certificateId);
    return data === undefined ? undefined : (JSON.parse(data) as StoredCertificate);
  }

  /** Every certificate, or one patient's (12 digits), in the order first stored. */
  list(personId?: string): StoredCertificate[] {
    const rows = personId === undefined ? this.everything.all() : this.byPerson.all(personId);
    return rows.map((data) => JSON.parse(data) as StoredCertificate);
  }

  /** How many certificates the file holds. */
  count(): number {
    return this.counted.get() ?? 0;
  }

  /** Writes the certificate (inserted, or replaced as it is now); committed when this returns. */
  write(certificate: StoredCertificate): void {
    this.upsert.run(certificate.certificateId, certificate.personId, JSON.stringify(certificate));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
