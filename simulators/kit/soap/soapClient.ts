/**
 * The calling side of a SOAP exchange: posts an envelope, classifies what came back (an answer
 * with a RIV-TA result, a SOAP Fault, an unreadable answer, or no answer at all) and records the
 * exchange in the traffic journal as the caller saw it.
 */
import http from 'node:http';
import type { Element } from '@xmldom/xmldom';
import type { Clock } from '../clock/virtualClock.js';
import type { TrafficJournal } from '../journal/trafficJournal.js';
import { CALLER_HEADER } from '../network/exchangeNotes.js';
import { childElement, childElements } from '../xml/dom.js';
import { parseXmlSafely } from '../xml/safeXml.js';
import { scanAnswer } from './answerScan.js';
import { SOAP11_NS } from './envelope.js';
import { readResult, type Result } from './resultType.js';
import { readSoapFault, type SoapFault } from './soapFault.js';

/** Correlation facts the caller knows about the message it sends. */
export interface CallFacts {
  certificateId?: string;
  logicalAddress?: string;
  personId?: string;
  eventCode?: string;
  messageId?: string;
  attempt?: number;
}

export interface SoapCall {
  url: string;
  envelope: string;
  soapAction?: string;
  fromParty: string;
  toParty: string;
  operation: string;
  /** Wall-clock milliseconds to wait for the whole answer. */
  timeoutMs: number;
  clock: Clock;
  journal?: TrafficJournal;
  facts?: CallFacts;
  /**
   * Connection reuse: a keep-alive agent (one per receiver, as receiverPool.ts holds them). Without
   * one every call opens and closes its own connection.
   */
  agent?: http.Agent;
}

/** What a call produced. */
export type SoapCallOutcome =
  | {
      kind: 'answer';
      status: number;
      body: string;
      /** The RIV-TA result, when the answer carried one. */
      result?: Result;
      /** The answer's payload element (the single child of soap:Body), when it was read. */
      payload?: Element;
      fault?: SoapFault;
      /** Why the answer could not be read as the contract's response, if it could not. */
      unreadable?: string;
    }
  | { kind: 'transport-error'; code: string; message: string };

function post(call: SoapCall): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      call.url,
      {
        method: 'POST',
        agent: call.agent ?? false,
        headers: {
          'content-type': 'text/xml; charset=utf-8',
          soapaction: `"${call.soapAction ?? ''}"`,
          [CALLER_HEADER]: call.fromParty,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')])),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    // The limit is for the whole answer: a wall-clock timer, not the socket's idle timeout.
    const timer = setTimeout(() => {
      req.destroy(Object.assign(new Error(`no answer within ${call.timeoutMs} ms`), { code: 'TIMEOUT' }));
    }, call.timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('error', reject);
    req.end(call.envelope);
  });
}

type AnswerOutcome = Extract<SoapCallOutcome, { kind: 'answer' }>;

/**
 * Reads a SOAP answer: result of the single response element, or the Fault. An answer of the
 * common shape is read by a bounded scan, its payload element parsed only if a caller asks for it
 * (docs/decisions/0033-replay-cpu.md); everything else is read into a DOM.
 */
export function readAnswer(status: number, body: string): AnswerOutcome {
  const scanned = scanAnswer(body);
  if (scanned.kind === 'undecided') return readAnswerDom(status, body);
  let payload: Element | undefined;
  let parsed = false;
  const outcome = { kind: 'answer', status, body, result: scanned.result } as AnswerOutcome;
  Object.defineProperty(outcome, 'payload', {
    enumerable: true,
    configurable: true,
    get() {
      if (!parsed) {
        parsed = true;
        payload = readAnswerDom(status, body).payload;
      }
      return payload;
    },
  });
  return outcome;
}

/** {@link readAnswer} with a DOM: the Fault, or the result of the single response element (exported for the tests). */
export function readAnswerDom(status: number, body: string): AnswerOutcome {
  try {
    const doc = parseXmlSafely(body);
    const fault = readSoapFault(doc);
    if (fault) return { kind: 'answer', status, body, fault };
    const env = doc.documentElement!;
    const soapBody = childElement(env, SOAP11_NS, 'Body');
    const payload = soapBody ? childElements(soapBody)[0] : undefined;
    const resultEl = payload ? childElements(payload).find((e) => e.localName === 'result') : undefined;
    if (!resultEl) return { kind: 'answer', status, body, payload, unreadable: 'answer has no result element in its SOAP Body' };
    return { kind: 'answer', status, body, payload, result: readResult(resultEl) };
  } catch (error) {
    return { kind: 'answer', status, body, unreadable: `answer is not a SOAP message: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Sends one SOAP request and records it (side `outbound`) in the journal. Never throws for network trouble. */
export async function callSoap(call: SoapCall): Promise<SoapCallOutcome> {
  const startedAt = call.clock.now();
  const started = performance.now();
  let outcome: SoapCallOutcome;
  let responseHeaders: Record<string, string> | undefined;
  try {
    const res = await post(call);
    responseHeaders = res.headers;
    outcome = readAnswer(res.status, res.body);
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'ERROR';
    outcome = { kind: 'transport-error', code, message: `${call.operation} to ${call.url}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const f = call.facts ?? {};
  // Recorded at once, not in a group commit: the caller's own state (Webcert's attempt number)
  // is written right after, and a wider gap between the two would let a killed process resend a
  // message with an attempt number the journal already holds (docs/decisions/0028-replay-at-volume.md).
  call.journal?.record({
    side: 'outbound',
    fromParty: call.fromParty,
    toParty: call.toParty,
    operation: call.operation,
    method: 'POST',
    url: call.url,
    startedAt,
    durationMs: Math.round(performance.now() - started),
    outcome:
      outcome.kind === 'transport-error'
        ? 'transport-error'
        : outcome.result && outcome.result.resultCode !== 'ERROR' && outcome.status < 400
          ? 'ok'
          : 'error',
    httpStatus: outcome.kind === 'answer' ? outcome.status : undefined,
    resultCode: outcome.kind === 'answer' ? outcome.result?.resultCode : undefined,
    errorId: outcome.kind === 'answer' ? (outcome.result?.errorId ?? outcome.fault?.faultcode) : outcome.code,
    message:
      outcome.kind === 'answer' ? (outcome.result?.resultText ?? outcome.fault?.faultstring ?? outcome.unreadable) : outcome.message,
    certificateId: f.certificateId,
    logicalAddress: f.logicalAddress,
    personId: f.personId,
    eventCode: f.eventCode,
    messageId: f.messageId,
    attempt: f.attempt,
    requestBody: call.envelope,
    responseHeaders,
    responseBody: outcome.kind === 'answer' ? outcome.body : undefined,
  });
  return outcome;
}
