/**
 * How one answer of a journal system to a CertificateStatusUpdateForCare v3 is judged against the
 * contract: the response XSD, the resultCode semantics Webcert acts on (webcert-surfaces.md §4.5)
 * and the answer time against Webcert's client timeout. Read from the traffic-journal entry, so
 * the judgement rests on what crossed the wire.
 */
import type { JournalEntry } from '../../simulators/kit/journal/exchange.js';
import { validateSoapMessage, type ValidationResult } from '../../simulators/kit/contracts/xsdValidator.js';
import { parseXmlSafely } from '../../simulators/kit/xml/safeXml.js';
import { readSoapFault } from '../../simulators/kit/soap/soapFault.js';

/** What Webcert does with an answer: done, try again later, or give the update up. */
export type WebcertReaction = 'stored' | 'resend' | 'lost';

/** One answer, judged. */
export interface AnswerJudgement {
  /** Traffic-journal entry id (the evidence). */
  entryId: number;
  /** What was sent, in words: event, certificate name, and whether it was a repeat. */
  sent: string;
  eventCode: string;
  certificateId: string;
  /** What came back, in words: `OK`, `ERROR APPLICATION_ERROR: …`, `no answer (TIMEOUT)` … */
  answer: string;
  /** Wall-clock milliseconds from request to the whole answer (or to giving up). */
  measuredMs: number;
  reaction: WebcertReaction;
  /** Why the answer does not say "stored" as the contract wants; empty when it does. */
  notStored: string[];
  /**
   * Why the answer breaks the contract whatever was sent (JR-S06): a permanent error, a Fault
   * Webcert reads as "message invalid", an invalid response, INFO without text, too slow or no
   * answer. ERROR TECHNICAL_ERROR is not one of them.
   */
  breaksContract: string[];
}

/** What the judge needs besides the entry. */
export interface JudgeContext {
  /** Webcert's client timeout: the answer must be complete within it. */
  answerBoundMs: number;
  /** Folder that holds `rivta/` (the response XSD). */
  schemaRoot: string;
  /** Validation results by response body: a journal that answers the same bytes is validated once. */
  validated?: Map<string, ValidationResult>;
}

function validateResponse(body: string, context: JudgeContext): ValidationResult {
  const known = context.validated?.get(body);
  if (known) return known;
  const result = validateSoapMessage(body, 'CertificateStatusUpdateForCare', 'response', context.schemaRoot);
  context.validated?.set(body, result);
  return result;
}

function faultOf(body: string): { faultcode: string; faultstring: string } | undefined {
  try {
    return readSoapFault(parseXmlSafely(body));
  } catch {
    return undefined;
  }
}

/** Judges the first delivery recorded in `entry`; `sent` describes the message for the report. */
export function judgeAnswer(entry: JournalEntry, sent: string, context: JudgeContext): AnswerJudgement {
  const base = { entryId: entry.id, sent, eventCode: entry.eventCode ?? '', certificateId: entry.certificateId ?? '', measuredMs: entry.durationMs };
  if (entry.outcome === 'transport-error') {
    const timeout = entry.errorId === 'TIMEOUT';
    const why = timeout ? `no answer within the bound of ${context.answerBoundMs} ms` : `no answer: ${entry.errorId ?? 'transport error'} (${entry.message ?? ''})`;
    return { ...base, answer: `no answer (${entry.errorId ?? 'transport error'})`, reaction: 'resend', notStored: [`${why}; Webcert would resend`], breaksContract: [why] };
  }
  const body = entry.responseBody ?? '';
  const fault = faultOf(body);
  if (fault) {
    const invalidClaim = /(Un)?[Mm]arshalling Error/.test(fault.faultstring);
    const answer = `SOAP Fault ${fault.faultcode}: ${fault.faultstring}`;
    const why = invalidClaim
      ? `${answer}: says the message is invalid, so Webcert gives the update up (the suite sends only schema-valid messages)`
      : `${answer}: not a CertificateStatusUpdateForCareResponse; Webcert would resend`;
    return { ...base, answer, reaction: invalidClaim ? 'lost' : 'resend', notStored: [why], breaksContract: invalidClaim ? [why] : [] };
  }

  const notStored: string[] = [];
  const breaksContract: string[] = [];
  const validation = validateResponse(body, context);
  if (!validation.valid) {
    const why = `the answer is not a valid CertificateStatusUpdateForCareResponse: ${validation.errors.slice(0, 3).join(' | ')}`;
    notStored.push(why);
    breaksContract.push(why);
  }
  if (entry.httpStatus !== 200) {
    const why = `HTTP ${entry.httpStatus ?? '?'} with a response (RIV-TA answers a result with 200)`;
    notStored.push(why);
    breaksContract.push(why);
  }
  const code = entry.resultCode;
  const errorId = entry.errorId;
  const text = entry.message?.trim() ?? '';
  let answer: string;
  let reaction: WebcertReaction;
  if (code === 'OK') {
    answer = 'OK';
    reaction = 'stored';
  } else if (code === 'INFO') {
    answer = `INFO: ${text}`;
    reaction = 'stored';
    if (!text) {
      const why = 'INFO without resultText (ResultType: INFO must say more in resultText)';
      notStored.push(why);
      breaksContract.push(why);
    }
  } else if (code === 'ERROR' && errorId === 'TECHNICAL_ERROR') {
    answer = `ERROR TECHNICAL_ERROR: ${text}`;
    reaction = 'resend';
    notStored.push(`${answer}: temporarily unable, not stored now; Webcert would resend`);
  } else if (code === 'ERROR') {
    answer = `ERROR ${errorId ?? '(no errorId)'}: ${text}`;
    reaction = 'lost';
    const why = `${answer}: Webcert gives the update up for good (only TECHNICAL_ERROR is resent)`;
    notStored.push(why);
    breaksContract.push(why);
  } else {
    answer = `no resultCode (${entry.message ?? 'unreadable answer'})`;
    reaction = 'resend';
    notStored.push(`${answer}: Webcert would resend`);
  }
  if (entry.durationMs > context.answerBoundMs) {
    const why = `answered after ${entry.durationMs} ms, over the bound of ${context.answerBoundMs} ms`;
    notStored.push(why);
    breaksContract.push(why);
  }
  return { ...base, answer, reaction, notStored, breaksContract };
}
