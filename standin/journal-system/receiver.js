// @ts-check
/**
 * The stand-in's HTTP side: the CertificateStatusUpdateForCare v3 producer at the RIV-TA path
 * (request validated against the contract's XSDs, filed idempotently, answered OK), the WSDL at
 * `?wsdl`, what it has filed at `GET /status-updates`, and `POST /catch-up` (catchUp.js).
 *
 * `broken` plants three defects a real journal system must not have: ERROR APPLICATION_ERROR to
 * every ANDRAT, no answer at all to MAKULE, and ERROR VALIDATION_ERROR to a repeated update.
 */
import { catchUp, readCatchUpAsk } from './catchUp.js';
import { BadRequest, faultEnvelope, readEnvelope, readFacts, responseEnvelope } from './soapMessages.js';
import { standaloneXml } from './xsdValidation.js';

const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * @typedef {object} ReceiverOptions
 * @property {import('./contract.js').StatusUpdateContract} contract
 * @property {import('./xsdValidation.js').XsdValidator} validator
 * @property {{ xsdPath: string, namespace: string }} inputMessage the WSDL input message as one XSD (see contract.js)
 * @property {import('./statusUpdateStore.js').StatusUpdateStore} store
 * @property {boolean} broken
 * @property {(line: string) => void} log
 * @property {{ contract: import('./contract.js').StatusUpdateContract, webcertUrl?: string }} catchUp
 *   ListCertificatesForCareWithQA's contract, and Webcert's endpoint when given at start
 */

/**
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<string | undefined>} undefined when the body is too large
 */
function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on('data', (/** @type {Buffer} */ c) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} body
 * @param {string} [type]
 */
function send(res, status, body, type = 'text/xml; charset=utf-8') {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * The request handler.
 * @param {ReceiverOptions} o
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void}
 */
export function receiver(o) {
  const { contract } = o;
  const ok = (/** @type {import('node:http').ServerResponse} */ res) => send(res, 200, responseEnvelope(contract.response, { resultCode: 'OK' }));
  const error = (/** @type {import('node:http').ServerResponse} */ res, /** @type {string} */ errorId, /** @type {string} */ text) =>
    send(res, 200, responseEnvelope(contract.response, { resultCode: 'ERROR', resultText: text, errorId }));
  const fault = (/** @type {import('node:http').ServerResponse} */ res, /** @type {'Client' | 'Server'} */ code, /** @type {string} */ text) =>
    send(res, 500, faultEnvelope(code, text));

  /** @param {string} body @param {import('node:http').ServerResponse} res */
  async function statusUpdate(body, res) {
    let parts;
    try {
      parts = readEnvelope(body, contract.logicalAddress);
    } catch (e) {
      if (e instanceof BadRequest) return fault(res, 'Client', `Unmarshalling Error: ${e.message}`);
      throw e;
    }
    const { payload, logicalAddressElement } = parts;
    if (payload.namespaceURI !== contract.request.ns || payload.localName !== contract.request.local) {
      return fault(res, 'Client', `Unmarshalling Error: soap:Body holds {${payload.namespaceURI ?? ''}}${payload.localName}, expected {${contract.request.ns}}${contract.request.local}`);
    }
    const input = `<w:inputMessage xmlns:w="${o.inputMessage.namespace}">${standaloneXml(logicalAddressElement)}${standaloneXml(payload)}</w:inputMessage>`;
    const { errors } = await o.validator.validate(input, o.inputMessage.xsdPath);
    if (errors.length) return fault(res, 'Client', `Unmarshalling Error: ${errors.slice(0, 5).join(' | ')}`);

    const facts = readFacts(payload, (logicalAddressElement.textContent ?? '').trim());
    const label = `${facts.eventCode} ${facts.certificateId} ${facts.eventTime}`;
    if (o.broken && facts.eventCode === 'ANDRAT') {
      o.log(`broken: ERROR APPLICATION_ERROR to ${label}`);
      return error(res, 'APPLICATION_ERROR', 'ANDRAT hanteras inte');
    }
    if (o.broken && facts.eventCode === 'MAKULE') {
      o.log(`broken: no answer to ${label}`);
      return; // The caller waits until it gives up; the stop of the server ends the socket.
    }
    if (o.broken && o.store.has(facts)) {
      o.log(`broken: ERROR VALIDATION_ERROR to repeated ${label}`);
      return error(res, 'VALIDATION_ERROR', 'Statusuppdateringen är redan mottagen');
    }
    const { duplicate } = o.store.add(facts, body);
    o.log(`${duplicate ? 'repeat of' : 'filed'} ${label} (LogicalAddress ${facts.logicalAddress})`);
    return ok(res);
  }

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const handle = async () => {
      if (url.pathname === contract.endpointPath) {
        if (req.method === 'GET' && url.searchParams.has('wsdl')) return send(res, 200, contract.wsdlText);
        if (req.method !== 'POST') {
          res.setHeader('allow', 'POST');
          return send(res, 405, `${req.method} is not allowed here: POST a SOAP 1.1 CertificateStatusUpdateForCare (or GET ?wsdl)\n`, 'text/plain; charset=utf-8');
        }
        const body = await readBody(req);
        if (body === undefined) return fault(res, 'Client', `request larger than ${MAX_BODY_BYTES} bytes`);
        return statusUpdate(body, res);
      }
      if (url.pathname === '/catch-up' && req.method === 'POST') {
        let ask;
        try {
          ask = readCatchUpAsk((await readBody(req)) ?? '', o.catchUp.webcertUrl);
        } catch (e) {
          if (e instanceof BadRequest) return send(res, 400, `${JSON.stringify({ error: e.message })}\n`, 'application/json; charset=utf-8');
          throw e;
        }
        try {
          const outcome = await catchUp(ask, { contract: o.catchUp.contract, validator: o.validator, store: o.store, log: o.log });
          o.log(`catch-up for ${ask.personId} on ${ask.unit}: ${outcome.certificates} certificates, ${outcome.events} events, ${outcome.filed} newly filed`);
          return send(res, 200, `${JSON.stringify(outcome)}\n`, 'application/json; charset=utf-8');
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          o.log(`catch-up failed: ${message}`);
          return send(res, 502, `${JSON.stringify({ error: `the catch-up call failed: ${message}` })}\n`, 'application/json; charset=utf-8');
        }
      }
      if (url.pathname === '/status-updates' && req.method === 'GET') {
        return send(res, 200, `${JSON.stringify({ broken: o.broken, certificates: o.store.certificates() }, null, 2)}\n`, 'application/json; charset=utf-8');
      }
      return send(res, 404, `Nothing at ${url.pathname}: the status-update receiver is ${contract.endpointPath}\n`, 'text/plain; charset=utf-8');
    };
    handle().catch((e) => {
      o.log(`internal error: ${e instanceof Error ? e.message : String(e)}`);
      // Temporarily unable: the one answer after which Webcert resends.
      if (!res.headersSent) error(res, 'TECHNICAL_ERROR', `journalsystemet kan inte ta emot just nu: ${e instanceof Error ? e.message : String(e)}`);
    });
  };
}
