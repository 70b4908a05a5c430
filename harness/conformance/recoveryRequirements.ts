/**
 * The conformance requirements on recovery (integration-requirements.md §1.3 JR-S10, §1.4 JR-O02):
 * a day's backlog after an outage, and the catch-up call (ListCertificatesForCareWithQA v3) after
 * updates ended in FAILURE.
 */
import type { ConformanceRequirement } from './requirementTypes.js';
import { DAY, HOUR, MIN, STORED } from './suiteTerms.js';

/** JR-S10 and JR-O02, in requirement order. */
export const RECOVERY_REQUIREMENTS: readonly ConformanceRequirement[] = [
  {
    id: 'JR-S10',
    title: 'Survives an outage: a day\'s backlog arrives as one burst, out of order',
    source: 'integration-requirements.md §1.3 JR-S10, §0.1; webcert-surfaces.md §4.6 (due resends re-queued together)',
    sends: 'Fourteen updates of four certificates on two units, with tidpunkter over the past day, all at once, newest and oldest mixed.',
    judged: STORED,
    judge: 'each-stored',
    certificates: { o1: {}, o2: {}, o3: { unit: 1 }, o4: { unit: 1 } },
    steps: [
      {
        kind: 'send',
        what: 'the backlog after recovery',
        order: 'at-once',
        deliveries: [
          { certificate: 'o2', event: 'SKICKA', at: -6 * HOUR },
          { certificate: 'o1', event: 'SKAPAT', at: -DAY },
          { certificate: 'o3', event: 'SIGNAT', at: -2 * HOUR },
          { certificate: 'o4', event: 'RADERA', at: -1 * HOUR },
          { certificate: 'o1', event: 'SKICKA', at: -20 * HOUR },
          { certificate: 'o2', event: 'SKAPAT', at: -10 * HOUR },
          { certificate: 'o3', event: 'SKAPAT', at: -3 * HOUR },
          { certificate: 'o1', event: 'SIGNAT', at: -21 * HOUR },
          { certificate: 'o2', event: 'SIGNAT', at: -7 * HOUR },
          { certificate: 'o3', event: 'SKICKA', at: -2 * HOUR + 1_000 },
          { certificate: 'o4', event: 'SKAPAT', at: -4 * HOUR },
          { certificate: 'o1', event: 'KFSIGN', at: -22 * HOUR },
          { certificate: 'o2', event: 'KFSIGN', at: -8 * HOUR },
          { certificate: 'o3', event: 'KFSIGN', at: -2 * HOUR - MIN },
        ],
      },
    ],
  },
  {
    id: 'JR-O02',
    title: 'Catches up after FAILURE: calls ListCertificatesForCareWithQA v3 for the patient and unit, and then holds what it missed',
    source: 'integration-requirements.md §1.3 JR-O02 (and JR-S10: reconcile after an outage); ListCertificatesForCareWithQAResponder_3.3.xsd; docs/decisions/0020-questions-and-answers.md',
    sends: 'Webcert creates a LISJP (its SKAPAT goes out as usual); its ANDRAT and KFSIGN then end in FAILURE for the journal system (sent with an element the XSD does not allow, refused, never resent); then the journal system is asked to catch up through its catch-up trigger (POST {personId, unit, webcertUrl}).',
    judged:
      'A ListCertificatesForCareWithQA v3 request reaches the Webcert simulator after the trigger, valid against the XSD, for the certificate\'s patient and unit (enhets-id, or its care provider); where the journal system shows what it holds (GET /status-updates), the missed ANDRAT and KFSIGN are among it. Not judged without a catch-up trigger (--catch-up-trigger), nor when the journal system took the schema-invalid updates.',
    judge: 'catch-up',
    certificates: { behind: {} },
    steps: [
      {
        kind: 'catch-up',
        what: 'two updates end in FAILURE, then the journal system catches up',
        certificate: 'behind',
        missed: [
          { certificate: 'behind', event: 'ANDRAT', at: 1 * MIN },
          { certificate: 'behind', event: 'KFSIGN', at: 2 * MIN },
        ],
      },
    ],
  },
];
