import type { SickLeaveFacts } from './sickleave/sickLeaveCertificates.js';
import { LruCache } from '../kit/cache/lruCache.js';
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

/** How many certificates are kept in memory, with a file, by default. */
export const DEFAULT_CERTIFICATES_IN_MEMORY = 2_000;

/**
 * What Intygstjänsten holds. In memory by default; with a file (its database, which the real one
 * has in MySQL) every change is written through before the operation answers, so a restart finds
 * what it acknowledged (certificateFile.ts), and the file is the truth: memory keeps only the
 * most recently used certificates (a bounded working set), and the rest are read from the file
 * when asked for. A certificate an operation still holds (waiting for a recipient's answer) is
 * the one every other lookup gets, evicted or not, so two operations on it change one record.
 */
export class CertificateRepository {
  /** Without a file: every certificate, in the order stored. */
  private readonly certificates = new Map<string, StoredCertificate>();
  private readonly file?: CertificateFile;
  /** With a file: the working set. */
  private readonly recent?: LruCache<string, StoredCertificate>;
  /** With a file: certificates read or written, as long as something still references them. */
  private readonly live = new Map<string, WeakRef<StoredCertificate>>();
  private readonly collected = new FinalizationRegistry<string>((id) => {
    if (this.live.get(id)?.deref() === undefined) this.live.delete(id);
  });

  /**
   * @param file a SQLite file to keep the certificates in, or undefined / `':memory:'` for none.
   * @param options.workingSet with a file, how many certificates memory keeps at most (the most
   *   recently used); default {@link DEFAULT_CERTIFICATES_IN_MEMORY}. Without a file all are kept.
   */
  constructor(file?: string, options: { workingSet?: number } = {}) {
    if (file !== undefined && file !== ':memory:') {
      this.recent = new LruCache(options.workingSet ?? DEFAULT_CERTIFICATES_IN_MEMORY);
      this.file = CertificateFile.open(file);
    }
  }

  get(certificateId: string): StoredCertificate | undefined {
    if (!this.file || !this.recent) return this.certificates.get(certificateId);
    const held = this.recent.get(certificateId) ?? this.live.get(certificateId)?.deref() ?? this.file.get(certificateId);
    if (held) this.hold(held);
    return held;
  }

  add(certificate: StoredCertificate): void {
    if (this.file) {
      this.file.write(certificate);
      this.hold(certificate);
    } else {
      this.certificates.set(certificate.certificateId, certificate);
    }
  }

  /** Stores a certificate changed in place (a new state, revoked): call it before answering. */
  save(certificate: StoredCertificate): void {
    if (!this.file) return;
    this.file.write(certificate);
    this.hold(certificate);
  }

  /**
   * Every certificate, oldest first, optionally for one patient (digits compared). With a file
   * they are read from it and not kept in memory; one an operation holds is that same record.
   */
  list(filter: { personId?: string } = {}): StoredCertificate[] {
    const pid = filter.personId?.replace(/\D/g, '');
    if (!this.file) return [...this.certificates.values()].filter((c) => pid === undefined || c.personId === pid);
    return this.file.list(pid).map((row) => this.recent?.peek(row.certificateId) ?? this.live.get(row.certificateId)?.deref() ?? row);
  }

  /** How many certificates it holds (in memory or in its file). */
  count(): number {
    return this.file ? this.file.count() : this.certificates.size;
  }

  /** How many certificates memory keeps: with a file at most the working set, without one all. */
  get heldInMemory(): number {
    return this.recent ? this.recent.size : this.certificates.size;
  }

  /** Recipients the certificate was sent to (distinct, in order). */
  sentTo(certificate: StoredCertificate): string[] {
    return [...new Set(certificate.states.filter((s) => s.state === 'SENT').map((s) => s.target))];
  }

  /** Closes the file, if any. */
  close(): void {
    this.file?.close();
  }

  /** Makes the certificate the most recently used, and the record every lookup gets while it lives. */
  private hold(certificate: StoredCertificate): void {
    const id = certificate.certificateId;
    this.recent?.set(id, certificate);
    if (this.live.get(id)?.deref() !== certificate) {
      this.live.set(id, new WeakRef(certificate));
      this.collected.register(certificate, id);
    }
  }
}
