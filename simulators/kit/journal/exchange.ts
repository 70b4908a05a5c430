/**
 * One exchange as the traffic journal records it: a request that crossed the wire between two
 * parties and what came back (or that nothing did).
 */

/** Which side of the wire wrote the record: the party that answered, or the party that called. */
export type ExchangeSide = 'inbound' | 'outbound';

/**
 * How the exchange ended, as the recording party saw it.
 * - `ok`: a protocol-level success (HTTP 2xx and, for RIV-TA, resultCode OK or INFO).
 * - `error`: an answer that says something failed (ResultType ERROR, SOAP fault, HTTP 4xx/5xx).
 * - `transport-error`: no answer at all (connection refused, reset, timeout).
 */
export type ExchangeOutcome = 'ok' | 'error' | 'transport-error';

/** What a party hands the journal to record. Times are virtual-clock milliseconds since epoch. */
export interface ExchangeRecord {
  side: ExchangeSide;
  /** Party that sent the request, e.g. `webcert`, `journal`, or `external` for an unknown caller. */
  fromParty: string;
  /** Party that received the request. */
  toParty: string;
  /** Protocol operation, e.g. `CertificateStatusUpdateForCare`, `CreateDraftCertificate`. */
  operation: string;
  method: string;
  url: string;
  /** Virtual time when the request was sent or received. */
  startedAt: number;
  /** Wall-clock milliseconds the exchange took. */
  durationMs: number;
  outcome: ExchangeOutcome;
  /** HTTP status, absent when no answer came. */
  httpStatus?: number;
  /** RIV-TA resultCode (OK, INFO, ERROR) when the answer carried one. */
  resultCode?: string;
  /** RIV-TA errorId, SOAP faultcode or transport error code. */
  errorId?: string;
  /** Human-readable explanation of an error. */
  message?: string;
  certificateId?: string;
  logicalAddress?: string;
  /** Patient's personnummer or samordningsnummer, 12 digits without dash. */
  personId?: string;
  /** Event code (handelsekod) for status updates: SKAPAT, ANDRAT, SIGNAT ... */
  eventCode?: string;
  /** Sender's own id for a logical message, stable across resends (e.g. notification id). */
  messageId?: string;
  /** 1 for the first delivery of a message, 2 for the first resend, and so on. */
  attempt?: number;
  requestHeaders?: Record<string, string>;
  requestBody?: string;
  responseHeaders?: Record<string, string>;
  responseBody?: string;
}

/** A recorded exchange with the id the journal gave it. */
export interface JournalEntry extends ExchangeRecord {
  id: number;
}

/** Filter for {@link TrafficJournal.query}; every given field must match exactly. */
export interface JournalQuery {
  side?: ExchangeSide;
  party?: string; // matches fromParty or toParty
  fromParty?: string;
  toParty?: string;
  operation?: string;
  certificateId?: string;
  logicalAddress?: string;
  /** Matched with or without the dash in the personnummer. */
  personId?: string;
  eventCode?: string;
  messageId?: string;
  outcome?: ExchangeOutcome;
  /** Only entries with id greater than this (for polling, and the cursor of a page). */
  afterId?: number;
  /** Only entries with id up to and including this (an export stops at the newest entry when it began). */
  upToId?: number;
  /** At most this many entries, oldest first; default all. */
  limit?: number;
  /** Leave out request and response bodies and headers (cheaper listings). */
  withoutBodies?: boolean;
}
