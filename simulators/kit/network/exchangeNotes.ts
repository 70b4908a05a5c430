/**
 * How a protocol handler (an msw request handler) tells the network layer what an exchange was
 * about and how to end it, without knowing about sockets or the journal: two response headers
 * that the party server reads and strips before anything reaches the wire.
 */

/** Header carrying {@link ExchangeNotes} as JSON. */
export const NOTES_HEADER = 'x-samverkan-exchange';
/** Header carrying a {@link TransportDirective}. */
export const DIRECTIVE_HEADER = 'x-samverkan-directive';
/** Header a simulated caller sets so the receiver's journal knows who called. */
export const CALLER_HEADER = 'x-samverkan-party';

/** What the handler knows about the exchange, recorded in the traffic journal. */
export interface ExchangeNotes {
  operation?: string;
  certificateId?: string;
  logicalAddress?: string;
  personId?: string;
  eventCode?: string;
  messageId?: string;
  resultCode?: string;
  errorId?: string;
  message?: string;
  /** The handler's view of the outcome; default derived from HTTP status. */
  outcome?: 'ok' | 'error' | 'transport-error';
}

/**
 * How the exchange ends at the transport level: `reset` or `no-answer` instead of sending the
 * response; `stream` sends the response body as it is produced, at the pace the client reads
 * (for exports that may be gigabytes; the journal records the exchange without that body).
 */
export type TransportDirective = 'reset' | 'no-answer' | 'stream';

/** Adds notes (and optionally a directive) to a handler's response headers. */
export function withNotes(response: Response, notes: ExchangeNotes, directive?: TransportDirective): Response {
  response.headers.set(NOTES_HEADER, Buffer.from(JSON.stringify(notes), 'utf8').toString('base64'));
  if (directive) response.headers.set(DIRECTIVE_HEADER, directive);
  return response;
}

/** Reads and removes the notes and directive from a response's headers. */
export function takeNotes(headers: Headers): { notes: ExchangeNotes; directive?: TransportDirective } {
  const raw = headers.get(NOTES_HEADER);
  const directive = (headers.get(DIRECTIVE_HEADER) ?? undefined) as TransportDirective | undefined;
  headers.delete(NOTES_HEADER);
  headers.delete(DIRECTIVE_HEADER);
  let notes: ExchangeNotes = {};
  if (raw) {
    try {
      notes = JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) as ExchangeNotes;
    } catch {
      notes = { message: 'handler notes were unreadable' };
    }
  }
  return { notes, directive };
}

/** Who called, as the journal names it: a simulated party's own name, `browser`, or `external`. */
export function callerParty(headers: { get(name: string): string | null | undefined } | Record<string, string | string[] | undefined>): string {
  const read = (name: string) => {
    const v = typeof (headers as { get?: unknown }).get === 'function' ? (headers as { get(n: string): string | null | undefined }).get(name) : (headers as Record<string, string | string[] | undefined>)[name];
    return Array.isArray(v) ? v[0] : (v ?? undefined);
  };
  return read(CALLER_HEADER) ?? (/Mozilla\//.test(read('user-agent') ?? '') ? 'browser' : 'external');
}
