/**
 * The certificate page's API for a signed certificate, at Webcert's paths
 * (`POST /api/certificate/{id}/send|renew|replace|revoke|template`): each acts for the logged-in
 * user under the access rules and answers JSON. A refusal answers 403 (access) or 409 (state)
 * with Webcert's code and the text the user sees: `{"errorCode": "RENEW_FALSE", "message": "…"}`.
 */
import type { RequestHandler } from 'msw';
import { http } from '../../kit/network/routeHandlers.js';
import { CertificateAccessError } from '../access/certificateAccess.js';
import { CertificateActionError } from '../drafts/certificateStore.js';
import type { Actor, RevokeReasonCode } from '../lifecycle/certificateLifecycle.js';
import type { Certificate } from '../model/certificate.js';
import { launchParametersOf } from './launchParameters.js';
import { REVOKE_DIALOG } from './pages/lifecycleDialogTexts.js';
import type { WebcertSession } from './sessions.js';
import { jsonResponse, type WebContext } from './webContext.js';

/** The acting user of a logged-in session. */
export function actorOf(session: WebcertSession): Actor {
  const user = session.user!;
  return { hsaId: user.staff.hsaId, unitId: user.selectedUnit, origin: user.origin, launch: launchParametersOf(session), role: user.staff.role };
}

/** Webcert's answer to a refused action. */
function refusal(error: unknown): Response {
  if (error instanceof CertificateAccessError) return jsonResponse({ errorCode: error.code, message: error.reason }, error.httpStatus);
  if (error instanceof CertificateActionError) return jsonResponse({ errorCode: error.code, message: error.message }, error.code === 'NOT_FOUND' ? 404 : 409);
  throw error;
}

async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (!text.trim()) return {};
  const body = JSON.parse(text) as unknown;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new SyntaxError('not an object');
  return body as Record<string, unknown>;
}

/** The lifecycle routes; `session` finds the logged-in user with access to the certificate (or answers why not). */
export function lifecycleRoutes(ctx: WebContext, session: (request: Request, id: string) => WebcertSession | Response): RequestHandler[] {
  const route = (path: string, act: (id: string, actor: Actor, body: Record<string, unknown>) => Certificate | object | undefined) =>
    http.post(`/api/certificate/:id/${path}`, async ({ request, params }) => {
      const id = String(params.id);
      const s = session(request, id);
      if (s instanceof Response) return s;
      let body: Record<string, unknown>;
      try {
        body = await jsonBody(request);
      } catch {
        return jsonResponse({ errorCode: 'MISSING_PARAMETER', message: 'send a JSON object, e.g. {"reason": "FEL_PATIENT", "message": ""}' }, 400);
      }
      try {
        const result = act(id, actorOf(s), body);
        await ctx.store.flushed();
        return jsonResponse(result && 'typeCode' in result ? { certificateId: result.id, typeCode: result.typeCode, status: result.status } : { status: ctx.store.require(id).status });
      } catch (error) {
        return refusal(error);
      }
    });
  return [
    route('send', (id, actor) => ctx.lifecycle.send(id, actor)),
    route('renew', (id, actor) => ctx.lifecycle.renew(id, actor)),
    route('replace', (id, actor) => ctx.lifecycle.replace(id, actor)),
    route('template', (id, actor) => ctx.lifecycle.createFromTemplate(id, actor)),
    route('revoke', (id, actor, body) => {
      const code = typeof body.reason === 'string' ? body.reason : undefined;
      const reason = REVOKE_DIALOG.reasons.find((r) => r.code === code);
      if (code && !reason) throw new CertificateActionError('INVALID_STATE', `unknown revoke reason "${code.slice(0, 40)}"; use ${REVOKE_DIALOG.reasons.map((r) => r.code).join(' or ')}`);
      const text = typeof body.message === 'string' ? body.message : undefined;
      if (reason?.clarification.required && !text?.trim()) throw new CertificateActionError('INVALID_STATE', `the reason ${reason.code} needs a description ("message")`);
      ctx.lifecycle.revoke(id, actor, reason ? { code: reason.code as RevokeReasonCode, label: reason.label, text } : undefined);
      return undefined;
    }),
  ];
}
