/**
 * Validation of XML against the real RIV-TA XSDs with libxml2 (resident in this process, see
 * `../xml/residentXsd.ts`), and of whole SOAP 1.1 messages of a contract (payload against the
 * responder XSD, `LogicalAddress` header against the registry XSD).
 */

import { join } from 'node:path';
import type { Document, Element } from '@xmldom/xmldom';
import { LOGICAL_ADDRESS_XSD_PATH, contractByName } from './contracts.js';
import type { ContractName } from './contracts.js';
import { ITINTEGRATION_REGISTRY_NS, SOAP11_ENVELOPE_NS } from './namespaces.js';
import { serializeStandalone } from './standaloneElement.js';
import { parseXmlSafely } from '../xml/safeXml.js';
import { validateAgainstXsdFile } from '../xml/residentXsd.js';

/** Outcome of a validation: `errors` holds libxml2's messages (as xmllint words them) or ours when not valid. */
export interface ValidationResult {
  valid: boolean;
  errors: string[];
}

/**
 * Validates `xml` (a whole document) against the XSD at `xsdPath` with libxml2, as
 * `xmllint --noout --nonet --schema <xsd> -` would: the XSD is compiled once per process (again
 * when the file changes) and includes/imports resolve from the schema copy on disk.
 * @throws Error when the XSD does not exist or does not compile: problems of the set-up, not of
 *   the message.
 */
export function validateXml(xml: string, xsdPath: string): ValidationResult {
  return validateAgainstXsdFile(xml, xsdPath);
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

/** Largest message validated: far above any RIV-TA message. */
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
 * @throws Error for set-up problems (unknown contract, XSD missing or not compiling).
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
