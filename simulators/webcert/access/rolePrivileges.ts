/**
 * Webcert's roles and the privileges each one holds, after webcert `authorities.yaml`
 * (webcert-surfaces.md §2.3): Webcert derives the role from HSA (title, title code), falling back
 * to VARDADMINISTRATOR; so does the simulator's directory (directory/hsaRole.ts).
 *
 * Only the privileges the simulator's actions ask for are listed. What they decide:
 *
 * | privilege          | action                                   | LAKARE | TANDLAKARE | VARDADMIN, SJUKSKOTERSKA, BARNMORSKA |
 * |--------------------|------------------------------------------|--------|------------|--------------------------------------|
 * | VISA_INTYG         | open a draft or certificate              | yes    | some types | yes                                  |
 * | SKRIVA_INTYG       | edit, delete, create from template       | yes    | some types | yes                                  |
 * | SIGNERA_INTYG      | sign                                     | yes    | some types | **no**                               |
 * | NOTIFIERING_UTKAST | "Markera klart för signering" (KFSIGN)   | no     | no         | yes, only when launched from a journal |
 * | FORNYA_INTYG       | renew                                    | yes    | some types | yes                                  |
 * | ERSATTA_INTYG      | replace                                  | yes    | some types | **no**                               |
 * | MAKULERA_INTYG     | revoke                                   | yes    | some types | **no**                               |
 * | MARKERA_FRAGA_SOM_HANTERAD | mark a question handled or unhandled | FK types | LISJP, FK7263 | FK types                  |
 *
 * Sending needs no privilege of its own in Webcert (CertificateAccessServiceImpl.allowToSend).
 */
import type { Role } from '../model/certificate.js';

export type { Role };

export type Privilege =
  | 'VISA_INTYG'
  | 'SKRIVA_INTYG'
  | 'SIGNERA_INTYG'
  | 'NOTIFIERING_UTKAST'
  | 'FORNYA_INTYG'
  | 'ERSATTA_INTYG'
  | 'MAKULERA_INTYG'
  | 'MARKERA_FRAGA_SOM_HANTERAD';

/** How Webcert names each role to the user (authorities.yaml `desc`). */
export const ROLE_NAMES: Readonly<Record<Role, string>> = Object.freeze({
  LAKARE: 'Läkare',
  TANDLAKARE: 'Tandläkare',
  VARDADMINISTRATOR: 'Vårdadministratör',
  SJUKSKOTERSKA: 'Sjuksköterska',
  BARNMORSKA: 'Barnmorska',
});

type Origin = 'DJUPINTEGRATION' | 'NORMAL';

/** A privilege of a role: for every type, or only the listed ones; for both origins, or one. */
interface Grant {
  types?: readonly string[];
  origins?: readonly Origin[];
}

/** The types a dentist may write and sign (authorities.yaml, role TANDLAKARE). */
const DENTIST_TYPES = ['LISJP', 'AF00213', 'AG114', 'AG7804', 'AF00251'];

/** The types the privilege MARKERA_FRAGA_SOM_HANTERAD is for (authorities.yaml, p220): Försäkringskassan's. */
const FK_QUESTION_TYPES = ['FK7263', 'LISJP', 'LUSE', 'LUAE_NA', 'LUAE_FS'];

const NOT_SIGNING: Partial<Record<Privilege, Grant>> = {
  MARKERA_FRAGA_SOM_HANTERAD: { types: FK_QUESTION_TYPES },
  VISA_INTYG: {},
  SKRIVA_INTYG: {},
  FORNYA_INTYG: {},
  NOTIFIERING_UTKAST: { origins: ['DJUPINTEGRATION'] },
};

const GRANTS: Readonly<Record<Role, Partial<Record<Privilege, Grant>>>> = Object.freeze({
  LAKARE: { VISA_INTYG: {}, SKRIVA_INTYG: {}, SIGNERA_INTYG: {}, FORNYA_INTYG: {}, ERSATTA_INTYG: {}, MAKULERA_INTYG: {}, MARKERA_FRAGA_SOM_HANTERAD: { types: FK_QUESTION_TYPES } },
  TANDLAKARE: {
    VISA_INTYG: { types: DENTIST_TYPES },
    SKRIVA_INTYG: { types: DENTIST_TYPES },
    SIGNERA_INTYG: { types: DENTIST_TYPES },
    FORNYA_INTYG: { types: ['LISJP', 'AG7804', 'AF00251'] },
    ERSATTA_INTYG: { types: DENTIST_TYPES },
    MAKULERA_INTYG: { types: DENTIST_TYPES },
    MARKERA_FRAGA_SOM_HANTERAD: { types: ['FK7263', 'LISJP'] },
  },
  VARDADMINISTRATOR: NOT_SIGNING,
  SJUKSKOTERSKA: NOT_SIGNING,
  BARNMORSKA: NOT_SIGNING,
});

/** Whether a user of `role`, come in by `origin`, holds `privilege` for certificates of `typeCode`. */
export function hasPrivilege(role: Role, privilege: Privilege, origin: Origin, typeCode: string): boolean {
  const grant = GRANTS[role][privilege];
  if (!grant) return false;
  if (grant.origins && !grant.origins.includes(origin)) return false;
  return !grant.types || grant.types.includes(typeCode.toUpperCase());
}

/** The text a user sees when the role lacks the privilege for an action. */
export function missingPrivilegeText(role: Role, privilege: Privilege): string {
  const what: Record<Privilege, string> = {
    VISA_INTYG: 'visa intyg av den här typen',
    SKRIVA_INTYG: 'skriva intyg av den här typen',
    SIGNERA_INTYG: 'signera intyg',
    NOTIFIERING_UTKAST: 'markera utkast klart för signering',
    FORNYA_INTYG: 'förnya intyg',
    ERSATTA_INTYG: 'ersätta intyg',
    MAKULERA_INTYG: 'makulera intyg',
    MARKERA_FRAGA_SOM_HANTERAD: 'markera frågor som hanterade',
  };
  return `Du saknar behörighet att ${what[privilege]} med rollen ${ROLE_NAMES[role].toLowerCase()}.`;
}
