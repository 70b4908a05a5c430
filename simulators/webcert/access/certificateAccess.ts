/**
 * Who may do what to a signed certificate, in one place: action × certificate state × launch
 * parameters × unit → allowed, or refused with a code and the text the user sees. The certificate
 * page asks it which buttons to show (and which to show disabled, with the reason); the API routes
 * and the admin API ask it before acting, so a refusal reads the same everywhere.
 *
 * The rules follow webcert `CertificateAccessServiceImpl` (allowToRenew, allowToReplace,
 * allowToInvalidate, allowToSend, allowToCreateDraftFromSignedTemplate), evaluated in the order of
 * `AccessServiceEvaluation.evaluate`, then the state checks of `CopyUtkastServiceImpl`,
 * `IntygServiceImpl` and the certificate functions that decide whether a button is offered:
 *
 * | action               | inaktivEnhet=true           | kopieringOK=false           | state                                                |
 * |----------------------|-----------------------------|-----------------------------|------------------------------------------------------|
 * | RENEW (FRLANG)       | always refused              | always refused              | signed; not replaced or complemented by a signed one |
 * | REPLACE (ERSATT)     | always refused              | another unit's (not DB/DOI) | signed; not replaced by any draft or certificate     |
 * | REVOKE               | another unit's certificate  | another unit's certificate  | signed, not revoked                                  |
 * | SEND                 | another unit's certificate  | another unit's certificate  | signed, not sent, not replaced by a signed one       |
 * | CREATE_FROM_TEMPLATE | always refused              | always refused              | signed DB, not replaced; origin NORMAL; DOI unique   |
 *
 * `avliden` is not read: Webcert keeps it but takes a patient's death from PU.
 *
 * Where Webcert's React UI hides a refused button, the simulator shows it disabled with the
 * reason (decision 0017), so a session can see why; a button whose function does not apply at all
 * (another type, a draft) is not shown.
 */
import { certificateTypeByCode } from '../model/certificateTypes.js';
import type { Certificate } from '../model/certificate.js';
import { recipientName } from '../model/recipientNames.js';
import type { CertificateRelations } from '../lifecycle/certificateRelations.js';
import { replacement, signedComplement, signedReplacement } from '../lifecycle/certificateRelations.js';
import type { IntegrationParameters } from '../web/launchParameters.js';
import { hasPrivilege, missingPrivilegeText, type Privilege, type Role } from './rolePrivileges.js';

/** The actions on a signed certificate. */
export type LifecycleAction = 'SEND' | 'RENEW' | 'REPLACE' | 'REVOKE' | 'CREATE_FROM_TEMPLATE';

export const LIFECYCLE_ACTIONS: readonly LifecycleAction[] = ['SEND', 'RENEW', 'REPLACE', 'REVOKE', 'CREATE_FROM_TEMPLATE'];

/**
 * Why an action is refused: Webcert's AccessResultCode (INACTIVE_UNIT, RENEW_FALSE,
 * AUTHORIZATION_VALIDATION, UNIQUE_CERTIFICATE) or WebCertServiceErrorCodeEnum (INVALID_STATE,
 * INVALID_STATE_REPLACED, COMPLEMENT_INTYG_EXISTS).
 */
export type RefusalCode =
  | 'INACTIVE_UNIT'
  | 'RENEW_FALSE'
  | 'AUTHORIZATION_VALIDATION'
  | 'AUTHORIZATION_DIFFERENT_UNIT'
  | 'UNIQUE_CERTIFICATE'
  | 'INVALID_STATE'
  | 'INVALID_STATE_REPLACED'
  | 'COMPLEMENT_INTYG_EXISTS';

/** The refusal codes that are about access (HTTP 403); the others are about state (409). */
export const ACCESS_REFUSALS: readonly RefusalCode[] = ['INACTIVE_UNIT', 'RENEW_FALSE', 'AUTHORIZATION_VALIDATION', 'AUTHORIZATION_DIFFERENT_UNIT'];

/** Allowed, or refused with a code and a text; `offered` says whether the page shows the button (disabled). */
export type AccessDecision =
  | { allowed: true }
  | { allowed: false; offered: boolean; code: RefusalCode; reason: string };

/** The texts a user sees for each refusal. */
export const REFUSAL_TEXTS = Object.freeze({
  /** Webcert's header text for an inactive unit (frontend WebcertHeaderUnit). */
  INACTIVE_UNIT: 'Enheten är markerad som inaktiv i journalsystemet, vilket innebär att viss funktionalitet ej är tillgänglig.',
  RENEW_FALSE: 'Journalsystemet har angett att intyg inte får kopieras (kopieringOK=false), så intyget kan inte förnyas eller användas som mall här.',
  OTHER_UNIT: 'Intyget är utfärdat på en annan vårdenhet än den du är inloggad på.',
  /** Webcert's error modal for INVALID_STATE_REPLACED. */
  REPLACED: 'Intyget har blivit ersatt av ett senare intyg.',
  /** Webcert's error modal for COMPLEMENT_INTYG_EXISTS. */
  COMPLEMENTED: 'Intyget har blivit kompletterat av ett senare intyg.',
  NOT_SIGNED: 'Åtgärden kan bara göras på ett signerat intyg som inte är makulerat.',
  NOT_RENEWABLE: 'Intyg av den här typen kan inte förnyas.',
  NOT_SENDABLE: 'Intyg av den här typen skickas inte av användaren.',
  NO_TEMPLATE: 'Intyg av den här typen kan inte användas som mall.',
  TEMPLATE_INTEGRATED: 'Ett intyg utifrån detta kan bara skapas i fristående Webcert, inte vid djupintegration.',
});

/** Everything a decision depends on. */
export interface AccessFacts {
  certificate: Certificate;
  relations: CertificateRelations;
  /** A send to the type's recipient is queued or done. */
  sent: boolean;
  /** The logged-in unit (Webcert's valdVardenhet) and how the user came in. */
  user: {
    unitId: string | undefined;
    origin: 'DJUPINTEGRATION' | 'NORMAL';
    /** The user's role (rolePrivileges.ts); without one, no privilege is checked. */
    role?: Role;
  };
  /** The session's launch parameters; undefined when it was not launched from a journal. */
  launch: IntegrationParameters | undefined;
  /** For CREATE_FROM_TEMPLATE: Webcert's uniqueness verdict on the new draft, when it refuses. */
  templateRefusal?: string;
}

const ALLOWED: AccessDecision = Object.freeze({ allowed: true });

function refuse(code: RefusalCode, reason: string, offered = true): AccessDecision {
  return { allowed: false, offered, code, reason };
}

const isDbOrDoi = (typeCode: string) => typeCode === 'DB' || typeCode === 'DOI';

/**
 * The launch-parameter rules (AccessServiceEvaluation.isInactiveUnitRuleValid and
 * isRenewRuleValid): `always` refuses whatever unit the certificate is on; otherwise only another
 * unit's certificate is refused.
 */
function launchRule(f: AccessFacts, inactive: 'always' | 'other-unit', renew: 'always' | 'other-unit' | 'never'): AccessDecision | undefined {
  const otherUnit = f.user.unitId !== f.certificate.unit.hsaId;
  if (f.launch?.inaktivEnhet && (inactive === 'always' || otherUnit)) return refuse('INACTIVE_UNIT', REFUSAL_TEXTS.INACTIVE_UNIT);
  if (f.launch && !f.launch.kopieringOK && renew !== 'never' && (renew === 'always' || otherUnit)) return refuse('RENEW_FALSE', REFUSAL_TEXTS.RENEW_FALSE);
  return undefined;
}

/** The unit rule (checkUnit without SJF): the user must be logged in on the certificate's unit. */
function unitRule(f: AccessFacts): AccessDecision | undefined {
  return f.user.unitId === f.certificate.unit.hsaId ? undefined : refuse('AUTHORIZATION_DIFFERENT_UNIT', REFUSAL_TEXTS.OTHER_UNIT, false);
}

/** The privilege each action needs (AccessServiceEvaluation.privilege); SEND needs none. */
const ACTION_PRIVILEGE: Readonly<Record<LifecycleAction, Privilege | undefined>> = {
  SEND: undefined,
  RENEW: 'FORNYA_INTYG',
  REPLACE: 'ERSATTA_INTYG',
  REVOKE: 'MAKULERA_INTYG',
  CREATE_FROM_TEMPLATE: 'SKRIVA_INTYG',
};

/** The role rule (isAuthorized, evaluated first): AUTHORIZATION_VALIDATION when the role lacks the privilege. */
function privilegeRule(action: LifecycleAction, f: AccessFacts): AccessDecision | undefined {
  const privilege = ACTION_PRIVILEGE[action];
  if (!privilege || !f.user.role || hasPrivilege(f.user.role, privilege, f.user.origin, f.certificate.typeCode)) return undefined;
  return refuse('AUTHORIZATION_VALIDATION', missingPrivilegeText(f.user.role, privilege));
}

/** Whether `action` may be done now, or why not. */
export function evaluateAccess(action: LifecycleAction, f: AccessFacts): AccessDecision {
  const stateOrRules = evaluateRules(action, f);
  // A function that does not apply at all (another type, a draft) stays hidden; otherwise the role goes first.
  if (!stateOrRules.allowed && !stateOrRules.offered) return stateOrRules;
  return privilegeRule(action, f) ?? stateOrRules;
}

function evaluateRules(action: LifecycleAction, f: AccessFacts): AccessDecision {
  const c = f.certificate;
  const type = certificateTypeByCode(c.typeCode);
  const signed = c.status === 'SIGNED';
  switch (action) {
    case 'RENEW': {
      if (!type?.renewal) return refuse('INVALID_STATE', REFUSAL_TEXTS.NOT_RENEWABLE, false);
      if (!signed) return refuse('INVALID_STATE', REFUSAL_TEXTS.NOT_SIGNED, false);
      return launchRule(f, 'always', 'always')
        ?? (signedReplacement(f.relations) ? refuse('INVALID_STATE_REPLACED', REFUSAL_TEXTS.REPLACED) : undefined)
        ?? (signedComplement(f.relations) ? refuse('COMPLEMENT_INTYG_EXISTS', REFUSAL_TEXTS.COMPLEMENTED) : undefined)
        ?? ALLOWED;
    }
    case 'REPLACE': {
      if (!signed) return refuse('INVALID_STATE', REFUSAL_TEXTS.NOT_SIGNED, false);
      // DB and DOI are left out of the kopieringOK and unit rules (excludeCertificateTypesForRenew/ForUnit).
      return launchRule(f, 'always', isDbOrDoi(c.typeCode) ? 'never' : 'other-unit')
        ?? (isDbOrDoi(c.typeCode) ? undefined : unitRule(f))
        ?? (replacement(f.relations) ? refuse('INVALID_STATE_REPLACED', REFUSAL_TEXTS.REPLACED) : undefined)
        ?? (signedComplement(f.relations) ? refuse('COMPLEMENT_INTYG_EXISTS', REFUSAL_TEXTS.COMPLEMENTED) : undefined)
        ?? ALLOWED;
    }
    case 'REVOKE': {
      if (!signed) return refuse('INVALID_STATE', REFUSAL_TEXTS.NOT_SIGNED, false);
      return launchRule(f, 'other-unit', 'other-unit') ?? unitRule(f) ?? ALLOWED;
    }
    case 'SEND': {
      if (type?.sendOn !== 'USER' || !type.defaultRecipient) return refuse('INVALID_STATE', REFUSAL_TEXTS.NOT_SENDABLE, false);
      if (!signed) return refuse('INVALID_STATE', REFUSAL_TEXTS.NOT_SIGNED, false);
      if (f.sent) return refuse('INVALID_STATE', `Intyget är redan skickat till ${recipientName(type.defaultRecipient)}.`, false);
      if (signedReplacement(f.relations)) return refuse('INVALID_STATE_REPLACED', REFUSAL_TEXTS.REPLACED, false);
      return launchRule(f, 'other-unit', 'other-unit') ?? unitRule(f) ?? ALLOWED;
    }
    case 'CREATE_FROM_TEMPLATE': {
      if (!type?.templateFor) return refuse('INVALID_STATE', REFUSAL_TEXTS.NO_TEMPLATE, false);
      if (!signed) return refuse('INVALID_STATE', REFUSAL_TEXTS.NOT_SIGNED, false);
      if (signedReplacement(f.relations)) return refuse('INVALID_STATE_REPLACED', REFUSAL_TEXTS.REPLACED, false);
      if (f.user.origin === 'DJUPINTEGRATION') return refuse('INVALID_STATE', REFUSAL_TEXTS.TEMPLATE_INTEGRATED, false);
      return launchRule(f, 'always', 'always')
        ?? (f.templateRefusal ? refuse('UNIQUE_CERTIFICATE', f.templateRefusal) : undefined)
        ?? ALLOWED;
    }
  }
}

/** The decision for every action, for the page. */
export function evaluateAllAccess(f: AccessFacts): Record<LifecycleAction, AccessDecision> {
  return Object.fromEntries(LIFECYCLE_ACTIONS.map((a) => [a, evaluateAccess(a, f)])) as Record<LifecycleAction, AccessDecision>;
}

/** An action refused by the rules above, for the routes to answer with. */
export class CertificateAccessError extends Error {
  constructor(
    readonly action: LifecycleAction,
    readonly code: RefusalCode,
    /** The text the user sees. */
    readonly reason: string,
  ) {
    super(`${action} refused (${code}): ${reason}`);
    this.name = 'CertificateAccessError';
  }

  /** HTTP status: 403 for access, 409 for the certificate's state. */
  get httpStatus(): number {
    return ACCESS_REFUSALS.includes(this.code) ? 403 : 409;
  }
}
