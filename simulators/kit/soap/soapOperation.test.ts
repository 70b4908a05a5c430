/**
 * soapOperationHandler served by a real PartyServer, exercised over HTTP on 127.0.0.1, with every
 * exchange checked in the traffic journal: answers and fault rules.
 */
import { test, expect } from '@playwright/test';
import { DIRECTIVE_HEADER, NOTES_HEADER } from '../network/exchangeNotes.js';
import { parseXmlSafely } from '../xml/safeXml.js';
import { readSoapFault } from './soapFault.js';
import { LA, ping, PING_PATHS, pingWorld, START } from './pingTestWorld.js';

const w = pingWorld();

for (const via of PING_PATHS) test.describe(`SOAP operation on a party server (${via.name})`, () => {
  test('a good request gets the OK answer, recorded inbound with its correlation facts', async () => {
    const res = await w.post(ping('hej'), via.soapFault);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    expect(w.resultOf(res.text)).toEqual({ result: { resultCode: 'OK' }, echo: 'hej' });
    expect(res.headers.get(NOTES_HEADER)).toBeNull();
    expect(res.headers.get(DIRECTIVE_HEADER)).toBeNull();

    const [entry, ...rest] = w.newEntries();
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      side: 'inbound',
      fromParty: 'webcert',
      toParty: 'journal',
      operation: 'Ping',
      method: 'POST',
      url: `${w.server.url}${via.soapFault}`,
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
    await fetch(`${w.server.url}/ping`, { method: 'POST', body: ping() });
    expect(w.newEntries()[0]?.fromParty).toBe('external');
  });

  test('fault result ERROR: normal shape, ERROR with errorId, recorded as error', async () => {
    w.addFault({ kind: 'result', resultCode: 'ERROR', errorId: 'TECHNICAL_ERROR' }, { times: 1 });
    const res = await w.post(ping(), via.soapFault);
    expect(res.status).toBe(200);
    expect(w.resultOf(res.text).result).toEqual({
      resultCode: 'ERROR',
      errorId: 'TECHNICAL_ERROR',
      resultText: 'ERROR TECHNICAL_ERROR (samverkan fault rule)',
    });
    expect(w.resultOf(res.text).echo).toBeUndefined();
    expect(w.newEntries()[0]).toMatchObject({ outcome: 'error', httpStatus: 200, resultCode: 'ERROR', errorId: 'TECHNICAL_ERROR' });

    // times: 1 → the next request is answered normally again
    expect(w.resultOf((await w.post(ping(), via.soapFault)).text).result).toEqual({ resultCode: 'OK' });
  });

  test('fault result INFO with the rule text: recorded ok', async () => {
    w.addFault({ kind: 'result', resultCode: 'INFO', resultText: 'redan mottagen' });
    const res = await w.post(ping(), via.soapFault);
    expect(w.resultOf(res.text).result).toEqual({ resultCode: 'INFO', resultText: 'redan mottagen' });
    expect(w.newEntries()[0]).toMatchObject({ outcome: 'ok', resultCode: 'INFO', message: 'redan mottagen' });
  });

  test('fault soapFault: HTTP 500 with soap:Fault, recorded with the faultcode as errorId', async () => {
    w.addFault({ kind: 'soapFault' });
    const res = await w.post(ping(), via.soapFault);
    expect(res.status).toBe(500);
    expect(readSoapFault(parseXmlSafely(res.text))).toEqual({ faultcode: 'soap:Server', faultstring: 'Ping failed (samverkan fault rule)' });
    expect(w.newEntries()[0]).toMatchObject({ outcome: 'error', httpStatus: 500, errorId: 'soap:Server', message: 'Ping failed (samverkan fault rule)' });
  });

  test('fault httpStatus: that status with a plain-text body, recorded as error', async () => {
    w.addFault({ kind: 'httpStatus', status: 503 });
    const res = await w.post(ping(), via.soapFault);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.text).toBe('HTTP 503 (samverkan fault rule)');
    const entry = w.newEntries()[0];
    expect(entry).toMatchObject({ outcome: 'error', httpStatus: 503, responseBody: 'HTTP 503 (samverkan fault rule)' });
    expect(entry?.message).toBe('fault rule: {"kind":"httpStatus","status":503}');
  });

  test('fault delay: the answer is held back (a short client timeout gives up), then comes normally', async () => {
    w.addFault({ kind: 'delay', ms: 600 }, { times: 2 });
    await expect(w.post(ping(), via.soapFault, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    const res = await w.post(ping(), via.soapFault);
    expect(res.status).toBe(200);
    expect(w.resultOf(res.text).result).toEqual({ resultCode: 'OK' });
    const entries = await w.entriesEventually(2);
    expect(entries.map((e) => e.outcome)).toEqual(['ok', 'ok']);
    expect(entries.map((e) => e.message)).toEqual(['answered after a fault-rule delay of 600 ms', 'answered after a fault-rule delay of 600 ms']);
  });

  test('fault reset: the connection is reset, fetch rejects, recorded as transport-error', async () => {
    w.addFault({ kind: 'reset' });
    await expect(w.post(ping(), via.soapFault)).rejects.toThrow('fetch failed');
    const [entry] = w.newEntries();
    expect(entry).toMatchObject({ outcome: 'transport-error', operation: 'Ping', certificateId: 'c-1' });
    expect(entry?.httpStatus).toBeUndefined();
    expect(entry?.message).toBe('fault rule: {"kind":"reset"}');
  });

  test('fault noAnswer: nothing comes back, the client aborts, recorded as transport-error', async () => {
    w.addFault({ kind: 'noAnswer' }, { times: 1 });
    const error = await w.post(ping(), via.soapFault, { signal: AbortSignal.timeout(300) }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('TimeoutError');
    const [entry] = await w.entriesEventually(1);
    expect(entry).toMatchObject({ outcome: 'transport-error', message: 'fault rule: {"kind":"noAnswer"}' });
    expect(entry?.httpStatus).toBeUndefined();
  });

  test('an unknown path gets 404 naming the party and the path', async () => {
    const res = await w.post(ping(), '/services/Nothing');
    expect(res.status).toBe(404);
    expect(res.text).toBe('journal simulator has no endpoint for POST /services/Nothing');
    expect(w.newEntries()[0]).toMatchObject({ outcome: 'error', httpStatus: 404, operation: 'POST /services/Nothing' });
  });

  test('a body over the hard limit gets 413 before any handler runs', async () => {
    const res = await w.post('x'.repeat(64 * 1024 + 1), via.soapFault);
    expect(res.status).toBe(413);
    expect(res.text).toBe("request body is 65537 bytes, over this server's limit of 65536 bytes");
    expect(w.newEntries()[0]).toMatchObject({ outcome: 'error', httpStatus: 413 });
  });
});
