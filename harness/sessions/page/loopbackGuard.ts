/**
 * The session page's check that a request comes from this machine's browser for this page: the
 * kit's guard for control endpoints (loopback Host, no foreign Origin, JSON for what changes state),
 * applied to a plain node:http request.
 */
import type { IncomingMessage } from 'node:http';
import { controlRefusal, type ControlRefusal, type ControlRequest } from '../../../simulators/kit/network/controlGuard.js';

/** `request` as the kit's guard reads it, on the page's own origin `http://127.0.0.1:<port>`. */
function controlRequestOf(request: IncomingMessage, port: number): ControlRequest {
  const header = (name: string): string | null => {
    const value = request.headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  };
  return {
    url: new URL(request.url ?? '/', `http://127.0.0.1:${port}`).href,
    method: request.method ?? 'GET',
    headers: { get: header, has: (name) => header(name) !== null },
  };
}

/** Why the request is refused (status and message), or undefined when it may pass. */
export function loopbackRefusal(request: IncomingMessage, port: number): ControlRefusal | undefined {
  return controlRefusal(controlRequestOf(request, port));
}
