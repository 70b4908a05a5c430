/**
 * A question or answer ("ärende") on a signed certificate, as Webcert keeps it (its ARENDE table),
 * and the question counts every question event carries (FragorOchSvarCreatorImpl.performArendeCount,
 * webcert-surfaces.md §4.2). Stored with the certificate (plain JSON), so the state schema does not
 * change.
 */
import type { Arenden } from '../message/statusUpdateMessage.js';

/** kv_ämne codes (Webcert's ArendeAmne). */
export type Amne = 'AVSTMN' | 'KONTKT' | 'OVRIGT' | 'PAMINN' | 'KOMPLT';

/** Every subject a recipient may use. */
export const AMNEN: readonly Amne[] = ['AVSTMN', 'KONTKT', 'OVRIGT', 'PAMINN', 'KOMPLT'];

/** Subjects a question from care may have (ArendeServiceImpl.VALID_VARD_AMNEN). */
export const CARE_AMNEN: readonly Amne[] = ['AVSTMN', 'KONTKT', 'OVRIGT'];

/** Who sent it: Försäkringskassan (`FK`) or care through Webcert (`WC`) (FrageStallare codes). */
export type Fragestallare = 'FK' | 'WC';

/** Webcert's ärende status. */
export type ArendeStatus = 'PENDING_INTERNAL_ACTION' | 'PENDING_EXTERNAL_ACTION' | 'ANSWERED' | 'CLOSED';

/** One requested completion of a KOMPLT question: which question of the form, and what is asked. */
export interface Komplettering {
  frageId: string;
  instans?: number;
  text: string;
}

/** One message (question, reminder or answer) about a certificate. */
export interface Arende {
  meddelandeId: string;
  referensId?: string;
  amne: Amne;
  rubrik?: string;
  meddelande: string;
  skickatAv: Fragestallare;
  /** The recipient's part code when it came from a recipient (`FKASSA`). */
  part?: string;
  /** Virtual-clock milliseconds. */
  skickatTidpunkt: number;
  /** The question this message answers. */
  svarPaId?: string;
  /** The question this reminder is about. */
  paminnelseMeddelandeId?: string;
  /** `YYYY-MM-DD`. */
  sistaDatumForSvar?: string;
  komplettering?: Komplettering[];
  status: ArendeStatus;
  /** HSA-ID of the user who wrote it (care messages). */
  by?: string;
}

/** A question (not an answer), including reminders. */
export const isQuestion = (a: Arende): boolean => a.svarPaId === undefined;

/**
 * Whether Webcert offers its "Hanterad" checkbox on a question (the HANDLE_QUESTION link of
 * GetQuestionsAvailableFunctionsServiceImpl: sent by care or without an answer, and unhandled or not
 * a KOMPLT). So a question from the recipient that has an answer offers none (FS-011: it stays
 * closed), nor does a handled KOMPLT; where none is offered a handled question shows "Hanterad" as
 * a status.
 */
export function offersHandle(question: Arende, all: readonly Arende[]): boolean {
  const answered = all.some((a) => a.svarPaId === question.meddelandeId);
  return (question.skickatAv === 'WC' || !answered) && (question.status !== 'CLOSED' || question.amne !== 'KOMPLT');
}

/**
 * Whether Webcert offers to mark a handled question unhandled again (its "Hanterad" checkbox, ticked,
 * on a handled question): not a KOMPLT, and, for one from the recipient, only without an answer (FS-011).
 */
export function offersReopen(question: Arende, all: readonly Arende[]): boolean {
  return question.status === 'CLOSED' && offersHandle(question, all);
}

const zero = (): Arenden => ({ totalt: 0, ejBesvarade: 0, besvarade: 0, hanterade: 0 });

/**
 * `skickadeFragor` and `mottagnaFragor` of a certificate's messages, counted as Webcert counts
 * them: answers and reminders are skipped; a closed question is `hanterade`, one with an answer
 * `besvarade`, any other `ejBesvarade`.
 */
export function arendeCounts(arenden: readonly Arende[]): { skickadeFragor: Arenden; mottagnaFragor: Arenden } {
  const answered = new Set(arenden.filter((a) => a.svarPaId).map((a) => a.svarPaId!));
  const skickadeFragor = zero();
  const mottagnaFragor = zero();
  for (const a of arenden) {
    if (a.amne === 'PAMINN' || a.svarPaId) continue;
    const counts = a.skickatAv === 'WC' ? skickadeFragor : mottagnaFragor;
    counts.totalt++;
    if (a.status === 'CLOSED') counts.hanterade++;
    else if (answered.has(a.meddelandeId)) counts.besvarade++;
    else counts.ejBesvarade++;
  }
  return { skickadeFragor, mottagnaFragor };
}

/** Event codes whose status update carries the counts (NotificationMessageFactoryImpl.USES_FRAGOR_OCH_SVAR). */
export const EVENTS_WITH_COUNTS: readonly string[] = ['NYFRFM', 'NYSVFM', 'NYFRFV', 'HANFRFM', 'HANFRFV', 'MAKULE'];
