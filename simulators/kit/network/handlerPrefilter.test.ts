/**
 * The handler prefilter never leaves out a handler msw would let take the request: for handlers of
 * every pattern shape the parties use (params, wildcards, any-origin SOAP paths, `http.all`, a
 * RegExp, non-ASCII text, a trailing slash) and requests that vary case, encoding and query, each
 * handler msw's own `test` accepts is among the candidates, in order. It does leave out the rest.
 */
import { test, expect } from '@playwright/test';
import { http, HttpResponse, type RequestHandler } from 'msw';
import { handlerPrefilter } from './handlerPrefilter.js';

const BASE = 'http://127.0.0.1:4711';
const ok = () => HttpResponse.text('ok');

const HANDLERS: RequestHandler[] = [
  http.post('*/services/CreateDraftCertificate/v3/rivtabp21', ok),
  http.get('/api/certificate/:id', ok),
  http.post('/api/certificate/:id/sign', ok),
  http.post('/api/certificate/:id/readyforsign', ok),
  http.all('/api/*', ok),
  http.get('/visa/intyg/:id', ok),
  http.post('/v2/visa/intyg/:id', ok),
  http.get('/orders/:orderRef/cancel', ok),
  http.get('/app/orders/*', ok),
  http.get('/a/', ok),
  http.get('/Blandat/Case', ok),
  http.get('/hälsa/:id', ok),
  http.get(/\/regex\/\d+$/, ok),
  http.get(`${BASE}/absolute/path`, ok),
  http.get('/files/v*', ok),
  http.get('/optional/:maybe?', ok),
  http.get('/', ok),
  http.get('*', ok),
];

const REQUESTS: Array<[string, string]> = [
  ['POST', '/services/CreateDraftCertificate/v3/rivtabp21'],
  ['POST', '/SERVICES/createdraftcertificate/v3/rivtabp21'],
  ['GET', '/api/certificate/abc-123'],
  ['GET', '/api/certificate/abc-123?x=1'],
  ['POST', '/api/certificate/abc-123/sign'],
  ['post', '/api/certificate/abc-123/sign'],
  ['POST', '/api/certificate/abc-123/readyforsign'],
  ['DELETE', '/api/whatever/deep'],
  ['GET', '/visa/intyg/1'],
  ['POST', '/v2/visa/intyg/1'],
  ['GET', '/orders/r1/cancel'],
  ['GET', '/app/orders/r1/approve'],
  ['GET', '/a'],
  ['GET', '/a/'],
  ['GET', '/blandat/case'],
  ['GET', '/h%C3%A4lsa/7'],
  ['GET', '/regex/42'],
  ['GET', '/absolute/path'],
  ['GET', '/files/v2/x'],
  ['GET', '/optional'],
  ['GET', '/optional/yes'],
  ['GET', '/'],
  ['GET', '/%61pi/certificate/x'],
  ['GET', '/nothing/here'],
  ['HEAD', '/visa/intyg/1'],
];

test('every handler msw would let take a request is a candidate, in order; others are left out', async () => {
  const candidates = handlerPrefilter(HANDLERS);
  let leftOut = 0;
  for (const [method, target] of REQUESTS) {
    const url = `${BASE}${target}`;
    const kept = candidates(method.toUpperCase(), target.split('?')[0]!);
    const matching: RequestHandler[] = [];
    for (const handler of HANDLERS) {
      const request = new Request(url, { method: method.toUpperCase() });
      if (await handler.test({ request, resolutionContext: { baseUrl: BASE } })) matching.push(handler);
    }
    for (const handler of matching) expect(kept, `${method} ${target}: ${handler.info.header}`).toContain(handler);
    expect(kept.map((h) => HANDLERS.indexOf(h)), `${method} ${target}: order`).toEqual([...kept.map((h) => HANDLERS.indexOf(h))].sort((a, b) => a - b));
    leftOut += HANDLERS.length - kept.length;
  }
  // A prefilter that kept everything would be right but useless: most handlers are left out.
  expect(leftOut).toBeGreaterThan((REQUESTS.length * HANDLERS.length) / 2);
});

test('the first matching candidate is the handler msw picks from the whole list', async () => {
  const candidates = handlerPrefilter(HANDLERS);
  for (const [method, target] of REQUESTS) {
    const url = `${BASE}${target}`;
    const first = async (list: RequestHandler[]) => {
      for (const handler of list) if (await handler.test({ request: new Request(url, { method: method.toUpperCase() }), resolutionContext: { baseUrl: BASE } })) return handler;
      return undefined;
    };
    expect(await first(candidates(method.toUpperCase(), target.split('?')[0]!)), `${method} ${target}`).toBe(await first(HANDLERS));
  }
});
