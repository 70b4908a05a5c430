/**
 * The session page's own check that a request comes from this machine's browser for this page:
 * the Host is 127.0.0.1 or localhost on the page's port (refuses DNS rebinding), an Origin, when
 * sent, is the page itself (refuses another site's script), and a POST carries JSON (refuses a
 * plain cross-site form). To be replaced by the kit's guard for control endpoints
 * (simulators/kit/network/) when that lands.
 */
import type { IncomingMessage } from 'node:http';

/** Why the request is refused, or undefined when it may pass. */
export function loopbackRefusal(request: IncomingMessage, port: number): string | undefined {
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`];
  const host = request.headers.host ?? '';
  if (!allowed.includes(host.toLowerCase())) return `Host "${host}" is not this page (${allowed.join(' or ')})`;
  const origin = request.headers.origin;
  if (origin !== undefined && !allowed.map((a) => `http://${a}`).includes(origin.toLowerCase())) return `Origin "${origin}" is not this page`;
  if (request.method === 'POST' && !/^application\/json\b/i.test(request.headers['content-type'] ?? '')) return 'a POST must carry application/json';
  return undefined;
}
