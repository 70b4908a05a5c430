/**
 * The patient in a CertificateStatusUpdateForCare, as Webcert's notification sender writes it
 * (`NotificationPatientEnricher`): for LUSE, LUAE_NA, LUAE_FS and LISJP the patient is read from PU
 * when the status update is built; a person with protected identity is written with the surname
 * "Skyddade personuppgifter" and every other name and address field empty (the middle name too,
 * as an empty element). Other types, and a person PU does not find, keep the certificate's patient.
 *
 * Webcert fails to build the status update while PU cannot be reached (and tries again later);
 * the simulator does not model that, and keeps the certificate's patient then (PU fault rules
 * apply to CreateDraftCertificate and the launch, not here).
 */
import type { PopulationRegister } from '../directory/populationRegister.js';
import type { Certificate, Patient } from '../model/certificate.js';

/** KV intygstyp codes whose status updates carry the patient as PU has it. */
export const TYPES_WITH_PATIENT_FROM_PU: ReadonlySet<string> = new Set(['LUSE', 'LUAE_NA', 'LUAE_FS', 'LISJP']);

/** The surname Webcert writes for a patient with protected identity. */
export const PROTECTED_IDENTITY_SURNAME = 'Skyddade personuppgifter';

/** The patient to write in a status update about `certificate`, PU read now. */
export function statusUpdatePatient(certificate: Certificate, register: PopulationRegister): Patient {
  const stored = certificate.patient;
  if (!TYPES_WITH_PATIENT_FROM_PU.has(certificate.typeCode)) return stored;
  const answer = register.answer(stored.personId);
  if (answer.status !== 'FOUND' || !answer.person) return stored;
  const p = answer.person;
  if (p.sekretessmarkering) {
    return { personId: stored.personId, fornamn: '', mellannamn: '', efternamn: PROTECTED_IDENTITY_SURNAME, postadress: '', postnummer: '', postort: '' };
  }
  return {
    personId: p.personId,
    fornamn: p.fornamn,
    ...(p.mellannamn !== undefined ? { mellannamn: p.mellannamn } : {}),
    efternamn: p.efternamn,
    postadress: p.postadress,
    postnummer: p.postnummer,
    postort: p.postort,
  };
}

/** `certificate` with the patient a status update carries (a copy; the stored one is unchanged). */
export function withStatusUpdatePatient(certificate: Certificate, register: PopulationRegister): Certificate {
  const patient = statusUpdatePatient(certificate, register);
  return patient === certificate.patient ? certificate : { ...certificate, patient };
}
