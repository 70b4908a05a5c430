/**
 * Sick-leave certificates as Intygstjänsten keeps them for Rehabstöd (its SJUKFALL_CERT table,
 * filled from LISJP when it is registered) and the rule by which one leaves a patient's sick-leave
 * chain (intygstjanst SjukfallCertificateDao, webcert-surfaces.md §7): a certificate is left out
 * when it is revoked, or when a sick-leave certificate that is registered (so signed) and not
 * revoked has an ERSATT or KOMPLT relation to it. A renewal (FRLANG) leaves its original in; a
 * replacing draft never reaches Intygstjänsten, so it hides nothing.
 */
import type { IntygReading } from '../../kit/contracts/intygReading.js';

/** The types Intygstjänsten turns into sick-leave certificates (fk7263 is legacy). */
export const SICK_LEAVE_TYPES: readonly string[] = ['LISJP'];

/** The relation codes that take the related certificate out of the sick-leave chain. */
export const HIDING_RELATIONS: readonly string[] = ['ERSATT', 'KOMPLT'];

/** One period of reduced work capacity (LISJP svar 32). */
export interface WorkCapacity {
  /** KV FKMU 0003 code, e.g. `HELT_NEDSATT`, with its display name when given. */
  grade: string;
  gradeName?: string;
  from: string;
  to: string;
}

/** What a sick-leave certificate holds for Rehabstöd. */
export interface SickLeaveFacts {
  /** The first diagnosis code (LISJP delsvar 6.2), if any. */
  diagnosisCode?: string;
  workCapacities: WorkCapacity[];
}

/** The sick-leave facts of a registered certificate, or undefined when its type is not a sick-leave type. */
export function sickLeaveFactsOf(reading: IntygReading): SickLeaveFacts | undefined {
  if (!SICK_LEAVE_TYPES.includes(reading.typeCode.toUpperCase())) return undefined;
  const workCapacities: WorkCapacity[] = [];
  for (const svar of reading.answers.filter((s) => s.id === '32')) {
    const grade = svar.delsvar.find((d) => d.id === '32.1')?.cv;
    const period = svar.delsvar.find((d) => d.id === '32.2')?.datePeriod;
    if (grade && period) workCapacities.push({ grade: grade.code, gradeName: grade.displayName, from: period.start, to: period.end });
  }
  const diagnosis = reading.answers.find((s) => s.id === '6')?.delsvar.find((d) => d.id === '6.2')?.cv?.code;
  return { ...(diagnosis ? { diagnosisCode: diagnosis } : {}), workCapacities };
}

/** What the rule needs of each stored certificate. */
export interface SickLeaveCandidate {
  certificateId: string;
  revoked: boolean;
  relations: readonly { code: string; certificateId: string }[];
  sickLeave?: SickLeaveFacts;
}

/** Why a sick-leave certificate is not counted. */
export type LeftOutReason =
  | { reason: 'REVOKED' }
  | { reason: 'ERSATT' | 'KOMPLT'; by: string };

/** The patient's sick-leave certificates that count, and those that do not, with why. */
export interface SickLeaveChain<T extends SickLeaveCandidate> {
  counted: T[];
  leftOut: (LeftOutReason & { certificate: T })[];
}

/** Applies the rule to one patient's certificates (oldest first in, oldest first out). */
export function sickLeaveChain<T extends SickLeaveCandidate>(certificates: readonly T[]): SickLeaveChain<T> {
  const sickLeave = certificates.filter((c) => c.sickLeave);
  const hiddenBy = new Map<string, { code: string; by: string }>();
  for (const c of sickLeave) {
    if (c.revoked) continue;
    for (const r of c.relations) if (HIDING_RELATIONS.includes(r.code)) hiddenBy.set(r.certificateId, { code: r.code, by: c.certificateId });
  }
  const chain: SickLeaveChain<T> = { counted: [], leftOut: [] };
  for (const c of sickLeave) {
    const hidden = hiddenBy.get(c.certificateId);
    if (c.revoked) chain.leftOut.push({ certificate: c, reason: 'REVOKED' });
    else if (hidden) chain.leftOut.push({ certificate: c, reason: hidden.code as 'ERSATT' | 'KOMPLT', by: hidden.by });
    else chain.counted.push(c);
  }
  return chain;
}
