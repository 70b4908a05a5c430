/**
 * What one RIV-TA SOAP operation declares to `soapOperationHandler` (soapOperation.ts): its
 * contract (party, path, request and response elements), how bad input is answered, its fault
 * rules, its facts and logic, and, for an operation that carries volume, its lean reading
 * (docs/decisions/0016-lean-soap-path.md); and what that logic sees of a request and answers.
 */
import type { Document, Element } from '@xmldom/xmldom';
import type { FaultRules, RequestFacts } from '../faults/faultRules.js';
import type { ExchangeNotes } from '../network/exchangeNotes.js';
import type { FieldPaths, ScannedFields } from './envelopeScan.js';
import type { Result } from './resultType.js';

/** What the operation's logic sees of a well-formed request. */
export interface SoapRequestContext {
  /** The parsed request; on the lean path parsed on first use (reading `fields` instead is cheaper). */
  doc: Document;
  /** The request element; on the lean path parsed on first use. */
  payload: Element;
  logicalAddress?: string;
  facts: OperationFacts;
  /** The request as a fetch `Request`; on the lean path made on first use. */
  request: Request;
  /** The request body as received, decoded in its declared encoding (strictly; see safeXml). */
  rawBody: string;
  /**
   * The text of the elements `spec.lean.fields` names, when the request was read by the lean scan;
   * undefined when it was read into a DOM (no `lean`, or a request the scan left undecided).
   */
  fields?: ScannedFields;
}

/**
 * How an operation is read on the lean path: the elements its logic and its facts need, and the
 * facts from them. The logic reads `context.fields` when present and falls back to the DOM for
 * anything it cannot decide from them (a missing element, for its exact error message).
 */
export interface LeanSoapReading {
  /** The elements to read, by name, as paths below the request element (first child at each step). */
  fields: FieldPaths;
  /**
   * The correlation facts from the fields: must give exactly what `facts` gives for the same
   * request (the tests of each operation hold the two to it); must not throw on odd content.
   */
  facts(fields: ScannedFields, logicalAddress: string | undefined): OperationFacts;
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
  /**
   * The whole content of the response element, for a contract whose response has no `result`
   * (ListCertificatesForCareWithQA); `result` then only feeds the journal notes.
   */
  responseContent?: string;
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
  /** Opt into the lean path (see {@link LeanSoapReading} and docs/decisions/0016-lean-soap-path.md). */
  lean?: LeanSoapReading;
}
