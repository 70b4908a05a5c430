/**
 * The doctor's question-and-answer actions on the certificate page (plain form posts, each
 * answered with the page again): answer, ask, and "Komplettera" (a complement draft, opened at
 * once); and Webcert's REST route `POST /api/question/{questionId}/handle` with
 * `{"handled": true|false}` (QuestionController.handleQuestion), which the page's "Hanterad"
 * checkbox calls when ticked or unticked, as Webcert's front end does.
 * Marking handled or unhandled needs MARKERA_FRAGA_SOM_HANTERAD and the unit rule
 * (allowToSetQuestionAsHandled). Webcert's refusals are shown as its error page text (forms) or as
 * `{errorCode, message}` (REST).
 */
import type { RequestHandler } from 'msw';
import { http } from '../../kit/network/routeHandlers.js';
import { evaluateDraftAccess } from '../access/draftAccess.js';
import { CertificateActionError } from '../drafts/certificateStore.js';
import { AMNE_DISPLAY_NAMES } from '../message/statusUpdateMessage.js';
import { stockholmTimestamp } from '../message/stockholmTime.js';
import type { Certificate } from '../model/certificate.js';
import { offersHandle, type Arende } from '../questions/arende.js';
import type { QuestionService } from '../questions/questionService.js';
import { access, accessUserOf } from './certificateRoutes.js';
import { launchParametersOf } from './launchParameters.js';
import { html, page } from './pages/layout.js';
import type { WebcertSession } from './sessions.js';
import { formBody, htmlResponse, jsonResponse, redirect, type WebContext } from './webContext.js';

export interface QuestionRouteParts {
  questions: QuestionService;
  complement(parentId: string, by: string): Certificate;
}

/** The question as Webcert's REST API shows it (a subset of its Question DTO), with its HANDLE_QUESTION link. */
function questionDto(c: Certificate, q: Arende) {
  const all = c.arenden ?? [];
  const answer = all.find((a) => a.svarPaId === q.meddelandeId);
  const handled = q.status === 'CLOSED';
  return {
    question: {
      id: q.meddelandeId,
      type: q.amne === 'KOMPLT' ? 'COMPLEMENT' : q.amne,
      subject: AMNE_DISPLAY_NAMES[q.amne] ?? q.amne,
      author: q.skickatAv === 'FK' ? 'Försäkringskassan' : 'Vården',
      message: q.meddelande,
      sent: stockholmTimestamp(q.skickatTidpunkt),
      handled,
      lastDateToReply: q.sistaDatumForSvar,
      answer: answer ? { id: answer.meddelandeId, message: answer.meddelande, sent: stockholmTimestamp(answer.skickatTidpunkt) } : undefined,
    },
    links: offersHandle(q, all) ? [{ type: 'HANDLE_QUESTION', name: 'Hantera', description: 'Hantera fråga', enabled: true }] : [],
  };
}

export function questionRoutes(ctx: WebContext, parts: QuestionRouteParts): RequestHandler[] {
  /** Whether the user may mark questions of the certificate handled or unhandled (allowToSetQuestionAsHandled). */
  const handleDecision = (session: WebcertSession, id: string) =>
    evaluateDraftAccess('HANDLE_QUESTION', ctx.store.require(id), accessUserOf(ctx, session), launchParametersOf(session));
  const act = async (request: Request, id: string, action: (by: string, form: URLSearchParams) => string | void) => {
    const a = access(ctx, request, id);
    if ('refused' in a) return a.refused;
    const form = await formBody(request);
    try {
      const to = action(a.session.user!.staff.hsaId, form);
      await ctx.store.flushed();
      return redirect(to ?? `/certificate/${id}/`);
    } catch (error) {
      if (!(error instanceof CertificateActionError)) throw error;
      return htmlResponse(page('Fel', `<h1>Åtgärden kunde inte utföras</h1><p id="fel" class="fel">${html(error.message)}</p><p><a href="/certificate/${id}/">Tillbaka till intyget</a></p>`), 409);
    }
  };
  return [
    http.post('/certificate/:id/arenden/:meddelandeId/svar', ({ request, params }) =>
      act(request, String(params.id), (by, f) => void parts.questions.answer(String(params.id), String(params.meddelandeId), f.get('meddelande') ?? '', by))),
    http.post('/certificate/:id/arenden', ({ request, params }) =>
      act(request, String(params.id), (by, f) => void parts.questions.ask(String(params.id), f.get('amne') ?? '', f.get('meddelande') ?? '', by))),
    http.post('/certificate/:id/komplettera', ({ request, params }) =>
      act(request, String(params.id), (by) => `/certificate/${parts.complement(String(params.id), by).id}/`)),
    http.post('/api/question/:questionId/handle', async ({ request, params }) => {
      const questionId = String(params.questionId);
      const body = (await request.json().catch(() => undefined)) as { handled?: unknown } | undefined;
      if (!body || typeof body.handled !== 'boolean') return jsonResponse({ errorCode: 'MISSING_PARAMETER', message: 'send JSON {"handled": true} or {"handled": false}' }, 400);
      const c = parts.questions.certificateOf(questionId);
      if (!c) return jsonResponse({ errorCode: 'DATA_NOT_FOUND', message: `Could not find Arende with id:${questionId}` }, 404);
      const a = access(ctx, request, c.id);
      if ('refused' in a) return jsonResponse({ errorCode: 'AUTHORIZATION_PROBLEM', message: 'not logged in, or no access to this certificate' }, 403);
      const d = handleDecision(a.session, c.id);
      if (!d.allowed) return jsonResponse({ errorCode: d.code, message: d.reason }, 403);
      const by = a.session.user!.staff.hsaId;
      try {
        if (body.handled) parts.questions.markHandled(c.id, questionId, by);
        else parts.questions.reopen(c.id, questionId, by);
        await ctx.store.flushed();
      } catch (error) {
        if (!(error instanceof CertificateActionError)) throw error;
        // Webcert's exception text without the code in front (the code is in errorCode).
        return jsonResponse({ errorCode: error.code, message: error.message.replace(`${error.code}: `, '') }, error.code === 'NOT_FOUND' ? 404 : 409);
      }
      const after = ctx.store.require(c.id);
      return jsonResponse(questionDto(after, after.arenden!.find((q) => q.meddelandeId === questionId)!));
    }),
  ];
}
