/**
 * Before the suite sends anything: does the journal system at the URL answer at all? One HTTP
 * request to its receiver, bounded in time, so that a wrong URL or a system that is down is a
 * clear error at once instead of every requirement waiting out Webcert's client timeout.
 */
import http from 'node:http';

/** Why the journal system could not be reached; the message says what to do. */
export class JournalSystemUnreachable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JournalSystemUnreachable';
  }
}

/** Default wait for the probe's answer. */
export const DEFAULT_PROBE_TIMEOUT_MS = 3_000;

/**
 * Sends `GET <receiver>?wsdl` and resolves with the HTTP status of whatever answer comes (any
 * status means something is listening and answering).
 * @throws {JournalSystemUnreachable} when the connection is refused, the name does not resolve, or
 *   no answer comes within `timeoutMs`.
 */
export function probeJournalSystem(receiver: string, timeoutMs = DEFAULT_PROBE_TIMEOUT_MS): Promise<number> {
  const url = new URL(receiver);
  url.search = 'wsdl';
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'GET', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(res.statusCode ?? 0));
    });
    const timer = setTimeout(() => {
      req.destroy(Object.assign(new Error('timeout'), { code: 'PROBE_TIMEOUT' }));
    }, timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new JournalSystemUnreachable(unreachableMessage(receiver, error, timeoutMs)));
    });
    req.end();
  });
}

function unreachableMessage(receiver: string, error: NodeJS.ErrnoException, timeoutMs: number): string {
  const where = `the journal system at ${receiver}`;
  switch (error.code) {
    case 'ECONNREFUSED':
      return `${where} refused the connection (nothing listens on that port): start it, or check the host and port in --journal external:<url>.`;
    case 'PROBE_TIMEOUT':
      return `${where} did not answer within ${timeoutMs} ms: it accepts nothing or hangs; check that it runs and that the URL is its status-update receiver.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${where} cannot be reached: the host name does not resolve (${error.code}); check the URL.`;
    case 'ECONNRESET':
      return `${where} closed the connection without answering (ECONNRESET): is it an HTTP server? Check the URL.`;
    default:
      return `${where} cannot be reached: ${error.code ?? ''} ${error.message}; check the URL and that it runs.`;
  }
}
