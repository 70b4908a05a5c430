/** What the Webcert simulator's web routes share: state, look-ups and small HTTP helpers. */
import type { Clock } from '../../kit/clock/virtualClock.js';
import type { Directory } from '../directory/directory.js';
import type { CertificateStore } from '../drafts/certificateStore.js';
import type { FormValues } from '../model/forms/formDefinition.js';
import type { CertificateLifecycle } from '../lifecycle/certificateLifecycle.js';
import { SessionStore, type WebcertSession } from './sessions.js';

/** Most drafts and certificates a start or welcome page lists (the newest ones). */
export const START_PAGE_LIMIT = 200;

export interface WebContext {
  clock: Clock;
  store: CertificateStore;
  directory: Directory;
  sessions: SessionStore;
  /** Form values of drafts edited in the UI, by certificate id. */
  formValues: Map<string, FormValues>;
  /** Send, revoke, renew, replace, create from template, under the access rules. */
  lifecycle: CertificateLifecycle;
  /** Wall-clock ms the draft page waits after the last edit before it autosaves (default 400). */
  autosaveDebounceMs?: number;
  /** Webcert's own base URL (known once the server listens). */
  baseUrl(): string;
}

/** A redirect; `status` 302 (login), 303 (after a POST) or 307. */
export function redirect(location: string, status = 303, session?: WebcertSession): Response {
  const headers = new Headers({ location });
  if (session) headers.set('set-cookie', SessionStore.cookie(session));
  return new Response(null, { status, headers });
}

/** An HTML answer, setting the session cookie when the session is new. */
export function htmlResponse(body: string, status = 200, session?: WebcertSession): Response {
  const headers = new Headers({ 'content-type': 'text/html; charset=utf-8' });
  if (session) headers.set('set-cookie', SessionStore.cookie(session));
  return new Response(body, { status, headers });
}

/** A JSON answer. */
export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** Reads an application/x-www-form-urlencoded body. */
export async function formBody(request: Request): Promise<URLSearchParams> {
  return new URLSearchParams(await request.text());
}
