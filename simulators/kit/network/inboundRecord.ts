/** Writing one received exchange to the traffic journal, the same way for every listener of the kit. */
import type { ExchangeRecord } from '../journal/exchange.js';
import type { TrafficJournal } from '../journal/trafficJournal.js';
import type { ExchangeNotes } from './exchangeNotes.js';

/** What a listener knows about a request when it arrives. */
export interface ArrivedRequest {
  journal?: TrafficJournal;
  /** The receiving party. */
  party: string;
  fromParty: string;
  method: string;
  url: string;
  /** `METHOD /path`, the operation when the handler names none. */
  fallbackOperation: string;
  /** Virtual time of arrival. */
  startedAt: number;
  /** `performance.now()` at arrival, for the duration. */
  started: number;
  requestHeaders: Record<string, string>;
  requestBody: string;
}

/** How the exchange ended. */
export interface ExchangeEnd {
  status?: number;
  headers?: Readonly<Record<string, string>>;
  body?: string;
  outcome: 'ok' | 'error' | 'transport-error';
  notes: ExchangeNotes;
}

/** The journal record of the exchange (side `inbound`). */
export function inboundRecord(arrived: ArrivedRequest, end: ExchangeEnd): ExchangeRecord {
  const n = end.notes;
  return {
    side: 'inbound',
    fromParty: arrived.fromParty,
    toParty: arrived.party,
    operation: n.operation ?? arrived.fallbackOperation,
    method: arrived.method,
    url: arrived.url,
    startedAt: arrived.startedAt,
    durationMs: Math.round(performance.now() - arrived.started),
    outcome: n.outcome ?? end.outcome,
    httpStatus: end.status,
    resultCode: n.resultCode,
    errorId: n.errorId,
    message: n.message,
    certificateId: n.certificateId,
    logicalAddress: n.logicalAddress,
    personId: n.personId,
    eventCode: n.eventCode,
    messageId: n.messageId,
    requestHeaders: arrived.requestHeaders,
    requestBody: arrived.requestBody,
    responseHeaders: end.headers,
    responseBody: end.body,
  };
}

/** Records the exchange (side `inbound`) at once; a listener without a journal records nothing. */
export function recordInbound(arrived: ArrivedRequest, end: ExchangeEnd): void {
  arrived.journal?.record(inboundRecord(arrived, end));
}
