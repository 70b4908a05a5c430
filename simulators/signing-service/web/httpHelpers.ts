/**
 * Small HTTP pieces of the service's handlers: reading a posted form, HTML/JSON answers with
 * journal notes, and the transport faults a fault rule can put on an endpoint.
 */
import { HttpResponse } from 'msw';
import type { FaultRules } from '../../kit/faults/faultRules.js';
import { applyTransportFault } from '../../kit/faults/transportFault.js';
import { withNotes, type ExchangeNotes } from '../../kit/network/exchangeNotes.js';
import type { FlowAnswer } from '../flow/flowContext.js';
import { SIGNING_SERVICE_PARTY } from '../flow/flowContext.js';

/** Largest accepted form body: 2 MiB (a SignRequest is a few KiB; a SAML Response some more). */
export const MAX_FORM_BYTES = 2 * 1024 * 1024;

/**
 * The fields of a posted form (urlencoded; multipart is read too).
 * @throws Error when the body is larger than {@link MAX_FORM_BYTES} or not a form.
 */
export async function readForm(request: Request): Promise<URLSearchParams> {
  const type = request.headers.get('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const data = await request.formData();
    const out = new URLSearchParams();
    for (const [k, v] of data.entries()) if (typeof v === 'string') out.append(k, v);
    return out;
  }
  const text = await request.text();
  if (text.length > MAX_FORM_BYTES) throw new Error(`the form is ${text.length} bytes, over the limit of ${MAX_FORM_BYTES}`);
  return new URLSearchParams(text);
}

/** An HTML answer with notes. */
export function htmlAnswer(answer: FlowAnswer): Response {
  return withNotes(HttpResponse.html(answer.html, { status: answer.status, headers: { 'cache-control': 'no-store' } }), answer.notes);
}

/** A JSON answer with notes. */
export function jsonAnswer(body: unknown, status: number, notes: ExchangeNotes): Response {
  return withNotes(HttpResponse.json(body as Record<string, unknown>, { status }), notes);
}

/**
 * Applies a fault rule for `operation`, if one matches: a transport fault or HTTP status ends the
 * exchange (returned), a delay waits and lets it go on (undefined). Result and SOAP-fault effects
 * mean nothing to a browser-facing form endpoint and are answered as HTTP 500 saying so.
 */
export async function applyFault(faults: FaultRules | undefined, operation: string): Promise<Response | undefined> {
  const fault = await applyTransportFault(faults?.take(SIGNING_SERVICE_PARTY, operation, {}), { operation });
  if (fault.kind === 'answer') return fault.response;
  if (fault.kind === 'continue') return undefined;
  return withNotes(
    new HttpResponse(`fault effect "${fault.effect.kind}" has no meaning for the signing service's ${operation}; use httpStatus, delay, reset or noAnswer`, { status: 500, headers: { 'content-type': 'text/plain; charset=utf-8' } }),
    { operation, outcome: 'error', message: `fault rule: ${JSON.stringify(fault.effect)}` },
  );
}
