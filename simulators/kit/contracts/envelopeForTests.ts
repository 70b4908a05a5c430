/**
 * A minimal SOAP 1.1 envelope for tests of message builders and validators. Production envelopes
 * come from the kit's soap module; this exists so contract tests need nothing else.
 */

import { ITINTEGRATION_REGISTRY_NS, SOAP11_ENVELOPE_NS } from './namespaces.js';

/**
 * Wraps `payloadXml` (one element, with or without an XML declaration) in a SOAP 1.1 envelope,
 * with a `LogicalAddress` header when `logicalAddress` is given.
 */
export function soapEnvelopeForTests(payloadXml: string, logicalAddress?: string): string {
  const payload = payloadXml.replace(/^<\?xml[^>]*\?>\s*/, '');
  const header =
    logicalAddress === undefined
      ? ''
      : `<soap:Header><itr:LogicalAddress>${logicalAddress}</itr:LogicalAddress></soap:Header>`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<soap:Envelope xmlns:soap="${SOAP11_ENVELOPE_NS}" xmlns:itr="${ITINTEGRATION_REGISTRY_NS}">` +
    `${header}<soap:Body>${payload}</soap:Body></soap:Envelope>`
  );
}
