import { test, expect } from '@playwright/test';
import { parseXmlSafely } from '../xml/safeXml.js';
import { buildEnvelope, SOAP11_NS } from './envelope.js';
import { readSoapFault, soapFaultEnvelope } from './soapFault.js';

const PAYLOAD = '<tns:Ping xmlns:tns="urn:test:ping:1"/>';

test.describe('SOAP fault', () => {
  test('build then read a fault, text escaped', () => {
    const xml = soapFaultEnvelope({ faultcode: 'soap:Client', faultstring: 'Unmarshalling Error: <x> & y' });
    expect(xml).toContain('<faultcode>soap:Client</faultcode><faultstring>Unmarshalling Error: &lt;x&gt; &amp; y</faultstring>');
    expect(readSoapFault(parseXmlSafely(xml))).toEqual({ faultcode: 'soap:Client', faultstring: 'Unmarshalling Error: <x> & y' });
  });

  test('an ordinary answer has no fault', () => {
    expect(readSoapFault(parseXmlSafely(buildEnvelope(PAYLOAD)))).toBeUndefined();
  });

  test('a fault from another stack (other prefix, whitespace, no faultstring) is read', () => {
    const xml = `<S:Envelope xmlns:S="${SOAP11_NS}"><S:Body>
      <S:Fault><faultcode> S:Server </faultcode></S:Fault></S:Body></S:Envelope>`;
    expect(readSoapFault(parseXmlSafely(xml))).toEqual({ faultcode: 'S:Server', faultstring: '' });
  });
});
