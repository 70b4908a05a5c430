/**
 * The terms the conformance suite's requirements are written in: time offsets for `at`, a
 * certificate's life up to signing and sending, and the verdict text most requirements share.
 */
import type { StatusUpdateSpec } from './requirementTypes.js';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/** How the answers are judged by a requirement whose every update must be stored. */
export const STORED = 'Every answer says the update is stored (OK, or INFO with a text), is a valid CertificateStatusUpdateForCareResponse (XSD) and comes within the answer bound.';

/** A draft's life up to signing and sending, as Webcert emits it (no ANDRAT: see JR-S05). */
export function signedAndSent(certificate: string, start: number): StatusUpdateSpec[] {
  return [
    { certificate, event: 'SKAPAT', at: start },
    { certificate, event: 'SIGNAT', at: start + 3 * MIN },
    { certificate, event: 'SKICKA', at: start + 3 * MIN + 1_000 },
  ];
}
