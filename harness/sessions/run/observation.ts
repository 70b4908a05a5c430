/**
 * What samverkan saw on the wire during a manual step: the exchanges in the step's window of the
 * traffic journal that match each of its observations, and for a launch its form parameters with
 * the checks Webcert makes (POST body, no parameters in the address, `enhet`, a UUID `launchId`).
 */
import type { JournalEntry } from '../../../simulators/kit/journal/exchange.js';
import type { Observation, TrafficExpectation } from '../data/sessionCatalogueFile.js';

export interface LaunchReading {
  parameters: Record<string, string>;
  /** Problems with the launch, in Swedish (empty when none). */
  problems: string[];
}

export interface ObservationStatus {
  description: string;
  person: boolean;
  /** Matching exchanges, oldest first. */
  seen: JournalEntry[];
  launches: LaunchReading[];
}

/** Whether one exchange matches an expectation. */
export function matches(t: TrafficExpectation, e: JournalEntry): boolean {
  if (t.side && e.side !== t.side) return false;
  if (t.fromParty && e.fromParty !== t.fromParty) return false;
  if (t.toParty && e.toParty !== t.toParty) return false;
  if (t.operation && !new RegExp(t.operation).test(e.operation)) return false;
  if (t.outcomes && !t.outcomes.includes(e.outcome)) return false;
  if (t.eventCode && e.eventCode !== t.eventCode) return false;
  if (t.logicalAddress && e.logicalAddress !== t.logicalAddress) return false;
  if (t.personId && (e.personId ?? '').replace(/\D/g, '') !== t.personId.replace(/\D/g, '')) return false;
  if (t.requestContains && !(e.requestBody ?? '').includes(t.requestContains)) return false;
  if (t.minAttempt && (e.attempt ?? 1) < t.minAttempt) return false;
  return true;
}

/** Each observation with what was seen of it in `entries`. */
export function observe(observations: readonly Observation[], entries: readonly JournalEntry[]): ObservationStatus[] {
  return observations.map((o) => {
    const seen = o.traffic ? entries.filter((e) => matches(o.traffic!, e)) : [];
    return {
      description: o.description,
      person: !!o.person,
      seen,
      launches: o.traffic?.launch ? seen.map(readLaunch) : [],
    };
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A launch POST's parameters and what is wrong with them (JR-L01, L02, L09). */
export function readLaunch(e: JournalEntry): LaunchReading {
  const parameters: Record<string, string> = {};
  const body = new URLSearchParams(e.requestBody ?? '');
  for (const [k, v] of body) parameters[k] = v;
  const problems: string[] = [];
  if (e.method !== 'POST') problems.push(`start med ${e.method}: Webcert vill ha POST (GET är avrått sedan 2019)`);
  const query = new URL(e.url, 'http://x').search;
  if (e.method === 'POST' && query) problems.push(`parametrar i adressen (${query}): Webcert svarar missing-parameter`);
  if (!parameters.enhet) problems.push('enhet saknas: en användare med flera uppdrag får välja enhet');
  if (parameters.launchId !== undefined && !UUID.test(parameters.launchId)) problems.push(`launchId "${parameters.launchId}" är inget UUID`);
  if (parameters.launchId === undefined) problems.push('launchId saknas (krävs inte, men binder sessionen till starten)');
  return { parameters, problems };
}

/** One line for an exchange, as the page and the terminal show it. */
export function describeExchange(e: JournalEntry): string {
  const status = [e.httpStatus, e.resultCode, e.errorId].filter(Boolean).join(' ');
  const facts = [e.eventCode, e.certificateId, e.logicalAddress, e.personId, e.attempt && e.attempt > 1 ? `försök ${e.attempt}` : ''].filter(Boolean).join(' · ');
  return `${e.fromParty} → ${e.toParty}  ${e.operation}  ${e.outcome}${status ? ` (${status})` : ''}${facts ? `  ${facts}` : ''}`;
}
