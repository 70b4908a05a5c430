import type { SickLeaveFacts } from './sickleave/sickLeaveCertificates.js';
import { CertificateFile } from './certificateFile.js';

/**
 * The certificates Intygstjänsten holds: each as registered (the RegisterCertificate document it
 * forwards to recipients), with its state history (RECEIVED, SENT to a recipient, CANCELLED),
 * as the CERTIFICATE and CERTIFICATE_STATE tables keep them.
 */

/** One state change (Intygstjänsten's CertificateStateHistoryEntry). */
export interface CertificateStateEntry {
  state: 'RECEIVED' | 'SENT' | 'CANCELLED';
  /** Recipient id (KV part), e.g. `SKV`; HSVARD for the care side's own events. */
  target: string;
  /** Virtual time. */
  at: number;
}

/** A certificate held by Intygstjänsten. */
export interface StoredCertificate {
  certificateId: string;
  typeCode: string;
  moduleId: string;
  typeVersion: string;
  /** 12 digits, no dash. */
  personId: string;
  unitHsaId: string;
  careProviderHsaId?: string;
  /** Who signed, as the certificate in the signature's KeyInfo names the signer. */
  signerSubject?: string;
  /** The RegisterCertificate element as received, standalone: what is forwarded to recipients. */
  document: string;
  states: CertificateStateEntry[];
  revoked: boolean;
  /** `signeringstidpunkt` as written. */
  signingTime?: string;
  /** Its `intyg/relation`s (the RELATION table): this one renews, replaces … that one. */
  relations: { code: string; certificateId: string }[];
  /** For a sick-leave type (LISJP): what Rehabstöd reads (the SJUKFALL_CERT row). */
  sickLeave?: SickLeaveFacts;
}

/**
 * What Intygstjänsten holds. In memory by default; with a file (its database, which the real one
 * has in MySQL) every change is written through before the operation answers, so a restart finds
 * what it acknowledged (certificateFile.ts).
 */
export class CertificateRepository {
  private readonly certificates = new Map<string, StoredCertificate>();
  private readonly file?: CertificateFile;

  /** @param file a SQLite file to keep the certificates in, or undefined / `':memory:'` for none. */
  constructor(file?: string) {
    if (file !== undefined && file !== ':memory:') {
      this.file = CertificateFile.open(file);
      for (const c of this.file.all()) this.certificates.set(c.certificateId, c);
    }
  }

  get(certificateId: string): StoredCertificate | undefined {
    return this.certificates.get(certificateId);
  }

  add(certificate: StoredCertificate): void {
    this.certificates.set(certificate.certificateId, certificate);
    this.file?.write(certificate);
  }

  /** Stores a certificate changed in place (a new state, revoked): call it before answering. */
  save(certificate: StoredCertificate): void {
    this.file?.write(certificate);
  }

  /** Every certificate, oldest first, optionally for one patient (digits compared). */
  list(filter: { personId?: string } = {}): StoredCertificate[] {
    const pid = filter.personId?.replace(/\D/g, '');
    return [...this.certificates.values()].filter((c) => pid === undefined || c.personId === pid);
  }

  /** Recipients the certificate was sent to (distinct, in order). */
  sentTo(certificate: StoredCertificate): string[] {
    return [...new Set(certificate.states.filter((s) => s.state === 'SENT').map((s) => s.target))];
  }

  /** Closes the file, if any. */
  close(): void {
    this.file?.close();
  }
}
