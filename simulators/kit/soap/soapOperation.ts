/**
 * One RIV-TA SOAP operation served as an msw request handler: safe parsing, envelope and
 * LogicalAddress checks, fault rules, the operation's own logic, and an answer in the contract's
 * shape, with notes for the traffic journal. Bad input never crashes the party: it gets a SOAP
 * Fault or a ResultType ERROR that says what was wrong.
 */
import type { Document, Element } from '@xmldom/xmldom';
import { http, HttpResponse, type RequestHandler } from 'msw';
import type { FaultRules, RequestFacts } from '../faults/faultRules.js';
import { applyTransportFault } from '../faults/transportFault.js';
import { withNotes, type ExchangeNotes } from '../network/exchangeNotes.js';
import { readXmlSafely, XmlInputError, DEFAULT_MAX_XML_BYTES } from '../xml/safeXml.js';
import { buildEnvelope, readEnvelope, SoapEnvelopeError } from './envelope.js';
import { errorResult, resultXml, type Result } from './resultType.js';
import { soapFaultEnvelope } from './soapFault.js';

/** What the operation's logic sees of a well-formed request. */
export interface SoapRequestContext {
  doc: Document;
  payload: Element;
  logicalAddress?: string;
  facts: OperationFacts;
  request: Request;
  /** The request body as received, decoded in its declared encoding (strictly; see safeXml). */
  rawBody: string;
}

/** Request facts used for fault matching and journal correlation. */
export interface OperationFacts extends RequestFacts {
  messageId?: string;
}

/** What the operation answers: a result and any response elements that precede it. */
export interface SoapAnswer {
  result: Result;
  /** Serialised response elements placed before `result` (e.g. CreateDraft's intygs-id). */
  beforeResult?: string;
  /** Extra journal notes (e.g. the certificate id a create produced). */
  notes?: ExchangeNotes;
}

/** Thrown by operation logic for a request that is well-formed XML but wrong for the contract. */
export class SoapRequestError extends Error {
  constructor(
    message: string,
    readonly errorId: 'VALIDATION_ERROR' | 'APPLICATION_ERROR' = 'VALIDATION_ERROR',
  ) {
    super(message);
    this.name = 'SoapRequestError';
  }
}

/**
 * Thrown by operation logic when the producer fails in a way it does not turn into a result (an
 * exception escaping a CXF endpoint): answered as a `soap:Server` Fault with this text.
 */
export class SoapServerFault extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SoapServerFault';
  }
}

export interface SoapOperationSpec {
  party: string;
  /** Contract name, e.g. `CertificateStatusUpdateForCare`. */
  operation: string;
  path: string;
  requestNs: string;
  requestElement: string;
  responseNs: string;
  responseElement: string;
  /**
   * How input that cannot be processed is answered: `soapFault` (a typical producer: HTTP 500,
   * soap:Client) or `resultType` (Webcert, whose CXF setup rewrites faults into ResultType ERROR).
   */
  badInput: 'soapFault' | 'resultType';
  /** Refuse requests without a LogicalAddress header. */
  requireLogicalAddress: boolean;
  maxBodyBytes?: number;
  faults?: FaultRules;
  /** Correlation facts from a parsed payload; must not throw on odd content. */
  facts(payload: Element, logicalAddress: string | undefined): OperationFacts;
  handle(context: SoapRequestContext): Promise<SoapAnswer> | SoapAnswer;
}

const XML_HEADERS = { 'content-type': 'text/xml; charset=utf-8' };

/** Builds the msw handler for one SOAP operation. */
export function soapOperationHandler(spec: SoapOperationSpec): RequestHandler {
  const responsePayload = (answer: Pick<SoapAnswer, 'result' | 'beforeResult'>) =>
    `<tns:${spec.responseElement} xmlns:tns="${spec.responseNs}">${answer.beforeResult ?? ''}${resultXml(spec.responseNs, answer.result)}</tns:${spec.responseElement}>`;

  const answerResult = (result: Result, notes: ExchangeNotes, beforeResult?: string) =>
    withNotes(
      new HttpResponse(buildEnvelope(responsePayload({ result, beforeResult })), { status: 200, headers: XML_HEADERS }),
      {
        ...notes,
        resultCode: result.resultCode,
        errorId: result.errorId,
        message: result.resultText ?? notes.message,
        outcome: result.resultCode === 'ERROR' ? 'error' : 'ok',
      },
    );

  const answerFault = (faultcode: string, faultstring: string, notes: ExchangeNotes) =>
    withNotes(new HttpResponse(soapFaultEnvelope({ faultcode, faultstring }), { status: 500, headers: XML_HEADERS }), {
      ...notes,
      errorId: faultcode,
      message: faultstring,
      outcome: 'error',
    });

  const refuse = (message: string, notes: ExchangeNotes) =>
    spec.badInput === 'resultType'
      ? answerResult(errorResult('VALIDATION_ERROR', message), notes)
      : answerFault('soap:Client', message, notes);

  // `*` before the path: any origin, so the same handler serves a party server and msw's setupServer.
  return http.post(`*${spec.path}`, async ({ request }) => {
    const base: ExchangeNotes = { operation: spec.operation };
    // The bytes as they arrived: encoding and nesting are checked on them before any DOM is built,
    // so malformed input is refused at once (a 100,000-deep document costs xmldom seconds).
    const body = Buffer.from(await request.arrayBuffer());
    let doc: Document;
    let text: string;
    let envelope: ReturnType<typeof readEnvelope>;
    try {
      ({ doc, text } = readXmlSafely(body, { maxBytes: spec.maxBodyBytes ?? DEFAULT_MAX_XML_BYTES }));
      envelope = readEnvelope(doc);
    } catch (error) {
      if (error instanceof XmlInputError || error instanceof SoapEnvelopeError) {
        return refuse(`${spec.operation}: ${error.message}`, base);
      }
      throw error;
    }
    const { payload, logicalAddress } = envelope;
    let facts: OperationFacts = {};
    try {
      facts = spec.facts(payload, logicalAddress);
    } catch {
      facts = { logicalAddress };
    }
    const notes: ExchangeNotes = { ...base, ...facts };
    if (payload.namespaceURI !== spec.requestNs || payload.localName !== spec.requestElement) {
      return refuse(
        `${spec.operation}: request element is {${payload.namespaceURI ?? ''}}${payload.localName}, expected {${spec.requestNs}}${spec.requestElement}`,
        notes,
      );
    }
    if (spec.requireLogicalAddress && !logicalAddress) {
      return refuse(
        `${spec.operation}: SOAP header LogicalAddress (urn:riv:itintegration:registry:1) is missing or empty; RIV-TA routing needs the receiver's HSA-ID there`,
        notes,
      );
    }

    const fault = await applyTransportFault(spec.faults?.take(spec.party, spec.operation, facts), notes);
    if (fault.kind === 'answer') return fault.response;
    if (fault.kind === 'continue' && fault.note) notes.message = fault.note;
    if (fault.kind === 'protocol') {
      const effect = fault.effect;
      if (effect.kind === 'soapFault') return answerFault(effect.faultcode ?? 'soap:Server', effect.faultstring ?? `${spec.operation} failed (samverkan fault rule)`, notes);
      return answerResult(
        { resultCode: effect.resultCode, errorId: effect.errorId, resultText: effect.resultText ?? (effect.resultCode === 'OK' ? undefined : `${effect.resultCode}${effect.errorId ? ` ${effect.errorId}` : ''} (samverkan fault rule)`) },
        notes,
      );
    }

    try {
      const answer = await spec.handle({ doc, payload, logicalAddress, facts, request, rawBody: text });
      return answerResult(answer.result, { ...notes, ...answer.notes }, answer.beforeResult);
    } catch (error) {
      if (error instanceof SoapServerFault) return answerFault('soap:Server', error.message, notes);
      if (error instanceof SoapRequestError) {
        return spec.badInput === 'resultType'
          ? answerResult(errorResult(error.errorId, error.message), notes)
          : answerFault('soap:Client', `${spec.operation}: ${error.message}`, notes);
      }
      const message = `${spec.operation}: internal error in the ${spec.party} simulator: ${error instanceof Error ? error.message : String(error)}`;
      return answerFault('soap:Server', message, notes);
    }
  });
}
