/**
 * The loopback-only admin API of a running topology: inspect the traffic journal, set and clear
 * fault rules, read and move the clock, act on the Webcert simulator's certificates, and read what
 * the journal system received. JSON in and out; errors are JSON `{ error }` with 4xx.
 */
import { http, HttpResponse, type RequestHandler } from 'msw';
import type { JournalQuery } from '../../simulators/kit/journal/exchange.js';
import { PartyServer } from '../../simulators/kit/network/partyServer.js';
import type { Topology } from '../topology/startTopology.js';
import { parseDuration } from './durations.js';
import { webcertRoutes } from './webcertRoutes.js';
import { adminError, guarded, jsonBody } from './adminHttp.js';

/** `GET /clock` lists the earliest pending timers, at most this many (`pendingCount` says how many there are). */
const CLOCK_PENDING_SHOWN = 100;

export interface AdminApi {
  url: string;
  stop(): Promise<void>;
}

function journalQueryFrom(url: URL): JournalQuery {
  const q: Record<string, unknown> = {};
  for (const key of ['side', 'party', 'fromParty', 'toParty', 'operation', 'certificateId', 'logicalAddress', 'personId', 'eventCode', 'messageId', 'outcome']) {
    const v = url.searchParams.get(key);
    if (v) q[key] = v;
  }
  for (const key of ['afterId', 'limit']) {
    const v = url.searchParams.get(key);
    if (v) {
      if (!/^\d+$/.test(v)) throw new Error(`query parameter ${key} must be a whole number, got "${v}"`);
      q[key] = Number(v);
    }
  }
  if (url.searchParams.get('withoutBodies') === 'true') q.withoutBodies = true;
  return q as JournalQuery;
}

function coreRoutes(t: Topology): RequestHandler[] {
  return [
    http.get('/health', () => HttpResponse.json({ ok: true })),
    http.get('/parties', () => HttpResponse.json(t.urls())),
    http.get('/journal', guarded(({ request }) => HttpResponse.json(t.journal.query(journalQueryFrom(new URL(request.url)))))),
    http.get('/journal/count', guarded(({ request }) => HttpResponse.json({ count: t.journal.count(journalQueryFrom(new URL(request.url))) }))),
    http.get('/journal/export', guarded(({ request }) =>
      new HttpResponse(t.journal.exportJsonLines(journalQueryFrom(new URL(request.url))), { headers: { 'content-type': 'application/x-ndjson' } }),
    )),
    http.get('/faults', ({ request }) => HttpResponse.json(t.faults.list(new URL(request.url).searchParams.get('party') ?? undefined))),
    http.post('/faults', guarded(async ({ request }) => HttpResponse.json(t.faults.add((await jsonBody(request)) as never), { status: 201 }))),
    http.delete('/faults/:id', ({ params }) =>
      t.faults.remove(String(params.id)) ? new HttpResponse(null, { status: 204 }) : adminError(404, `no fault rule with id ${String(params.id)}; GET /faults lists them`),
    ),
    http.delete('/faults', ({ request }) => {
      t.faults.clear(new URL(request.url).searchParams.get('party') ?? undefined);
      return new HttpResponse(null, { status: 204 });
    }),
    http.get('/clock', () =>
      HttpResponse.json({ now: t.clock.now(), iso: new Date(t.clock.now()).toISOString(), mode: t.clock.mode, pendingCount: t.clock.pendingCount(), pending: t.clock.pending(CLOCK_PENDING_SHOWN) }),
    ),
    http.post('/clock/advance', guarded(async ({ request }) => {
      const body = (await jsonBody(request)) as { by?: string | number };
      if (body.by === undefined) throw new Error('send {"by": "25d"} (or 90s, 5m, 4h, or milliseconds)');
      const ran = await t.clock.advanceBy(parseDuration(body.by));
      await t.webcert?.sender.idle();
      return HttpResponse.json({ ran, now: t.clock.now(), iso: new Date(t.clock.now()).toISOString() });
    })),
    http.get('/journal-system/status-updates', guarded(({ request }) => {
      if (!t.journalSystem) throw Object.assign(new Error('the journal system is not simulated in this topology'), { status: 404 });
      const p = new URL(request.url).searchParams;
      return HttpResponse.json(
        t.journalSystem.inbox.list({
          certificateId: p.get('certificateId') ?? undefined,
          logicalAddress: p.get('logicalAddress') ?? undefined,
          personId: p.get('personId') ?? undefined,
          eventCode: p.get('eventCode') ?? undefined,
        }),
      );
    })),
  ];
}

/** Starts the admin API of `topology` on 127.0.0.1. */
export async function startAdminApi(topology: Topology, options: { port?: number } = {}): Promise<AdminApi> {
  const server = await PartyServer.start({
    party: 'admin',
    clock: topology.clock,
    port: options.port,
    handlers: [...coreRoutes(topology), ...webcertRoutes(topology)],
  });
  return { url: server.url, stop: () => server.stop() };
}
