/**
 * Control endpoints (the admin API, the eID app's settings, the signing service's certificate
 * controls) answer the local user only. A web page the user visits can reach 127.0.0.1 too: by a
 * cross-site form post or fetch (it sends its own `Origin`, and a form or `text/plain` body needs
 * no CORS preflight), or by DNS rebinding (its own name resolving to 127.0.0.1: the `Host` header
 * still carries that name). So a control request must name a loopback host, come from no foreign
 * origin, and carry JSON when it changes state; anything else is refused with a JSON `{ error }`.
 */
import { HttpResponse, type RequestHandler } from 'msw';
import { withNotes } from './exchangeNotes.js';
import { http } from './routeHandlers.js';

/** Host names that can only mean this machine. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** Methods that change state and must carry JSON when they carry a body. */
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface ControlGuardOptions {
  /** Operation the journal records for a refusal (default `METHOD /path`). */
  operation?: string | ((request: Request) => string);
  /**
   * Also take `application/x-www-form-urlencoded` bodies: for the forms of a page the simulator
   * itself serves, whose posts carry the page's own (loopback) origin.
   */
  allowForms?: boolean;
}

/** What the guard reads of a request: a fetch `Request` has it, and so does `incomingControlRequest`. */
export interface ControlRequest {
  /** Absolute URL on the listener's own origin (its port is the endpoint's). */
  url: string;
  method: string;
  headers: { get(name: string): string | null; has(name: string): boolean };
}

/** A refusal: HTTP status and what to do instead. */
export interface ControlRefusal {
  status: 403 | 415;
  message: string;
}

function hostnameOf(hostHeader: string): string | undefined {
  try {
    const url = new URL(`http://${hostHeader}`);
    return url.username || url.password || url.pathname !== '/' ? undefined : url.hostname;
  } catch {
    return undefined;
  }
}

/**
 * Why `request` may not reach a control endpoint, or `undefined` when it may. The endpoint's own
 * port is read from `request.url` (the listener's base URL); `Host` and `Origin` from its headers.
 */
export function controlRefusal(request: ControlRequest, options: ControlGuardOptions = {}): ControlRefusal | undefined {
  const own = new URL(request.url);
  const ownOrigin = `http://127.0.0.1:${own.port}`;
  const host = request.headers.get('host');
  const hostname = host ? hostnameOf(host) : undefined;
  if (!hostname || !LOOPBACK_HOSTS.has(hostname)) {
    return {
      status: 403,
      message: `control endpoints answer the local user only: Host ${host ? `"${host}"` : '(none)'} is not 127.0.0.1, localhost or [::1]; call ${ownOrigin}${own.pathname} directly`,
    };
  }
  const origin = request.headers.get('origin');
  if (origin !== null) {
    let foreign = true;
    try {
      const o = new URL(origin);
      foreign = !(o.protocol === own.protocol && LOOPBACK_HOSTS.has(o.hostname) && o.port === own.port && o.origin === origin);
    } catch {
      foreign = true;
    }
    if (foreign) {
      return { status: 403, message: `control endpoints answer the local user only: Origin "${origin}" is not this server's own (${ownOrigin}); call it from a local tool, not from a web page` };
    }
  }
  if (STATE_CHANGING.has(request.method)) {
    const type = request.headers.get('content-type');
    const mime = type?.split(';')[0]!.trim().toLowerCase();
    const hasBody = type !== null || (request.headers.get('content-length') ?? '0') !== '0' || request.headers.has('transfer-encoding');
    const accepted = mime === 'application/json' || (options.allowForms === true && mime === 'application/x-www-form-urlencoded');
    if (hasBody && !accepted) {
      return {
        status: 415,
        message: `${request.method} ${own.pathname} takes a JSON body: send Content-Type: application/json${type ? `, not "${type}"` : ''}`,
      };
    }
  }
  return undefined;
}

/**
 * An msw handler, placed before a party's own handlers, that refuses control requests for `path`
 * (msw path syntax; `*` for every path) from anyone but the local user, with JSON `{ error }` and
 * journal notes, and lets every other request through to the handlers after it.
 */
export function controlGuard(path: string, options: ControlGuardOptions = {}): RequestHandler {
  return http.all(path, ({ request }) => {
    const refusal = controlRefusal(request, options);
    if (!refusal) return undefined;
    const operation = typeof options.operation === 'function' ? options.operation(request) : options.operation;
    return withNotes(HttpResponse.json({ error: refusal.message }, { status: refusal.status }), { operation, outcome: 'error', message: refusal.message });
  });
}
