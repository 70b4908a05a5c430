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
/** Fields each effect kind takes. */
const EFFECT_FIELDS: Record<string, readonly string[]> = {
  result: ['kind', 'resultCode', 'errorId', 'resultText'],
  soapFault: ['kind', 'faultcode', 'faultstring'],
  httpStatus: ['kind', 'status', 'body'],
  delay: ['kind', 'ms'],
  reset: ['kind'],
  noAnswer: ['kind'],
};
const RULE_FIELDS = ['party', 'operation', 'effect', 'match', 'times', 'probability', 'seed'];
const MATCH_FIELDS = ['logicalAddress', 'certificateId', 'personId', 'eventCode'];
/** Statuses whose answer has no body (the Fetch standard refuses one). */
const NULL_BODY_STATUSES = [204, 205, 304];

/**
 * Longest `delay` a rule may ask for: 10 minutes of wall-clock time, far past any peer's timeout
 * (a longer wait is what `noAnswer` is for).
 */
export const MAX_FAULT_DELAY_MS = 600_000;

/**
 * Checks a rule that came from outside (JSON) and says exactly what is wrong. With `parties`,
 * a rule for any other party is refused with the names that are valid.
 * @throws {Error} naming the field and the allowed values.
 */
export function validateFaultRuleSpec(spec: unknown, parties?: readonly string[]): FaultRuleSpec {
  const s = spec as Partial<FaultRuleSpec> | null;
  const problems: string[] = [];
  if (!s || typeof s !== 'object' || Array.isArray(s)) throw new Error('fault rule must be a JSON object');
  const unknownFields = Object.keys(s).filter((k) => !RULE_FIELDS.includes(k));
  if (unknownFields.length) problems.push(`unknown field(s) ${unknownFields.join(', ')}; a rule has ${RULE_FIELDS.join(', ')}`);
  if (typeof s.party !== 'string' || !s.party) problems.push('"party" (e.g. "journal") is required');
  else if (parties && !parties.includes(s.party)) problems.push(`"party" "${s.party.slice(0, 60)}" is not a party of this topology; use one of ${parties.join(', ')}`);
  if (typeof s.operation !== 'string' || !s.operation) problems.push('"operation" (e.g. "CertificateStatusUpdateForCare" or "*") is required');
  const e = s.effect as FaultEffect | undefined;
  if (!e || typeof e !== 'object' || !EFFECT_KINDS.includes(e.kind)) {
    problems.push(`"effect.kind" must be one of ${EFFECT_KINDS.join(', ')}`);
  } else {
    const allowed = EFFECT_FIELDS[e.kind]!;
    const extra = Object.keys(e).filter((k) => !allowed.includes(k));
    if (extra.length) problems.push(`"effect" of kind ${e.kind} has unknown field(s) ${extra.join(', ')}; it takes ${allowed.join(', ')}`);
    problems.push(...effectProblems(e));
  }
  if (s.times !== undefined && !(Number.isSafeInteger(s.times) && s.times > 0)) problems.push('"times" must be a positive integer, or absent for always');
  if (s.probability !== undefined && !(typeof s.probability === 'number' && s.probability >= 0 && s.probability <= 1)) problems.push('"probability" must be a number between 0 and 1');
  if (s.match !== undefined) {
    if (s.match === null || typeof s.match !== 'object' || Array.isArray(s.match)) {
      problems.push(`"match" must be an object with one or more of ${MATCH_FIELDS.join(', ')}`);
    } else {
      const keys = Object.keys(s.match);
      const unknown = keys.filter((k) => !MATCH_FIELDS.includes(k));
      if (unknown.length) problems.push(`"match" has unknown field(s) ${unknown.join(', ')}; use ${MATCH_FIELDS.join(', ')}`);
      else if (keys.length === 0) problems.push(`"match", when given, needs at least one of ${MATCH_FIELDS.join(', ')}`);
      else if (keys.some((k) => typeof (s.match as Record<string, unknown>)[k] !== 'string')) problems.push('"match" values must be strings');
    }
  }
  if (s.seed !== undefined && !Number.isSafeInteger(s.seed)) problems.push('"seed" must be a whole number');
  if (problems.length) throw new Error(`invalid fault rule: ${problems.join('; ')}`);
  return s as FaultRuleSpec;
}

function effectProblems(e: FaultEffect): string[] {
  const problems: string[] = [];
  const text = (field: string, value: unknown) => {
    if (value !== undefined && typeof value !== 'string') problems.push(`"effect.${field}" must be text`);
  };
  switch (e.kind) {
    case 'result':
      if (!['OK', 'INFO', 'ERROR'].includes(e.resultCode)) problems.push('"effect.resultCode" must be OK, INFO or ERROR');
      if (e.resultCode === 'ERROR' && !e.errorId) problems.push('"effect.errorId" is required with resultCode ERROR (VALIDATION_ERROR, APPLICATION_ERROR, TECHNICAL_ERROR or REVOKED)');
      if (e.errorId && !['VALIDATION_ERROR', 'APPLICATION_ERROR', 'TECHNICAL_ERROR', 'REVOKED'].includes(e.errorId)) problems.push(`"effect.errorId" ${String(e.errorId).slice(0, 60)} is not a RIV-TA errorId`);
      text('resultText', e.resultText);
      break;
    case 'soapFault':
      text('faultcode', e.faultcode);
      text('faultstring', e.faultstring);
      break;
    case 'httpStatus':
      if (!(Number.isInteger(e.status) && e.status >= 200 && e.status <= 599)) problems.push('"effect.status" must be an HTTP status 200..599');
      else if (e.body !== undefined && NULL_BODY_STATUSES.includes(e.status)) problems.push(`"effect.body" cannot go with status ${e.status}, which has no body`);
      text('body', e.body);
      break;
    case 'delay':
      if (!(typeof e.ms === 'number' && Number.isFinite(e.ms) && e.ms >= 0 && e.ms <= MAX_FAULT_DELAY_MS)) {
        problems.push(`"effect.ms" must be 0..${MAX_FAULT_DELAY_MS} milliseconds (10 min); for a peer that never answers use {"kind":"noAnswer"}`);
      }
      break;
    default:
      break;
  }
  return problems;
}
