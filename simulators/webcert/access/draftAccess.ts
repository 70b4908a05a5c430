/**
 * Who may open a draft or certificate and do what to a draft, as webcert `DraftAccessServiceImpl`
 * and `CertificateAccessServiceImpl.allowToRead` decide, evaluated in the order of
 * `AccessServiceEvaluation.evaluate`: the role's privilege (rolePrivileges.ts), then the launch
 * parameters `inaktivEnhet` and `kopieringOK` (which refuse only on another unit's draft), then
 * the unit rule.
 *
 * | action         | privilege          | inaktivEnhet / kopieringOK=false | unit rule                         |
 * |----------------|--------------------|----------------------------------|-----------------------------------|
 * | READ           | VISA_INTYG         | –                                | read-only, `sjf` lifts it         |
 * | EDIT, DELETE   | SKRIVA_INTYG       | another unit's draft refused     | logged in on the draft's unit     |
 * | SIGN           | SIGNERA_INTYG      | another unit's draft refused     | logged in on the draft's unit     |
 * | READY_FOR_SIGN | NOTIFIERING_UTKAST | another unit's draft refused     | logged in on the draft's unit     |
 * | HANDLE_QUESTION | MARKERA_FRAGA_SOM_HANTERAD | another unit's certificate refused | logged in on its unit (allowToSetQuestionAsHandled) |
 *
 * The unit rule (isUnitRuleValid, WebCertUserServiceImpl.checkIfAuthorizedForUnit): with `sjf`
 * a read is always allowed; launched from a journal, a read is allowed for every unit of the care
 * provider of the unit the user is logged in on, and refused for another care provider's; every
 * other action needs the user logged in on the certificate's own unit.
 */
import type { CareUnit, Certificate } from '../model/certificate.js';
import type { IntegrationParameters } from '../web/launchParameters.js';
import type { AccessDecision } from './certificateAccess.js';
import { REFUSAL_TEXTS } from './certificateAccess.js';
import { hasPrivilege, missingPrivilegeText, type Privilege, type Role } from './rolePrivileges.js';

export type DraftAction = 'READ' | 'EDIT' | 'DELETE' | 'SIGN' | 'READY_FOR_SIGN' | 'HANDLE_QUESTION';

const PRIVILEGE: Readonly<Record<DraftAction, Privilege>> = {
  READ: 'VISA_INTYG',
  EDIT: 'SKRIVA_INTYG',
  DELETE: 'SKRIVA_INTYG',
  SIGN: 'SIGNERA_INTYG',
  READY_FOR_SIGN: 'NOTIFIERING_UTKAST',
  HANDLE_QUESTION: 'MARKERA_FRAGA_SOM_HANTERAD',
};

/** Which rule refused a read across care providers: the simulator's own words, shown under Webcert's AUTHORIZATION_PROBLEM page text. */
export const DIFFERENT_UNIT_READ_TEXT =
  'Intyget är utfärdat hos en annan vårdgivare. Du kan bara läsa det om journalsystemet har angett sammanhållen journalföring (sjf=true).';

/** The logged-in user as the rules see him or her. */
export interface DraftAccessUser {
  role: Role;
  origin: 'DJUPINTEGRATION' | 'NORMAL';
  /** The logged-in unit (valdVardenhet), or undefined when none is chosen. */
  unit: CareUnit | undefined;
  /** Units the user holds a commission on (used only when no unit is chosen). */
  commissions: readonly string[];
}

function refuse(code: 'AUTHORIZATION_VALIDATION' | 'AUTHORIZATION_DIFFERENT_UNIT' | 'INACTIVE_UNIT' | 'RENEW_FALSE', reason: string): AccessDecision {
  return { allowed: false, offered: true, code, reason };
}

/** The unit rule; `readOnly` and `allowSjf` as Webcert's `checkUnit(allowSJF, isReadOnlyOperation)`. */
export function unitRule(certificate: Certificate, user: DraftAccessUser, launch: IntegrationParameters | undefined, readOnly: boolean): AccessDecision | undefined {
  if (readOnly && launch?.sjf) return undefined;
  const unitId = certificate.unit.hsaId;
  if (!user.unit) return user.commissions.includes(unitId) ? undefined : refuse('AUTHORIZATION_DIFFERENT_UNIT', REFUSAL_TEXTS.OTHER_UNIT);
  if (user.origin === 'DJUPINTEGRATION' && readOnly) {
    return user.unit.careProvider.hsaId === certificate.unit.careProvider.hsaId ? undefined : refuse('AUTHORIZATION_DIFFERENT_UNIT', DIFFERENT_UNIT_READ_TEXT);
  }
  return user.unit.hsaId === unitId ? undefined : refuse('AUTHORIZATION_DIFFERENT_UNIT', readOnly ? DIFFERENT_UNIT_READ_TEXT : REFUSAL_TEXTS.OTHER_UNIT);
}

/** Whether `action` may be done to the draft (or, for READ, the certificate), or why not. */
export function evaluateDraftAccess(action: DraftAction, certificate: Certificate, user: DraftAccessUser, launch: IntegrationParameters | undefined): AccessDecision {
  const privilege = PRIVILEGE[action];
  if (!hasPrivilege(user.role, privilege, user.origin, certificate.typeCode)) return refuse('AUTHORIZATION_VALIDATION', missingPrivilegeText(user.role, privilege));
  if (action !== 'READ') {
    const otherUnit = user.unit?.hsaId !== certificate.unit.hsaId;
    if (launch?.inaktivEnhet && otherUnit) return refuse('INACTIVE_UNIT', REFUSAL_TEXTS.INACTIVE_UNIT);
    if (launch && !launch.kopieringOK && otherUnit) return refuse('RENEW_FALSE', REFUSAL_TEXTS.RENEW_FALSE);
  }
  return unitRule(certificate, user, launch, action === 'READ') ?? { allowed: true };
}
