/**
 * The Webcert simulator's drafts and certificates, and the actions a user takes on them in
 * Webcert (save, mark ready to sign, sign, send, revoke, delete). Each action checks the state as
 * Webcert does and reports the event (handelse) it causes.
 *
 * Every certificate is a row of the state file (SQLite), written in the same atomic change as the
 * status update its event causes; memory holds only a working set of recently used ones (an LRU),
 * so a month of certificates costs disk, not heap. Lookups by patient, type, care provider and
 * unit are indexed.
 */
import type { Clock } from '../../kit/clock/virtualClock.js';
import { LruCache } from '../../kit/cache/lruCache.js';
import type { Certificate, Svar } from '../model/certificate.js';
import { WebcertState } from '../state/webcertState.js';
import { CertificateTable, type CertificateFilter, type CertificatePage } from './certificateTable.js';

export type { CertificateFilter, CertificatePage } from './certificateTable.js';

/** Event codes a certificate action causes (kv_handelsekod). */
export type CertificateEventCode = 'SKAPAT' | 'ANDRAT' | 'KFSIGN' | 'SIGNAT' | 'SKICKA' | 'RADERA' | 'MAKULE' | QuestionEventCode;

/** Event codes of questions and answers (kv_handelsekod). */
export type QuestionEventCode = 'NYFRFM' | 'NYSVFM' | 'NYFRFV' | 'HANFRFM' | 'HANFRFV';

/** What a question event says beyond its code: for NYFRFM, the subject and the last answer date. */
export interface EventDetails {
  amne?: string;
  sistaDatumForSvar?: string;
}

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
export type CertificateEventListener = (certificate: Certificate, eventCode: CertificateEventCode, handledBy?: string, details?: EventDetails) => void;

/** What it takes to create a draft. */
export type NewDraft = Pick<Certificate, 'id' | 'typeCode' | 'typeVersion' | 'unit' | 'issuedBy' | 'patient' | 'ref' | 'relation'> & {
  answers?: Svar[];
  /** Whether the answers make the draft complete (default: any answer at all). */
  complete?: boolean;
};

const DRAFT = ['DRAFT_INCOMPLETE', 'DRAFT_COMPLETE'];

/** Default number of certificates kept in memory. */
export const DEFAULT_CERTIFICATE_WORKING_SET = 1_000;

export interface CertificateStoreOptions {
  /** The state file; default a fresh in-memory one. */
  state?: WebcertState;
  /** Certificates kept in memory (most recently used); default {@link DEFAULT_CERTIFICATE_WORKING_SET}. */
  workingSet?: number;
}

/**
 * Drafts and certificates of one Webcert simulator.
 *
 * `get`/`require` hand out the working-set copy, so a caller that changes it and then calls an
 * action (as signing does with the signature) has the change stored by that action.
 */
export class CertificateStore {
  private readonly state: WebcertState;
  private readonly table: CertificateTable;
  private readonly workingSet: LruCache<string, Certificate>;

  constructor(
    private readonly clock: Clock,
    private readonly onEvent: CertificateEventListener,
    options: CertificateStoreOptions = {},
  ) {
    this.state = options.state ?? WebcertState.open(':memory:');
    this.table = new CertificateTable(this.state);
    this.workingSet = new LruCache(options.workingSet ?? DEFAULT_CERTIFICATE_WORKING_SET);
    this.state.onLost(() => this.workingSet.clear());
  }

  /** Resolves once every change made so far is committed to the state file. */
  flushed(): Promise<void> {
    return this.state.flushed();
  }

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
    this.workingSet.set(certificate.id, certificate);
    try {
      this.state.write(() => {
        this.table.insert(certificate);
        this.onEvent(certificate, 'SKAPAT', draft.issuedBy.hsaId);
      });
    } catch (error) {
      this.workingSet.delete(certificate.id);
      this.table.forget(certificate);
      throw error;
    }
    return certificate;
  }

  get(id: string): Certificate | undefined {
    const cached = this.workingSet.get(id);
    if (cached) return cached;
    const stored = this.table.get(id);
    if (stored) this.workingSet.set(id, stored);
    return stored;
  }

  /** @throws {CertificateActionError} NOT_FOUND */
  require(id: string): Certificate {
    const certificate = this.get(id);
    if (!certificate) throw new CertificateActionError('NOT_FOUND', `no draft or certificate with id ${id}`);
    return certificate;
  }

  /**
   * The certificates that match `filter` (indexed: patient, type, care provider, unit, status),
   * oldest first unless `page` says otherwise. Without a filter or a limit this reads every row:
   * keep that for small stores and tests.
   */
  list(filter: CertificateFilter = {}, page: CertificatePage = {}): Certificate[] {
    return this.table.rows(filter, page).map((row) => this.workingSet.peek(row.id) ?? this.table.certificateOf(row));
  }

  /** The drafts and certificates made from `id` (renewals, replacements, completions), oldest first. */
  children(id: string): Certificate[] {
    return this.list({ parentId: id });
  }

  /** How many certificates match `filter` (an index count, no rows read). */
  count(filter: CertificateFilter = {}): number {
    return this.table.count(filter);
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
    return this.stored(c, 'ANDRAT', options.by);
  }

  /**
   * Moves a draft onto the patient's current personnummer or samordningsnummer (the launch's
   * alternatePatientSSn; UtkastServiceImpl.updatePatientOnDraft): a save, so ANDRAT.
   */
  updatePatientId(id: string, personId: string, by?: string): Certificate {
    const c = this.requireState(id, DRAFT, 'moved to another person id');
    c.patient = { ...c.patient, personId };
    c.version++;
    return this.stored(c, 'ANDRAT', by);
  }

  /** "Markera klar för signering": KFSIGN. */
  markReadyToSign(id: string, by?: string): Certificate {
    const c = this.requireState(id, DRAFT, 'marked ready to sign');
    c.readyForSignAt = this.clock.now();
    return this.stored(c, 'KFSIGN', by);
  }

  /** Marks a complete draft signed (the signature itself is made by the signing part): SIGNAT. */
  sign(id: string, by?: string, signedAt = this.clock.now()): Certificate {
    const c = this.requireState(id, ['DRAFT_COMPLETE'], 'signed');
    c.status = 'SIGNED';
    c.signedAt = signedAt;
    return this.stored(c, 'SIGNAT', by);
  }

  /** Sends a signed certificate to its recipient: SKICKA. */
  send(id: string, recipient: string, by?: string): Certificate {
    const c = this.requireState(id, ['SIGNED'], 'sent');
    c.sentAt = this.clock.now();
    c.sentTo = recipient;
    return this.stored(c, 'SKICKA', by);
  }

  /** Revokes (makulerar) a signed certificate: MAKULE. `reason` is Webcert's reason code, when given. */
  revoke(id: string, by?: string, reason?: string): Certificate {
    const c = this.requireState(id, ['SIGNED'], 'revoked');
    c.status = 'REVOKED';
    c.revokedAt = this.clock.now();
    if (reason) c.revokeReason = reason;
    return this.stored(c, 'MAKULE', by);
  }

  /** Deletes a draft: RADERA. */
  deleteDraft(id: string, by?: string): Certificate {
    const c = this.requireState(id, DRAFT, 'deleted');
    c.status = 'DELETED';
    return this.stored(c, 'RADERA', by);
  }

  /**
   * Changes the questions and answers of a signed or revoked certificate and reports the question
   * event, in one transaction (see questions/questionService.ts for the rules).
   */
  changeArenden(id: string, change: (c: Certificate) => void, eventCode: QuestionEventCode, by?: string, details?: EventDetails): Certificate {
    const c = this.requireState(id, ['SIGNED', 'REVOKED'], 'given questions or answers');
    c.arenden ??= [];
    change(c);
    return this.stored(c, eventCode, by, details);
  }

  /** Writes the changed certificate and reports its event, in one transaction. */
  private stored(c: Certificate, eventCode: CertificateEventCode, by?: string, details?: EventDetails): Certificate {
    try {
      this.state.write(() => {
        this.table.update(c);
        this.onEvent(c, eventCode, by, details);
      });
    } catch (error) {
      // The change was made on the working-set copy but not stored: forget the copy, so the next
      // read is the stored state again.
      this.workingSet.delete(c.id);
      this.table.forget(c);
      throw error;
    }
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
