// @ts-check
/**
 * SOAP 1.1 as RIV-TA Basic Profile 2.1 uses it for CertificateStatusUpdateForCare: reading the
 * request (envelope, LogicalAddress header, payload and the facts the journal keys on) and
 * writing the response (ResultType) or a SOAP Fault.
 */
import { DOMParser } from '@xmldom/xmldom';

export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
/** Namespaces of the core and types schemas the responder XSD imports. */
const CORE_NS = 'urn:riv:clinicalprocess:healthcond:certificate:3';
const TYPES_NS = 'urn:riv:clinicalprocess:healthcond:certificate:types:3';

/** A request the stand-in cannot take; `message` goes into the SOAP Fault. */
export class BadRequest extends Error {}

/**
 * @typedef {object} StatusUpdateFacts
 * @property {string} logicalAddress
 * @property {string} certificateRoot  intygs-id/root (issuing unit HSA-ID)
 * @property {string} certificateId    intygs-id/extension
 * @property {string} eventCode        handelse/handelsekod/code
 * @property {string} eventTime        handelse/tidpunkt, as sent
 * @property {string} personId
 * @property {string | undefined} typeCode
 * @property {string | undefined} ref
 */

/** @param {import('@xmldom/xmldom').Element | undefined} el */
const elements = (el) => (el ? Array.from(el.childNodes).filter((n) => n.nodeType === 1).map((n) => /** @type {import('@xmldom/xmldom').Element} */ (n)) : []);
/** @param {import('@xmldom/xmldom').Element | undefined} el @param {string} ns @param {string} local */
const child = (el, ns, local) => elements(el).find((c) => c.namespaceURI === ns && c.localName === local);
/** @param {import('@xmldom/xmldom').Element | undefined} el */
const text = (el) => (el?.textContent ?? '').trim();

/**
 * Parses the request: well-formed XML without a DOCTYPE, a SOAP 1.1 Envelope with one element in
 * its Body and one LogicalAddress header.
 * @param {string} body
 * @param {{ ns: string, local: string }} logicalAddressName
 * @returns {{ header: import('@xmldom/xmldom').Element, logicalAddressElement: import('@xmldom/xmldom').Element, payload: import('@xmldom/xmldom').Element }}
 */
export function readEnvelope(body, logicalAddressName) {
  if (/<!DOCTYPE/i.test(body)) throw new BadRequest('DOCTYPE is not allowed in a SOAP message');
  /** @type {string[]} */
  const problems = [];
  const doc = new DOMParser({ onError: (level, msg) => void (level !== 'warning' && problems.push(String(msg))) }).parseFromString(body, 'text/xml');
  const envelope = doc.documentElement;
  if (problems.length || !envelope) throw new BadRequest(`not well-formed XML: ${problems[0] ?? 'empty body'}`);
  if (envelope.namespaceURI !== SOAP11_NS || envelope.localName !== 'Envelope') {
    throw new BadRequest(`root element {${envelope.namespaceURI ?? ''}}${envelope.localName} is not a SOAP 1.1 Envelope`);
  }
  const header = child(envelope, SOAP11_NS, 'Header');
  const soapBody = child(envelope, SOAP11_NS, 'Body');
  const payloads = elements(soapBody);
  if (!soapBody || payloads.length !== 1) throw new BadRequest(`soap:Body must hold exactly one element, found ${payloads.length}`);
  const addresses = elements(header).filter((e) => e.namespaceURI === logicalAddressName.ns && e.localName === logicalAddressName.local);
  if (!header || addresses.length !== 1) throw new BadRequest(`expected one ${logicalAddressName.local} header (RIV-TA BP 2.1), found ${addresses.length}`);
  return { header, logicalAddressElement: /** @type {import('@xmldom/xmldom').Element} */ (addresses[0]), payload: /** @type {import('@xmldom/xmldom').Element} */ (payloads[0]) };
}

/**
 * The facts of a schema-valid request that the journal keys and files on.
 * @param {import('@xmldom/xmldom').Element} payload
 * @param {string} logicalAddress
 * @returns {StatusUpdateFacts}
 */
export function readFacts(payload, logicalAddress) {
  const ns = payload.namespaceURI ?? '';
  const intyg = child(payload, ns, 'intyg');
  const handelse = child(payload, ns, 'handelse');
  const id = child(intyg, CORE_NS, 'intygs-id');
  const patient = child(intyg, CORE_NS, 'patient');
  return {
    logicalAddress,
    certificateRoot: text(child(id, TYPES_NS, 'root')),
    certificateId: text(child(id, TYPES_NS, 'extension')),
    eventCode: text(child(child(handelse, CORE_NS, 'handelsekod'), TYPES_NS, 'code')),
    eventTime: text(child(handelse, CORE_NS, 'tidpunkt')),
    personId: text(child(child(patient, CORE_NS, 'person-id'), TYPES_NS, 'extension')),
    typeCode: text(child(child(intyg, CORE_NS, 'typ'), TYPES_NS, 'code')) || undefined,
    ref: child(payload, ns, 'ref') ? text(child(payload, ns, 'ref')) : undefined,
  };
}

/**
 * The facts of each event in one `item` of a ListCertificatesForCareWithQA answer (intyg,
 * handelser/handelse, ref), as if each had come as a status update to `logicalAddress`.
 * @param {import('@xmldom/xmldom').Element} item
 * @param {string} logicalAddress
 * @returns {StatusUpdateFacts[]}
 */
export function readListItemFacts(item, logicalAddress) {
  const ns = item.namespaceURI ?? '';
  const intyg = child(item, ns, 'intyg');
  const id = child(intyg, CORE_NS, 'intygs-id');
  const patient = child(intyg, CORE_NS, 'patient');
  const ref = child(item, ns, 'ref');
  return elements(child(item, ns, 'handelser'))
    .filter((h) => h.namespaceURI === ns && h.localName === 'handelse')
    .map((handelse) => ({
      logicalAddress,
      certificateRoot: text(child(id, TYPES_NS, 'root')),
      certificateId: text(child(id, TYPES_NS, 'extension')),
      eventCode: text(child(child(handelse, CORE_NS, 'handelsekod'), TYPES_NS, 'code')),
      eventTime: text(child(handelse, CORE_NS, 'tidpunkt')),
      personId: text(child(child(patient, CORE_NS, 'person-id'), TYPES_NS, 'extension')),
      typeCode: text(child(child(intyg, CORE_NS, 'typ'), TYPES_NS, 'code')) || undefined,
      ref: ref ? text(ref) : undefined,
    }));
}

/** @param {string} s */
const esc = (s) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

/**
 * The response envelope with a ResultType (resultCode, resultText, errorId in XSD order).
 * @param {{ ns: string, local: string }} response
 * @param {{ resultCode: 'OK' | 'INFO' | 'ERROR', resultText?: string, errorId?: string }} result
 */
export function responseEnvelope(response, result) {
  const parts =
    `<core:resultCode>${result.resultCode}</core:resultCode>` +
    (result.resultText === undefined ? '' : `<core:resultText>${esc(result.resultText)}</core:resultText>`) +
    (result.errorId === undefined ? '' : `<core:errorId>${result.errorId}</core:errorId>`);
  return (
    `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP11_NS}"><soap:Header/><soap:Body>` +
    `<ns:${response.local} xmlns:ns="${response.ns}" xmlns:core="${CORE_NS}"><ns:result>${parts}</ns:result></ns:${response.local}>` +
    '</soap:Body></soap:Envelope>'
  );
}

/**
 * A SOAP 1.1 Fault (sent with HTTP 500).
 * @param {'Client' | 'Server'} code
 * @param {string} message
 */
export function faultEnvelope(code, message) {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP11_NS}"><soap:Body><soap:Fault>` +
    `<faultcode>soap:${code}</faultcode><faultstring>${esc(message)}</faultstring></soap:Fault></soap:Body></soap:Envelope>`
  );
}
