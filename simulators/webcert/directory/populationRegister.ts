/**
 * The population register (PU, personuppgiftstjänsten) as Webcert looks it up: for a personnummer
 * or samordningsnummer, the person (name, address, protected identity, deceased) or NOT_FOUND, or
 * ERROR when PU cannot be reached. In Webcert the lookup goes to intyg-proxy-service
 * (`GetPersonIntegrationService`); here it is Webcert's own lookup over the topology's test
 * patients, so no PU party is needed on the network.
 *
 * What PU answers for a number:
 * - a person in the topology's `patients`: FOUND with that person, unless the entry says
 *   `puStatus` NOT_FOUND or ERROR, or is a `reservnummer` (PU never holds one: NOT_FOUND);
 * - any other number: with `unknownPatients: 'from-request'` (the default, for a vendor's own test
 *   patients) FOUND with the journal's data, but only when its date part is a calendar date (a
 *   number that cannot be a person is NOT_FOUND); with `refuse`, NOT_FOUND as Webcert answers;
 * - whatever the number, ERROR while a fault rule for party `webcert`, operation `GetPerson`
 *   matches it (any effect: PU unreachable), except an `httpStatus` effect: then intyg-proxy-service
 *   itself answers with that status (and body), which Webcert cannot read ({@link PuAnswer}
 *   `unreadable`; at launch an unexpected failure, `/error?reason=unknown`). Rules are consulted (and counted) by the lookups of
 *   CreateDraftCertificate and of the launch; the certificate page and status updates read what
 *   PU holds ({@link PopulationRegister.answer}).
 */
import type { FaultRules } from '../../kit/faults/faultRules.js';
import { checkPersonId } from './personId.js';
import type { Patient } from '../model/certificate.js';

/** The operation name PU fault rules use (party `webcert`): Webcert's intyg-proxy-service call. */
export const PU_FAULT_OPERATION = 'GetPerson';

/**
 * A test patient as PU holds him or her, with the states that change what Webcert does. The name
 * and address are what PU has (and, for an entry PU does not answer for, what a journal would send).
 */
export interface PopulationRegisterEntry extends Patient {
  /** Protected identity (sekretessmarkering, "skyddade personuppgifter"). */
  sekretessmarkering?: boolean;
  /**
   * Date of death (`YYYY-MM-DD`) when PU marks the person deceased (avliden). Webcert itself only
   * knows deceased or not; the date is kept for the test data's sake.
   */
  avliden?: string;
  /** What PU answers for this number instead of the person: NOT_FOUND, or ERROR (PU unreachable). */
  puStatus?: 'NOT_FOUND' | 'ERROR';
  /** A region's reservnummer: PU never holds one, so it answers NOT_FOUND. */
  reservnummer?: boolean;
}

/** A person as PU answers (Webcert's `Person` record). */
export interface PuPerson extends Patient {
  sekretessmarkering: boolean;
  avliden: boolean;
  /** Date of death when known. */
  avlidenDatum?: string;
}

/** PU's answer for one number (Webcert's `PersonSvar`). */
export type PuAnswer =
  /** `person` is absent when PU stands in for a vendor's own test patient: the journal's data count. */
  | { status: 'FOUND'; person?: PuPerson }
  | { status: 'NOT_FOUND'; why: string }
  /**
   * `unreadable`: not PU's ERROR but intyg-proxy-service answering something Webcert cannot read
   * (an HTTP error status, a body that is not its JSON): Webcert's REST client throws instead of
   * returning an answer.
   */
  | { status: 'ERROR'; why: string; unreadable?: true };

/** How to make a {@link PopulationRegister}. */
export interface PopulationRegisterOptions {
  /** `from-request` (default) or `refuse`, for numbers not among the entries. */
  unknownPatients?: 'from-request' | 'refuse';
  /** The topology's fault rules, for PU outages (party `webcert`, operation {@link PU_FAULT_OPERATION}). */
  faults?: FaultRules;
}

const digits = (personId: string) => personId.replace(/\D/g, '');

/** The PU person of an entry. */
function personOf(e: PopulationRegisterEntry): PuPerson {
  return {
    personId: e.personId,
    fornamn: e.fornamn,
    ...(e.mellannamn !== undefined ? { mellannamn: e.mellannamn } : {}),
    efternamn: e.efternamn,
    postadress: e.postadress,
    postnummer: e.postnummer,
    postort: e.postort,
    sekretessmarkering: e.sekretessmarkering === true,
    avliden: e.avliden !== undefined,
    ...(e.avliden ? { avlidenDatum: e.avliden } : {}),
  };
}

const TEXT_FIELDS = ['fornamn', 'efternamn', 'postadress', 'postnummer', 'postort'] as const;

/**
 * Checks a test patient from a topology file or the admin API.
 * @throws Error naming the patient, the field and what to write instead.
 */
export function checkEntry(entry: PopulationRegisterEntry): void {
  const e = entry as unknown as Record<string, unknown> | null;
  if (!e || typeof e !== 'object') throw new Error('a patient must be an object with personId, fornamn, efternamn, postadress, postnummer and postort');
  const who = `patient ${typeof e.personId === 'string' ? e.personId : '(no personId)'}`;
  const problems: string[] = [];
  if (typeof e.personId !== 'string' || !/^\d{12}$/.test(digits(e.personId)) || !/^\d{8}[-+]?\d{4}$/.test(e.personId)) {
    problems.push('personId must be 12 digits (yyyymmddnnnc, a dash allowed before the last four)');
  }
  for (const field of TEXT_FIELDS) if (typeof e[field] !== 'string') problems.push(`${field} must be text ("" when PU has none)`);
  if (e.mellannamn !== undefined && typeof e.mellannamn !== 'string') problems.push('mellannamn must be text when given');
  if (e.sekretessmarkering !== undefined && typeof e.sekretessmarkering !== 'boolean') problems.push('sekretessmarkering must be true or false');
  if (e.avliden !== undefined && (typeof e.avliden !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(e.avliden))) problems.push('avliden must be the date of death, YYYY-MM-DD');
  if (e.puStatus !== undefined && e.puStatus !== 'NOT_FOUND' && e.puStatus !== 'ERROR') problems.push('puStatus must be NOT_FOUND or ERROR (leave it out for a person PU finds)');
  if (e.reservnummer !== undefined && typeof e.reservnummer !== 'boolean') problems.push('reservnummer must be true or false');
  if (problems.length) throw new Error(`${who}: ${problems.join('; ')}`);
}

/** Webcert's population-register lookup over the topology's test patients. */
export class PopulationRegister {
  private readonly entries = new Map<string, PopulationRegisterEntry>();

  /**
   * `entries` is read at construction and changed only through {@link set} and {@link remove}.
   * @throws Error naming the entry and the field that is wrong.
   */
  constructor(entries: readonly PopulationRegisterEntry[], private readonly options: PopulationRegisterOptions = {}) {
    for (const e of entries) this.set(e);
  }

  /** What PU answers for `personId` now (counts a matching PU fault rule). */
  lookup(personId: string): PuAnswer {
    const id = digits(personId);
    const fault = this.options.faults?.take('webcert', PU_FAULT_OPERATION, { personId: id });
    if (fault?.kind === 'httpStatus') {
      return { status: 'ERROR', unreadable: true, why: `intyg-proxy-service answered HTTP ${fault.status}${fault.body !== undefined ? ` "${fault.body.slice(0, 60)}"` : ''} instead of PU's answer for ${id} (a fault rule for webcert ${PU_FAULT_OPERATION}); Webcert's REST client throws` };
    }
    if (fault) return { status: 'ERROR', why: `PU is unreachable (a fault rule for webcert ${PU_FAULT_OPERATION} matched ${id})` };
    return this.answer(id);
  }

  /**
   * What PU holds for `personId`, outages left aside: for reading the data a status update is built
   * from (see notification/notificationPatient.ts).
   */
  answer(personId: string): PuAnswer {
    const id = digits(personId);
    const entry = this.entries.get(id);
    if (entry) {
      if (entry.reservnummer) return { status: 'NOT_FOUND', why: `${id} is a reservnummer; PU holds only personnummer and samordningsnummer` };
      if (entry.puStatus === 'NOT_FOUND') return { status: 'NOT_FOUND', why: `PU has no person ${id} (the test patient says so)` };
      if (entry.puStatus === 'ERROR') return { status: 'ERROR', why: `PU is unreachable for ${id} (the test patient says so)` };
      return { status: 'FOUND', person: personOf(entry) };
    }
    if (this.options.unknownPatients === 'refuse') return { status: 'NOT_FOUND', why: `PU has no person ${id} (unknownPatients: refuse)` };
    const check = checkPersonId(id);
    if (!check.valid) return { status: 'NOT_FOUND', why: `PU cannot hold ${id}: ${check.problem}` };
    return { status: 'FOUND' };
  }

  /** Every entry, in person-id order. */
  list(): PopulationRegisterEntry[] {
    return [...this.entries.values()].sort((a, b) => a.personId.localeCompare(b.personId)).map((e) => ({ ...e }));
  }

  /** The entry for `personId`, if the register has one. */
  entry(personId: string): PopulationRegisterEntry | undefined {
    const e = this.entries.get(digits(personId));
    return e ? { ...e } : undefined;
  }

  /**
   * Adds or replaces the entry for its person id (a session's "the patient has died since").
   * @throws Error naming the field that is wrong and what to write.
   */
  set(entry: PopulationRegisterEntry): PopulationRegisterEntry {
    checkEntry(entry);
    const stored = { ...entry, personId: digits(entry.personId) };
    this.entries.set(stored.personId, stored);
    return { ...stored };
  }

  /** Removes the entry for `personId`; false if there was none. */
  remove(personId: string): boolean {
    return this.entries.delete(digits(personId));
  }
}
