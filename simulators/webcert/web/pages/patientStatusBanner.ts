/**
 * The patient's status notices under the patient's name on the certificate page, with Webcert's
 * titles (frontend `PatientStatusNotifications`: `PatientDeceasedStatus`, `ProtectedPatientStatus`),
 * from PU as it answers when the page is shown.
 */
import type { PuAnswer } from '../../directory/populationRegister.js';

/** Webcert's notice titles. */
export const PATIENT_STATUS_TEXTS = Object.freeze({
  deceased: 'Patienten är avliden',
  protectedPerson: 'Patienten har skyddade personuppgifter',
});

/** The notices for what PU says about the patient; empty when there is nothing to say. */
export function patientStatusBanner(answer: PuAnswer): string {
  const person = answer.status === 'FOUND' ? answer.person : undefined;
  const notices = [
    person?.sekretessmarkering ? `<li data-status="protected_person">${PATIENT_STATUS_TEXTS.protectedPerson}</li>` : '',
    person?.avliden ? `<li data-status="deceased">${PATIENT_STATUS_TEXTS.deceased}</li>` : '',
  ].join('');
  return notices ? `<ul id="patientstatus" class="fel" aria-label="Patientens status">${notices}</ul>` : '';
}
