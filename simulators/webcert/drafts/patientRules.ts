/**
 * Webcert's rules about the patient, with Webcert's texts: PU must answer when a draft is created
 * (`BaseCreateDraftCertificateValidator.validatePUServiceResponse`), a patient with protected
 * identity gets only some types and only from some roles (`validateBusinessRulesForSekretessmarkeradPatient`,
 * feature SEKRETESSMARKERING, privilege HANTERA_SEKRETESSMARKERAD_PATIENT of authorities.yaml), a
 * deceased patient only the types of feature HANTERA_INTYGSUTKAST_AVLIDEN
 * (`validateCreateForAvlidenPatientAllowed`), and at launch the user must be allowed to handle a
 * protected patient's certificate (`IntegrationServiceImpl.verifySekretessmarkering`).
 *
 * These are the rules of Webcert's own modules. Types that Webcert's newer certificate service
 * serves (there: AG1-14 and AG7804 among others) are judged by that service, with its own texts;
 * the simulator judges every type as the modules do.
 */
import type { PuAnswer, PuPerson } from '../directory/populationRegister.js';
import type { StaffMember } from '../model/certificate.js';
import type { CertificateType } from '../model/certificateTypes.js';

/** Webcert's texts (BaseCreateDraftCertificateValidator); `{0}`, `{1}` as MessageFormat fills them. */
export const PATIENT_TEXTS = Object.freeze({
  puUnreachable: 'Cannot issue intyg. The PU-service was unreachable. Please try again later.',
  puNotFound:
    'Personnumret du har angivit finns inte i folkbokföringsregistret. Observera att det inte går att ange reservnummer. Webcert hanterar enbart person- och samordningsnummer.',
  /** `{0}`: the type's name. */
  protectedTypeNotAllowed: 'Intygstypen {0} kan inte utfärdas för patienter med skyddade personuppgifter.',
  protectedRoleNotAllowed:
    'Du saknar behörighet. För att hantera intyg för patienter med skyddade personuppgifter krävs att du har befattningen läkare eller tandläkare.',
  /** `{0}`: the module id (e.g. `lisjp`), `{1}`: the person id with dash. */
  deceasedNotAllowed: 'Cannot issue intyg type {0} for deceased patient {1}',
});

/** Module ids of feature SEKRETESSMARKERING ("Sekretessmarkering tillåten", features.yaml). */
export const TYPES_FOR_PROTECTED_PATIENTS: ReadonlySet<string> = new Set([
  'fk7263', 'ts-bas', 'ts-diabetes', 'luse', 'lisjp', 'luae_na', 'luae_fs', 'af00213', 'ag114', 'ag7804', 'af00251',
]);

/**
 * Module ids of feature HANTERA_INTYGSUTKAST_AVLIDEN ("Hantera utkast för avlidna patienter"):
 * only DOI in Webcert's features.yaml (dev and refdata alike); a DB for a patient PU already
 * marks deceased is refused like any other type.
 */
export const TYPES_FOR_DECEASED_PATIENTS: ReadonlySet<string> = new Set(['doi']);

/**
 * Privilege HANTERA_SEKRETESSMARKERAD_PATIENT per role and the types it covers (authorities.yaml):
 * läkare for every type of the privilege, tandläkare for fewer; other roles do not hold it.
 */
const PROTECTED_PATIENT_PRIVILEGE: Readonly<Partial<Record<StaffMember['role'], ReadonlySet<string>>>> = {
  LAKARE: new Set(['fk7263', 'ts-bas', 'ts-diabetes', 'lisjp', 'luse', 'luae_na', 'luae_fs', 'af00213', 'ag114', 'ag7804', 'af00251']),
  TANDLAKARE: new Set(['fk7263', 'lisjp', 'af00213', 'ag114', 'ag7804', 'af00251']),
};

const format = (template: string, ...args: string[]) => args.reduce((text, arg, i) => text.replaceAll(`{${i}}`, arg), template);
const withDash = (personId: string) => personId.replace(/^(\d{8})(\d{4})$/, '$1-$2');

/** Webcert's refusal when PU does not answer with a person (CreateDraftCertificate step 4), or undefined. */
export function puRefusal(answer: PuAnswer): string | undefined {
  if (answer.status === 'ERROR') return PATIENT_TEXTS.puUnreachable;
  if (answer.status === 'NOT_FOUND') return PATIENT_TEXTS.puNotFound;
  return undefined;
}

/**
 * Webcert's refusals of a new draft of `type` for the person PU found (CreateDraftCertificate
 * step 5: protected identity, then deceased; both are reported, joined as Webcert joins them).
 * `person` is absent for a vendor's own test patient PU stands in for: nothing to refuse.
 */
export function patientRefusals(type: CertificateType, person: PuPerson | undefined, staff: StaffMember): string[] {
  if (!person) return [];
  const refusals: string[] = [];
  if (person.sekretessmarkering) {
    if (!TYPES_FOR_PROTECTED_PATIENTS.has(type.moduleId)) refusals.push(format(PATIENT_TEXTS.protectedTypeNotAllowed, type.name));
    else if (!PROTECTED_PATIENT_PRIVILEGE[staff.role]) refusals.push(PATIENT_TEXTS.protectedRoleNotAllowed);
  }
  if (person.avliden && !TYPES_FOR_DECEASED_PATIENTS.has(type.moduleId)) {
    refusals.push(format(PATIENT_TEXTS.deceasedNotAllowed, type.moduleId, withDash(person.personId)));
  }
  return refusals;
}

/**
 * The launch's patient check (`verifySekretessmarkering`): the error `reason` Webcert redirects to,
 * or undefined to go on. PU without a person gives `pu-problem`; a protected patient's certificate
 * of a type the user's role may not handle gives `auth-exception-sekretessmarkering`.
 */
export function launchPatientRefusal(answer: PuAnswer, moduleId: string, role: StaffMember['role']): 'pu-problem' | 'auth-exception-sekretessmarkering' | undefined {
  if (answer.status !== 'FOUND') return 'pu-problem';
  if (answer.person?.sekretessmarkering && !PROTECTED_PATIENT_PRIVILEGE[role]?.has(moduleId)) return 'auth-exception-sekretessmarkering';
  return undefined;
}
