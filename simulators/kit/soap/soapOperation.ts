/**
 * One RIV-TA SOAP operation served as an msw request handler: safe parsing, envelope and
 * LogicalAddress checks, fault rules, the operation's own logic, and an answer in the contract's
 * shape, with notes for the traffic journal. Bad input never crashes the party: it gets a SOAP
 * Fault or a ResultType ERROR that says what was wrong.
 *
 * A kit listener serves every operation without msw (its lean route, 0016 and 0028). An operation
 * that carries volume also opts into the lean reading (`lean` in its spec,
 * docs/decisions/0016-lean-soap-path.md): its requests are read by a bounded scan instead of a DOM
 * (the DOM is still built, on first use, for logic that asks for it, and for every request the scan
 * leaves undecided). Answers, fault rules, refusals and journal notes are the same on both paths:
 * they are made by the same code below.
 */
import type { Document, Element } from '@xmldom/xmldom';
import { HttpResponse, type RequestHandler } from 'msw';
import { applyTransportFault, type TransportFaultOutcome } from '../faults/transportFault.js';
import { withNotes, type ExchangeNotes } from '../network/exchangeNotes.js';
import { withLeanRoute, type LeanAnswer } from '../network/leanRoute.js';
import { http } from '../network/routeHandlers.js';
import { readXmlSafely, XmlInputError, DEFAULT_MAX_XML_BYTES, DEFAULT_MAX_XML_DEPTH } from '../xml/safeXml.js';
import { buildEnvelope, readEnvelope, SoapEnvelopeError } from './envelope.js';
import { envelopePlan, scanEnvelope, type EnvelopePlan } from './envelopeScan.js';
import { errorResult, OK, resultXml, type Result } from './resultType.js';
import { soapFaultEnvelope } from './soapFault.js';
import type { OperationFacts, SoapAnswer, SoapOperationSpec, SoapRequestContext } from './soapOperationSpec.js';

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

const XML_HEADERS: Readonly<Record<string, string>> = Object.freeze({ 'content-type': 'text/xml; charset=utf-8' });

/** No fault rule took the request. */
const NO_FAULT: TransportFaultOutcome = { kind: 'continue' };

/** One request as the operation gets it, from msw or straight from a kit listener. */
interface SoapInput {
  body: Buffer;
  /** The body decoded as UTF-8, when the caller has it already. */
  text?: string;
  /** The request as a fetch `Request` (made on demand on the lean path). */
  request(): Request;
}

/** What a request was read into: the context for the logic, or a refusal already made. */
type ReadRequest = { context: SoapRequestContext; notes: ExchangeNotes } | { refusal: LeanAnswer };

/** The DOM of a request the lean scan accepted, parsed once, on first use. */
function lazyDom(body: Buffer, maxBytes: number): () => { doc: Document; payload: Element } {
  let dom: { doc: Document; payload: Element } | undefined;
  return () => {
    if (!dom) {
      const { doc } = readXmlSafely(body, { maxBytes });
      dom = { doc, payload: readEnvelope(doc).payload };
    }
    return dom;
  };
}

/** Builds the msw handler for one SOAP operation, with its lean route for a kit listener. */
export function soapOperationHandler(spec: SoapOperationSpec): RequestHandler {
  const maxBytes = spec.maxBodyBytes ?? DEFAULT_MAX_XML_BYTES;
  const plan: EnvelopePlan | undefined = spec.lean
    ? envelopePlan({ ...spec, maxBytes, maxDepth: DEFAULT_MAX_XML_DEPTH, fields: spec.lean.fields })
    : undefined;

  const responsePayload = (answer: Pick<SoapAnswer, 'result' | 'beforeResult' | 'responseContent'>) =>
    `<tns:${spec.responseElement} xmlns:tns="${spec.responseNs}">${answer.responseContent ?? `${answer.beforeResult ?? ''}${resultXml(spec.responseNs, answer.result)}`}</tns:${spec.responseElement}>`;

  // The plain OK answer, the one nearly every request gets, is the same text every time: made once,
  // with its bytes (docs/decisions/0032-lean-receiver-hot-path.md).
  const okBody = buildEnvelope(responsePayload({ result: OK }));
  const okBytes = Buffer.from(okBody, 'utf8');
  const plainOk = (result: Result, beforeResult?: string, responseContent?: string) =>
    beforeResult === undefined && responseContent === undefined && result.resultCode === 'OK' && result.resultText === undefined && result.errorId === undefined;

  const answerResult = (result: Result, notes: ExchangeNotes, beforeResult?: string, responseContent?: string): LeanAnswer => ({
    status: 200,
    headers: XML_HEADERS,
    ...(plainOk(result, beforeResult, responseContent) ? { body: okBody, bytes: okBytes } : { body: buildEnvelope(responsePayload({ result, beforeResult, responseContent })) }),
    notes: {
      ...notes,
      resultCode: result.resultCode,
      errorId: result.errorId,
      message: result.resultText ?? notes.message,
      outcome: result.resultCode === 'ERROR' ? 'error' : 'ok',
    },
  });

  const answerFault = (faultcode: string, faultstring: string, notes: ExchangeNotes): LeanAnswer => ({
    status: 500,
    headers: XML_HEADERS,
    body: soapFaultEnvelope({ faultcode, faultstring }),
    notes: { ...notes, errorId: faultcode, message: faultstring, outcome: 'error' },
  });

  const refuse = (message: string, notes: ExchangeNotes) =>
    spec.badInput === 'resultType'
      ? answerResult(errorResult('VALIDATION_ERROR', message), notes)
      : answerFault('soap:Client', message, notes);

  /** The strict reader and the DOM: every request without `lean`, and every one the scan leaves undecided. */
  const readStrictly = (input: SoapInput): ReadRequest => {
    const base: ExchangeNotes = { operation: spec.operation };
    // The bytes as they arrived: encoding and nesting are checked on them before any DOM is built,
    // so malformed input is refused at once (a 100,000-deep document costs xmldom seconds).
    let doc: Document;
    let text: string;
    let envelope: ReturnType<typeof readEnvelope>;
    try {
      ({ doc, text } = readXmlSafely(input.body, { maxBytes }));
      envelope = readEnvelope(doc);
    } catch (error) {
      if (error instanceof XmlInputError || error instanceof SoapEnvelopeError) {
        return { refusal: refuse(`${spec.operation}: ${error.message}`, base) };
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
      return {
        refusal: refuse(
          `${spec.operation}: request element is {${payload.namespaceURI ?? ''}}${payload.localName}, expected {${spec.requestNs}}${spec.requestElement}`,
          notes,
        ),
      };
    }
    if (spec.requireLogicalAddress && !logicalAddress) {
      return {
        refusal: refuse(
          `${spec.operation}: SOAP header LogicalAddress (urn:riv:itintegration:registry:1) is missing or empty; RIV-TA routing needs the receiver's HSA-ID there`,
          notes,
        ),
      };
    }
    const context: SoapRequestContext = {
      doc,
      payload,
      logicalAddress,
      facts,
      get request() {
        return input.request();
      },
      rawBody: text,
    };
    return { context, notes };
  };

  /** The lean scan: a request it reads whole and the operation takes, else the strict reader. */
  const read = (input: SoapInput): ReadRequest => {
    if (!plan || !spec.lean) return readStrictly(input);
    const scanned = scanEnvelope(input.body, plan, input.text);
    if (scanned.kind === 'undecided') return readStrictly(input);
    const { logicalAddress, fields } = scanned;
    let facts: OperationFacts = {};
    try {
      facts = spec.lean.facts(fields, logicalAddress);
    } catch {
      facts = { logicalAddress };
    }
    const dom = lazyDom(input.body, maxBytes);
    const context: SoapRequestContext = {
      get doc() {
        return dom().doc;
      },
      get payload() {
        return dom().payload;
      },
      logicalAddress,
      facts,
      get request() {
        return input.request();
      },
      rawBody: scanned.text,
      fields,
    };
    return { context, notes: { operation: spec.operation, ...facts } };
  };

  const answer = async (input: SoapInput): Promise<LeanAnswer | Response> => {
    const reading = read(input);
    if ('refusal' in reading) return reading.refusal;
    const { context, notes } = reading;
    const { facts } = context;

    const effect = spec.faults?.take(spec.party, spec.operation, facts);
    const fault = effect ? await applyTransportFault(effect, notes) : NO_FAULT;
    if (fault.kind === 'answer') return fault.response;
    if (fault.kind === 'continue' && fault.note) notes.message = fault.note;
    if (fault.kind === 'protocol') {
      const { effect } = fault;
      if (effect.kind === 'soapFault') return answerFault(effect.faultcode ?? 'soap:Server', effect.faultstring ?? `${spec.operation} failed (samverkan fault rule)`, notes);
      return answerResult(
        { resultCode: effect.resultCode, errorId: effect.errorId, resultText: effect.resultText ?? (effect.resultCode === 'OK' ? undefined : `${effect.resultCode}${effect.errorId ? ` ${effect.errorId}` : ''} (samverkan fault rule)`) },
        notes,
      );
    }

    try {
      const handled = spec.handle(context);
      const answer = handled instanceof Promise ? await handled : handled;
      return answerResult(answer.result, { ...notes, ...answer.notes }, answer.beforeResult, answer.responseContent);
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
  };

  // `*` before the path: any origin, so the same handler serves a party server and msw's setupServer.
  const handler = http.post(`*${spec.path}`, async ({ request }) => {
    const reply = await answer({ body: Buffer.from(await request.arrayBuffer()), request: () => request });
    if (reply instanceof Response) return reply;
    return withNotes(new HttpResponse(reply.body, { status: reply.status, headers: reply.headers }), reply.notes);
  });
  // Every operation is served lean by a kit listener (no msw, no fetch objects per request); only
  // an operation with `spec.lean` is also read by the bounded scan (docs/decisions/0028-replay-at-volume.md).
  return withLeanRoute(handler, {
    path: spec.path,
    serve: ({ body, text, url, headers }) =>
      answer({ body, text, request: () => new Request(url, { method: 'POST', headers, body: new Uint8Array(body) }) }),
  });
}