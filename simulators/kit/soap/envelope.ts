/**
 * SOAP 1.1 envelopes as RIV-TA Basic Profile 2.1 uses them: document/literal, one payload
 * element in the Body, and the routing header `LogicalAddress` (urn:riv:itintegration:registry:1).
 */
import type { Document, Element } from '@xmldom/xmldom';
import { childElement, childElements } from '../xml/dom.js';
import { xmlEscape } from '../xml/xmlText.js';

/** SOAP 1.1 envelope namespace. */
export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
/** SOAP 1.2 envelope namespace (refused by RIV-TA BP 2.1 endpoints, recognised for the message). */
export const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';
/** Namespace of the RIV-TA `LogicalAddress` header. */
export const LOGICAL_ADDRESS_NS = 'urn:riv:itintegration:registry:1';

/** Why an envelope could not be used; the message is meant for the sender. */
export class SoapEnvelopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SoapEnvelopeError';
  }
}

/** The parts of a received envelope that protocol code needs. */
export interface ReceivedEnvelope {
  envelope: Element;
  header?: Element;
  /** The single element child of soap:Body. */
  payload: Element;
  /** Text of the `LogicalAddress` header, when present. */
  logicalAddress?: string;
}

const describe = (el: Element) => `<${el.nodeName}>`;

/**
 * The Header and Body of an Envelope, in the one shape SOAP 1.1 allows: at most one soap:Header,
 * first; exactly one soap:Body; nothing after the Body (WS-I Basic Profile 1.1, R1011). A message
 * with two Bodies is refused rather than read by its first one, as a CXF endpoint refuses it.
 */
function envelopeParts(envelope: Element): { header?: Element; body: Element } {
  const children = childElements(envelope);
  const headers = children.filter((c) => c.namespaceURI === SOAP11_NS && c.localName === 'Header');
  const bodies = children.filter((c) => c.namespaceURI === SOAP11_NS && c.localName === 'Body');
  if (bodies.length === 0) throw new SoapEnvelopeError('SOAP Envelope has no Body; put the request element in soap:Body');
  if (bodies.length > 1) {
    throw new SoapEnvelopeError(
      `SOAP Envelope has ${bodies.length} Body elements; a SOAP 1.1 Envelope holds exactly one soap:Body: send the request in one`,
    );
  }
  if (headers.length > 1) {
    throw new SoapEnvelopeError(
      `SOAP Envelope has ${headers.length} Header elements; a SOAP 1.1 Envelope holds at most one soap:Header: put every header block in one`,
    );
  }
  const body = bodies[0]!;
  const header = headers[0];
  const bodyAt = children.indexOf(body);
  if (header && children.indexOf(header) > bodyAt) {
    throw new SoapEnvelopeError('SOAP Header comes after the Body; a SOAP 1.1 Envelope has soap:Header first, then soap:Body');
  }
  const stray = children.find((c) => c !== header && c !== body);
  if (stray) {
    throw new SoapEnvelopeError(
      `SOAP Envelope holds ${describe(stray)} ${children.indexOf(stray) > bodyAt ? 'after' : 'before'} soap:Body; ` +
        'it may hold only soap:Header and soap:Body (WS-I Basic Profile 1.1, R1011): remove it',
    );
  }
  return { header, body };
}

/**
 * Finds the envelope, header, payload and LogicalAddress of a parsed SOAP 1.1 message.
 *
 * @throws {SoapEnvelopeError} when the document is not a SOAP 1.1 envelope of one optional
 *   Header and one Body, with exactly one payload element in its Body.
 */
export function readEnvelope(doc: Document): ReceivedEnvelope {
  const envelope = doc.documentElement;
  if (!envelope || envelope.localName !== 'Envelope') {
    throw new SoapEnvelopeError(
      `root element is <${envelope?.nodeName ?? 'none'}>, not a SOAP Envelope; wrap the request in soap:Envelope (${SOAP11_NS})`,
    );
  }
  if (envelope.namespaceURI !== SOAP11_NS) {
    const which = envelope.namespaceURI === SOAP12_NS ? 'SOAP 1.2' : `namespace "${envelope.namespaceURI ?? ''}"`;
    throw new SoapEnvelopeError(
      `Envelope is in ${which}; RIV-TA Basic Profile 2.1 uses SOAP 1.1 (${SOAP11_NS})`,
    );
  }
  const { header, body } = envelopeParts(envelope);
  const payloads = childElements(body);
  if (payloads.length !== 1) {
    throw new SoapEnvelopeError(
      `SOAP Body holds ${payloads.length} elements; document/literal needs exactly one request element`,
    );
  }
  const la = header ? childElement(header, LOGICAL_ADDRESS_NS, 'LogicalAddress') : undefined;
  const logicalAddress = la ? (la.textContent ?? '').trim() : undefined;
  return { envelope, header, payload: payloads[0]!, logicalAddress: logicalAddress || undefined };
}

/**
 * Wraps a payload element (already serialised) in a SOAP 1.1 envelope, with a LogicalAddress
 * header when given (requests) and none otherwise (responses).
 */
export function buildEnvelope(payloadXml: string, logicalAddress?: string): string {
  const header =
    logicalAddress === undefined
      ? '<soap:Header/>'
      : `<soap:Header><add:LogicalAddress xmlns:add="${LOGICAL_ADDRESS_NS}">${xmlEscape(logicalAddress)}</add:LogicalAddress></soap:Header>`;
  return `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP11_NS}">${header}<soap:Body>${payloadXml}</soap:Body></soap:Envelope>`;
}
