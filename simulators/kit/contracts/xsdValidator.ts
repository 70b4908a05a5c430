/**
 * Validation of XML against the real RIV-TA XSDs with libxml2's `xmllint`, and of whole SOAP 1.1
 * messages of a contract (payload against the responder XSD, `LogicalAddress` header against the
 * registry XSD).
 */

import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Document, Element } from '@xmldom/xmldom';
import { LOGICAL_ADDRESS_XSD_PATH, contractByName } from './contracts.js';
import type { ContractName } from './contracts.js';
import { ITINTEGRATION_REGISTRY_NS, SOAP11_ENVELOPE_NS } from './namespaces.js';
import { serializeStandalone } from './standaloneElement.js';
import { parseXmlSafely } from '../xml/safeXml.js';

/** Outcome of a validation: `errors` holds xmllint's messages (or ours) when not valid. */
export interface ValidationResult {
  valid: boolean;
  errors: string[];
}

const XMLLINT = 'xmllint';
const XMLLINT_TIMEOUT_MS = 30_000;

/**
 * Validates `xml` (a whole document) against the XSD at `xsdPath` with
 * `xmllint --noout --nonet --schema <xsd> -`, the XML on stdin.
 * @throws Error when xmllint is not installed, the XSD does not exist or does not compile, or
 *   xmllint does not finish: problems of the set-up, not of the message.
 */
export function validateXml(xml: string, xsdPath: string): ValidationResult {
  if (!existsSync(xsdPath)) {
    throw new Error(`XSD not found at ${xsdPath}: check the schema root (SAMVERKAN_SCHEMAS).`);
  }
  // A small document seen before against the same XSD file gets the same verdict without another
  // xmllint: every request's LogicalAddress header is one of a few (an xmllint run costs 0.1-0.3 s).
  const key = xml.length <= SMALL_DOCUMENT_CHARS ? `${xsdPath}\0${statSync(xsdPath).mtimeMs}\0${xml}` : undefined;
  const known = key === undefined ? undefined : smallVerdicts.get(key);
  if (known) return { valid: known.valid, errors: [...known.errors] };
  const result = runXmllint(xml, xsdPath);
  if (key !== undefined) {
    if (smallVerdicts.size >= SMALL_VERDICTS_MAX) smallVerdicts.delete(smallVerdicts.keys().next().value!);
    smallVerdicts.set(key, { valid: result.valid, errors: [...result.errors] });
  }
  return result;
}

/** Documents up to this size have their verdict remembered (LogicalAddress headers and the like). */
const SMALL_DOCUMENT_CHARS = 512;
const SMALL_VERDICTS_MAX = 256;
/**
 * Verdicts of xmllint on small documents, by XSD path, XSD modification time and document: a
 * memo of a pure function of files and text, not state of any party.
 */
const smallVerdicts = new Map<string, ValidationResult>();

function runXmllint(xml: string, xsdPath: string): ValidationResult {
  const run = spawnSync(XMLLINT, ['--noout', '--nonet', '--schema', xsdPath, '-'], {
    input: xml,
    encoding: 'utf8',
    timeout: XMLLINT_TIMEOUT_MS,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (run.error) {
    const code = (run.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new Error(
        'xmllint was not found on PATH, so XML cannot be validated against the RIV-TA XSDs: ' +
          'install it (Debian/Ubuntu: apt-get install libxml2-utils).',
      );
    }
    throw new Error(`xmllint could not be run against ${xsdPath}: ${run.error.message}`);
  }
  const lines = run.stderr.split('\n').map((l) => l.trimEnd()).filter((l) => l !== '');
  // xmllint exit codes: 0 valid, 1 not well-formed, 3 invalid, 4 validation set-up, 5 XSD broken.
  if (run.status === 4 || run.status === 5) {
    throw new Error(`xmllint could not use the XSD ${xsdPath} (exit ${run.status}): ${lines.join(' | ')}`);
  }
  if (run.status === 0) return { valid: true, errors: [] };
  const errors = lines.filter((l) => l !== '- validates' && l !== '- fails to validate');
  if (errors.length === 0) errors.push(`xmllint exited with status ${String(run.status)} and no message`);
  return { valid: false, errors };
}

function elementChildren(node: Element): Element[] {
  const out: Element[] = [];
  for (let i = 0; i < node.childNodes.length; i++) {
    const child = node.childNodes.item(i);
    if (child !== null && child.nodeType === 1) out.push(child as Element);
  }
  return out;
}

function qname(el: Element): string {
  return `{${el.namespaceURI ?? ''}}${el.localName ?? el.nodeName}`;
}

/** Largest message validated: as large as xmllint's output buffer here, far above any RIV-TA message. */
const MAX_VALIDATED_BYTES = 16 * 1024 * 1024;

function parseEnvelope(envelopeXml: string): { doc?: Document; errors: string[] } {
  try {
    return { doc: parseXmlSafely(envelopeXml, { maxBytes: MAX_VALIDATED_BYTES }), errors: [] };
  } catch (e) {
    return { errors: [`SOAP message cannot be read: ${(e as Error).message}`] };
  }
}

function findSoapPart(envelope: Element, localName: 'Header' | 'Body'): Element | undefined {
  return elementChildren(envelope).find(
    (c) => c.namespaceURI === SOAP11_ENVELOPE_NS && c.localName === localName,
  );
}

function describeFault(fault: Element): string {
  const faultString = elementChildren(fault).find((c) => c.localName === 'faultstring');
  return faultString?.textContent ? `: ${faultString.textContent.trim()}` : '';
}

function validateLogicalAddress(envelope: Element, schemaRoot: string): string[] {
  const header = findSoapPart(envelope, 'Header');
  const addresses = header
    ? elementChildren(header).filter(
        (c) => c.namespaceURI === ITINTEGRATION_REGISTRY_NS && c.localName === 'LogicalAddress',
      )
    : [];
  if (addresses.length !== 1) {
    return [
      `Request must carry exactly one LogicalAddress header ({${ITINTEGRATION_REGISTRY_NS}}` +
        `LogicalAddress in soap:Header, RIV-TA BP 2.1 rule #8); found ${addresses.length}.`,
    ];
  }
  const address = addresses[0] as Element;
  const result = validateXml(serializeStandalone(address), join(schemaRoot, LOGICAL_ADDRESS_XSD_PATH));
  const errors = result.errors.map((e) => `LogicalAddress header: ${e}`);
  if ((address.textContent ?? '').trim() === '') {
    errors.push('LogicalAddress header is empty: RIV-TA routes on it, so it must name the receiver.');
  }
  return errors;
}

/**
 * Validates a SOAP 1.1 message of `contractName`: the single element child of `soap:Body` must be
 * the contract's request (or response) element and valid against the contract's XSD (checked as a
 * standalone document that keeps the namespace declarations inherited from the envelope); a
 * request must also carry exactly one `LogicalAddress` header, valid against
 * `itintegration_registry_1.0.xsd`.
 * @param schemaRoot folder that contains `rivta/` (see `requireSchemaRoot`).
 * @throws Error for set-up problems (unknown contract, xmllint missing, XSD missing).
 */
export function validateSoapMessage(
  envelopeXml: string,
  contractName: ContractName,
  which: 'request' | 'response',
  schemaRoot: string,
): ValidationResult {
  const contract = contractByName(contractName);
  const { doc, errors: parseErrors } = parseEnvelope(envelopeXml);
  const envelope = doc?.documentElement;
  if (!doc || !envelope || parseErrors.length > 0) {
    return { valid: false, errors: parseErrors.length > 0 ? parseErrors : ['SOAP message has no root element.'] };
  }
  if (envelope.namespaceURI !== SOAP11_ENVELOPE_NS || envelope.localName !== 'Envelope') {
    return {
      valid: false,
      errors: [`Root element is ${qname(envelope)}, expected a SOAP 1.1 {${SOAP11_ENVELOPE_NS}}Envelope.`],
    };
  }
  const body = findSoapPart(envelope, 'Body');
  if (!body) return { valid: false, errors: ['SOAP Envelope has no soap:Body.'] };
  const payloads = elementChildren(body);
  if (payloads.length !== 1) {
    return {
      valid: false,
      errors: [`soap:Body must hold exactly one element, found ${payloads.length}.`],
    };
  }
  const payload = payloads[0] as Element;
  const expectedName = which === 'request' ? contract.requestElement : contract.responseElement;
  const expected = `{${contract.responderNamespace}}${expectedName}`;
  const errors: string[] = [];
  if (qname(payload) !== expected) {
    const isFault = payload.namespaceURI === SOAP11_ENVELOPE_NS && payload.localName === 'Fault';
    errors.push(
      isFault
        ? `soap:Body holds a SOAP Fault${describeFault(payload)}, expected ${expected}.`
        : `soap:Body holds ${qname(payload)}, expected ${expected} (${contract.name} ${which}).`,
    );
    return { valid: false, errors };
  }
  errors.push(...validateXml(serializeStandalone(payload), join(schemaRoot, contract.xsdPath)).errors);
  if (which === 'request') errors.push(...validateLogicalAddress(envelope, schemaRoot));
  return { valid: errors.length === 0, errors };
}
