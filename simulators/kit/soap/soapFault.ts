/** SOAP 1.1 faults: building them (HTTP 500) and recognising them in answers. */
import type { Document } from '@xmldom/xmldom';
import { childElement, childText } from '../xml/dom.js';
import { xmlEscape } from '../xml/xmlText.js';
import { SOAP11_NS } from './envelope.js';

/** `soap:Client` = the sender's message is wrong; `soap:Server` = the receiver failed. */
export type FaultCode = 'soap:Client' | 'soap:Server';

export interface SoapFault {
  faultcode: FaultCode | string;
  faultstring: string;
}

/** A complete SOAP 1.1 envelope carrying one Fault; send it with HTTP status 500. */
export function soapFaultEnvelope(fault: SoapFault): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP11_NS}"><soap:Body><soap:Fault>` +
    `<faultcode>${xmlEscape(fault.faultcode)}</faultcode><faultstring>${xmlEscape(fault.faultstring)}</faultstring>` +
    `</soap:Fault></soap:Body></soap:Envelope>`
  );
}

/** The Fault in a parsed answer, if the Body holds one. */
export function readSoapFault(doc: Document): SoapFault | undefined {
  const env = doc.documentElement;
  if (!env) return undefined;
  const body = childElement(env, SOAP11_NS, 'Body');
  const fault = body ? childElement(body, SOAP11_NS, 'Fault') : undefined;
  if (!fault) return undefined;
  return {
    faultcode: childText(fault, null, 'faultcode') ?? '',
    faultstring: childText(fault, null, 'faultstring') ?? '',
  };
}
