/** Bad input to a SOAP operation, answered in both styles (SOAP Fault, or ResultType ERROR as Webcert does). */
import { test, expect } from '@playwright/test';
import { parseXmlSafely } from '../xml/safeXml.js';
import { buildEnvelope, SOAP11_NS } from './envelope.js';
import { LA, NS, ping, PING_PATHS, pingWorld } from './pingTestWorld.js';
import { readSoapFault } from './soapFault.js';

const w = pingWorld();

for (const via of PING_PATHS) test.describe(`bad input: soapFault style versus resultType style (${via.name})`, () => {
  const soapFaultOf = (text: string) => readSoapFault(parseXmlSafely(text));

  test('malformed XML', async () => {
    const fault = await w.post('<soap:Envelope', via.soapFault);
    expect(fault.status).toBe(500);
    expect(soapFaultOf(fault.text)?.faultcode).toBe('soap:Client');
    expect(soapFaultOf(fault.text)?.faultstring).toMatch(/^Ping: XML document is not well-formed: /);

    const rt = await w.post('<soap:Envelope', via.resultType);
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
    const res = await w.post(xxe, via.resultType);
    expect(w.resultOf(res.text).result.resultText).toBe(
      'Ping: XML document contains a DOCTYPE or ENTITY declaration; DTDs and entities are not allowed in RIV-TA messages, remove them',
    );
    expect(res.text).not.toContain('root:');
  });

  // Each was accepted before: the invalid bytes filed as U+FFFD, the first Body processed, the
  // deep document parsed for seconds. A CXF endpoint refuses all three, and so does the kit.
  test('invalid UTF-8, two Bodies and deep nesting are refused in both styles, journalled, and the operation still answers', async () => {
    const [head, tail] = ping('REF').split('REF') as [string, string];
    const inputs: Array<[string, string | Buffer, string]> = [
      ['invalid UTF-8', Buffer.concat([Buffer.from(head), Buffer.from([0x76, 0xe5, 0x72, 0x64]), Buffer.from(tail)]), 'Ping: XML document is not valid UTF-8: the bytes E5 72 64 3C at offset '],
      ['two Bodies', ping().replace(/<soap:Body>(.*)<\/soap:Body>/, '<soap:Body>$1</soap:Body><soap:Body>$1</soap:Body>'), 'Ping: SOAP Envelope has 2 Body elements; a SOAP 1.1 Envelope holds exactly one soap:Body'],
      ['1,000 levels in a text field', `${head}${'<x>'.repeat(1000)}${'</x>'.repeat(1000)}${tail}`, 'Ping: XML document nests elements deeper than 100 levels (level 101 opens at line 1, column '],
    ];
    for (const [name, body, message] of inputs) {
      const fault = await w.post(body, via.soapFault);
      expect(fault.status, name).toBe(500);
      expect(soapFaultOf(fault.text)?.faultcode, name).toBe('soap:Client');
      expect(soapFaultOf(fault.text)?.faultstring, name).toContain(message);
      const rt = await w.post(body, via.resultType);
      expect(rt.status, name).toBe(200);
      expect(w.resultOf(rt.text).result, name).toMatchObject({ resultCode: 'ERROR', errorId: 'VALIDATION_ERROR' });
      expect(w.resultOf(rt.text).result.resultText, name).toContain(message);
      expect(w.resultOf(rt.text).echo, name).toBeUndefined();
    }
    expect(w.newEntries().map((e) => [e.httpStatus, e.outcome, e.errorId])).toEqual(
      Array.from({ length: 3 }, () => [[500, 'error', 'soap:Client'], [200, 'error', 'VALIDATION_ERROR']]).flat(),
    );
    const ok = await w.post(ping('still here'), via.soapFault);
    expect(soapFaultOf(ok.text)).toBeUndefined();
    expect(w.resultOf(ok.text).echo).toBe('still here');
  });

  test('SOAP 1.2 envelope', async () => {
    const soap12 = `<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><p:Ping xmlns:p="${NS}"/></env:Body></env:Envelope>`;
    const fault = await w.post(soap12, via.soapFault);
    expect(fault.status).toBe(500);
    expect(soapFaultOf(fault.text)).toEqual({
      faultcode: 'soap:Client',
      faultstring: `Ping: Envelope is in SOAP 1.2; RIV-TA Basic Profile 2.1 uses SOAP 1.1 (${SOAP11_NS})`,
    });
  });

  test('wrong request element', async () => {
    const wrong = buildEnvelope('<x:Other xmlns:x="urn:other"/>', LA);
    const fault = await w.post(wrong, via.soapFault);
    expect(soapFaultOf(fault.text)?.faultstring).toBe(`Ping: request element is {urn:other}Other, expected {${NS}}Ping`);
    const rt = await w.post(wrong, via.resultType);
    expect(w.resultOf(rt.text).result).toEqual({
      resultCode: 'ERROR',
      errorId: 'VALIDATION_ERROR',
      resultText: `Ping: request element is {urn:other}Other, expected {${NS}}Ping`,
    });
  });

  test('missing LogicalAddress', async () => {
    const fault = await w.post(ping('hej', null), via.soapFault);
    expect(fault.status).toBe(500);
    expect(soapFaultOf(fault.text)?.faultstring).toContain('SOAP header LogicalAddress (urn:riv:itintegration:registry:1) is missing or empty');
    const rt = await w.post(ping('hej', null), via.resultType);
    expect(rt.status).toBe(200);
    expect(w.resultOf(rt.text).result.errorId).toBe('VALIDATION_ERROR');
  });

  test('SoapRequestError from the operation logic', async () => {
    const fault = await w.post(ping('wrong'), via.soapFault);
    expect(soapFaultOf(fault.text)).toEqual({ faultcode: 'soap:Client', faultstring: 'Ping: text "wrong" is not allowed' });
    const rt = await w.post(ping('wrong'), via.resultType);
    expect(w.resultOf(rt.text).result).toEqual({ resultCode: 'ERROR', errorId: 'VALIDATION_ERROR', resultText: 'text "wrong" is not allowed' });
  });

  test('an unexpected error in the logic is a soap:Server fault naming the party, in both styles', async () => {
    for (const path of [via.soapFault, via.resultType]) {
      const res = await w.post(ping('crash'), path);
      expect(res.status).toBe(500);
      expect(soapFaultOf(res.text)).toEqual({
        faultcode: 'soap:Server',
        faultstring: 'Ping: internal error in the journal simulator: database is gone',
      });
    }
  });
});
