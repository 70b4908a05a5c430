/** Small HTTP pieces the IdP's handlers share: HTML and redirects with journal notes, forms, cookies, faults. */
import { HttpResponse } from 'msw';
import type { FaultRules } from '../../kit/faults/faultRules.js';
import { applyTransportFault } from '../../kit/faults/transportFault.js';
import { withNotes, type ExchangeNotes } from '../../kit/network/exchangeNotes.js';
import { IDP_PARTY } from '../idpContext.js';

/** An HTML page with notes for the journal. */
export function htmlPage(body: string, notes: ExchangeNotes, status = 200, headers: Record<string, string> = {}): Response {
  const res = HttpResponse.html(body, { status, headers: { 'cache-control': 'no-store', ...headers } });
  return withNotes(res, notes);
}

/** A 303 See Other (and optional Set-Cookie) with notes. */
export function seeOther(location: string, notes: ExchangeNotes, headers: Record<string, string> = {}): Response {
  return withNotes(new HttpResponse(null, { status: 303, headers: { location, 'cache-control': 'no-store', ...headers } }), notes);
}

/** JSON with notes. */
export function json(body: Record<string, unknown>, notes: ExchangeNotes, status = 200): Response {
  return withNotes(HttpResponse.json(body as Record<string, never>, { status, headers: { 'cache-control': 'no-store' } }), notes);
}

/** Fields of an `application/x-www-form-urlencoded` body (first value of each). */
export async function readForm(request: Request): Promise<Record<string, string>> {
  const text = await request.text();
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(text)) if (!(k in out)) out[k] = v;
  return out;
}

/** A cookie's value from the request, if present. */
export function cookieValue(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/** Set-Cookie for the SSO cookie (Lax: sent on top-level navigations from the SPs' pages). */
export function ssoCookie(name: string, value: string | undefined): string {
  return value === undefined ? `${name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0` : `${name}=${value}; Path=/; HttpOnly; SameSite=Lax`;
}

/**
 * A transport-level fault for this operation (HTTP status, reset, no answer; a delay is waited
 * out here), or undefined to go on normally. RIV-TA result and SOAP fault rules do not apply.
 */
export async function takeTransportFault(faults: FaultRules | undefined, operation: string, facts: { personId?: string } = {}): Promise<Response | undefined> {
  const fault = await applyTransportFault(faults?.take(IDP_PARTY, operation, facts), { operation });
  return fault.kind === 'answer' ? fault.response : undefined;
}
