/**
 * Mapping between journal records and SQLite rows, and from a {@link JournalQuery} to SQL.
 */
import type { ExchangeRecord, JournalEntry, JournalQuery } from './exchange.js';

/** A row of the `exchange` table as better-sqlite3 returns it (absent values are null). */
export interface ExchangeRow {
  id: number;
  side: string;
  from_party: string;
  to_party: string;
  operation: string;
  method: string;
  url: string;
  started_at: number;
  duration_ms: number;
  outcome: string;
  http_status: number | null;
  result_code: string | null;
  error_id: string | null;
  message: string | null;
  certificate_id: string | null;
  logical_address: string | null;
  person_id: string | null;
  event_code: string | null;
  message_id: string | null;
  attempt: number | null;
  request_headers?: string | null;
  request_body?: string | null;
  response_headers?: string | null;
  response_body?: string | null;
}

/** Column ↔ field pairs for the optional scalar fields. */
const OPTIONAL: ReadonlyArray<readonly [keyof ExchangeRow, keyof ExchangeRecord]> = [
  ['http_status', 'httpStatus'],
  ['result_code', 'resultCode'],
  ['error_id', 'errorId'],
  ['message', 'message'],
  ['certificate_id', 'certificateId'],
  ['logical_address', 'logicalAddress'],
  ['person_id', 'personId'],
  ['event_code', 'eventCode'],
  ['message_id', 'messageId'],
  ['attempt', 'attempt'],
  ['request_body', 'requestBody'],
  ['response_body', 'responseBody'],
];

/** Columns of a listing without headers and bodies. */
export const COLUMNS_WITHOUT_BODIES =
  'id, side, from_party, to_party, operation, method, url, started_at, duration_ms, outcome, ' +
  'http_status, result_code, error_id, message, certificate_id, logical_address, person_id, ' +
  'event_code, message_id, attempt';

/** Columns of a full entry. */
export const ALL_COLUMNS =
  `${COLUMNS_WITHOUT_BODIES}, request_headers, request_body, response_headers, response_body`;

/**
 * Personnummer or samordningsnummer as stored and matched: without dash, plus sign or spaces,
 * so `19121212-1212` and `191212121212` are the same patient.
 */
export function normalisePersonId(personId: string): string {
  return personId.replace(/[-+\s]/g, '');
}

/**
 * Cuts `body` to `maxChars` characters and appends a marker saying how much was cut.
 * Never splits a UTF-16 surrogate pair.
 */
export function cutBody(body: string, maxChars: number): string {
  if (body.length <= maxChars) return body;
  let keep = maxChars;
  const last = body.charCodeAt(keep - 1);
  if (keep > 0 && last >= 0xd800 && last <= 0xdbff) keep -= 1;
  return `${body.slice(0, keep)}\n[samverkan journal: cut ${body.length - keep} of ${body.length} characters]`;
}

/** The columns an insert writes (every column but the id), in the order of {@link toParams}. */
export const INSERT_COLUMNS = ALL_COLUMNS.replace(/^id, /, '');

/** One row's values for the insert, in the order of {@link INSERT_COLUMNS}. */
export type RowParams = Array<string | number | null>;

/**
 * Positional parameters for the insert statement, in the order of {@link INSERT_COLUMNS}
 * (bound by position: cheaper than by name on the hot path, docs/decisions/0032-lean-receiver-hot-path.md).
 */
export function toParams(entry: ExchangeRecord): RowParams {
  return [
    entry.side,
    entry.fromParty,
    entry.toParty,
    entry.operation,
    entry.method,
    entry.url,
    entry.startedAt,
    entry.durationMs,
    entry.outcome,
    entry.httpStatus ?? null,
    entry.resultCode ?? null,
    entry.errorId ?? null,
    entry.message ?? null,
    entry.certificateId ?? null,
    entry.logicalAddress ?? null,
    entry.personId ?? null,
    entry.eventCode ?? null,
    entry.messageId ?? null,
    entry.attempt ?? null,
    entry.requestHeaders ? JSON.stringify(entry.requestHeaders) : null,
    entry.requestBody ?? null,
    entry.responseHeaders ? JSON.stringify(entry.responseHeaders) : null,
    entry.responseBody ?? null,
  ];
}

/** Turns a row into an entry; null columns become absent fields. */
export function fromRow(row: ExchangeRow): JournalEntry {
  const entry: Record<string, unknown> = {
    id: row.id,
    side: row.side,
    fromParty: row.from_party,
    toParty: row.to_party,
    operation: row.operation,
    method: row.method,
    url: row.url,
    startedAt: row.started_at,
    durationMs: row.duration_ms,
    outcome: row.outcome,
  };
  for (const [column, field] of OPTIONAL) {
    const value = row[column];
    if (value !== null && value !== undefined) entry[field] = value;
  }
  if (row.request_headers != null) entry['requestHeaders'] = JSON.parse(row.request_headers);
  if (row.response_headers != null) entry['responseHeaders'] = JSON.parse(row.response_headers);
  return entry as unknown as JournalEntry;
}

/**
 * The entry a stored record reads back as (what {@link fromRow} gives for its row), made without
 * reading the row: absent fields absent, header records copied.
 */
export function storedEntry(stored: ExchangeRecord, id: number): JournalEntry {
  const entry: Record<string, unknown> = {
    id,
    side: stored.side,
    fromParty: stored.fromParty,
    toParty: stored.toParty,
    operation: stored.operation,
    method: stored.method,
    url: stored.url,
    startedAt: stored.startedAt,
    durationMs: stored.durationMs,
    outcome: stored.outcome,
  };
  for (const [, field] of OPTIONAL) {
    const value = stored[field];
    if (value !== null && value !== undefined) entry[field] = value;
  }
  if (stored.requestHeaders) entry['requestHeaders'] = { ...stored.requestHeaders };
  if (stored.responseHeaders) entry['responseHeaders'] = { ...stored.responseHeaders };
  return entry as unknown as JournalEntry;
}

/** Exact-match query fields and their columns. */
const EXACT: ReadonlyArray<readonly [keyof JournalQuery, string]> = [
  ['side', 'side'],
  ['fromParty', 'from_party'],
  ['toParty', 'to_party'],
  ['operation', 'operation'],
  ['certificateId', 'certificate_id'],
  ['logicalAddress', 'logical_address'],
  ['personId', 'person_id'],
  ['eventCode', 'event_code'],
  ['messageId', 'message_id'],
  ['outcome', 'outcome'],
];

/** A WHERE clause (empty or starting with ` WHERE`) and its positional parameters. */
export interface WhereClause {
  sql: string;
  params: Array<string | number>;
}

/** Builds the WHERE clause for `q`; the SQL text depends only on which fields are given. */
export function whereOf(q: JournalQuery): WhereClause {
  const terms: string[] = [];
  const params: Array<string | number> = [];
  if (q.party !== undefined) {
    terms.push('(from_party = ? OR to_party = ?)');
    params.push(q.party, q.party);
  }
  for (const [field, column] of EXACT) {
    const value = q[field];
    if (value === undefined) continue;
    terms.push(`${column} = ?`);
    params.push(field === 'personId' ? normalisePersonId(String(value)) : String(value));
  }
  if (q.afterId !== undefined) {
    terms.push('id > ?');
    params.push(q.afterId);
  }
  if (q.upToId !== undefined) {
    terms.push('id <= ?');
    params.push(q.upToId);
  }
  return { sql: terms.length ? ` WHERE ${terms.join(' AND ')}` : '', params };
}

const REQUIRED_TEXT = ['side', 'fromParty', 'toParty', 'operation', 'method', 'url', 'outcome'] as const;

/** Throws a TypeError naming the field when a required field of `entry` is missing or wrong. */
export function checkRecord(entry: ExchangeRecord): void {
  for (const field of REQUIRED_TEXT) {
    if (typeof entry[field] !== 'string') {
      throw new TypeError(
        `Cannot record the exchange: ${field} must be text, got ${String(entry[field])}. ` +
          `Every ExchangeRecord needs ${REQUIRED_TEXT.join(', ')}, startedAt and durationMs.`,
      );
    }
  }
  for (const field of ['startedAt', 'durationMs'] as const) {
    if (!Number.isFinite(entry[field])) {
      throw new TypeError(`Cannot record the exchange: ${field} must be a finite number, got ${String(entry[field])}.`);
    }
  }
}

/** Returns `limit` when it is a whole number ≥ 0, else throws a RangeError. */
export function checkLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new RangeError(`JournalQuery.limit must be a whole number ≥ 0, got ${limit}.`);
  }
  return limit;
}
