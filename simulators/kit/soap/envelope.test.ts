import { test, expect } from '@playwright/test';
import { parseXmlSafely } from '../xml/safeXml.js';
import { buildEnvelope, LOGICAL_ADDRESS_NS, readEnvelope, SOAP11_NS, SOAP12_NS, SoapEnvelopeError } from './envelope.js';

const PAYLOAD = `<tns:Ping xmlns:tns="urn:test:ping:1"><tns:text>hej &amp; välkommen</tns:text></tns:Ping>`;

function envelopeError(xml: string): string {
  try {
    readEnvelope(parseXmlSafely(xml));
  } catch (error) {
    expect(error).toBeInstanceOf(SoapEnvelopeError);
    return (error as Error).message;
  }
  throw new Error('expected the envelope to be refused');
}

test.describe('SOAP 1.1 envelope', () => {
  test('build then read: payload, LogicalAddress and header come back', () => {
    const xml = buildEnvelope(PAYLOAD, 'TSTNMT2321000156-ALFA');
    expect(xml).toBe(
      `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP11_NS}"><soap:Header>` +
        `<add:LogicalAddress xmlns:add="${LOGICAL_ADDRESS_NS}">TSTNMT2321000156-ALFA</add:LogicalAddress>` +
        `</soap:Header><soap:Body>${PAYLOAD}</soap:Body></soap:Envelope>`,
    );
    const env = readEnvelope(parseXmlSafely(xml));
    expect(env.logicalAddress).toBe('TSTNMT2321000156-ALFA');
    expect(env.header?.localName).toBe('Header');
    expect(env.payload.namespaceURI).toBe('urn:test:ping:1');
    expect(env.payload.localName).toBe('Ping');
    expect(env.payload.textContent).toBe('hej & välkommen');
  });

  test('a response envelope has an empty header and no LogicalAddress', () => {
    const xml = buildEnvelope(PAYLOAD);
    expect(xml).toContain('<soap:Header/><soap:Body>');
    const env = readEnvelope(parseXmlSafely(xml));
    expect(env.logicalAddress).toBeUndefined();
    expect(env.payload.localName).toBe('Ping');
  });

  test('the LogicalAddress is escaped when built and trimmed when read', () => {
    const built = buildEnvelope(PAYLOAD, 'SE<1>&2');
    expect(built).toContain('>SE&lt;1&gt;&amp;2</add:LogicalAddress>');
    expect(readEnvelope(parseXmlSafely(built)).logicalAddress).toBe('SE<1>&2');

    const padded = `<s:Envelope xmlns:s="${SOAP11_NS}"><s:Header><r:LogicalAddress xmlns:r="${LOGICAL_ADDRESS_NS}">
        SE2321000016-ABCD
      </r:LogicalAddress></s:Header><s:Body>${PAYLOAD}</s:Body></s:Envelope>`;
    expect(readEnvelope(parseXmlSafely(padded)).logicalAddress).toBe('SE2321000016-ABCD');
  });

  test('a LogicalAddress in the wrong namespace or empty is not read', () => {
    const wrongNs = `<s:Envelope xmlns:s="${SOAP11_NS}"><s:Header><LogicalAddress>SE1</LogicalAddress></s:Header><s:Body>${PAYLOAD}</s:Body></s:Envelope>`;
    expect(readEnvelope(parseXmlSafely(wrongNs)).logicalAddress).toBeUndefined();
    const empty = buildEnvelope(PAYLOAD, '  ');
    expect(readEnvelope(parseXmlSafely(empty)).logicalAddress).toBeUndefined();
  });

  test('SOAP 1.2 is refused with a message that says RIV-TA uses SOAP 1.1', () => {
    const message = envelopeError(`<env:Envelope xmlns:env="${SOAP12_NS}"><env:Body>${PAYLOAD}</env:Body></env:Envelope>`);
    expect(message).toBe(`Envelope is in SOAP 1.2; RIV-TA Basic Profile 2.1 uses SOAP 1.1 (${SOAP11_NS})`);
  });

  test('an Envelope in another namespace, a non-envelope root and a missing Body are refused', () => {
    expect(envelopeError(`<Envelope xmlns="urn:other"><Body/></Envelope>`)).toBe(
      `Envelope is in namespace "urn:other"; RIV-TA Basic Profile 2.1 uses SOAP 1.1 (${SOAP11_NS})`,
    );
    expect(envelopeError(PAYLOAD)).toBe(
      `root element is <tns:Ping>, not a SOAP Envelope; wrap the request in soap:Envelope (${SOAP11_NS})`,
    );
    expect(envelopeError(`<soap:Envelope xmlns:soap="${SOAP11_NS}"><soap:Header/></soap:Envelope>`)).toBe(
      'SOAP Envelope has no Body; put the request element in soap:Body',
    );
  });

  test('a Body with two payload elements, or none, is refused', () => {
    expect(envelopeError(buildEnvelope(PAYLOAD + PAYLOAD))).toBe(
      'SOAP Body holds 2 elements; document/literal needs exactly one request element',
    );
    expect(envelopeError(buildEnvelope(''))).toBe(
      'SOAP Body holds 0 elements; document/literal needs exactly one request element',
    );
  });

  // Was accepted (the first Body was read, the second ignored); a CXF endpoint refuses it.
  test('two Bodies are refused, not read by the first one', () => {
    const two = buildEnvelope(PAYLOAD).replace('</soap:Body>', `</soap:Body><soap:Body>${PAYLOAD}</soap:Body>`);
    expect(envelopeError(two)).toBe(
      'SOAP Envelope has 2 Body elements; a SOAP 1.1 Envelope holds exactly one soap:Body: send the request in one',
    );
  });

  test('two Headers, a Header after the Body and anything else beside them are refused', () => {
    const env = (inner: string) => `<soap:Envelope xmlns:soap="${SOAP11_NS}">${inner}</soap:Envelope>`;
    expect(envelopeError(env(`<soap:Header/><soap:Header/><soap:Body>${PAYLOAD}</soap:Body>`))).toBe(
      'SOAP Envelope has 2 Header elements; a SOAP 1.1 Envelope holds at most one soap:Header: put every header block in one',
    );
    expect(envelopeError(env(`<soap:Body>${PAYLOAD}</soap:Body><soap:Header/>`))).toBe(
      'SOAP Header comes after the Body; a SOAP 1.1 Envelope has soap:Header first, then soap:Body',
    );
    expect(envelopeError(env(`<soap:Body>${PAYLOAD}</soap:Body><x:Trailer xmlns:x="urn:x"/>`))).toBe(
      'SOAP Envelope holds <x:Trailer> after soap:Body; it may hold only soap:Header and soap:Body (WS-I Basic Profile 1.1, R1011): remove it',
    );
    expect(envelopeError(env(`<x:Extra xmlns:x="urn:x"/><soap:Body>${PAYLOAD}</soap:Body>`))).toContain('holds <x:Extra> before soap:Body');
  });

  test('whitespace and comments around the payload do not count as elements', () => {
    const env = readEnvelope(parseXmlSafely(buildEnvelope(`\n  <!-- ping -->\n  ${PAYLOAD}\n`)));
    expect(env.payload.localName).toBe('Ping');
  });
});
