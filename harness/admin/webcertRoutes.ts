/** Admin routes for the Webcert simulator: certificate actions, notifications, the redelivery schedule. */
import { http, HttpResponse, type RequestHandler } from 'msw';
import { checkSchedule, scheduleCheckMarkdown } from '../../reports/schedule/scheduleChecker.js';
import type { CertificateStatus } from '../../simulators/webcert/model/certificate.js';
import type { NotificationStatus } from '../../simulators/webcert/notification/notification.js';
import type { WebcertSimulator } from '../../simulators/webcert/webcertSimulator.js';
import type { Topology } from '../topology/startTopology.js';
import { guarded, jsonBody } from './adminHttp.js';

function webcertOf(t: Topology): WebcertSimulator {
  if (!t.webcert) throw Object.assign(new Error('Webcert is not simulated in this topology'), { status: 404 });
  return t.webcert;
}

/** Default and largest page of the certificate and notification lists. */
const DEFAULT_PAGE = 1_000;
const MAX_PAGE = 10_000;

function pageLimit(p: URLSearchParams): number {
  const text = p.get('limit');
  if (text === null) return DEFAULT_PAGE;
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw new Error(`limit must be a whole number from 1 to ${MAX_PAGE}, got "${text}"`);
  return limit;
}

/**
 * One page, oldest first; when more follow, the `X-Next-After` header holds the id to pass as
 * `after` for the next page.
 */
function paged<T extends { id: string }>(items: T[], limit: number): Response {
  const more = items.length > limit;
  const page = more ? items.slice(0, limit) : items;
  return HttpResponse.json(page, more ? { headers: { 'x-next-after': page.at(-1)!.id } } : undefined);
}

const ACTIONS = ['save', 'ready', 'sign', 'send', 'revoke', 'delete'] as const;

export function webcertRoutes(t: Topology): RequestHandler[] {
  return [
    http.get('/webcert/certificates', guarded(({ request }) => {
      const p = new URL(request.url).searchParams;
      const limit = pageLimit(p);
      const status = p.get('status');
      const list = webcertOf(t).store.list(
        {
          personId: p.get('personId') ?? undefined,
          typeCode: p.get('typeCode') ?? undefined,
          careProviderId: p.get('careProviderId') ?? undefined,
          ...(p.get('unit') ? { unitIds: [p.get('unit')!] } : {}),
          ...(status ? { statuses: [status as CertificateStatus] } : {}),
        },
        { limit: limit + 1, after: p.get('after') ?? undefined },
      );
      return paged(list, limit);
    })),
    http.post('/webcert/certificates/:id/:action', guarded(async ({ request, params }) => {
      const wc = webcertOf(t);
      const id = String(params.id);
      const action = String(params.action);
      const body = (await jsonBody(request)) as { by?: string; recipient?: string; answers?: never };
      const act = () => {
        switch (action as (typeof ACTIONS)[number]) {
          case 'save': return wc.store.save(id, body.answers, { by: body.by });
          case 'ready': return wc.store.markReadyToSign(id, body.by);
          case 'sign': return wc.store.sign(id, body.by);
          case 'send': return wc.store.send(id, body.recipient ?? 'FKASSA', body.by);
          case 'revoke': return wc.store.revoke(id, body.by);
          case 'delete': return wc.store.deleteDraft(id, body.by);
          default: throw new Error(`unknown action "${action}"; use one of ${ACTIONS.join(', ')}`);
        }
      };
      const certificate = act();
      await wc.store.flushed(); // answered only once stored
      return HttpResponse.json(certificate);
    })),
    http.get('/webcert/notifications', guarded(({ request }) => {
      const p = new URL(request.url).searchParams;
      const limit = pageLimit(p);
      const status = p.get('status');
      const list = webcertOf(t).sender.list(p.get('certificateId') ?? undefined, {
        limit: limit + 1,
        after: p.get('after') ?? undefined,
        ...(status ? { status: status as NotificationStatus } : {}),
      });
      return paged(list, limit);
    })),
    http.get('/webcert/notifications/:id/schedule-check', guarded(({ request, params }) => {
      const n = webcertOf(t).sender.get(String(params.id));
      if (!n) throw Object.assign(new Error(`no notification ${String(params.id)}; GET /webcert/notifications lists them`), { status: 404 });
      const check = checkSchedule(n.attempts.map((a) => a.at), { ended: n.status === 'FAILURE' ? 'failed' : n.status === 'SUCCESS' ? 'delivered' : 'open' });
      return new URL(request.url).searchParams.get('format') === 'markdown'
        ? new HttpResponse(scheduleCheckMarkdown(check), { headers: { 'content-type': 'text/markdown; charset=utf-8' } })
        : HttpResponse.json(check);
    })),
    http.get('/webcert/redelivery', guarded(() => HttpResponse.json(webcertOf(t).redelivery))),
    http.put('/webcert/redelivery', guarded(async ({ request }) => {
      const body = (await jsonBody(request)) as { profile?: string };
      if (!body.profile) throw new Error('send {"profile": "webcert-7"} (or "forum-2022", or a schedule like "30#1:m,5:m,1:h,6:h,12:h,1:d")');
      webcertOf(t).useRedelivery(body.profile);
      return HttpResponse.json(webcertOf(t).redelivery);
    })),
  ];
}
