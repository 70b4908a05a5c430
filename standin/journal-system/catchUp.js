// @ts-check
/**
 * The stand-in's catch-up: after status updates ended in FAILURE, a journal system asks Webcert
 * with ListCertificatesForCareWithQA v3 what a patient's certificates on a unit have been through,
 * and files the events it finds as it files status updates (idempotent by (intygs-id, handelsekod,
 * tidpunkt)), so what it missed is filed once and what it had is not filed twice. Written from
 * the interaction's 3.3 WSDL and the XSDs it imports: the request is built from the element names
 * the WSDL gives, the answer is validated against the responder XSD before anything is filed.
 */
import { DOMParser } from '@xmldom/xmldom';
import { BadRequest, readListItemFacts, SOAP11_NS } from './soapMessages.js';
import { standaloneXml } from './xsdValidation.js';

const TYPES_NS = 'urn:riv:clinicalprocess:healthcond:certificate:types:3';
/** OIDs of a personnummer and a samordningsnummer (day + 60), and of an HSA-ID. */
const PERSONNUMMER_ROOT = '1.2.752.129.2.1.3.1';
const SAMORDNINGSNUMMER_ROOT = '1.2.752.129.2.1.3.3';
const HSA_ROOT = '1.2.752.129.2.1.4.1';
const CALL_TIMEOUT_MS = 30_000;

/**
 * @typedef {object} CatchUpOptions
 * @property {import('./contract.js').StatusUpdateContract} contract ListCertificatesForCareWithQA's contract (see readContract)
 * @property {import('./xsdValidation.js').XsdValidator} validator
 * @property {import('./statusUpdateStore.js').StatusUpdateStore} store
 * @property {(line: string) => void} log
 */

/**
 * @typedef {object} CatchUpAsk
 * @property {string} personId  personnummer or samordningsnummer, digits (a dash is dropped)
 * @property {string} unit      the care unit's HSA-ID (LogicalAddress and enhets-id)
 * @property {string} webcertUrl Webcert's ListCertificatesForCareWithQA endpoint
 */

/**
 * @typedef {object} CatchUpOutcome
 * @property {number} certificates certificates in Webcert's answer
 * @property {number} events       events in it
 * @property {number} filed        of those, events the stand-in had not filed before
 */

/** @param {string} s */
const esc = (s) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

/**
 * The request envelope: LogicalAddress header and the request element with person-id and enhets-id.
 * @param {import('./contract.js').StatusUpdateContract} contract
 * @param {string} personId
 * @param {string} unit
 */
export function catchUpRequest(contract, personId, unit) {
  const { request, logicalAddress } = contract;
  const root = Number(personId.slice(6, 8)) > 60 ? SAMORDNINGSNUMMER_ROOT : PERSONNUMMER_ROOT;
  return (
    `<soap:Envelope xmlns:soap="${SOAP11_NS}"><soap:Header><la:${logicalAddress.local} xmlns:la="${esc(logicalAddress.ns)}">${esc(unit)}</la:${logicalAddress.local}></soap:Header><soap:Body>` +
    `<r:${request.local} xmlns:r="${esc(request.ns)}" xmlns:types="${TYPES_NS}">` +
    `<r:person-id><types:root>${root}</types:root><types:extension>${esc(personId)}</types:extension></r:person-id>` +
    `<r:enhets-id><types:root>${HSA_ROOT}</types:root><types:extension>${esc(unit)}</types:extension></r:enhets-id>` +
    `</r:${request.local}></soap:Body></soap:Envelope>`
  );
}

/**
 * Reads `{ personId, unit, webcertUrl? }` (JSON); `webcertUrl` falls back to the one given at start.
 * @param {string} body
 * @param {string | undefined} defaultUrl
 * @returns {CatchUpAsk}
 * @throws BadRequest saying what is missing
 */
export function readCatchUpAsk(body, defaultUrl) {
  /** @type {Record<string, unknown>} */
  let json;
  try {
    json = JSON.parse(body || '{}');
  } catch (e) {
    throw new BadRequest(`the body is not JSON (${e instanceof Error ? e.message : String(e)}); send {"personId": "...", "unit": "...", "webcertUrl": "..."}`);
  }
  const personId = typeof json.personId === 'string' ? json.personId.replace(/\D/g, '') : '';
  const unit = typeof json.unit === 'string' ? json.unit.trim() : '';
  const webcertUrl = typeof json.webcertUrl === 'string' ? json.webcertUrl : defaultUrl;
  if (personId.length !== 12) throw new BadRequest('personId must be a personnummer or samordningsnummer with 12 digits');
  if (!unit) throw new BadRequest('unit must be the care unit\'s HSA-ID');
  if (!webcertUrl) throw new BadRequest('webcertUrl is missing: send it, or start the stand-in with --webcert-catch-up <url>');
  return { personId, unit, webcertUrl };
}

/**
 * Calls Webcert, validates the answer and files every event in it.
 * @param {CatchUpAsk} ask
 * @param {CatchUpOptions} o
 * @returns {Promise<CatchUpOutcome>}
 * @throws Error saying what went wrong with the call or the answer (nothing is filed then)
 */
export async function catchUp(ask, o) {
  const { contract } = o;
  const request = catchUpRequest(contract, ask.personId, ask.unit);
  const res = await fetch(ask.webcertUrl, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${contract.soapAction}"` },
    body: request,
    signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
  });
  const answer = await res.text();
  if (res.status !== 200) throw new Error(`Webcert answered HTTP ${res.status} to ListCertificatesForCareWithQA at ${ask.webcertUrl}: ${answer.slice(0, 300)}`);
  const doc = new DOMParser().parseFromString(answer, 'text/xml');
  const envelope = doc.documentElement;
  const body = envelope ? Array.from(envelope.childNodes).find((n) => n.nodeType === 1 && /** @type {import('@xmldom/xmldom').Element} */ (n).localName === 'Body') : undefined;
  const payload = body ? /** @type {import('@xmldom/xmldom').Element | undefined} */ (Array.from(body.childNodes).find((n) => n.nodeType === 1)) : undefined;
  if (!payload || payload.namespaceURI !== contract.response.ns || payload.localName !== contract.response.local) {
    throw new Error(`Webcert's answer is not a ${contract.response.local}: ${answer.slice(0, 300)}`);
  }
  const xsd = contract.xsdByNamespace[contract.response.ns];
  if (!xsd) throw new Error('the WSDL does not import the XSD of the response');
  const { errors } = await o.validator.validate(standaloneXml(payload), xsd);
  if (errors.length) throw new Error(`Webcert's ListCertificatesForCareWithQAResponse is not valid against the XSD: ${errors.slice(0, 3).join(' | ')}`);

  const list = Array.from(payload.childNodes).find((n) => n.nodeType === 1 && /** @type {import('@xmldom/xmldom').Element} */ (n).localName === 'list');
  const items = list ? Array.from(list.childNodes).filter((n) => n.nodeType === 1 && /** @type {import('@xmldom/xmldom').Element} */ (n).localName === 'item') : [];
  let events = 0;
  let filed = 0;
  for (const item of items) {
    const el = /** @type {import('@xmldom/xmldom').Element} */ (item);
    for (const facts of readListItemFacts(el, ask.unit)) {
      events++;
      if (o.store.has(facts)) continue; // already filed from a status update: not an arrival
      o.store.add(facts, standaloneXml(el));
      filed++;
      o.log(`caught up ${facts.eventCode} ${facts.certificateId} ${facts.eventTime} (ListCertificatesForCareWithQA)`);
    }
  }
  return { certificates: items.length, events, filed };
}
