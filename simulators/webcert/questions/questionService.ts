/**
 * Questions and answers on a signed certificate, with Webcert's rules (ArendeServiceImpl,
 * webcert-surfaces.md §4.2–4.3, §7): a message from the recipient (SendMessageToCare) is a new
 * question (NYFRFM, with its subject and last answer date) or an answer to a question from care
 * (NYSVFM); the doctor answers a question (HANFRFM), asks one (NYFRFV), marks one handled (HANFRFM
 * or HANFRFV) or unhandled again (HANFRFM or HANFRFV, the counters moving back); a KOMPLT question
 * is answered by a complement (relation KOMPLT) whose signing closes it (HANFRFM). Every message from care goes to the recipient as SendMessageToRecipient v2 through
 * Intygstjänsten, on the certificate queue.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../kit/clock/virtualClock.js';
import type { CertificateSender } from '../certificatesender/certificateSender.js';
import { CertificateActionError, type CertificateStore } from '../drafts/certificateStore.js';
import type { ActingUser } from '../message/intygstjanstMessages.js';
import type { Certificate } from '../model/certificate.js';
import { CARE_AMNEN, isQuestion, type Amne, type Arende, type ArendeStatus, type Komplettering } from './arende.js';
import { buildSendMessageToRecipient } from './sendMessageToRecipientMessage.js';

/** Why Webcert refused an incoming message, with its error code (WebCertServiceErrorCodeEnum). */
export class IncomingMessageError extends Error {
  constructor(
    readonly code: 'MESSAGE_ALREADY_EXISTS' | 'DATA_NOT_FOUND' | 'INVALID_STATE' | 'CERTIFICATE_REVOKED',
    message: string,
  ) {
    super(message);
    this.name = 'IncomingMessageError';
  }
}

/** A SendMessageToCare request as Webcert reads it. */
export interface IncomingMessage {
  meddelandeId: string;
  referensId?: string;
  skickatTidpunkt: number;
  certificateId: string;
  amne: Amne;
  rubrik?: string;
  meddelande: string;
  paminnelseMeddelandeId?: string;
  svarPaId?: string;
  /** The sender's part code (`FKASSA`). */
  part: string;
  sistaDatumForSvar?: string;
  komplettering?: Komplettering[];
}

export interface QuestionServiceOptions {
  clock: Clock;
  store: CertificateStore;
  sender: CertificateSender;
  actingUser(certificate: Certificate, by: string | undefined): ActingUser;
  /** Webcert's `sendmessagetofk.logicaladdress`: the recipient's address in `logiskAdressMottagare`. */
  recipientLogicalAddress: string;
}

export class QuestionService {
  constructor(private readonly o: QuestionServiceOptions) {}

  /**
   * Takes in a message from the recipient (processIncomingMessage).
   * @throws {IncomingMessageError} in Webcert's order: already received, answer already given,
   *   certificate unknown, not signed, revoked.
   */
  receive(m: IncomingMessage): Arende {
    const c = this.o.store.get(m.certificateId);
    const existing = c?.arenden ?? [];
    if (existing.some((a) => a.meddelandeId === m.meddelandeId)) throw new IncomingMessageError('MESSAGE_ALREADY_EXISTS', 'This message has already been received.');
    if (m.svarPaId && existing.some((a) => a.svarPaId === m.svarPaId)) throw new IncomingMessageError('INVALID_STATE', 'Answer already exist for this message');
    if (!c || c.status === 'DELETED') throw new IncomingMessageError('DATA_NOT_FOUND', `Certificate ${m.certificateId} not found.`);
    if (!c.signature || (c.status !== 'SIGNED' && c.status !== 'REVOKED')) throw new IncomingMessageError('INVALID_STATE', `Certificate ${m.certificateId} not signed.`);
    if (c.status === 'REVOKED') throw new IncomingMessageError('CERTIFICATE_REVOKED', `Certificate ${m.certificateId} is revoked.`);
    const arende: Arende = {
      meddelandeId: m.meddelandeId,
      referensId: m.referensId,
      amne: m.amne,
      rubrik: m.rubrik,
      meddelande: m.meddelande,
      skickatAv: 'FK',
      part: m.part,
      skickatTidpunkt: m.skickatTidpunkt,
      svarPaId: m.svarPaId,
      paminnelseMeddelandeId: m.paminnelseMeddelandeId,
      sistaDatumForSvar: m.sistaDatumForSvar,
      komplettering: m.komplettering,
      status: m.svarPaId ? 'ANSWERED' : 'PENDING_INTERNAL_ACTION',
    };
    const question = arende.amne === 'PAMINN' || !arende.svarPaId;
    this.o.store.changeArenden(
      c.id,
      (cert) => {
        cert.arenden!.push(arende);
        // The answered question takes the answer's status (updateSenasteHandelseAndStatusForRelatedArende).
        const orig = arende.svarPaId ? cert.arenden!.find((a) => a.meddelandeId === arende.svarPaId) : undefined;
        if (orig) orig.status = arende.status;
      },
      question ? 'NYFRFM' : 'NYSVFM',
      undefined,
      question ? { amne: arende.amne, sistaDatumForSvar: arende.sistaDatumForSvar } : undefined,
    );
    return arende;
  }

  /**
   * The doctor asks the recipient a question (AVSTMN, KONTKT or OVRIGT): NYFRFV.
   * @throws {CertificateActionError} for another subject, an empty text or a certificate that cannot take questions.
   */
  ask(certificateId: string, amne: string, meddelande: string, by?: string, rubrik?: string): Arende {
    if (!CARE_AMNEN.includes(amne as Amne)) throw new CertificateActionError('INVALID_STATE', `Invalid Amne ${amne} for new question from vard! Use ${CARE_AMNEN.join(', ')}`);
    if (!meddelande.trim()) throw new CertificateActionError('INVALID_STATE', 'the question has no text; write one');
    const c = this.signedNotRevoked(certificateId);
    const arende: Arende = { meddelandeId: randomUUID(), amne: amne as Amne, rubrik, meddelande, skickatAv: 'WC', skickatTidpunkt: this.o.clock.now(), status: 'PENDING_EXTERNAL_ACTION', by };
    this.queue(c, arende, undefined, by);
    this.o.store.changeArenden(c.id, (cert) => cert.arenden!.push(arende), 'NYFRFV', by);
    return arende;
  }

  /**
   * The doctor answers a question from the recipient: the question is closed, HANFRFM.
   * @throws {CertificateActionError} when the question is unknown, not waiting for care, a reminder or a KOMPLT.
   */
  answer(certificateId: string, meddelandeId: string, meddelande: string, by?: string): Arende {
    if (!meddelande.trim()) throw new CertificateActionError('INVALID_STATE', 'SvarsText cannot be empty!');
    const c = this.signedNotRevoked(certificateId);
    const question = this.question(c, meddelandeId);
    if (question.status !== 'PENDING_INTERNAL_ACTION') throw new CertificateActionError('INVALID_STATE', `Arende with id ${meddelandeId} has invalid state for saving answer(${question.status})`);
    if (question.amne === 'PAMINN' || question.amne === 'KOMPLT') {
      throw new CertificateActionError('INVALID_STATE', `Arende with id ${meddelandeId} has invalid Amne(${question.amne}) for saving answer${question.amne === 'KOMPLT' ? '; a KOMPLT is answered by a complement (Komplettera)' : ''}`);
    }
    const svar: Arende = { meddelandeId: randomUUID(), amne: question.amne, rubrik: question.rubrik, meddelande, skickatAv: 'WC', skickatTidpunkt: this.o.clock.now(), svarPaId: question.meddelandeId, status: 'CLOSED', by };
    this.queue(c, svar, question, by);
    this.o.store.changeArenden(
      c.id,
      (cert) => {
        cert.arenden!.push(svar);
        cert.arenden!.find((a) => a.meddelandeId === meddelandeId)!.status = 'CLOSED';
      },
      'HANFRFM',
      by,
    );
    return svar;
  }

  /**
   * The doctor marks a question handled (closeArendeAsHandled): HANFRFM for one from the
   * recipient, HANFRFV for one from care. A closed question stays as it is (no event).
   */
  markHandled(certificateId: string, meddelandeId: string, by?: string): Arende {
    const c = this.o.store.require(certificateId);
    const question = this.question(c, meddelandeId);
    if (question.status === 'CLOSED') return question;
    this.close(c.id, [meddelandeId], question.skickatAv === 'FK' ? 'HANFRFM' : 'HANFRFV', by);
    return question;
  }

  /**
   * Marks a question unhandled again (openArendeAsUnhandled, "Hanterad" unticked): it goes
   * back to ANSWERED when it has an answer, else to waiting for the recipient (a question from
   * care) or for care (one from the recipient). The status update is what Webcert sends for
   * schema v3 (NotificationServiceImpl.getHandelseV3): HANFRFM for a question from the recipient,
   * HANFRFV for one from care; the counters then count it as `ejBesvarade` or `besvarade` again.
   * Like Webcert it neither checks nor needs that the question was closed (an open one keeps its
   * status and the event is sent all the same).
   * @throws {CertificateActionError} INVALID_STATE for a question from the recipient that has an
   *   answer (business rule FS-011: it stays closed), NOT_FOUND for an unknown question.
   */
  reopen(certificateId: string, meddelandeId: string, by?: string): Arende {
    const c = this.o.store.require(certificateId);
    const question = this.question(c, meddelandeId);
    const answered = (c.arenden ?? []).some((a) => a.svarPaId === meddelandeId);
    const fromCare = question.skickatAv === 'WC';
    if (!fromCare && answered) throw new CertificateActionError('INVALID_STATE', `FS-011: Cant revert status for question ${meddelandeId}`);
    const status: ArendeStatus = answered ? 'ANSWERED' : fromCare ? 'PENDING_EXTERNAL_ACTION' : 'PENDING_INTERNAL_ACTION';
    this.o.store.changeArenden(
      c.id,
      (cert) => {
        cert.arenden!.find((a) => a.meddelandeId === meddelandeId)!.status = status;
      },
      fromCare ? 'HANFRFV' : 'HANFRFM',
      by,
    );
    return { ...question, status };
  }

  /** The certificate that holds question `meddelandeId`, if any (the question id is all Webcert's REST route gets). */
  certificateOf(meddelandeId: string): Certificate | undefined {
    return this.o.store.list({ questionId: meddelandeId, statuses: ['SIGNED', 'REVOKED'] }, { limit: 1 })[0];
  }

  /** Closes every open KOMPLT question of `certificateId` (closeCompletionsAsHandled): one HANFRFM each. */
  closeCompletions(certificateId: string, by?: string): void {
    const c = this.o.store.get(certificateId);
    for (const a of c?.arenden ?? []) {
      if (a.amne === 'KOMPLT' && isQuestion(a) && a.status !== 'CLOSED') this.close(certificateId, [a.meddelandeId], 'HANFRFM', by);
    }
  }

  /** Whether the certificate has a KOMPLT question still open. */
  hasOpenCompletion(c: Certificate): boolean {
    return (c.arenden ?? []).some((a) => a.amne === 'KOMPLT' && isQuestion(a) && a.status !== 'CLOSED');
  }

  private close(certificateId: string, ids: string[], eventCode: 'HANFRFM' | 'HANFRFV', by?: string): void {
    this.o.store.changeArenden(
      certificateId,
      (cert) => {
        for (const a of cert.arenden!) if (ids.includes(a.meddelandeId)) a.status = 'CLOSED';
      },
      eventCode,
      by,
    );
  }

  private queue(c: Certificate, arende: Arende, answered: Arende | undefined, by?: string): void {
    const payload = buildSendMessageToRecipient(c, arende, answered, this.o.actingUser(c, by), this.o.recipientLogicalAddress);
    this.o.sender.sendMessageToRecipient(c, payload, by);
  }

  private signedNotRevoked(certificateId: string): Certificate {
    const c = this.o.store.require(certificateId);
    if (c.status !== 'SIGNED') throw new CertificateActionError('INVALID_STATE', `certificate ${certificateId} is ${c.status}; questions and answers need a signed certificate that is not revoked`);
    return c;
  }

  private question(c: Certificate, meddelandeId: string): Arende {
    const q = (c.arenden ?? []).find((a) => a.meddelandeId === meddelandeId && isQuestion(a));
    if (!q) throw new CertificateActionError('NOT_FOUND', `certificate ${c.id} has no question ${meddelandeId}`);
    return q;
  }
}
