/**
 * The role Webcert gives a user, derived from what HSA says about the person
 * (webcert-surfaces.md §2.3 step 3; Webcert's CommonAuthoritiesResolver.lookupUserRole and
 * authorities.yaml). Webcert reads no title from the SAML assertion (INTYG-2627): only
 * employeeHsaId, then HSA's credential information (legitimerade yrkesgrupper, befattningskoder
 * (paTitleCode), gruppförskrivarkoder). In Webcert's order:
 *
 * 1. legitimerad yrkesgrupp "Läkare" → LAKARE, else "Tandläkare" → TANDLAKARE;
 * 2. befattningskod 204010 (AT-läkare) or 203020 (BT-läkare) → LAKARE;
 * 3. befattningskod with gruppförskrivarkod per authorities.yaml `titleCodes` → LAKARE;
 * 4. legitimerad yrkesgrupp "Barnmorska" → BARNMORSKA, else "Sjuksköterska" → SJUKSKOTERSKA;
 * 5. otherwise the fallback role VARDADMINISTRATOR.
 */
import type { DirectoryStaffMember, HsaCredentials, Role, StaffMember } from '../model/certificate.js';

/** Befattningskoder that alone make a doctor (AuthoritiesConstants TITLECODE_AT_LAKARE, TITLECODE_BT_LAKARE). */
const DOCTOR_TITLE_CODES = ['204010', '203020'];

/** authorities.yaml `titleCodes`: befattningskod with gruppförskrivarkod that make a doctor. */
const DOCTOR_TITLE_AND_GROUP_CODES: readonly (readonly [string, string])[] = [
  ['203090', '9300005'],
  ['203090', '9400003'],
  ['204090', '9100009'],
  ['204090', '9200007'],
];

/** The role Webcert derives from a person's HSA credentials (see the module comment for the order). */
export function roleFromHsa(hsa: HsaCredentials): Role {
  const titles = hsa.legitimeradeYrkesgrupper ?? [];
  if (titles.includes('Läkare')) return 'LAKARE';
  if (titles.includes('Tandläkare')) return 'TANDLAKARE';
  const titleCodes = hsa.befattningskoder ?? [];
  if (titleCodes.some((c) => DOCTOR_TITLE_CODES.includes(c))) return 'LAKARE';
  const groupCodes = [...(hsa.forskrivarkod ? [hsa.forskrivarkod] : []), ...(hsa.gruppforskrivarkoder ?? [])];
  if (DOCTOR_TITLE_AND_GROUP_CODES.some(([t, g]) => titleCodes.includes(t) && groupCodes.includes(g))) return 'LAKARE';
  if (titles.includes('Barnmorska')) return 'BARNMORSKA';
  if (titles.includes('Sjuksköterska')) return 'SJUKSKOTERSKA';
  return 'VARDADMINISTRATOR';
}

/** A directory entry as Webcert's user: the role derived from HSA unless the entry names one. */
export function withDerivedRole(s: DirectoryStaffMember): StaffMember {
  return { ...s, role: s.role ?? roleFromHsa(s) };
}
