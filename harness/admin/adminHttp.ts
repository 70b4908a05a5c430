/**
 * Small helpers shared by the admin API's routes: JSON errors and bodies, and the line between a
 * refused request (4xx, the caller can fix it) and a fault of samverkan (500, the caller cannot).
 */
import { HttpResponse } from 'msw';

/** `{ error }` with a status; every refusal says what to send instead. */
export function adminError(status: number, message: string): Response {
  return HttpResponse.json({ error: message }, { status });
}

/** Statuses a route refuses a request with. */
export type RefusalStatus = 400 | 404 | 409 | 413;

/**
 * A request the admin API refuses, with the status to answer: 400 bad input, 404 nothing there,
 * 409 not in this state. Thrown before anything was changed.
 */
export class AdminRefusal extends Error {
  override readonly name = 'AdminRefusal';
  constructor(
    readonly status: RefusalStatus,
    message: string,
  ) {
    super(message);
  }
}

/** Throws an {@link AdminRefusal}. */
export function refuse(status: RefusalStatus, message: string): never {
  throw new AdminRefusal(status, message);
}

/**
 * Runs `check` on the caller's input: whatever it throws is the caller's mistake and becomes a
 * refusal with `status` (default 400) and the same message.
 */
export function checkInput<T>(check: () => T, status: RefusalStatus = 400): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof AdminRefusal) throw error;
    throw new AdminRefusal(status, error instanceof Error ? error.message : String(error));
  }
}

/** Reads a JSON body (`{}` when empty), or refuses with 400 saying why. */
export async function jsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AdminRefusal(400, `request body is not JSON: ${(error as Error).message}`);
  }
}

/** Reads a JSON object body, refusing anything else and any field not in `fields`. */
export async function jsonObject(request: Request, fields: readonly string[], example: string): Promise<Record<string, unknown>> {
  const body = await jsonBody(request);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) refuse(400, `request body must be a JSON object, e.g. ${example}`);
  const unknown = Object.keys(body).filter((k) => !fields.includes(k));
  if (unknown.length) refuse(400, `unknown field(s) ${unknown.join(', ')}; this endpoint takes ${fields.join(', ')}, e.g. ${example}`);
  return body as Record<string, unknown>;
}

type RouteArgs = { request: Request; params: Record<string, string | readonly string[] | undefined> };

/**
 * Wraps a route so that what it throws becomes a JSON answer: an {@link AdminRefusal} its own
 * status (4xx), anything else a 500 that says it is a fault of samverkan, not of the request.
 */
export function guarded(fn: (args: RouteArgs) => Promise<Response> | Response) {
  return async (args: RouteArgs): Promise<Response> => {
    try {
      return await fn(args);
    } catch (error) {
      if (error instanceof AdminRefusal) return adminError(error.status, error.message);
      const url = new URL(args.request.url);
      const message = error instanceof Error ? error.message : String(error);
      return adminError(
        500,
        `samverkan failed on ${args.request.method} ${url.pathname}: ${message}. ` +
          'This is a fault in samverkan, not in the request; the topology keeps running. Report it with this message.',
      );
    }
  };
}
