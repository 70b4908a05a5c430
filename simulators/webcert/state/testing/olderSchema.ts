/**
 * Tests of the state file's migrations: turns a file of the current schema back into one of
 * schema 4, as a samverkan of that time wrote it (the signature inside the certificate's JSON, the envelope inside the status update's row).
 */
import type Database from 'better-sqlite3';

/** Rewrites an open state file of schema 5 as schema 4 (`user_version` 4). */
export function downgradeToSchema4(db: Database.Database): void {
  db.exec(`UPDATE certificate SET data = json_set(data, '$.signature', json_object('document', s.document, 'xml', s.xml, 'signerCertificatePem', s.signer_certificate_pem))
  FROM certificate_signature s WHERE s.seq = certificate.seq;
DROP TABLE certificate_signature;
ALTER TABLE notification ADD COLUMN envelope TEXT NOT NULL DEFAULT '';
UPDATE notification SET envelope = e.envelope FROM notification_envelope e WHERE e.seq = notification.seq;
DROP TABLE notification_envelope;`);
  db.pragma('user_version = 4');
}
