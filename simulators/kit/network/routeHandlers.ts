/**
 * The parties' route handlers: msw's `http` (`http.post(path, resolver)` and the other methods),
 * with the same types and the same handlers, made without msw's call frame
 * (docs/decisions/0050-once-per-worker.md).
 *
 * msw's `RequestHandler` constructor records where a handler was declared (`info.callFrame`) by
 * making an `Error` and reading its `stack`: every frame formatted, in a Playwright worker through
 * source-map-support. A topology makes a few hundred handlers, so this cost about 2 % of a scenario
 * worker's CPU, for a field msw only prints when it lists handlers, which the kit never asks for.
 * Here each handler is made with `Error.stackTraceLimit` at 0 for the duration of msw's constructor
 * alone: a synchronous call that runs no code of ours, restored in `finally`, so no other code can
 * observe the limit (a worker thread has its own `Error`). The handler's `info.callFrame` is then
 * undefined; everything that matches and answers a request is msw's own, unchanged.
 *
 * Parties and the admin API import `http` from here, never from msw (a unit test holds them to it).
 */
import { http as mswHttp } from 'msw';

/** Calls `make` (an msw handler factory) with no stack frames captured by the errors made inside it. */
function withoutCallFrame<Make extends (...args: never[]) => unknown>(make: Make): Make {
  return ((...args: Parameters<Make>) => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return make(...args);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }) as Make;
}

/** msw's `http`, each method making its handler without a call frame. */
export const http: typeof mswHttp = {
  all: withoutCallFrame(mswHttp.all),
  head: withoutCallFrame(mswHttp.head),
  get: withoutCallFrame(mswHttp.get),
  post: withoutCallFrame(mswHttp.post),
  put: withoutCallFrame(mswHttp.put),
  delete: withoutCallFrame(mswHttp.delete),
  patch: withoutCallFrame(mswHttp.patch),
  options: withoutCallFrame(mswHttp.options),
};
