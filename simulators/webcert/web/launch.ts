/**
 * Deep-integration launch (webcert-surfaces.md §3.1): `POST /visa/intyg/{id}` (and `/v2/…`) with
 * the parameters in the form body; the deprecated GET with a query string; login when needed,
 * unit selection when `enhet` is missing, one launch per session, and Webcert's error redirects.
 * The parameters themselves (names, defaults, effects) are in launchParameters.ts.
 */
import type { RequestHandler } from 'msw';
import { withNotes } from '../../kit/network/exchangeNotes.js';
import { http } from '../../kit/network/routeHandlers.js';
import { htmlResponse, redirect, formBody, type WebContext } from './webContext.js';
import type { WebcertSession } from './sessions.js';
import { LAUNCH_PARAMETER_NAMES, LaunchParameterError, readLaunchParameters, type IntegrationParameters } from './launchParameters.js';
import { unitSelectionPage } from './pages/unitSelectionPage.js';
import { launchPatientCheck } from './launchPatientCheck.js';
import { checkPersonId } from '../directory/personId.js';
import { evaluateDraftAccess } from '../access/draftAccess.js';
import { accessUserOf } from './certificateRoutes.js';

/**
 * `alternatePatientSSn` (IntygIntegrationServiceImpl.ensureDraftPatientInfoUpdated): an editable
 * draft the user may edit, whose patient differs from the journal's valid current number, is moved
 * onto that number (ANDRAT); the number it had is kept for the page to show.
 */
function moveDraftToAlternatePatientSsn(ctx: WebContext, session: WebcertSession, certificateId: string): void {
  const alternate = session.integration?.parameters.alternatePatientSSn;
  const certificate = ctx.store.get(certificateId);
  if (!alternate || !certificate || !['DRAFT_INCOMPLETE', 'DRAFT_COMPLETE'].includes(certificate.status)) return;
  const check = checkPersonId(alternate);
  if (!check.valid || !check.normalised || check.normalised === certificate.patient.personId) return;
  if (!evaluateDraftAccess('EDIT', certificate, accessUserOf(ctx, session), session.integration!.parameters).allowed) return;
  const before = certificate.patient.personId;
  ctx.store.updatePatientId(certificateId, check.normalised, session.user!.staff.hsaId);
  session.integration!.beforeAlternateSsn = before;
}

/** Finishes a launch for a logged-in user: checks, stores the parameters, 303 to the certificate. */
function completeLaunch(ctx: WebContext, session: WebcertSession, certificateId: string, enhet: string | undefined, parameters: IntegrationParameters): Response {
  const user = session.user!;
  if (session.integration) {
    ctx.sessions.remove(session);
    return redirect('/error?reason=auth-exception-user-already-active');
  }
  const certificate = ctx.store.get(certificateId);
  if (!certificate || certificate.status === 'DELETED') return redirect('/error?reason=integration.nocontent', 303, session);
  user.origin = 'DJUPINTEGRATION';
  if (enhet) {
    if (!user.staff.commissions.includes(enhet)) return redirect('/error?reason=login.medarbetaruppdrag', 303, session);
    user.selectedUnit = enhet;
  } else if (user.staff.commissions.length === 1) {
    user.selectedUnit = user.staff.commissions[0];
  } else {
    session.pendingLaunch = { certificateId, parameters };
    return redirect(`/certificate/${certificateId}/launch-unit-selection`, 303, session);
  }
  session.pendingLaunch = undefined;
  session.integration = { certificateId, parameters };
  if (parameters.ref && !certificate.ref) certificate.ref = parameters.ref;
  const patientRefusal = launchPatientCheck(ctx, certificate, user);
  if (patientRefusal) return redirect(`/error?reason=${patientRefusal}`, 303, session);
  moveDraftToAlternatePatientSsn(ctx, session, certificateId);
  return redirect(`/certificate/${certificateId}/`, 303, session);
}

/** The traffic journal's operation name for a deep-integration launch (its body holds the parameters). */
export const LAUNCH_OPERATION = 'Djupintegrationsstart';

/** The launch routes of one Webcert simulator. */
export function launchRoutes(ctx: WebContext): RequestHandler[] {
  const launch = async (request: Request, id: string, parameters: URLSearchParams, method: 'POST' | 'GET') => {
    const { response, why } = await unexpectedAsUnknown(request, () => launchAnswer(request, id, parameters, method));
    const to = response.headers.get('location') ?? '';
    return withNotes(response, { operation: LAUNCH_OPERATION, certificateId: id, outcome: to.startsWith('/error') ? 'error' : 'ok', message: `${method} launch → ${to}${why ? ` (${why})` : ''}` });
  };
  /**
   * Webcert's WebcertRedirectExceptionHandlerAdvice: a failure nobody handled (an unhandled
   * RuntimeException) ends the launch at `/error?reason=unknown`.
   */
  const unexpectedAsUnknown = async (request: Request, answer: () => Response | Promise<Response>): Promise<{ response: Response; why?: string }> => {
    try {
      return { response: await answer() };
    } catch (error) {
      const why = `unexpected failure: ${error instanceof Error ? error.message : String(error)}`;
      return { response: redirect('/error?reason=unknown', 303, ctx.sessions.find(request)), why };
    }
  };
  const launchAnswer = async (request: Request, id: string, parameters: URLSearchParams, method: 'POST' | 'GET') => {
    const query = new URL(request.url).searchParams;
    if (method === 'POST' && LAUNCH_PARAMETER_NAMES.some((p) => query.has(p))) return redirect('/error?reason=missing-parameter');
    let values: IntegrationParameters;
    try {
      values = readLaunchParameters(parameters, method);
    } catch (error) {
      if (error instanceof LaunchParameterError) return redirect(`/error?reason=${error.reason}`);
      throw error;
    }
    const enhet = parameters.get('enhet')?.trim() || undefined;
    const { session, created } = ctx.sessions.open(request);
    if (!session.user) {
      session.pendingLaunch = { certificateId: id, enhet, parameters: values };
      return redirect('/saml2/authenticate/siths', 302, session);
    }
    const response = completeLaunch(ctx, session, id, enhet, values);
    if (created && !response.headers.has('set-cookie')) response.headers.set('set-cookie', `SESSION=${session.id}; Path=/; HttpOnly; SameSite=Lax`);
    return response;
  };
  const resume = async (request: Request, id: string, enhet: string | undefined) => {
    const session = ctx.sessions.find(request);
    if (!session?.user || session.pendingLaunch?.certificateId !== id) return redirect('/error?reason=missing-parameter');
    const pending = session.pendingLaunch;
    const { response, why } = await unexpectedAsUnknown(request, () => completeLaunch(ctx, session, id, enhet ?? pending.enhet, pending.parameters));
    const to = response.headers.get('location') ?? '';
    return why ? withNotes(response, { operation: LAUNCH_OPERATION, certificateId: id, outcome: 'error', message: `launch after login → ${to} (${why})` }) : response;
  };
  return [
    http.post('/visa/intyg/:id', async ({ request, params }) => launch(request, String(params.id), await formBody(request), 'POST')),
    http.post('/v2/visa/intyg/:id', async ({ request, params }) => launch(request, String(params.id), await formBody(request), 'POST')),
    http.get('/visa/intyg/:id/saved', ({ request, params }) => resume(request, String(params.id), undefined)),
    http.get('/visa/intyg/:id/resume', ({ request, params }) => resume(request, String(params.id), new URL(request.url).searchParams.get('enhet') ?? undefined)),
    http.get('/visa/intyg/:id', ({ request, params }) => launch(request, String(params.id), new URL(request.url).searchParams, 'GET')),
    http.get('/certificate/:id/launch-unit-selection', ({ request, params }) => {
      const session = ctx.sessions.find(request);
      if (!session?.user) return redirect('/error?reason=auth-exception-resource');
      const units = session.user.staff.commissions.map((hsaId) => ({ hsaId, name: ctx.directory.careUnit(hsaId)?.name ?? hsaId }));
      return htmlResponse(unitSelectionPage(String(params.id), units, session.user.staff.fullName));
    }),
    http.get('/visa/anvandare/logout/now', ({ request }) => {
      const session = ctx.sessions.find(request);
      if (session) ctx.sessions.remove(session);
      return htmlResponse('<!doctype html><html lang="sv"><body><p id="utloggad">Du är utloggad från Webcert.</p></body></html>');
    }),
  ];
}
