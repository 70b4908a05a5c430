/**
 * Admin routes for the Webcert simulator: its certificates (a page, or one with its answers and
 * signature), certificate actions (send and revoke go through the certificate queue to
 * Intygstjänsten), the integrated units, notifications, the certificate queue, the redelivery
 * schedule, and reading the signing service's metadata again.
 */
import { HttpResponse, type RequestHandler } from 'msw';
import { checkSchedule, scheduleCheckMarkdown } from '../../reports/schedule/scheduleChecker.js';
import { http } from '../../simulators/kit/network/routeHandlers.js';
import type { CertificateStatus } from '../../simulators/webcert/model/certificate.js';
import type { NotificationStatus } from '../../simulators/webcert/notification/notification.js';
import type { WebcertSimulator } from '../../simulators/webcert/webcertSimulator.js';
import { certificateTypeByCode } from '../../simulators/webcert/model/certificateTypes.js';
import type { Topology } from '../topology/startTopology.js';
import { CertificateActionError } from '../../simulators/webcert/drafts/certificateStore.js';
import { readDssServiceMetadata } from '../../simulators/webcert/signing/dssMetadata.js';
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

/** Default and largest page of the certificate and notification lists. */
const DEFAULT_PAGE = 1_000;
const MAX_PAGE = 10_000;
/** Resent status updates whose series the summary checks against the schedule. */
const MAX_CHECKED_SERIES = 20_000;

function pageLimit(p: URLSearchParams): number {
  const text = p.get('limit');
  if (text === null) return DEFAULT_PAGE;
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) refuse(400, `limit must be a whole number from 1 to ${MAX_PAGE}, got "${text.slice(0, 20)}"`);
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

/** Answers `body` once the Webcert simulator's state holding it is committed. */
async function stored(wc: WebcertSimulator, body: object, status = 200): Promise<Response> {
  await wc.store.flushed();
  return HttpResponse.json(body, { status });
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
    http.get('/webcert/certificates/:id', guarded(({ params }) => {
      const c = webcertOf(t).store.get(String(params.id));
      if (!c) refuse(404, `Webcert has no draft or certificate ${String(params.id).slice(0, 60)}; GET /webcert/certificates lists them`);
      return HttpResponse.json(c);
    })),
    http.get('/webcert/integrated-units', guarded(() => HttpResponse.json([...webcertOf(t).integratedUnits].sort()))),
    http.post('/webcert/signing/reload-metadata', guarded(async ({ request }) => {
      await jsonObject(request, [], '{}');
      const wc = webcertOf(t);
      if (!wc.signingConfig) refuse(409, 'Webcert has no signing service configured (the identity parties are not simulated in this topology)');
      const url = t.identity?.signingService.endpoints.metadataUrl;
      if (!url) refuse(409, 'the signing service is not simulated in this topology; its metadata URL is unknown');
      // As in production: fetch the metadata the service publishes now (a new metadata file), then restart.
      const answer = await fetch(url);
      if (!answer.ok) refuse(409, `the signing service's metadata at ${url} answered HTTP ${answer.status}; Webcert keeps the metadata it has`);
      const metadataXml = await answer.text();
      wc.configureSigning({ ...wc.signingConfig, service: checkInput(() => readDssServiceMetadata(metadataXml), 409) });
      return HttpResponse.json({ metadataUrl: url });
    })),
    http.post('/webcert/certificates/:id/:action', guarded(async ({ request, params }) => {
      const wc = webcertOf(t);
      const id = String(params.id);
      const action = String(params.action);
      if (!(ACTIONS as readonly string[]).includes(action)) refuse(404, `unknown action "${action.slice(0, 40)}"; use one of ${ACTIONS.join(', ')}`);
      const body = actionBody(await jsonObject(request, ['by', 'recipient', 'answers', 'reason'], '{"by": "TSTNMT2321000156-1079"}'));
      // Each answers only once what it changed is stored.
      switch (action as (typeof ACTIONS)[number]) {
        case 'save': return stored(wc, certificateAction(() => wc.store.save(id, body.answers, { by: body.by })));
        case 'ready': return stored(wc, certificateAction(() => wc.store.markReadyToSign(id, body.by)));
        case 'sign': return stored(wc, certificateAction(() => wc.store.sign(id, body.by)));
        case 'send': {
          const recipient = body.recipient ?? certificateAction(() => certificateTypeByCode(wc.store.require(id).typeCode)?.defaultRecipient);
          if (!recipient) refuse(409, `certificate ${id} has no default recipient; send {"recipient": "SKV"} (a KV part code)`);
          return stored(wc, certificateAction(() => wc.sendCertificate(id, recipient, body.by)), 202);
        }
        case 'revoke': return stored(wc, certificateAction(() => wc.revokeCertificate(id, body.by, body.reason) ?? wc.store.require(id)), 202);
        case 'delete': return stored(wc, certificateAction(() => wc.store.deleteDraft(id, body.by)));
      }
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
    // Counts per logical address, event and status, and the schedule verdicts of every resent update (a replay's summary).
    http.get('/webcert/notifications/summary', guarded(() => {
      const wc = webcertOf(t);
      const verdicts: Record<string, number> = {};
      const resent = wc.sender.resentAttempts(MAX_CHECKED_SERIES);
      for (const n of resent) {
        const check = checkSchedule(n.at, { ended: n.status === 'FAILURE' ? 'failed' : n.status === 'SUCCESS' ? 'delivered' : 'open' });
        const key = check.conforms ? `conforms to ${check.against}` : `does not conform (${check.rows.find((r) => r.verdict !== 'first' && r.verdict !== 'ok')?.verdict ?? 'ended early'})`;
        verdicts[key] = (verdicts[key] ?? 0) + 1;
      }
      return HttpResponse.json({ rows: wc.sender.summary(), schedule: { checked: resent.length, limit: MAX_CHECKED_SERIES, verdicts } });
    })),
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
