/**
 * The loopback-only admin API of a running topology: inspect the traffic journal, set and clear
 * fault rules, read and move the clock, act on the Webcert simulator's certificates, read what
 * the journal system, Intygstjänsten and the recipients received, and unblock a simulated card.
 * Scenarios read every party's state through it (never through in-process objects), so the same
 * scenario runs against a topology started elsewhere. JSON in and out; every input is checked before anything changes:
 * a refused request answers `{ error }` with 400, 404 or 409 and changes nothing, a fault of
 * samverkan itself answers 500.
 * It answers the local user only (kit control guard: loopback Host, no foreign Origin, JSON
 * bodies), and journals what it refused, not every call.
 */
import { HttpResponse, type RequestHandler } from 'msw';
import type { FaultRuleSpec } from '../../simulators/kit/faults/faultRule.js';
import { controlGuard } from '../../simulators/kit/network/controlGuard.js';
import type { StopOptions } from '../../simulators/kit/network/exchangeDrain.js';
import { PartyServer } from '../../simulators/kit/network/partyServer.js';
import { http } from '../../simulators/kit/network/routeHandlers.js';
import type { Topology } from '../topology/startTopology.js';
import { parseDuration } from './durations.js';
import { journalRoutes } from './journalRoutes.js';
import { webcertRoutes } from './webcertRoutes.js';
import { populationRegisterRoutes } from './populationRegisterRoutes.js';
import { subscriptionRoutes } from './subscriptionRoutes.js';
import { sendRoutes } from './sendRoutes.js';
import { cardRoutes } from './cardRoutes.js';
import { adminError, checkInput, guarded, jsonBody, jsonObject, refuse } from './adminHttp.js';

/** `GET /clock` lists the earliest pending timers, at most this many (`pendingCount` says how many there are). */
const CLOCK_PENDING_SHOWN = 100;

export interface AdminApi {
  url: string;
  /** Stops accepting and drains calls in flight (see {@link PartyServer.stop}). */
  stop(options?: StopOptions): Promise<void>;
}

const clockState = (t: Topology) => ({ now: t.clock.now(), iso: new Date(t.clock.now()).toISOString() });

function faultRoutes(t: Topology): RequestHandler[] {
  const partyParam = (request: Request) => {
    const party = new URL(request.url).searchParams.get('party') ?? undefined;
    if (party !== undefined) checkInput(() => t.faults.list(party));
    return party;
  };
  return [
    http.get('/faults', guarded(({ request }) => HttpResponse.json(t.faults.list(partyParam(request))))),
    http.post('/faults', guarded(async ({ request }) => {
      const spec = (await jsonBody(request)) as FaultRuleSpec;
      return HttpResponse.json(checkInput(() => t.faults.add(spec)), { status: 201 });
    })),
    http.delete('/faults/:id', ({ params }) =>
      t.faults.remove(String(params.id)) ? new HttpResponse(null, { status: 204 }) : adminError(404, `no fault rule with id ${String(params.id)}; GET /faults lists them`),
    ),
    http.delete('/faults', guarded(({ request }) => {
      t.faults.clear(partyParam(request));
      return new HttpResponse(null, { status: 204 });
    })),
  ];
}

function clockRoutes(t: Topology): RequestHandler[] {
  return [
    http.get('/clock', () => HttpResponse.json({ ...clockState(t), mode: t.clock.mode, pendingCount: t.clock.pendingCount(), pending: t.clock.pending(CLOCK_PENDING_SHOWN) })),
    http.post('/clock/advance', guarded(async ({ request }) => {
      const example = '{"by": "25d"} (or 90s, 5m, 4h, 1d12h, or milliseconds)';
      const body = await jsonObject(request, ['by'], example);
      if (body.by === undefined) refuse(400, `send ${example}`);
      const ms = checkInput(() => parseDuration(body.by as string | number));
      checkInput(() => t.clock.checkAdvance(ms));
      // Deliveries under way first: a resend timer exists only once its delivery has finished.
      const settledBefore = (await t.webcert?.idle()) ?? 0;
      const ran = await t.clock.advanceBy(ms).catch((error: unknown) => {
        // Another advance, queued before this one, left no room for it: nothing moved.
        if (error instanceof RangeError) refuse(409, error.message);
        throw error;
      });
      const settledAfter = (await t.webcert?.idle()) ?? 0;
      return HttpResponse.json({ ran, settledBefore, settledAfter, ...clockState(t) });
    })),
  ];
}

function coreRoutes(t: Topology): RequestHandler[] {
  return [
    http.get('/health', () => HttpResponse.json({ ok: true })),
    http.get('/parties', () => HttpResponse.json(t.urls())),
    http.get('/journal-system/status-updates', guarded(({ request }) => {
      if (!t.journalSystem) refuse(404, 'the journal system is not simulated in this topology');
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
    journal: topology.journal,
    journalErrorsOnly: true,
    port: options.port,
    handlers: [controlGuard('*'), ...coreRoutes(topology), ...journalRoutes(topology), ...faultRoutes(topology), ...clockRoutes(topology), ...webcertRoutes(topology), ...populationRegisterRoutes(topology), ...subscriptionRoutes(topology), ...sendRoutes(topology), ...cardRoutes(topology)],
  });
  return { url: server.url, stop: (stopOptions) => server.stop(stopOptions) };
}
