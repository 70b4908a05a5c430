/**
 * The admin API's traffic-journal routes, readable at any journal size:
 * - `GET /journal`: one page, `{ entries, limit, nextCursor, bodies }`; without headers and bodies
 *   unless `bodies=true`;
 * - `GET /journal/{id}`: one entry with headers and bodies;
 * - `GET /journal/count`: how many entries match;
 * - `GET /journal/newest`: the id of the newest entry (0 when none), the `afterId` that reads only what comes next;
 * - `GET /journal/export`: every matching entry as JSON Lines, streamed at constant memory.
 */
import { HttpResponse, type RequestHandler } from 'msw';
import type { ExchangeOutcome, ExchangeSide, JournalQuery } from '../../simulators/kit/journal/exchange.js';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, type TrafficJournal } from '../../simulators/kit/journal/trafficJournal.js';
import { withNotes } from '../../simulators/kit/network/exchangeNotes.js';
import { http } from '../../simulators/kit/network/routeHandlers.js';
import type { Topology } from '../topology/startTopology.js';
import { guarded, refuse } from './adminHttp.js';

const TEXT_FILTERS = ['party', 'fromParty', 'toParty', 'operation', 'certificateId', 'logicalAddress', 'personId', 'eventCode', 'messageId'] as const;
const SIDES: readonly ExchangeSide[] = ['inbound', 'outbound'];
const OUTCOMES: readonly ExchangeOutcome[] = ['ok', 'error', 'transport-error'];
/** Parameters every journal route takes (the filters). */
const FILTERS = [...TEXT_FILTERS, 'side', 'outcome', 'afterId'] as const;

/** Reads the filter parameters (and `extra` ones) from `url`, refusing unknown or malformed ones. */
function filtersFrom(url: URL, extra: readonly string[]): { q: JournalQuery; p: URLSearchParams } {
  const p = url.searchParams;
  const allowed = [...FILTERS, ...extra];
  const unknown = [...new Set(p.keys())].filter((k) => !allowed.includes(k));
  if (unknown.length) refuse(400, `unknown query parameter(s) ${unknown.join(', ')}; ${url.pathname} takes ${allowed.join(', ')}`);
  const q: JournalQuery = {};
  for (const key of TEXT_FILTERS) {
    const v = p.get(key);
    if (v) q[key] = v;
  }
  const side = p.get('side');
  if (side) q.side = oneOf('side', side, SIDES);
  const outcome = p.get('outcome');
  if (outcome) q.outcome = oneOf('outcome', outcome, OUTCOMES);
  const afterId = p.get('afterId');
  if (afterId) q.afterId = wholeNumber('afterId', afterId);
  return { q, p };
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) refuse(400, `query parameter ${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

function wholeNumber(name: string, value: string): number {
  if (!/^\d{1,15}$/.test(value)) refuse(400, `query parameter ${name} must be a whole number, got "${value.slice(0, 40)}"`);
  return Number(value);
}

function trueOrFalse(name: string, value: string | null): boolean | undefined {
  if (value === null) return undefined;
  if (value !== 'true' && value !== 'false') refuse(400, `query parameter ${name} must be true or false, got "${value.slice(0, 40)}"`);
  return value === 'true';
}

/** The query of one page: the filters, `limit` (default 100, at most 1000), `cursor`, `bodies`. */
function pageQuery(url: URL): { q: JournalQuery; limit: number; bodies: boolean } {
  const { q, p } = filtersFrom(url, ['limit', 'cursor', 'bodies', 'withoutBodies']);
  const limitText = p.get('limit');
  const limit = limitText === null ? DEFAULT_PAGE_LIMIT : wholeNumber('limit', limitText);
  if (limit < 1 || limit > MAX_PAGE_LIMIT) {
    refuse(400, `query parameter limit must be 1..${MAX_PAGE_LIMIT}, got ${limit}; read on with the answer's nextCursor, or use GET /journal/export for everything`);
  }
  const cursor = p.get('cursor');
  if (cursor !== null) {
    if (q.afterId !== undefined) refuse(400, 'give cursor (the previous page\'s nextCursor) or afterId, not both');
    q.afterId = wholeNumber('cursor', cursor);
  }
  const bodies = trueOrFalse('bodies', p.get('bodies'));
  const withoutBodies = trueOrFalse('withoutBodies', p.get('withoutBodies'));
  if (bodies !== undefined && withoutBodies !== undefined && bodies === withoutBodies) refuse(400, 'bodies and withoutBodies say opposite things; give one of them');
  const withBodies = bodies ?? (withoutBodies === undefined ? false : !withoutBodies);
  return { q: { ...q, limit, withoutBodies: !withBodies }, limit, bodies: withBodies };
}

/** A body that pulls the journal's JSON Lines one chunk at a time, as the client reads. */
function jsonLinesStream(journal: TrafficJournal, q: JournalQuery): ReadableStream<Uint8Array> {
  const chunks = journal.jsonLines(q); // refuses a closed journal here, before the answer starts
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      cancel() {
        chunks.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}

/** The journal routes of `t`'s admin API. */
export function journalRoutes(t: Topology): RequestHandler[] {
  return [
    http.get('/journal', guarded(({ request }) => {
      const { q, limit, bodies } = pageQuery(new URL(request.url));
      const page = t.journal.page(q);
      return HttpResponse.json({ entries: page.entries, limit, nextCursor: page.nextCursor, bodies });
    })),
    http.get('/journal/count', guarded(({ request }) => HttpResponse.json({ count: t.journal.count(filtersFrom(new URL(request.url), []).q) }))),
    http.get('/journal/newest', guarded(({ request }) => {
      const given = [...new URL(request.url).searchParams.keys()];
      if (given.length) refuse(400, `GET /journal/newest takes no query parameters, got ${given.join(', ')}; it answers {"id": …}, the afterId that reads what comes next`);
      return HttpResponse.json({ id: t.journal.newestId() });
    })),
    http.get('/journal/export', guarded(({ request }) => {
      const { q, p } = filtersFrom(new URL(request.url), ['withoutBodies']);
      if (trueOrFalse('withoutBodies', p.get('withoutBodies'))) q.withoutBodies = true;
      const response = new HttpResponse(jsonLinesStream(t.journal, q), {
        headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'content-disposition': 'attachment; filename="journal.jsonl"' },
      });
      return withNotes(response, { operation: 'GET /journal/export' }, 'stream');
    })),
    http.get('/journal/:id', guarded(({ params }) => {
      const id = String(params.id);
      if (!/^\d{1,15}$/.test(id)) refuse(404, `no journal entry "${id.slice(0, 40)}"; ids are whole numbers, GET /journal lists them`);
      const entry = t.journal.get(Number(id));
      if (!entry) refuse(404, `no journal entry ${id} (never recorded, evicted by the journal's bounds, or cleared); GET /journal lists them`);
      return HttpResponse.json(entry);
    })),
  ];
}
