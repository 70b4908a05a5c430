/** callSoap against small node:http servers on 127.0.0.1; each call checked in the journal. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect } from '@playwright/test';
import { VirtualClock } from '../clock/virtualClock.js';
import { TrafficJournal } from '../journal/trafficJournal.js';
import { buildEnvelope } from './envelope.js';
import { resultXml, type Result } from './resultType.js';
import { callSoap, type SoapCall } from './soapClient.js';
import { soapFaultEnvelope } from './soapFault.js';

const NS = 'urn:samverkan:test:PingResponder:1';
const START = Date.parse('2026-03-02T09:00:00Z');
const REQUEST = buildEnvelope(`<p:Ping xmlns:p="${NS}"/>`, 'TSTNMT2321000156-ALFA');

type Answer = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

const servers: http.Server[] = [];
test.afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** Starts a server on 127.0.0.1 that answers with `answer`; returns its URL and what it received. */
async function serve(answer: Answer): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, body });
      answer(req, res, body);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ping`, received };
}

const xmlAnswer = (status: number, xml: string): Answer => (_req, res) => {
  res.writeHead(status, { 'content-type': 'text/xml; charset=utf-8' });
  res.end(xml);
};
const resultAnswer = (result: Result) =>
  xmlAnswer(200, buildEnvelope(`<tns:PingResponse xmlns:tns="${NS}">${resultXml(NS, result)}</tns:PingResponse>`));

function newCall(url: string, overrides: Partial<SoapCall> = {}): { call: SoapCall; journal: TrafficJournal } {
  const journal = TrafficJournal.open({ path: ':memory:' });
  return {
    journal,
    call: {
      url,
      envelope: REQUEST,
      soapAction: 'urn:samverkan:test:Ping',
      fromParty: 'webcert',
      toParty: 'journal',
      operation: 'Ping',
      timeoutMs: 2_000,
      clock: new VirtualClock({ mode: 'manual', start: START }),
      journal,
      facts: { certificateId: 'c-1', logicalAddress: 'TSTNMT2321000156-ALFA', personId: '19121212-1212', eventCode: 'SIGNAT', messageId: 'n-1', attempt: 3 },
      ...overrides,
    },
  };
}

test.describe('SOAP client', () => {
  test('an answer with a result: outcome and journal entry (outbound, facts, bodies)', async () => {
    const { url, received } = await serve(resultAnswer({ resultCode: 'OK' }));
    const { call, journal } = newCall(url);

    const outcome = await callSoap(call);

    expect(outcome).toMatchObject({ kind: 'answer', status: 200, result: { resultCode: 'OK' } });
    expect(received).toHaveLength(1);
    expect(received[0]?.body).toBe(REQUEST);
    expect(received[0]?.headers).toMatchObject({
      'content-type': 'text/xml; charset=utf-8',
      soapaction: '"urn:samverkan:test:Ping"',
      'x-samverkan-party': 'webcert',
    });
    const [entry, ...rest] = journal.query();
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      side: 'outbound',
      fromParty: 'webcert',
      toParty: 'journal',
      operation: 'Ping',
      method: 'POST',
      url,
      startedAt: START,
      outcome: 'ok',
      httpStatus: 200,
      resultCode: 'OK',
      certificateId: 'c-1',
      logicalAddress: 'TSTNMT2321000156-ALFA',
      personId: '191212121212',
      eventCode: 'SIGNAT',
      messageId: 'n-1',
      attempt: 3,
      requestBody: REQUEST,
    });
    expect(entry?.responseBody).toContain('<core:resultCode>OK</core:resultCode>');
    expect(entry?.errorId).toBeUndefined();
    journal.close();
  });

  test('a result ERROR TECHNICAL_ERROR is an answer, recorded as error with the errorId and text', async () => {
    const { url } = await serve(resultAnswer({ resultCode: 'ERROR', errorId: 'TECHNICAL_ERROR', resultText: 'databasen svarar inte' }));
    const { call, journal } = newCall(url);
    expect(await callSoap(call)).toMatchObject({
      kind: 'answer',
      status: 200,
      result: { resultCode: 'ERROR', errorId: 'TECHNICAL_ERROR', resultText: 'databasen svarar inte' },
    });
    expect(journal.query()[0]).toMatchObject({ outcome: 'error', resultCode: 'ERROR', errorId: 'TECHNICAL_ERROR', message: 'databasen svarar inte' });
    journal.close();
  });

  test('a result INFO is recorded ok', async () => {
    const { url } = await serve(resultAnswer({ resultCode: 'INFO', resultText: 'redan mottagen' }));
    const { call, journal } = newCall(url);
    expect(await callSoap(call)).toMatchObject({ result: { resultCode: 'INFO', resultText: 'redan mottagen' } });
    expect(journal.query()[0]).toMatchObject({ outcome: 'ok', resultCode: 'INFO' });
    journal.close();
  });

  test('a SOAP fault (HTTP 500): the fault is read, recorded as error with the faultcode', async () => {
    const faultXml = soapFaultEnvelope({ faultcode: 'soap:Client', faultstring: 'Unmarshalling Error: cvc-complex-type.2.4.a' });
    const { url } = await serve(xmlAnswer(500, faultXml));
    const { call, journal } = newCall(url);
    const outcome = await callSoap(call);
    expect(outcome).toEqual({
      kind: 'answer',
      status: 500,
      body: faultXml,
      fault: { faultcode: 'soap:Client', faultstring: 'Unmarshalling Error: cvc-complex-type.2.4.a' },
    });
    expect(journal.query()[0]).toMatchObject({
      outcome: 'error',
      httpStatus: 500,
      errorId: 'soap:Client',
      message: 'Unmarshalling Error: cvc-complex-type.2.4.a',
      responseBody: faultXml,
    });
    journal.close();
  });

  test('HTTP 500 with plain text is an unreadable answer, recorded as error with the reason', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal Server Error');
    });
    const { call, journal } = newCall(url);
    const outcome = await callSoap(call);
    expect(outcome).toEqual({
      kind: 'answer',
      status: 500,
      body: 'Internal Server Error',
      unreadable: 'answer is not a SOAP message: XML document is not well-formed: missing root element',
    });
    const entry = journal.query()[0];
    expect(entry).toMatchObject({ outcome: 'error', httpStatus: 500, responseBody: 'Internal Server Error', message: outcome.kind === 'answer' ? outcome.unreadable : '' });
    expect(entry?.errorId).toBeUndefined();
    expect(entry?.resultCode).toBeUndefined();
    journal.close();
  });

  test('a SOAP answer without a result element is unreadable', async () => {
    const { url } = await serve(xmlAnswer(200, buildEnvelope(`<tns:PingResponse xmlns:tns="${NS}"/>`)));
    const { call, journal } = newCall(url);
    expect(await callSoap(call)).toMatchObject({ kind: 'answer', status: 200, unreadable: 'answer has no result element in its SOAP Body' });
    expect(journal.query()[0]).toMatchObject({ outcome: 'error', httpStatus: 200, message: 'answer has no result element in its SOAP Body' });
    journal.close();
  });

  test('connection refused (port 1): transport-error ECONNREFUSED, recorded without status', async () => {
    const url = 'http://127.0.0.1:1/ping';
    const { call, journal } = newCall(url);
    const outcome = await callSoap(call);
    expect(outcome.kind).toBe('transport-error');
    expect(outcome).toMatchObject({ code: 'ECONNREFUSED' });
    if (outcome.kind === 'transport-error') expect(outcome.message).toMatch(/^Ping to http:\/\/127\.0\.0\.1:1\/ping: .*ECONNREFUSED/);
    const entry = journal.query()[0];
    expect(entry).toMatchObject({ side: 'outbound', outcome: 'transport-error', errorId: 'ECONNREFUSED' });
    expect(entry?.httpStatus).toBeUndefined();
    expect(entry?.responseBody).toBeUndefined();
    journal.close();
  });

  test('no answer within timeoutMs: transport-error TIMEOUT', async () => {
    const { url } = await serve(() => undefined); // never answers
    const { call, journal } = newCall(url, { timeoutMs: 200 });
    const outcome = await callSoap(call);
    expect(outcome).toEqual({ kind: 'transport-error', code: 'TIMEOUT', message: `Ping to ${url}: no answer within 200 ms` });
    expect(journal.query()[0]).toMatchObject({ outcome: 'transport-error', errorId: 'TIMEOUT', message: `Ping to ${url}: no answer within 200 ms` });
    journal.close();
  });

  // Was a bug (soapClient.ts:66), fixed: `timeout` on http.request is a socket *idle* timeout, but SoapCall
  // documents timeoutMs as the wait "for the whole answer". An answer that trickles in (a byte
  // every 100 ms here) never times out and the call takes as long as the peer likes. Fix: a
  // wall-clock timer (setTimeout / AbortSignal.timeout) that destroys the request with TIMEOUT.
  test('timeoutMs bounds the whole answer, also one that trickles in slowly', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      let n = 0;
      const timer = setInterval(() => {
        res.write(' ');
        if (++n === 10) {
          clearInterval(timer);
          res.end('<x/>');
        }
      }, 100);
    });
    const { call, journal } = newCall(url, { timeoutMs: 300 });
    const outcome = await callSoap(call);
    expect(outcome).toMatchObject({ kind: 'transport-error', code: 'TIMEOUT' });
    journal.close();
  });

  test('without a journal the call still works', async () => {
    const { url } = await serve(resultAnswer({ resultCode: 'OK' }));
    const { call, journal } = newCall(url, { journal: undefined });
    expect(await callSoap(call)).toMatchObject({ result: { resultCode: 'OK' } });
    expect(journal.query()).toEqual([]);
    journal.close();
  });
});
