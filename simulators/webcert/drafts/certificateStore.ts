/**
 * The Webcert simulator's drafts and certificates, and the actions a user takes on them in
 * Webcert (save, mark ready to sign, sign, send, revoke, delete). Each action checks the state as
 * Webcert does and reports the event (handelse) it causes.
 */
import type { Clock } from '../../kit/clock/virtualClock.js';
import type { Certificate, Svar } from '../model/certificate.js';

/** Event codes a certificate action causes (kv_handelsekod). */
export type CertificateEventCode = 'SKAPAT' | 'ANDRAT' | 'KFSIGN' | 'SIGNAT' | 'SKICKA' | 'RADERA' | 'MAKULE';

/** Why an action was refused, with Webcert's error code. */
export class CertificateActionError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'INVALID_STATE' | 'CONCURRENT_MODIFICATION',
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'CertificateActionError';
  }
}

/** Told about every event an action causes; `handledBy` is the acting user's HSA-ID. */
export type CertificateEventListener = (certificate: Certificate, eventCode: CertificateEventCode, handledBy?: string) => void;

/** What it takes to create a draft. */
export type NewDraft = Pick<Certificate, 'id' | 'typeCode' | 'typeVersion' | 'unit' | 'issuedBy' | 'patient' | 'ref'> & {
  answers?: Svar[];
  /** Whether the answers make the draft complete (default: any answer at all). */
  complete?: boolean;
};

const DRAFT = ['DRAFT_INCOMPLETE', 'DRAFT_COMPLETE'];

/** Drafts and certificates of one Webcert simulator. */
export class CertificateStore {
  private readonly certificates = new Map<string, Certificate>();

  constructor(
    private readonly clock: Clock,
    private readonly onEvent: CertificateEventListener,
  ) {}

  /** Creates a draft and reports SKAPAT. */
  create(newDraft: NewDraft): Certificate {
    const { complete, ...draft } = newDraft;
    const answers = draft.answers ?? [];
    const certificate: Certificate = {
      ...draft,
      answers,
      status: (complete ?? answers.length > 0) ? 'DRAFT_COMPLETE' : 'DRAFT_INCOMPLETE',
      createdAt: this.clock.now(),
      version: 0,
    };
    this.certificates.set(certificate.id, certificate);
    this.onEvent(certificate, 'SKAPAT', draft.issuedBy.hsaId);
    return certificate;
  }

  get(id: string): Certificate | undefined {
    return this.certificates.get(id);
  }

  /** @throws {CertificateActionError} NOT_FOUND */
  require(id: string): Certificate {
    const certificate = this.certificates.get(id);
    if (!certificate) throw new CertificateActionError('NOT_FOUND', `no draft or certificate with id ${id}`);
    return certificate;
  }

  /** Every certificate, oldest first, optionally for one patient (digits compared). */
  list(filter: { personId?: string; typeCode?: string } = {}): Certificate[] {
    const pid = filter.personId?.replace(/\D/g, '');
    return [...this.certificates.values()].filter(
      (c) => (pid === undefined || c.patient.personId === pid) && (filter.typeCode === undefined || c.typeCode === filter.typeCode),
    );
  }

  /**
   * Saves the draft (autosave in Webcert): new answers, version bump, ANDRAT. `complete` says
   * whether every required answer is there (default: any answer at all).
   */
  save(id: string, answers?: Svar[], options: { by?: string; expectedVersion?: number; complete?: boolean } = {}): Certificate {
    const c = this.requireState(id, DRAFT, 'saved');
    if (options.expectedVersion !== undefined && options.expectedVersion !== c.version) {
      throw new CertificateActionError('CONCURRENT_MODIFICATION', `draft ${id} is at version ${c.version}, not ${options.expectedVersion}; reload it and save again`);
    }
    if (answers) c.answers = answers;
    c.status = (options.complete ?? c.answers.length > 0) ? 'DRAFT_COMPLETE' : 'DRAFT_INCOMPLETE';
    c.version++;
    this.onEvent(c, 'ANDRAT', options.by);
    return c;
  }

  /** "Markera klar för signering": KFSIGN. */
  markReadyToSign(id: string, by?: string): Certificate {
    const c = this.requireState(id, DRAFT, 'marked ready to sign');
    this.onEvent(c, 'KFSIGN', by);
    return c;
  }

  /** Marks a complete draft signed (the signature itself is made by the signing part): SIGNAT. */
  sign(id: string, by?: string, signedAt = this.clock.now()): Certificate {
    const c = this.requireState(id, ['DRAFT_COMPLETE'], 'signed');
    c.status = 'SIGNED';
    c.signedAt = signedAt;
    this.onEvent(c, 'SIGNAT', by);
    return c;
  }

  /** Sends a signed certificate to its recipient: SKICKA. */
  send(id: string, recipient: string, by?: string): Certificate {
    const c = this.requireState(id, ['SIGNED'], 'sent');
    c.sentAt = this.clock.now();
    c.sentTo = recipient;
    this.onEvent(c, 'SKICKA', by);
    return c;
  }

  /** Revokes (makulerar) a signed certificate: MAKULE. */
  revoke(id: string, by?: string): Certificate {
    const c = this.requireState(id, ['SIGNED'], 'revoked');
    c.status = 'REVOKED';
    c.revokedAt = this.clock.now();
    this.onEvent(c, 'MAKULE', by);
    return c;
  }

  /** Deletes a draft: RADERA. */
  deleteDraft(id: string, by?: string): Certificate {
    const c = this.requireState(id, DRAFT, 'deleted');
    c.status = 'DELETED';
    this.onEvent(c, 'RADERA', by);
    return c;
  }

  private requireState(id: string, allowed: string[], action: string): Certificate {
    const c = this.require(id);
    if (!allowed.includes(c.status)) {
      throw new CertificateActionError('INVALID_STATE', `certificate ${id} is ${c.status}; only ${allowed.join(' or ')} can be ${action}`);
    }
    return c;
  }
}
