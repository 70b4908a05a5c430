/**
 * JSON answers of the eID app party, with the journal notes the party server records, and the
 * kit's fault rules applied to a JSON API (HTTP status, delay, reset, no answer).
 */
import { HttpResponse } from 'msw';
import type { FaultRules } from '../../kit/faults/faultRules.js';
import { applyTransportFault } from '../../kit/faults/transportFault.js';
import { withNotes, type ExchangeNotes } from '../../kit/network/exchangeNotes.js';

/** Party name in the journal and in fault rules. */
export const EID_APP_PARTY = 'eid-app';

/** A JSON answer with journal notes. */
export function jsonAnswer(body: unknown, status: number, notes: ExchangeNotes): Response {
  return withNotes(HttpResponse.json(body as Record<string, unknown>, { status }), notes);
}

/** An error answer `{ errorCode, details }` (BankID's shape); `details` says what failed and what to do. */
export function jsonError(status: number, errorCode: string, details: string, notes: ExchangeNotes): Response {
  return jsonAnswer({ errorCode, details }, status, { ...notes, errorId: errorCode, message: details, outcome: 'error' });
}

/**
 * Applies the fault rule for `operation` of the eID app, if one matches: an answer to send
 * instead (HTTP status, reset, no answer; a SOAP fault or RIV-TA error becomes HTTP 500 JSON), or
 * undefined to go on (also after a delay).
 */
export async function faultAnswer(faults: FaultRules | undefined, operation: string, notes: ExchangeNotes): Promise<Response | undefined> {
  const fault = await applyTransportFault(faults?.take(EID_APP_PARTY, operation, {}), notes);
  if (fault.kind === 'answer') return fault.response;
  if (fault.kind === 'protocol') return jsonError(500, 'internalError', `${operation} failed (samverkan fault rule ${fault.effect.kind})`, notes);
  return undefined;
}
