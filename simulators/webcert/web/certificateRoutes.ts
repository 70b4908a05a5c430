/**
 * The certificate page and its API: open a draft (access by commission on its unit), autosave
 * (ANDRAT), Webcert's fake signing for fake-logged-in users, the page after a failed signing, and
 * a signed certificate's functions (send, renew, replace, revoke, create from template: see
 * lifecycleRoutes.ts).
 */
import type { RequestHandler } from 'msw';
import { http } from '../../kit/network/routeHandlers.js';
import { CertificateActionError } from '../drafts/certificateStore.js';
import { stockholmDate } from '../message/stockholmTime.js';
import type { Certificate, Patient } from '../model/certificate.js';
import { valuesToSvar } from '../model/forms/formAnswers.js';
import { svarToValues } from '../model/forms/formAnswersRead.js';
import type { FormValues } from '../model/forms/formDefinition.js';
import { questionsWithErrors, validateForm } from '../model/forms/formValidation.js';
import { formFor } from '../model/forms/forms.js';
import { certificateView } from './pages/certificateView.js';
import { patientStatusBanner } from './pages/patientStatusBanner.js';
import { questionsSection } from './pages/questionsSection.js';
import { certificateActionsHtml } from './pages/certificateActions.js';
import { relationsOf } from '../lifecycle/certificateRelations.js';
import { actorOf, lifecycleRoutes } from './lifecycleRoutes.js';
import { launchParametersOf } from './launchParameters.js';
import type { WebcertSession } from './sessions.js';
import { htmlResponse, jsonResponse, redirect, type WebContext } from './webContext.js';
import type { AccessDecision } from '../access/certificateAccess.js';
import { evaluateDraftAccess, type DraftAccessUser, type DraftAction } from '../access/draftAccess.js';
import { ROLE_NAMES } from '../access/rolePrivileges.js';
import { accessRefusedPage } from './pages/layout.js';
import { shownPatient } from './patientDetails.js';
import { checkPersonId } from '../directory/personId.js';

/** Extra information about a signed certificate, supplied by the signing part. */
export type SignatureInfo = (certificateId: string) => string[] | undefined;

/** The logged-in user as the access rules see him or her. */
export function accessUserOf(ctx: WebContext, session: WebcertSession): DraftAccessUser {
  const user = session.user!;
  return { role: user.staff.role, origin: user.origin, unit: user.selectedUnit ? ctx.directory.careUnit(user.selectedUnit) : undefined, commissions: user.staff.commissions };
}

/** The decision on `action` for the session's user; READ is what opening the page needs. */
function draftDecision(ctx: WebContext, session: WebcertSession, certificate: Certificate, action: DraftAction): AccessDecision {
  return evaluateDraftAccess(action, certificate, accessUserOf(ctx, session), launchParametersOf(session));
}

/** The person PU holds for the number, when it answers with one (see populationRegister.ts). */
function foundInPu(ctx: WebContext, personId: string): Patient | undefined {
  const answer = ctx.directory.populationRegister.answer(personId);
  return answer.status === 'FOUND' ? answer.person : undefined;
}

/** What the page shows about the patient: Webcert's name sources, and the launch's alternatePatientSSn and responsibleHospName. */
function patientInfoOf(ctx: WebContext, session: WebcertSession, certificate: Certificate) {
  const launch = launchParametersOf(session);
  const alternate = launch?.alternatePatientSSn ? checkPersonId(launch.alternatePatientSSn) : undefined;
  return {
    shown: shownPatient(certificate.patient, foundInPu(ctx, certificate.patient.personId), session.user?.origin === 'DJUPINTEGRATION' ? launch : undefined),
    alternatePatientSsn: alternate?.valid && alternate.normalised !== certificate.patient.personId ? alternate.normalised : undefined,
    beforeAlternateSsn: session.integration?.certificateId === certificate.id ? session.integration.beforeAlternateSsn : undefined,
    responsibleHospName: launch?.responsibleHospName,
  };
}

/** Whether the request's user may open certificate `id` (logged in, commission on its unit). */
export function access(ctx: WebContext, request: Request, id: string): { session: WebcertSession } | { refused: Response } {
  const session = ctx.sessions.find(request);
  if (!session?.user) return { refused: redirect('/error?reason=auth-exception-resource', 302) };
  const certificate = ctx.store.get(id);
  if (!certificate || certificate.status === 'DELETED') return { refused: redirect('/error?reason=integration.nocontent') };
  const read = draftDecision(ctx, session, certificate, 'READ');
  if (!read.allowed) return { refused: htmlResponse(accessRefusedPage(read.code, read.reason), 403) };
  return { session };
}

/** Refuses `action` on a draft with Webcert's code and text (JSON), or undefined when allowed. */
function refusedDraftAction(ctx: WebContext, session: WebcertSession, id: string, action: DraftAction): Response | undefined {
  const decision = draftDecision(ctx, session, ctx.store.require(id), action);
  return decision.allowed ? undefined : jsonResponse({ errorCode: decision.code, error: decision.reason, message: decision.reason }, 403);
}

/** The draft's form values: as last edited in the UI, else what its answers stand for (prefill, admin saves). */
function formValuesOf(ctx: WebContext, certificate: Certificate): FormValues {
  const form = formFor(certificate.typeCode);
  return ctx.formValues.get(certificate.id) ?? (form ? svarToValues(form, certificate.answers) : {});
}

/** The validation of a draft's values today (virtual clock, Stockholm). */
function validation(ctx: WebContext, certificate: Certificate, values: FormValues) {
  const form = formFor(certificate.typeCode);
  return form ? validateForm(form, values, { today: stockholmDate(ctx.clock.now()), patientPersonId: certificate.patient.personId }) : [];
}

/** The certificate routes; `fakeSign` finalises a signature for fake-logged-in users. */
export function certificateRoutes(ctx: WebContext, signatureInfo: SignatureInfo, fakeSign: (certificateId: string, by: string) => Promise<void>): RequestHandler[] {
  const view = (request: Request, id: string, signError: boolean) => {
    const a = access(ctx, request, id);
    if ('refused' in a) return a.refused;
    const user = a.session.user!;
    const certificate = ctx.store.get(id)!;
    const values = formValuesOf(ctx, certificate);
    const signedOrRevoked = certificate.status === 'SIGNED' || certificate.status === 'REVOKED';
    const actions = certificateActionsHtml({
      certificate,
      relations: relationsOf(ctx.store, certificate),
      decisions: signedOrRevoked ? ctx.lifecycle.decisions(certificate, actorOf(a.session)) : undefined,
      sendPending: !certificate.sentTo && ctx.lifecycle.sent(certificate),
      inactiveUnit: launchParametersOf(a.session)?.inaktivEnhet === true,
    });
    return htmlResponse(
      certificateView({
        certificate,
        form: formFor(certificate.typeCode),
        values,
        errors: validation(ctx, certificate, values),
        today: stockholmDate(ctx.clock.now()),
        user: `${user.staff.fullName} (${ROLE_NAMES[user.staff.role]}) – ${ctx.directory.careUnit(user.selectedUnit ?? '')?.name ?? ''}`,
        signMethod: user.authenticationMethod === 'FAKE' ? 'FAKE' : 'SIGN_SERVICE',
        patientInfo: patientInfoOf(ctx, a.session, certificate),
        draftActions: signedOrRevoked ? undefined : {
          sign: draftDecision(ctx, a.session, certificate, 'SIGN'),
          readyForSign: draftDecision(ctx, a.session, certificate, 'READY_FOR_SIGN'),
          edit: draftDecision(ctx, a.session, certificate, 'EDIT'),
        },
        signError,
        signatureInfo: signatureInfo(id),
        patientStatus: patientStatusBanner(ctx.directory.populationRegister.answer(certificate.patient.personId)),
        questionsHtml: certificate.status === 'SIGNED' || certificate.status === 'REVOKED' ? questionsSection(certificate) : undefined,
        actions,
        autosaveDebounceMs: ctx.autosaveDebounceMs,
      }),
    );
  };
  const apiSession = (request: Request, id: string): WebcertSession | Response => {
    const a = access(ctx, request, id);
    return 'refused' in a ? jsonResponse({ errorCode: 'AUTHORIZATION_PROBLEM', message: 'not logged in, or no access to this certificate' }, 403) : a.session;
  };
  return [
    ...lifecycleRoutes(ctx, apiSession),
    http.get('/certificate/:id/', ({ request, params }) => view(request, String(params.id), false)),
    http.get('/certificate/:id', ({ params }) => redirect(`/certificate/${String(params.id)}/`, 307)),
    http.get('/certificate/:id/sign/error', ({ request, params }) => view(request, String(params.id), true)),
    http.post('/api/certificate/:id', async ({ request, params }) => {
      const id = String(params.id);
      const a = access(ctx, request, id);
      if ('refused' in a) return jsonResponse({ error: 'not logged in, or no access to this certificate' }, 403);
      const editRefused = refusedDraftAction(ctx, a.session, id, 'EDIT');
      if (editRefused) return editRefused;
      let body: { version?: number; values?: FormValues };
      try {
        body = JSON.parse(await request.text()) as typeof body;
      } catch {
        return jsonResponse({ error: 'send JSON {"version": n, "values": {...}}' }, 400);
      }
      const values = Object.fromEntries(Object.entries(body.values ?? {}).filter(([, v]) => typeof v === 'string')) as FormValues;
      const certificate = ctx.store.require(id);
      const form = formFor(certificate.typeCode);
      if (!form) return jsonResponse({ error: `the simulator has no form for ${certificate.typeCode}` }, 400);
      const errors = validation(ctx, certificate, values);
      try {
        const c = ctx.store.save(id, valuesToSvar(form, values), { by: a.session.user!.staff.hsaId, expectedVersion: body.version, complete: errors.length === 0 });
        ctx.formValues.set(id, values);
        return jsonResponse({ version: c.version, status: c.status, errors, missing: questionsWithErrors(errors) });
      } catch (error) {
        if (error instanceof CertificateActionError) return jsonResponse({ errorCode: error.code, error: error.message, message: error.message }, error.code === 'CONCURRENT_MODIFICATION' ? 409 : 400);
        throw error;
      }
    }),
    http.post('/api/certificate/:id/readyforsign', async ({ request, params }) => {
      const id = String(params.id);
      const a = access(ctx, request, id);
      if ('refused' in a) return jsonResponse({ errorCode: 'AUTHORIZATION_PROBLEM', message: 'not logged in, or no access to this certificate' }, 403);
      const refused = refusedDraftAction(ctx, a.session, id, 'READY_FOR_SIGN');
      if (refused) return refused;
      try {
        const c = ctx.store.markReadyToSign(id, a.session.user!.staff.hsaId);
        await ctx.store.flushed();
        return jsonResponse({ certificateId: c.id, status: c.status, readyForSign: c.readyForSignAt !== undefined });
      } catch (error) {
        if (error instanceof CertificateActionError) return jsonResponse({ errorCode: error.code, message: error.message }, 409);
        throw error;
      }
    }),
    http.post('/api/certificate/:id/sign', async ({ request, params }) => {
      const id = String(params.id);
      const a = access(ctx, request, id);
      if ('refused' in a) return jsonResponse({ error: 'not logged in, or no access to this certificate' }, 403);
      const signRefused = refusedDraftAction(ctx, a.session, id, 'SIGN');
      if (signRefused) return signRefused;
      if (a.session.user!.authenticationMethod !== 'FAKE') return jsonResponse({ error: 'fake signing is only for fake-logged-in users; sign through the signing service' }, 403);
      try {
        await fakeSign(id, a.session.user!.staff.hsaId);
        return jsonResponse({ status: 'SIGNED' });
      } catch (error) {
        return jsonResponse({ error: error instanceof Error ? error.message : String(error) }, 400);
      }
    }),
  ];
}
