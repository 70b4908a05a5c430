/**
 * Admin routes for the Webcert simulator: certificate actions (send and revoke go through the
 * certificate queue to Intygstjänsten), notifications, the certificate queue, the redelivery
 * schedule.
 */
import { http, HttpResponse, type RequestHandler } from 'msw';
import { checkSchedule, scheduleCheckMarkdown } from '../../reports/schedule/scheduleChecker.js';
import type { WebcertSimulator } from '../../simulators/webcert/webcertSimulator.js';
import { certificateTypeByCode } from '../../simulators/webcert/model/certificateTypes.js';
import type { Topology } from '../topology/startTopology.js';
import { CertificateActionError } from '../../simulators/webcert/drafts/certificateStore.js';
import { checkInput, guarded, jsonObject, refuse } from './adminHttp.js';

function webcertOf(t: Topology): WebcertSimulator {
  if (!t.webcert) refuse(404, 'Webcert is not simulated in this topology');
  return t.webcert;
}

/** Runs a certificate action; Webcert's refusals become 404 (NOT_FOUND) or 409 (wrong state, concurrent change). */
function certificateAction<T>(act: () => T): T {
  try {
    return act();
  } catch (error) {
    if (error instanceof CertificateActionError) refuse(error.code === 'NOT_FOUND' ? 404 : 409, error.message);
    throw error;
  }
}

/** Checks the body of a certificate action: `by` and `recipient` text, `answers` a list of answers. */
function actionBody(body: Record<string, unknown>): { by?: string; recipient?: string; answers?: never; reason?: string } {
  for (const field of ['by', 'recipient', 'reason'] as const) {
    if (body[field] !== undefined && typeof body[field] !== 'string') refuse(400, `"${field}" must be text (an HSA-ID for by, a recipient id such as FKASSA for recipient, a revocation reason)`);
  }
  const answers = body.answers;
  if (answers !== undefined) {
    const ok = Array.isArray(answers) && answers.every((a) => a !== null && typeof a === 'object' && typeof (a as { id?: unknown }).id === 'string' && Array.isArray((a as { delsvar?: unknown }).delsvar));
    if (!ok) refuse(400, '"answers" must be a list of answers such as [{"id":"1","delsvar":[{"id":"1.1","value":"…"}]}]');
  }
  return body as { by?: string; recipient?: string; answers?: never; reason?: string };
}

const ACTIONS = ['save', 'ready', 'sign', 'send', 'revoke', 'delete'] as const;

export function webcertRoutes(t: Topology): RequestHandler[] {
  return [
    http.get('/webcert/certificates', guarded(() => HttpResponse.json(webcertOf(t).store.list()))),
    http.post('/webcert/certificates/:id/:action', guarded(async ({ request, params }) => {
      const wc = webcertOf(t);
      const id = String(params.id);
      const action = String(params.action);
      if (!(ACTIONS as readonly string[]).includes(action)) refuse(404, `unknown action "${action.slice(0, 40)}"; use one of ${ACTIONS.join(', ')}`);
      const body = actionBody(await jsonObject(request, ['by', 'recipient', 'answers', 'reason'], '{"by": "TSTNMT2321000156-1079"}'));
      switch (action as (typeof ACTIONS)[number]) {
        case 'save': return HttpResponse.json(certificateAction(() => wc.store.save(id, body.answers, { by: body.by })));
        case 'ready': return HttpResponse.json(certificateAction(() => wc.store.markReadyToSign(id, body.by)));
        case 'sign': return HttpResponse.json(certificateAction(() => wc.store.sign(id, body.by)));
        case 'send': {
          const recipient = body.recipient ?? certificateAction(() => certificateTypeByCode(wc.store.require(id).typeCode)?.defaultRecipient);
          if (!recipient) refuse(409, `certificate ${id} has no default recipient; send {"recipient": "SKV"} (a KV part code)`);
          return HttpResponse.json(certificateAction(() => wc.sendCertificate(id, recipient, body.by)), { status: 202 });
        }
        case 'revoke': return HttpResponse.json(certificateAction(() => wc.revokeCertificate(id, body.by, body.reason) ?? wc.store.require(id)), { status: 202 });
        case 'delete': return HttpResponse.json(certificateAction(() => wc.store.deleteDraft(id, body.by)));
      }
    })),
    http.get('/webcert/notifications', guarded(({ request }) =>
      HttpResponse.json(webcertOf(t).sender.list(new URL(request.url).searchParams.get('certificateId') ?? undefined)),
    )),
    http.get('/webcert/notifications/:id/schedule-check', guarded(({ request, params }) => {
      const n = webcertOf(t).sender.get(String(params.id));
      if (!n) refuse(404, `no notification ${String(params.id)}; GET /webcert/notifications lists them`);
      const check = checkSchedule(n.attempts.map((a) => a.at), { ended: n.status === 'FAILURE' ? 'failed' : n.status === 'SUCCESS' ? 'delivered' : 'open' });
      return new URL(request.url).searchParams.get('format') === 'markdown'
        ? new HttpResponse(scheduleCheckMarkdown(check), { headers: { 'content-type': 'text/markdown; charset=utf-8' } })
        : HttpResponse.json(check);
    })),
    http.get('/webcert/certificate-queue', guarded(({ request }) =>
      HttpResponse.json(webcertOf(t).certificateSender.queue.list(new URL(request.url).searchParams.get('certificateId') ?? undefined)),
    )),
    http.get('/webcert/redelivery', guarded(() => HttpResponse.json(webcertOf(t).redelivery))),
    http.put('/webcert/redelivery', guarded(async ({ request }) => {
      const example = '{"profile": "webcert-7"} (or "forum-2022", or a schedule like "30#1:m,5:m,1:h,6:h,12:h,1:d")';
      const body = await jsonObject(request, ['profile'], example);
      if (typeof body.profile !== 'string' || !body.profile) refuse(400, `send ${example}`);
      const profile = body.profile;
      checkInput(() => webcertOf(t).useRedelivery(profile));
      return HttpResponse.json(webcertOf(t).redelivery);
    })),
  ];
}
