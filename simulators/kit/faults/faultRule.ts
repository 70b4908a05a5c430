/**
 * Fault rules: what a party answers instead of its normal behaviour, for which requests, and
 * how many times. The same rules program a receiver's answers ("TECHNICAL_ERROR 29 times, then
 * OK") and inject transport faults (reset, no answer, delay).
 */
import type { ErrorId, ResultCode } from '../soap/resultType.js';

/** What happens instead of (or before) the normal answer. */
export type FaultEffect =
  /** Answer normally-shaped but with this RIV-TA result (INFO, or ERROR with an errorId). */
  | { kind: 'result'; resultCode: ResultCode; errorId?: ErrorId; resultText?: string }
  /** Answer a SOAP Fault with HTTP 500. */
  | { kind: 'soapFault'; faultcode?: string; faultstring?: string }
  /** Answer this HTTP status with a short text body (no SOAP). */
  | { kind: 'httpStatus'; status: number; body?: string }
  /** Wait this long (wall-clock ms), then answer normally. */
  | { kind: 'delay'; ms: number }
  /** Reset the TCP connection without answering. */
  | { kind: 'reset' }
  /** Keep the connection open and never answer. */
  | { kind: 'noAnswer' };

/** Request facts a rule can match on; a rule matches when every field it gives is equal. */
export interface FaultMatch {
  logicalAddress?: string;
  certificateId?: string;
  /** Compared without dash. */
  personId?: string;
  eventCode?: string;
}

/** A rule as a user writes it (CLI, admin API, test). */
export interface FaultRuleSpec {
  /** Party that misbehaves, e.g. `journal`, `webcert`. */
  party: string;
  /** Operation, e.g. `CertificateStatusUpdateForCare`; `*` for every operation of the party. */
  operation: string;
  effect: FaultEffect;
  match?: FaultMatch;
  /** Apply to this many matching requests, then retire; absent = always. */
  times?: number;
  /** Apply to each matching request with this probability (0..1), drawn from a seeded generator. */
  probability?: number;
  /** Seed for `probability`; default 1, so runs repeat. */
  seed?: number;
}

/** A rule held by {@link FaultRules}, with its id and how often it fired. */
export interface FaultRule extends FaultRuleSpec {
  id: string;
  /** How many requests the rule has been applied to. */
  fired: number;
  createdAt: number;
}

const EFFECT_KINDS = ['result', 'soapFault', 'httpStatus', 'delay', 'reset', 'noAnswer'];

/**
 * Checks a rule that came from outside (JSON) and says exactly what is wrong.
 * @throws {Error} naming the field and the allowed values.
 */
export function validateFaultRuleSpec(spec: unknown): FaultRuleSpec {
  const s = spec as Partial<FaultRuleSpec> | null;
  const problems: string[] = [];
  if (!s || typeof s !== 'object') throw new Error('fault rule must be a JSON object');
  if (typeof s.party !== 'string' || !s.party) problems.push('"party" (e.g. "journal") is required');
  if (typeof s.operation !== 'string' || !s.operation) problems.push('"operation" (e.g. "CertificateStatusUpdateForCare" or "*") is required');
  const e = s.effect as FaultEffect | undefined;
  if (!e || typeof e !== 'object' || !EFFECT_KINDS.includes(e.kind)) {
    problems.push(`"effect.kind" must be one of ${EFFECT_KINDS.join(', ')}`);
  } else if (e.kind === 'result') {
    if (!['OK', 'INFO', 'ERROR'].includes(e.resultCode)) problems.push('"effect.resultCode" must be OK, INFO or ERROR');
    if (e.resultCode === 'ERROR' && !e.errorId) problems.push('"effect.errorId" is required with resultCode ERROR (VALIDATION_ERROR, APPLICATION_ERROR, TECHNICAL_ERROR or REVOKED)');
    if (e.errorId && !['VALIDATION_ERROR', 'APPLICATION_ERROR', 'TECHNICAL_ERROR', 'REVOKED'].includes(e.errorId)) problems.push(`"effect.errorId" ${e.errorId} is not a RIV-TA errorId`);
  } else if (e.kind === 'httpStatus' && !(Number.isInteger(e.status) && e.status >= 100 && e.status <= 599)) {
    problems.push('"effect.status" must be an HTTP status 100..599');
  } else if (e.kind === 'delay' && !(typeof e.ms === 'number' && e.ms >= 0)) {
    problems.push('"effect.ms" must be a non-negative number of milliseconds');
  }
  if (s.times !== undefined && !(Number.isInteger(s.times) && s.times > 0)) problems.push('"times" must be a positive integer, or absent for always');
  if (s.probability !== undefined && !(s.probability >= 0 && s.probability <= 1)) problems.push('"probability" must be between 0 and 1');
  if (s.match !== undefined) {
    const known = ['logicalAddress', 'certificateId', 'personId', 'eventCode'];
    if (s.match === null || typeof s.match !== 'object' || Array.isArray(s.match)) {
      problems.push(`"match" must be an object with one or more of ${known.join(', ')}`);
    } else {
      const keys = Object.keys(s.match);
      const unknown = keys.filter((k) => !known.includes(k));
      if (unknown.length) problems.push(`"match" has unknown field(s) ${unknown.join(', ')}; use ${known.join(', ')}`);
      else if (keys.length === 0) problems.push(`"match", when given, needs at least one of ${known.join(', ')}`);
      else if (keys.some((k) => typeof (s.match as Record<string, unknown>)[k] !== 'string')) problems.push('"match" values must be strings');
    }
  }
  if (s.probability !== undefined && typeof s.probability !== 'number') problems.push('"probability" must be a number between 0 and 1');
  if (s.seed !== undefined && !Number.isInteger(s.seed)) problems.push('"seed" must be a whole number');
  if (problems.length) throw new Error(`invalid fault rule: ${problems.join('; ')}`);
  return s as FaultRuleSpec;
}
