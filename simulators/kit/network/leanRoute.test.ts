/**
 * A handler's lean route: served by the kit listener without msw (the msw handler still runs under
 * setupServer), only for a POST to exactly its path, journalled by group commit, and never answered
 * before its journal row is stored.
 */
import { test, expect } from '@playwright/test';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { VirtualClock } from '../clock/virtualClock.js';
import { TrafficJournal } from '../journal/trafficJournal.js';
import { withNotes } from './exchangeNotes.js';
import { leanRouteOf, withLeanRoute, type LeanRequest } from './leanRoute.js';
import { PartyServer } from './partyServer.js';

/** An msw handler that answers "msw", carrying a lean route that answers "lean" with what it got. */
function echoHandler(seen: LeanRequest[]) {
  const handler = http.post('*/echo', () => withNotes(HttpResponse.text('msw'), { operation: 'Echo' }));
  return withLeanRoute(handler, {
    path: '/echo',
    serve: async (request) => {
      seen.push(request);
      if (request.text === 'fault') return withNotes(new HttpResponse(null, { status: 204 }), { operation: 'Echo', message: 'reset by rule' }, 'reset');
      return { status: 201, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `lean ${request.text}`, notes: { operation: 'Echo', certificateId: 'c-1' } };
    },
  });
}

test('a POST to the path is served by the lean route; a query string, another method or under setupServer, by msw', async () => {
  const seen: LeanRequest[] = [];
  const handler = echoHandler(seen);
  expect(leanRouteOf(handler)?.path).toBe('/echo');
  const journal = TrafficJournal.open({ path: ':memory:' });
  const server = await PartyServer.start({ party: 'test', clock: new VirtualClock({ mode: 'manual' }), journal, handlers: [handler] });
  try {
    const res = await fetch(`${server.url}/echo`, { method: 'POST', body: 'hej å', headers: { 'x-samverkan-party': 'webcert' } });
    expect([res.status, await res.text()]).toEqual([201, 'lean hej å']);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: `${server.url}/echo`, text: 'hej å', headers: { 'x-samverkan-party': 'webcert' } });
    expect(seen[0]!.body.equals(Buffer.from('hej å'))).toBe(true);
    expect(journal.query()).toMatchObject([
      { side: 'inbound', fromParty: 'webcert', toParty: 'test', operation: 'Echo', httpStatus: 201, outcome: 'ok', certificateId: 'c-1', requestBody: 'hej å', responseBody: 'lean hej å', responseHeaders: { 'content-type': 'text/plain; charset=utf-8' } },
    ]);

    expect(await (await fetch(`${server.url}/echo?x=1`, { method: 'POST', body: 'q' })).text()).toBe('msw');
    expect(seen).toHaveLength(1);

    // A Response from the route (a fault rule's reset) is served as a handler's response would be.
    await expect(fetch(`${server.url}/echo`, { method: 'POST', body: 'fault' })).rejects.toThrow();
    expect(journal.query().at(-1)).toMatchObject({ outcome: 'transport-error', message: 'reset by rule' });
  } finally {
    await server.stop();
    journal.close();
  }

  const inProcess = setupServer(handler);
  inProcess.listen({ onUnhandledRequest: 'error' });
  try {
    expect(await (await fetch('http://party.invalid/echo', { method: 'POST', body: 'x' })).text()).toBe('msw');
  } finally {
    inProcess.close();
  }
});

test('an exchange the journal cannot store is not acknowledged: HTTP 500, send it again', async () => {
  const journal = TrafficJournal.open({ path: ':memory:' });
  const server = await PartyServer.start({ party: 'test', clock: new VirtualClock({ mode: 'manual' }), journal, handlers: [echoHandler([])] });
  const warn = console.warn;
  const warned: string[] = [];
  console.warn = (line: string) => warned.push(line);
  try {
    journal.close();
    const res = await fetch(`${server.url}/echo`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(500);
    expect(await res.text()).toBe(
      'test simulator could not store the exchange in its traffic journal (Cannot record an exchange: the traffic journal at :memory: is closed. Open it again with TrafficJournal.open.), so it does not acknowledge it; send it again',
    );
    expect(res.headers.get('connection')).toBe('close');
    expect(warned).toHaveLength(1);
  } finally {
    console.warn = warn;
    await server.stop();
  }
});
