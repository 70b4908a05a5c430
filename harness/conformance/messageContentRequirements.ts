/**
 * The conformance requirements on what the updates carry (integration-requirements.md §1.3 JR-S07
 * to JR-S09): relations and the launch's ref of certificates made inside Webcert, question events
 * with their counters, and patients with protected identity or a samordningsnummer.
 */
import type { ConformanceRequirement } from './requirementTypes.js';
import { DAY, HOUR, MIN, signedAndSent, STORED } from './suiteTerms.js';

/** Question counts (core:Arenden) as `[totalt, ejBesvarade, besvarade, hanterade]`. */
const q = (totalt: number, ejBesvarade: number, besvarade: number, hanterade: number) => ({ totalt, ejBesvarade, besvarade, hanterade });
const NONE = q(0, 0, 0, 0);

/** JR-S07 to JR-S09, in requirement order. */
export const MESSAGE_CONTENT_REQUIREMENTS: readonly ConformanceRequirement[] = [
  {
    id: 'JR-S07',
    title: 'SKAPAT for certificates made inside Webcert (renew, replace, complement, copy) with relation and the launch\'s ref',
    source: 'integration-requirements.md §1.3 JR-S07, §0.6; webcert-surfaces.md §7',
    sends: 'A signed and sent LISJP; then SKAPAT of four certificates made from it, with relation FRLANG, ERSATT, KOMPLT and KOPIA and the same ref.',
    judged: STORED,
    judge: 'each-stored',
    certificates: {
      parent: { ref: 'vardkontakt-4711' },
      renewal: { ref: 'vardkontakt-4711' },
      replacement: { ref: 'vardkontakt-4711' },
      complement: { ref: 'vardkontakt-4711' },
      copy: { ref: 'vardkontakt-4711' },
    },
    steps: [
      { kind: 'send', what: 'the parent certificate', order: 'in-turn', deliveries: signedAndSent('parent', 0) },
      {
        kind: 'send',
        what: 'SKAPAT with a relation to the parent',
        order: 'in-turn',
        deliveries: [
          { certificate: 'renewal', event: 'SKAPAT', at: 1 * HOUR, relation: { code: 'FRLANG', to: 'parent' } },
          { certificate: 'replacement', event: 'SKAPAT', at: 1 * HOUR + 1_000, relation: { code: 'ERSATT', to: 'parent' } },
          { certificate: 'complement', event: 'SKAPAT', at: 1 * HOUR + 2_000, relation: { code: 'KOMPLT', to: 'parent' } },
          { certificate: 'copy', event: 'SKAPAT', at: 1 * HOUR + 3_000, relation: { code: 'KOPIA', to: 'parent' } },
        ],
      },
    ],
  },
  {
    id: 'JR-S08',
    title: 'Question events: NYFRFM with ämne and last answer date, NYSVFM, NYFRFV, HANFRFM, HANFRFV, with the skickadeFragor/mottagnaFragor counters',
    source: 'integration-requirements.md §1.3 JR-S08; webcert-surfaces.md §4.2–4.3 (counted only for the question events and MAKULE; ämne and sistaDatumForSvar only for NYFRFM)',
    sends: 'A signed and sent LISJP; a question from the recipient of each subject (AVSTMN, KONTKT, OVRIGT, KOMPLT) and a reminder (PAMINN), each NYFRFM with ämne and sistaDatumForSvar; answers from care (HANFRFM); a question from care (NYFRFV), its answer from the recipient (NYSVFM) and its handling (HANFRFV); the KOMPLT closed by a complement (HANFRFM); counters as Webcert counts them.',
    judged: STORED,
    judge: 'each-stored',
    certificates: { qa: {} },
    steps: [
      { kind: 'send', what: 'the certificate the questions are about', order: 'in-turn', deliveries: signedAndSent('qa', 0) },
      {
        kind: 'send',
        what: 'questions from the recipient and answers from care, a question from care and its answer',
        order: 'in-turn',
        deliveries: [
          { certificate: 'qa', event: 'NYFRFM', at: 1 * HOUR, amne: 'AVSTMN', sistaDatumForSvar: '2026-03-20', questionsSent: NONE, questionsReceived: q(1, 1, 0, 0) },
          { certificate: 'qa', event: 'NYFRFM', at: 1 * HOUR + MIN, amne: 'KONTKT', sistaDatumForSvar: '2026-03-21', questionsSent: NONE, questionsReceived: q(2, 2, 0, 0) },
          { certificate: 'qa', event: 'HANFRFM', at: 2 * HOUR, handledBy: true, questionsSent: NONE, questionsReceived: q(2, 1, 0, 1) },
          { certificate: 'qa', event: 'NYFRFM', at: 2 * HOUR + MIN, amne: 'OVRIGT', sistaDatumForSvar: '2026-03-22', questionsSent: NONE, questionsReceived: q(3, 2, 0, 1) },
          { certificate: 'qa', event: 'HANFRFM', at: 3 * HOUR, handledBy: true, questionsSent: NONE, questionsReceived: q(3, 1, 0, 2) },
          { certificate: 'qa', event: 'HANFRFM', at: 3 * HOUR + MIN, handledBy: true, questionsSent: NONE, questionsReceived: q(3, 0, 0, 3) },
          { certificate: 'qa', event: 'NYFRFV', at: 4 * HOUR, handledBy: true, questionsSent: q(1, 1, 0, 0), questionsReceived: q(3, 0, 0, 3) },
          { certificate: 'qa', event: 'NYSVFM', at: 5 * HOUR, questionsSent: q(1, 0, 1, 0), questionsReceived: q(3, 0, 0, 3) },
          { certificate: 'qa', event: 'HANFRFV', at: 5 * HOUR + MIN, handledBy: true, questionsSent: q(1, 0, 0, 1), questionsReceived: q(3, 0, 0, 3) },
        ],
      },
      {
        kind: 'send',
        what: 'a KOMPLT and a reminder about it, closed by a signed complement',
        order: 'in-turn',
        deliveries: [
          { certificate: 'qa', event: 'NYFRFM', at: 6 * HOUR, amne: 'KOMPLT', sistaDatumForSvar: '2026-03-30', questionsSent: q(1, 0, 0, 1), questionsReceived: q(4, 1, 0, 3) },
          { certificate: 'qa', event: 'NYFRFM', at: 7 * HOUR, amne: 'PAMINN', sistaDatumForSvar: '2026-03-30', questionsSent: q(1, 0, 0, 1), questionsReceived: q(4, 1, 0, 3) },
          { certificate: 'qa', event: 'HANFRFM', at: DAY, handledBy: true, questionsSent: q(1, 0, 0, 1), questionsReceived: q(4, 0, 0, 4) },
        ],
      },
    ],
  },
  {
    id: 'JR-S09',
    title: 'Patient identity in messages: protected identity (surname "Skyddade personuppgifter", other name and address fields empty) and a samordningsnummer',
    source: 'integration-requirements.md §1.3 JR-S09, §2.4 (patient kinds); webcert-surfaces.md §4.2; protocols.md §4.4 (samordningsnummer root)',
    sends: 'SKAPAT, SIGNAT and SKICKA of a LISJP for a patient with protected identity, and of one for a patient with a samordningsnummer (person-id root 1.2.752.129.2.1.3.3).',
    judged: STORED,
    judge: 'each-stored',
    certificates: { protectedIdentity: { patient: 'protected-identity' }, samordningsnummer: { patient: 'samordningsnummer' } },
    steps: [
      { kind: 'send', what: 'a patient with protected identity', order: 'in-turn', deliveries: signedAndSent('protectedIdentity', 0) },
      { kind: 'send', what: 'a patient with a samordningsnummer', order: 'in-turn', deliveries: signedAndSent('samordningsnummer', 0) },
    ],
  },
];
