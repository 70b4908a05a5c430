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
import { guarded, jsonBody } from './adminHttp.js';

function webcertOf(t: Topology): WebcertSimulator {
  if (!t.webcert) throw Object.assign(new Error('Webcert is not simulated in this topology'), { status: 404 });
  return t.webcert;
}

const ACTIONS = ['save', 'ready', 'sign', 'send', 'revoke', 'delete'] as const;

export function webcertRoutes(t: Topology): RequestHandler[] {
  return [
    http.get('/webcert/certificates', guarded(() => HttpResponse.json(webcertOf(t).store.list()))),
    http.post('/webcert/certificates/:id/:action', guarded(async ({ request, params }) => {
      const wc = webcertOf(t);
      const id = String(params.id);
      const action = String(params.action);
      const body = (await jsonBody(request)) as { by?: string; recipient?: string; answers?: never; reason?: string };
      switch (action as (typeof ACTIONS)[number]) {
        case 'save': return HttpResponse.json(wc.store.save(id, body.answers, { by: body.by }));
        case 'ready': return HttpResponse.json(wc.store.markReadyToSign(id, body.by));
        case 'sign': return HttpResponse.json(wc.store.sign(id, body.by));
        case 'send': {
          const recipient = body.recipient ?? certificateTypeByCode(wc.store.require(id).typeCode)?.defaultRecipient;
          if (!recipient) throw new Error(`certificate ${id} has no default recipient; send {"recipient": "SKV"} (a KV part code)`);
          return HttpResponse.json(wc.sendCertificate(id, recipient, body.by), { status: 202 });
        }
        case 'revoke': return HttpResponse.json(wc.revokeCertificate(id, body.by, body.reason) ?? wc.store.require(id), { status: 202 });
        case 'delete': return HttpResponse.json(wc.store.deleteDraft(id, body.by));
        default: throw new Error(`unknown action "${action}"; use one of ${ACTIONS.join(', ')}`);
      }
    })),
    http.get('/webcert/notifications', guarded(({ request }) =>
      HttpResponse.json(webcertOf(t).sender.list(new URL(request.url).searchParams.get('certificateId') ?? undefined)),
    )),
    http.get('/webcert/notifications/:id/schedule-check', guarded(({ request, params }) => {
      const n = webcertOf(t).sender.get(String(params.id));
      if (!n) throw Object.assign(new Error(`no notification ${String(params.id)}; GET /webcert/notifications lists them`), { status: 404 });
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
      const body = (await jsonBody(request)) as { profile?: string };
      if (!body.profile) throw new Error('send {"profile": "webcert-7"} (or "forum-2022", or a schedule like "30#1:m,5:m,1:h,6:h,12:h,1:d")');
      webcertOf(t).useRedelivery(body.profile);
      return HttpResponse.json(webcertOf(t).redelivery);
    })),
  ];
}
