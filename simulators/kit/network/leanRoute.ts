/**
 * A lean route: a way for a request handler to be served by a kit listener straight from
 * `node:http`, without msw's dispatch or fetch `Request`/`Response` objects on every request, for
 * endpoints that carry volume (docs/decisions/0016-lean-soap-path.md). The route travels with its
 * msw handler (a property under a symbol), so a party lists its handlers as before; under msw's
 * `setupServer` the handler itself runs, and on a kit listener the route does.
 */
import type { ExchangeNotes } from './exchangeNotes.js';

/** What the listener hands a lean route: the request as read from the socket. */
export interface LeanRequest {
  method: string;
  /** The full URL on this listener (`http://127.0.0.1:port/path?query`). */
  url: string;
  /** Request headers as one record (names in lower case), as the journal records them. */
  headers: Record<string, string>;
  body: Buffer;
  /** The body decoded as UTF-8 (as the journal records it), for a route that needs it as text. */
  text: string;
}

/** A plain answer: written as is, journalled with its notes. */
export interface LeanAnswer {
  status: number;
  headers: Readonly<Record<string, string>>;
  body: string;
  /** `body` as UTF-8 bytes, when the route has them ready (an answer it makes once and sends often). */
  bytes?: Buffer;
  notes: ExchangeNotes;
}

/** One endpoint served lean: POST to exactly `path` (no query string). */
export interface LeanRoute {
  readonly path: string;
  /**
   * Answers one request. A `Response` (a fault rule's HTTP status, reset or no answer, made by the
   * shared msw-side code) is served exactly as a handler's response would be.
   */
  serve(request: LeanRequest): Promise<LeanAnswer | Response>;
}

const LEAN_ROUTE = Symbol.for('samverkan.leanRoute');

/** Attaches `route` to `handler` (returned as is) so that a kit listener serves it lean. */
export function withLeanRoute<T extends object>(handler: T, route: LeanRoute): T {
  Object.defineProperty(handler, LEAN_ROUTE, { value: route, enumerable: false });
  return handler;
}

/** The lean route attached to `handler`, if any. */
export function leanRouteOf(handler: object): LeanRoute | undefined {
  return (handler as { [LEAN_ROUTE]?: LeanRoute })[LEAN_ROUTE];
}

/**
 * The lean routes among `handlers`, by path; the first for a path wins, as with msw. A listener
 * serves them ahead of its other handlers, so a party that wants another handler to answer the
 * same path first must not give the operation a lean route.
 */
export function leanRoutesOf(handlers: readonly object[]): Map<string, LeanRoute> {
  const routes = new Map<string, LeanRoute>();
  for (const handler of handlers) {
    const route = leanRouteOf(handler);
    if (route && !routes.has(route.path)) routes.set(route.path, route);
  }
  return routes;
}
