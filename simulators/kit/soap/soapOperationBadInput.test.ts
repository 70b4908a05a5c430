/** Bad input to a SOAP operation, answered in both styles (SOAP Fault, or ResultType ERROR as Webcert does). */
import { test, expect } from '@playwright/test';
import { parseXmlSafely } from '../xml/safeXml.js';
import { buildEnvelope, SOAP11_NS } from './envelope.js';
import { LA, NS, ping, pingWorld } from './pingTestWorld.js';
import { readSoapFault } from './soapFault.js';

const w = pingWorld();

test.describe('bad input: soapFault style versus resultType style', () => {
  const soapFaultOf = (text: string) => readSoapFault(parseXmlSafely(text));

  test('malformed XML', async () => {
    const fault = await w.post('<soap:Envelope', '/ping');
    expect(fault.status).toBe(500);
    expect(soapFaultOf(fault.text)?.faultcode).toBe('soap:Client');
    expect(soapFaultOf(fault.text)?.faultstring).toMatch(/^Ping: XML document is not well-formed: /);

    const rt = await w.post('<soap:Envelope', '/ping-rt');
    expect(rt.status).toBe(200);
    expect(w.resultOf(rt.text).result).toMatchObject({ resultCode: 'ERROR', errorId: 'VALIDATION_ERROR' });
    expect(w.resultOf(rt.text).result.resultText).toMatch(/^Ping: XML document is not well-formed: /);

    expect(w.newEntries().map((e) => [e.httpStatus, e.outcome, e.errorId])).toEqual([
      [500, 'error', 'soap:Client'],
      [200, 'error', 'VALIDATION_ERROR'],
    ]);
  });

  test('an XXE payload is refused, not parsed', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>`;
    const res = await w.post(xxe, '/ping-rt');
    expect(w.resultOf(res.text).result.resultText).toBe(
      'Ping: XML document contains a DOCTYPE or ENTITY declaration; DTDs and entities are not allowed in RIV-TA messages, remove them',
    );
    expect(res.text).not.toContain('root:');
  });

  test('SOAP 1.2 envelope', async () => {
    const soap12 = `<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><p:Ping xmlns:p="${NS}"/></env:Body></env:Envelope>`;
    const fault = await w.post(soap12, '/ping');
    expect(fault.status).toBe(500);
    expect(soapFaultOf(fault.text)).toEqual({
      faultcode: 'soap:Client',
      faultstring: `Ping: Envelope is in SOAP 1.2; RIV-TA Basic Profile 2.1 uses SOAP 1.1 (${SOAP11_NS})`,
    });
  });

  test('wrong request element', async () => {
    const wrong = buildEnvelope('<x:Other xmlns:x="urn:other"/>', LA);
    const fault = await w.post(wrong, '/ping');
    expect(soapFaultOf(fault.text)?.faultstring).toBe(`Ping: request element is {urn:other}Other, expected {${NS}}Ping`);
    const rt = await w.post(wrong, '/ping-rt');
    expect(w.resultOf(rt.text).result).toEqual({
      resultCode: 'ERROR',
      errorId: 'VALIDATION_ERROR',
      resultText: `Ping: request element is {urn:other}Other, expected {${NS}}Ping`,
    });
  });

  test('missing LogicalAddress', async () => {
    const fault = await w.post(ping('hej', null), '/ping');
    expect(fault.status).toBe(500);
    expect(soapFaultOf(fault.text)?.faultstring).toContain('SOAP header LogicalAddress (urn:riv:itintegration:registry:1) is missing or empty');
    const rt = await w.post(ping('hej', null), '/ping-rt');
    expect(rt.status).toBe(200);
    expect(w.resultOf(rt.text).result.errorId).toBe('VALIDATION_ERROR');
  });

  test('SoapRequestError from the operation logic', async () => {
    const fault = await w.post(ping('wrong'), '/ping');
    expect(soapFaultOf(fault.text)).toEqual({ faultcode: 'soap:Client', faultstring: 'Ping: text "wrong" is not allowed' });
    const rt = await w.post(ping('wrong'), '/ping-rt');
    expect(w.resultOf(rt.text).result).toEqual({ resultCode: 'ERROR', errorId: 'VALIDATION_ERROR', resultText: 'text "wrong" is not allowed' });
  });

  test('an unexpected error in the logic is a soap:Server fault naming the party, in both styles', async () => {
    for (const path of ['/ping', '/ping-rt']) {
      const res = await w.post(ping('crash'), path);
      expect(res.status).toBe(500);
      expect(soapFaultOf(res.text)).toEqual({
        faultcode: 'soap:Server',
        faultstring: 'Ping: internal error in the journal simulator: database is gone',
      });
    }
  });
});
