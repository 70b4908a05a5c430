/**
 * The launch's check of the patient (webcert `IntegrationServiceImpl.verifySekretessmarkering`,
 * run for every certificate Webcert holds, after the unit is chosen): PU must answer with the
 * person (else `/error?reason=pu-problem`), and a patient with protected identity needs a user
 * whose role may handle that type for such a patient (else
 * `/error?reason=auth-exception-sekretessmarkering`). An answer Webcert cannot read at all ends the
 * launch as an unexpected failure (`/error?reason=unknown`).
 */
import { launchPatientRefusal } from '../drafts/patientRules.js';
import type { Certificate } from '../model/certificate.js';
import { certificateTypeByCode } from '../model/certificateTypes.js';
import type { WebcertUser } from './sessions.js';
import type { WebContext } from './webContext.js';

/**
 * A failure Webcert does not expect during a launch: its exception handler
 * (WebcertRedirectExceptionHandlerAdvice) maps it, as any unhandled RuntimeException, to
 * `/error?reason=unknown`.
 */
export class UnexpectedLaunchFailure extends Error {
  override name = 'UnexpectedLaunchFailure';
}

/**
 * The error reason the launch redirects to for this certificate's patient, or undefined to go on.
 * @throws UnexpectedLaunchFailure when intyg-proxy-service's answer cannot be read (Webcert's
 * REST client throws; PatientDetailsResolver does not catch it).
 */
export function launchPatientCheck(ctx: WebContext, certificate: Certificate, user: WebcertUser): string | undefined {
  const moduleId = certificateTypeByCode(certificate.typeCode)?.moduleId ?? certificate.typeCode.toLowerCase();
  const answer = ctx.directory.populationRegister.lookup(certificate.patient.personId);
  if (answer.status === 'ERROR' && answer.unreadable) throw new UnexpectedLaunchFailure(answer.why);
  return launchPatientRefusal(answer, moduleId, user.staff.role);
}
