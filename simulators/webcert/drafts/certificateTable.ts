/**
 * Certificates in the state file: one row each, the certificate as JSON plus the columns the
 * lookups need (patient, type, care provider, unit, status, the certificate it was made from),
 * indexed, so finding a patient's earlier drafts or a certificate's renewals and replacements
 * costs the same with 20 or 200,000 certificates stored.
 *
 * The signature (the signed RegisterCertificate, the `ds:Signature` and the signer's certificate,
 * about 11 kB of a signed certificate's 12.7) never changes once made, so it is a row of its own
 * (`certificate_signature`, keyed by the certificate's `seq`), written once, in the change that
 * first stores it; every later change (send, revoke, questions) rewrites only the small JSON
 * without it (docs/decisions/0039).
 */
import type Database from 'better-sqlite3';
import type { Certificate, CertificateStatus } from '../model/certificate.js';
import type { WebcertState } from '../state/webcertState.js';

/** What to look for; every field given must match. */
export interface CertificateFilter {
  /** Personnummer or samordningsnummer; non-digits are ignored. */
  personId?: string;
  typeCode?: string;
  /** HSA-ID of the care provider (vårdgivare) of the unit the draft was created on. */
  careProviderId?: string;
  /** Any care provider but this one. */
  otherCareProviderThan?: string;
  /** HSA-IDs of units; any of them. */
  unitIds?: string[];
  /** Only these statuses. */
  statuses?: CertificateStatus[];
  /** Not these statuses (e.g. `['DELETED']`). */
  excludeStatuses?: CertificateStatus[];
  /** Only drafts and certificates made from this one (its `relation.certificateId`). */
  parentId?: string;
  /** Only the certificate holding the question or answer with this meddelande-id (not indexed: a scan). */
  questionId?: string;
}

/** Order and page of a listing. */
export interface CertificatePage {
  /** Default oldest first (creation order). */
  order?: 'oldest-first' | 'newest-first';
  /** At most this many. */
  limit?: number;
  /** Only those after this certificate id in the chosen order (a cursor). */
  after?: string;
}

type Params = Record<string, string | number | null>;

type Signature = NonNullable<Certificate['signature']>;

/** A certificate's row with its signature's columns (null for a draft). */
interface CertificateRow {
  id: string;
  data: string;
  document: string | null;
  xml: string | null;
  pem: string | null;
}

/** The certificate's columns with its signature's, the signature's row found by the certificate's seq. */
const SELECT_ROW = 'SELECT c.id, c.data, s.document, s.xml, s.signer_certificate_pem AS pem FROM certificate c LEFT JOIN certificate_signature s ON s.seq = c.seq';

/** The certificate as its JSON column holds it: everything but the signature. */
function dataOf(c: Certificate): string {
  if (c.signature === undefined) return JSON.stringify(c);
  const { signature: _signature, ...rest } = c;
  return JSON.stringify(rest);
}

/** Row access for the certificate table. */
export class CertificateTable {
  private readonly db: Database.Database;
  private readonly insertStmt: Database.Statement<[Params]>;
  private readonly updateStmt: Database.Statement<[Params]>;
  private readonly signatureStmt: Database.Statement<[Params]>;
  private readonly byIdStmt: Database.Statement<[string], CertificateRow>;
  private readonly seqOfStmt: Database.Statement<[string], number>;
  private readonly cache = new Map<string, Database.Statement>();
  /** Signatures known to have their row: read from it or written by a change (see {@link forget}). */
  private storedSignatures = new WeakSet<Signature>();

  constructor(state: WebcertState) {
    this.db = state.db;
    // A batch that could not be committed may have held a signature's first write.
    state.onLost(() => (this.storedSignatures = new WeakSet()));
    this.insertStmt = this.db.prepare<[Params]>(
      'INSERT INTO certificate (id, person_id, type_code, care_provider_id, unit_id, status, created_at, data, parent_id) VALUES (@id, @personId, @typeCode, @careProviderId, @unitId, @status, @createdAt, @data, @parentId)',
    );
    this.updateStmt = this.db.prepare<[Params]>('UPDATE certificate SET status = @status, data = @data WHERE id = @id');
    this.signatureStmt = this.db.prepare<[Params]>(
      'INSERT OR REPLACE INTO certificate_signature (seq, document, xml, signer_certificate_pem) SELECT seq, @document, @xml, @pem FROM certificate WHERE id = @id',
    );
    this.byIdStmt = this.db.prepare<[string], CertificateRow>(`${SELECT_ROW} WHERE c.id = ?`);
    this.seqOfStmt = this.db.prepare<[string], number>('SELECT seq FROM certificate WHERE id = ?').pluck();
  }

  insert(c: Certificate): void {
    this.insertStmt.run({
      parentId: c.relation?.certificateId ?? null,
      id: c.id,
      personId: c.patient.personId,
      typeCode: c.typeCode,
      careProviderId: c.unit.careProvider.hsaId,
      unitId: c.unit.hsaId,
      status: c.status,
      createdAt: c.createdAt,
      data: dataOf(c),
    });
    this.storeSignature(c);
  }

  /**
   * Writes the certificate's current state (status and JSON; id, patient, type, unit and relation
   * never change), and its signature when this is the first change that has it.
   */
  update(c: Certificate): void {
    this.updateStmt.run({ id: c.id, status: c.status, data: dataOf(c) });
    this.storeSignature(c);
  }

  /**
   * The change that wrote `c` was rolled back: its signature, if it was new, is not stored, so the
   * next change that has it writes it.
   */
  forget(c: Certificate): void {
    if (c.signature) this.storedSignatures.delete(c.signature);
  }

  get(id: string): Certificate | undefined {
    const row = this.byIdStmt.get(id);
    return row === undefined ? undefined : this.certificateOf(row);
  }

  /** The certificate a row holds, with its signature. */
  certificateOf(row: CertificateRow): Certificate {
    const c = JSON.parse(row.data) as Certificate;
    if (row.document !== null && row.xml !== null && row.pem !== null) {
      c.signature = { document: row.document, xml: row.xml, signerCertificatePem: row.pem };
      this.storedSignatures.add(c.signature);
    }
    return c;
  }

  /** The matching certificates' rows (the caller decides which copy to hand out, see {@link certificateOf}). */
  rows(filter: CertificateFilter, page: CertificatePage = {}): CertificateRow[] {
    const { where, params } = this.where(filter);
    const newest = page.order === 'newest-first';
    if (page.after !== undefined) {
      const seq = this.seqOfStmt.get(page.after);
      if (seq === undefined) throw new Error(`no certificate ${page.after} to list after; start again without the cursor`);
      where.push(newest ? 'c.seq < @afterSeq' : 'c.seq > @afterSeq');
      params.afterSeq = seq;
    }
    if (page.limit !== undefined) params.limit = page.limit;
    const sql = `${SELECT_ROW}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY c.seq ${newest ? 'DESC' : 'ASC'}${page.limit !== undefined ? ' LIMIT @limit' : ''}`;
    return this.statement(sql).all(params) as CertificateRow[];
  }

  count(filter: CertificateFilter): number {
    const { where, params } = this.where(filter);
    return this.statement(`SELECT COUNT(*) FROM certificate${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`).pluck().get(params) as number;
  }

  private where(filter: CertificateFilter): { where: string[]; params: Params } {
    const where: string[] = [];
    const params: Params = {};
    if (filter.personId !== undefined) {
      where.push('person_id = @personId');
      params.personId = filter.personId.replace(/\D/g, '');
    }
    if (filter.typeCode !== undefined) {
      where.push('type_code = @typeCode');
      params.typeCode = filter.typeCode;
    }
    if (filter.careProviderId !== undefined) {
      where.push('care_provider_id = @careProviderId');
      params.careProviderId = filter.careProviderId;
    }
    if (filter.parentId !== undefined) {
      where.push('parent_id = @parentId');
      params.parentId = filter.parentId;
    }
    if (filter.questionId !== undefined) {
      where.push("EXISTS (SELECT 1 FROM json_each(data, '$.arenden') WHERE json_extract(value, '$.meddelandeId') = @questionId)");
      params.questionId = filter.questionId;
    }
    if (filter.otherCareProviderThan !== undefined) {
      where.push('care_provider_id <> @otherCareProviderThan');
      params.otherCareProviderThan = filter.otherCareProviderThan;
    }
    const list = (column: string, name: string, values: string[], not = false) => {
      values.forEach((v, i) => (params[`${name}${i}`] = v));
      where.push(values.length === 0 ? (not ? '1' : '0') : `${column} ${not ? 'NOT IN' : 'IN'} (${values.map((_, i) => `@${name}${i}`).join(', ')})`);
    };
    if (filter.unitIds !== undefined) list('unit_id', 'unit', filter.unitIds);
    if (filter.statuses !== undefined) list('status', 'status', filter.statuses);
    if (filter.excludeStatuses !== undefined) list('status', 'notStatus', filter.excludeStatuses, true);
    return { where, params };
  }

  private storeSignature(c: Certificate): void {
    const signature = c.signature;
    if (signature === undefined || this.storedSignatures.has(signature)) return;
    this.signatureStmt.run({ id: c.id, document: signature.document, xml: signature.xml, pem: signature.signerCertificatePem });
    this.storedSignatures.add(signature);
  }

  /** Prepared statements by SQL text (a filter has few shapes, so this stays small). */
  private statement(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      if (this.cache.size < 256) this.cache.set(sql, s);
    }
    return s;
  }
}
