/**
 * soapOperationHandler served by a real PartyServer, exercised over HTTP on 127.0.0.1, with every
 * exchange checked in the traffic journal.
 */
import type { Element } from '@xmldom/xmldom';
import { test, expect } from '@playwright/test';
import { VirtualClock } from '../clock/virtualClock.js';
import type { FaultEffect } from '../faults/faultRule.js';
import { FaultRules } from '../faults/faultRules.js';
import type { JournalEntry } from '../journal/exchange.js';
import { TrafficJournal } from '../journal/trafficJournal.js';
import { CALLER_HEADER, DIRECTIVE_HEADER, NOTES_HEADER } from '../network/exchangeNotes.js';
import { PartyServer } from '../network/partyServer.js';
import { childText } from '../xml/dom.js';
import { parseXmlSafely } from '../xml/safeXml.js';
import { buildEnvelope, SOAP11_NS } from './envelope.js';
import { readResult, type Result } from './resultType.js';
import { readSoapFault } from './soapFault.js';
import { soapOperationHandler, SoapRequestError, type SoapOperationSpec } from './soapOperation.js';

const NS = 'urn:samverkan:test:PingResponder:1';
const START = Date.parse('2026-03-02T09:00:00Z');
const LA = 'TSTNMT2321000156-ALFA';

/** A made-up operation: `Ping` carries intygsId, personId and text; answers OK with an echo. */
function pingSpec(overrides: Partial<SoapOperationSpec>): SoapOperationSpec {
  return {
    party: 'journal',
    operation: 'Ping',
    path: '/ping',
    requestNs: NS,
    requestElement: 'Ping',
    responseNs: NS,
    responseElement: 'PingResponse',
    badInput: 'soapFault',
    requireLogicalAddress: true,
    facts: (payload: Element, logicalAddress) => ({
      logicalAddress,
      certificateId: childText(payload, NS, 'intygsId'),
      personId: childText(payload, NS, 'personId'),
    }),
    handle: ({ payload }) => {
      const text = childText(payload, NS, 'text') ?? '';
      if (text === 'wrong') throw new SoapRequestError('text "wrong" is not allowed');
      if (text === 'crash') throw new Error('database is gone');
      return { result: { resultCode: 'OK' }, beforeResult: `<tns:echo>${text}</tns:echo>` };
    },
    ...overrides,
  };
}

const ping = (text = 'hej', la: string | null = LA) =>
  buildEnvelope(
    `<p:Ping xmlns:p="${NS}"><p:intygsId>c-1</p:intygsId><p:personId>19121212-1212</p:personId><p:text>${text}</p:text></p:Ping>`,
    la ?? undefined,
  );

let server: PartyServer;
let journal: TrafficJournal;
const faults = new FaultRules();
let lastId = 0;

test.beforeAll(async () => {
  journal = TrafficJournal.open({ path: ':memory:' });
  server = await PartyServer.start({
    party: 'journal',
    clock: new VirtualClock({ mode: 'manual', start: START }),
    journal,
    hardLimitBytes: 64 * 1024,
    handlers: [
      soapOperationHandler(pingSpec({ faults })),
      soapOperationHandler(pingSpec({ path: '/ping-rt', badInput: 'resultType', faults })),
    ],
  });
});

test.afterAll(async () => {
  await server?.stop();
  journal?.close();
});

test.beforeEach(() => {
  faults.clear();
  lastId = journal.query().at(-1)?.id ?? 0;
});

async function post(body: string, path = '/ping', init: RequestInit = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', [CALLER_HEADER]: 'webcert' },
    body,
    ...init,
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

function resultOf(text: string): { result: Result; echo?: string } {
  const doc = parseXmlSafely(text);
  const body = doc.getElementsByTagNameNS(SOAP11_NS, 'Body').item(0)!;
  const response = body.getElementsByTagNameNS(NS, 'PingResponse').item(0)!;
  const resultEl = response.getElementsByTagNameNS(NS, 'result').item(0)!;
  return { result: readResult(resultEl), echo: childText(response, NS, 'echo') };
}

/** The journal entries written since the test began. */
function newEntries(): JournalEntry[] {
  return journal.query({ afterId: lastId });
}

/** Waits (bounded) until the journal has `n` new entries; for exchanges the client gave up on. */
async function entriesEventually(n: number): Promise<JournalEntry[]> {
  for (let i = 0; i < 100 && newEntries().length < n; i++) await new Promise((r) => setTimeout(r, 20));
  return newEntries();
}

const addFault = (effect: FaultEffect, extra: { times?: number } = {}) =>
  faults.add({ party: 'journal', operation: 'Ping', effect, ...extra });

test.describe('SOAP operation on a party server', () => {
  test('a good request gets the OK answer, recorded inbound with its correlation facts', async () => {
    const res = await post(ping('hej'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    expect(resultOf(res.text)).toEqual({ result: { resultCode: 'OK' }, echo: 'hej' });
    expect(res.headers.get(NOTES_HEADER)).toBeNull();
    expect(res.headers.get(DIRECTIVE_HEADER)).toBeNull();

    const [entry, ...rest] = newEntries();
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      side: 'inbound',
      fromParty: 'webcert',
      toParty: 'journal',
      operation: 'Ping',
      method: 'POST',
      url: `${server.url}/ping`,
      startedAt: START,
      outcome: 'ok',
      httpStatus: 200,
      resultCode: 'OK',
      certificateId: 'c-1',
      logicalAddress: LA,
      personId: '191212121212',
      requestBody: ping('hej'),
      responseBody: res.text,
    });
    expect(entry?.errorId).toBeUndefined();
  });

  test('a caller without the party header is recorded as external', async () => {
    await fetch(`${server.url}/ping`, { method: 'POST', body: ping() });
    expect(newEntries()[0]?.fromParty).toBe('external');
  });

  test('fault result ERROR: normal shape, ERROR with errorId, recorded as error', async () => {
    addFault({ kind: 'result', resultCode: 'ERROR', errorId: 'TECHNICAL_ERROR' }, { times: 1 });
    const res = await post(ping());
    expect(res.status).toBe(200);
    expect(resultOf(res.text).result).toEqual({
      resultCode: 'ERROR',
      errorId: 'TECHNICAL_ERROR',
      resultText: 'ERROR TECHNICAL_ERROR (samverkan fault rule)',
    });
    expect(resultOf(res.text).echo).toBeUndefined();
    expect(newEntries()[0]).toMatchObject({ outcome: 'error', httpStatus: 200, resultCode: 'ERROR', errorId: 'TECHNICAL_ERROR' });

    // times: 1 → the next request is answered normally again
    expect(resultOf((await post(ping())).text).result).toEqual({ resultCode: 'OK' });
  });

  test('fault result INFO with the rule text: recorded ok', async () => {
    addFault({ kind: 'result', resultCode: 'INFO', resultText: 'redan mottagen' });
    const res = await post(ping());
    expect(resultOf(res.text).result).toEqual({ resultCode: 'INFO', resultText: 'redan mottagen' });
    expect(newEntries()[0]).toMatchObject({ outcome: 'ok', resultCode: 'INFO', message: 'redan mottagen' });
  });

  test('fault soapFault: HTTP 500 with soap:Fault, recorded with the faultcode as errorId', async () => {
    addFault({ kind: 'soapFault' });
    const res = await post(ping());
    expect(res.status).toBe(500);
    expect(readSoapFault(parseXmlSafely(res.text))).toEqual({ faultcode: 'soap:Server', faultstring: 'Ping failed (samverkan fault rule)' });
    expect(newEntries()[0]).toMatchObject({ outcome: 'error', httpStatus: 500, errorId: 'soap:Server', message: 'Ping failed (samverkan fault rule)' });
  });

  test('fault httpStatus: that status with a plain-text body, recorded as error', async () => {
    addFault({ kind: 'httpStatus', status: 503 });
    const res = await post(ping());
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.text).toBe('HTTP 503 (samverkan fault rule)');
    const entry = newEntries()[0];
    expect(entry).toMatchObject({ outcome: 'error', httpStatus: 503, responseBody: 'HTTP 503 (samverkan fault rule)' });
    expect(entry?.message).toBe('fault rule: {"kind":"httpStatus","status":503}');
  });

  test('fault delay: the answer is held back (a short client timeout gives up), then comes normally', async () => {
    addFault({ kind: 'delay', ms: 600 }, { times: 2 });
    await expect(post(ping(), '/ping', { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    const res = await post(ping());
    expect(res.status).toBe(200);
    expect(resultOf(res.text).result).toEqual({ resultCode: 'OK' });
    const entries = await entriesEventually(2);
    expect(entries.map((e) => e.outcome)).toEqual(['ok', 'ok']);
    expect(entries.map((e) => e.message)).toEqual(['answered after a fault-rule delay of 600 ms', 'answered after a fault-rule delay of 600 ms']);
  });

  test('fault reset: the connection is reset, fetch rejects, recorded as transport-error', async () => {
    addFault({ kind: 'reset' });
    await expect(post(ping())).rejects.toThrow('fetch failed');
    const [entry] = newEntries();
    expect(entry).toMatchObject({ outcome: 'transport-error', operation: 'Ping', certificateId: 'c-1' });
    expect(entry?.httpStatus).toBeUndefined();
    expect(entry?.message).toBe('fault rule: {"kind":"reset"}');
  });

  test('fault noAnswer: nothing comes back, the client aborts, recorded as transport-error', async () => {
    addFault({ kind: 'noAnswer' }, { times: 1 });
    const error = await post(ping(), '/ping', { signal: AbortSignal.timeout(300) }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('TimeoutError');
    const [entry] = await entriesEventually(1);
    expect(entry).toMatchObject({ outcome: 'transport-error', message: 'fault rule: {"kind":"noAnswer"}' });
    expect(entry?.httpStatus).toBeUndefined();
  });

  test('an unknown path gets 404 naming the party and the path', async () => {
    const res = await post(ping(), '/services/Nothing');
    expect(res.status).toBe(404);
    expect(res.text).toBe('journal simulator has no endpoint for POST /services/Nothing');
    expect(newEntries()[0]).toMatchObject({ outcome: 'error', httpStatus: 404, operation: 'POST /services/Nothing' });
  });

  test('a body over the hard limit gets 413 before any handler runs', async () => {
    const res = await post('x'.repeat(64 * 1024 + 1));
    expect(res.status).toBe(413);
    expect(res.text).toBe("request body is 65537 bytes, over this server's limit of 65536 bytes");
    expect(newEntries()[0]).toMatchObject({ outcome: 'error', httpStatus: 413 });
  });
});

test.describe('bad input: soapFault style versus resultType style', () => {
  const soapFaultOf = (text: string) => readSoapFault(parseXmlSafely(text));

  test('malformed XML', async () => {
    const fault = await post('<soap:Envelope', '/ping');
    expect(fault.status).toBe(500);
    expect(soapFaultOf(fault.text)?.faultcode).toBe('soap:Client');
    expect(soapFaultOf(fault.text)?.faultstring).toMatch(/^Ping: XML document is not well-formed: /);

    const rt = await post('<soap:Envelope', '/ping-rt');
    expect(rt.status).toBe(200);
    expect(resultOf(rt.text).result).toMatchObject({ resultCode: 'ERROR', errorId: 'VALIDATION_ERROR' });
    expect(resultOf(rt.text).result.resultText).toMatch(/^Ping: XML document is not well-formed: /);

    expect(newEntries().map((e) => [e.httpStatus, e.outcome, e.errorId])).toEqual([
      [500, 'error', 'soap:Client'],
      [200, 'error', 'VALIDATION_ERROR'],
    ]);
  });

  test('an XXE payload is refused, not parsed', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>`;
    const res = await post(xxe, '/ping-rt');
    expect(resultOf(res.text).result.resultText).toBe(
      'Ping: XML document contains a DOCTYPE or ENTITY declaration; DTDs and entities are not allowed in RIV-TA messages, remove them',
    );
    expect(res.text).not.toContain('root:');
  });

  test('SOAP 1.2 envelope', async () => {
    const soap12 = `<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><p:Ping xmlns:p="${NS}"/></env:Body></env:Envelope>`;
    const fault = await post(soap12, '/ping');
    expect(fault.status).toBe(500);
    expect(soapFaultOf(fault.text)).toEqual({
      faultcode: 'soap:Client',
      faultstring: `Ping: Envelope is in SOAP 1.2; RIV-TA Basic Profile 2.1 uses SOAP 1.1 (${SOAP11_NS})`,
    });
  });

  test('wrong request element', async () => {
    const wrong = buildEnvelope('<x:Other xmlns:x="urn:other"/>', LA);
    const fault = await post(wrong, '/ping');
    expect(soapFaultOf(fault.text)?.faultstring).toBe(`Ping: request element is {urn:other}Other, expected {${NS}}Ping`);
    const rt = await post(wrong, '/ping-rt');
    expect(resultOf(rt.text).result).toEqual({
      resultCode: 'ERROR',
      errorId: 'VALIDATION_ERROR',
      resultText: `Ping: request element is {urn:other}Other, expected {${NS}}Ping`,
    });
  });

  test('missing LogicalAddress', async () => {
    const fault = await post(ping('hej', null), '/ping');
    expect(fault.status).toBe(500);
    expect(soapFaultOf(fault.text)?.faultstring).toContain('SOAP header LogicalAddress (urn:riv:itintegration:registry:1) is missing or empty');
    const rt = await post(ping('hej', null), '/ping-rt');
    expect(rt.status).toBe(200);
    expect(resultOf(rt.text).result.errorId).toBe('VALIDATION_ERROR');
  });

  test('SoapRequestError from the operation logic', async () => {
    const fault = await post(ping('wrong'), '/ping');
    expect(soapFaultOf(fault.text)).toEqual({ faultcode: 'soap:Client', faultstring: 'Ping: text "wrong" is not allowed' });
    const rt = await post(ping('wrong'), '/ping-rt');
    expect(resultOf(rt.text).result).toEqual({ resultCode: 'ERROR', errorId: 'VALIDATION_ERROR', resultText: 'text "wrong" is not allowed' });
  });

  test('an unexpected error in the logic is a soap:Server fault naming the party, in both styles', async () => {
    for (const path of ['/ping', '/ping-rt']) {
      const res = await post(ping('crash'), path);
      expect(res.status).toBe(500);
      expect(soapFaultOf(res.text)).toEqual({
        faultcode: 'soap:Server',
        faultstring: 'Ping: internal error in the journal simulator: database is gone',
      });
    }
  });
});
