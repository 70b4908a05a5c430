/**
 * The doctor's question-and-answer actions on the certificate page (plain form posts, each
 * answered with the page again): answer, mark handled, ask, and "Komplettera" (a complement draft,
 * opened at once). Webcert's refusals are shown as its error page text.
 */
import { http, type RequestHandler } from 'msw';
import { CertificateActionError } from '../drafts/certificateStore.js';
import type { Certificate } from '../model/certificate.js';
import type { QuestionService } from '../questions/questionService.js';
import { access } from './certificateRoutes.js';
import { formBody, htmlResponse, redirect, type WebContext } from './webContext.js';
import { html, page } from './pages/layout.js';

export interface QuestionRouteParts {
  questions: QuestionService;
  complement(parentId: string, by: string): Certificate;
}

export function questionRoutes(ctx: WebContext, parts: QuestionRouteParts): RequestHandler[] {
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
    http.post('/certificate/:id/arenden/:meddelandeId/hanterad', ({ request, params }) =>
      act(request, String(params.id), (by) => void parts.questions.markHandled(String(params.id), String(params.meddelandeId), by))),
    http.post('/certificate/:id/arenden', ({ request, params }) =>
      act(request, String(params.id), (by, f) => void parts.questions.ask(String(params.id), f.get('amne') ?? '', f.get('meddelande') ?? '', by))),
    http.post('/certificate/:id/komplettera', ({ request, params }) =>
      act(request, String(params.id), (by) => `/certificate/${parts.complement(String(params.id), by).id}/`)),
  ];
}
