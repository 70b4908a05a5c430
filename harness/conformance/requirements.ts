/**
 * The journal-system conformance suite: what a journal system's CertificateStatusUpdateForCare v3
 * receiver must do (integration-requirements.md §1.3, §0; webcert-surfaces.md §4), as data the
 * runner executes through the Webcert simulator's sending path.
 *
 * Each requirement uses the event codes it is about, so a journal system that mishandles one code
 * fails where that code belongs: ANDRAT is in JR-S02 and JR-S05, MAKULE in JR-S02, repeats in
 * JR-S04; JR-S06 judges every answer of the run; question events and their counters in JR-S08;
 * the catch-up call (ListCertificatesForCareWithQA v3) after updates ended in FAILURE in JR-O02.
 */
import type { ConformanceRequirement } from './requirementTypes.js';
import { EXCHANGE_REQUIREMENTS } from './exchangeRequirements.js';
import { MESSAGE_CONTENT_REQUIREMENTS } from './messageContentRequirements.js';
import { RECOVERY_REQUIREMENTS } from './recoveryRequirements.js';

/** The suite, in requirement order. */
export const JOURNAL_SYSTEM_REQUIREMENTS: readonly ConformanceRequirement[] = Object.freeze<ConformanceRequirement[]>([
  ...EXCHANGE_REQUIREMENTS,
  ...MESSAGE_CONTENT_REQUIREMENTS,
  ...RECOVERY_REQUIREMENTS,
]);

/**
 * The requirements with these IDs (all when none are given), in suite order.
 * @throws Error naming the known IDs when one is unknown.
 */
export function selectRequirements(ids: readonly string[] = [], from: readonly ConformanceRequirement[] = JOURNAL_SYSTEM_REQUIREMENTS): ConformanceRequirement[] {
  if (ids.length === 0) return [...from];
  const known = new Set(from.map((r) => r.id));
  const unknown = ids.filter((id) => !known.has(id.toUpperCase()));
  if (unknown.length) throw new Error(`Unknown requirement ${unknown.join(', ')}: the suite has ${[...known].join(', ')}.`);
  const wanted = new Set(ids.map((id) => id.toUpperCase()));
  return from.filter((r) => wanted.has(r.id));
}
