/**
 * The launch's check of the patient (webcert `IntegrationServiceImpl.verifySekretessmarkering`,
 * run for every certificate Webcert holds, after the unit is chosen): PU must answer with the
 * person (else `/error?reason=pu-problem`), and a patient with protected identity needs a user
 * whose role may handle that type for such a patient (else
 * `/error?reason=auth-exception-sekretessmarkering`).
 */
import { launchPatientRefusal } from '../drafts/patientRules.js';
import type { Certificate } from '../model/certificate.js';
import { certificateTypeByCode } from '../model/certificateTypes.js';
import type { WebcertUser } from './sessions.js';
import type { WebContext } from './webContext.js';

/** The error reason the launch redirects to for this certificate's patient, or undefined to go on. */
export function launchPatientCheck(ctx: WebContext, certificate: Certificate, user: WebcertUser): string | undefined {
  const moduleId = certificateTypeByCode(certificate.typeCode)?.moduleId ?? certificate.typeCode.toLowerCase();
  return launchPatientRefusal(ctx.directory.populationRegister.lookup(certificate.patient.personId), moduleId, user.staff.role);
}
