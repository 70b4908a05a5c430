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
import type { ConformanceRequirement, StatusUpdateSpec } from './requirementTypes.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const STORED = 'Every answer says the update is stored (OK, or INFO with a text), is a valid CertificateStatusUpdateForCareResponse (XSD) and comes within the answer bound.';

/** A draft's life up to signing and sending, as Webcert emits it (no ANDRAT: see JR-S05). */
function signedAndSent(certificate: string, start: number): StatusUpdateSpec[] {
  return [
    { certificate, event: 'SKAPAT', at: start },
    { certificate, event: 'SIGNAT', at: start + 3 * MIN },
    { certificate, event: 'SKICKA', at: start + 3 * MIN + 1_000 },
  ];
}

/** Question counts (core:Arenden) as `[totalt, ejBesvarade, besvarade, hanterade]`. */
const q = (totalt: number, ejBesvarade: number, besvarade: number, hanterade: number) => ({ totalt, ejBesvarade, besvarade, hanterade });
const NONE = q(0, 0, 0, 0);

const drafts = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6'];

/** The suite, in requirement order. */
export const JOURNAL_SYSTEM_REQUIREMENTS: readonly ConformanceRequirement[] = Object.freeze<ConformanceRequirement[]>([
  {
    id: 'JR-S01',
    title: 'A schema-valid CertificateStatusUpdateForCare v3 producer for every issuing unit as LogicalAddress',
    source: 'integration-requirements.md §1.3 JR-S01; protocols.md §4.3; webcert-surfaces.md §4.1',
    sends: 'SKAPAT for drafts on two units (LogicalAddress = each unit\'s HSA-ID): one with ref and the 3.2 extension hanteratAv, one of another type on a unit without arbetsplatskod ("TEMPORARY ARBETSPLATSKOD"), one without ref.',
    judged: STORED,
    judge: 'each-stored',
    certificates: { a: {}, b: { type: 'AG7804', unit: 1 }, c: { ref: null } },
    steps: [
      {
        kind: 'send',
        what: 'SKAPAT on each unit, v3.2 with and without hanteratAv and ref',
        order: 'in-turn',
        deliveries: [
          { certificate: 'a', event: 'SKAPAT', at: 0, handledBy: true },
          { certificate: 'b', event: 'SKAPAT', at: 10 },
          { certificate: 'c', event: 'SKAPAT', at: 20 },
        ],
      },
    ],
  },
  {
    id: 'JR-S02',
    title: 'Accepts every event code',
    source: 'integration-requirements.md §1.3 JR-S02; protocols.md §4.4; webcert-surfaces.md §4.3',
    sends: 'A LISJP through SKAPAT, ANDRAT, KFSIGN, SIGNAT, SKICKA and MAKULE; a second draft SKAPAT then RADERA.',
    judged: STORED,
    judge: 'each-stored',
    certificates: { lisjp: {}, draft: {} },
    steps: [
      {
        kind: 'send',
        what: 'every event code of today, in the order Webcert emits them',
        order: 'in-turn',
        deliveries: [
          { certificate: 'lisjp', event: 'SKAPAT', at: 0 },
          { certificate: 'lisjp', event: 'ANDRAT', at: 1 * MIN },
          { certificate: 'lisjp', event: 'KFSIGN', at: 2 * MIN },
          { certificate: 'lisjp', event: 'SIGNAT', at: 3 * MIN },
          { certificate: 'lisjp', event: 'SKICKA', at: 3 * MIN + 1_000 },
          { certificate: 'draft', event: 'SKAPAT', at: 5_000 },
          { certificate: 'draft', event: 'RADERA', at: 10 * MIN },
          { certificate: 'lisjp', event: 'MAKULE', at: 2 * HOUR },
        ],
      },
    ],
  },
  {
    id: 'JR-S03',
    title: 'Out of order: state from handelse/tidpunkt; events for a certificate not yet known are accepted',
    source: 'integration-requirements.md §1.3 JR-S03, §0.1; webcert-surfaces.md §4.4 (4 concurrent consumers)',
    sends: 'SIGNAT before KFSIGN before SKAPAT of one certificate; RADERA of a draft the journal has never heard of, then its SKAPAT; SKAPAT, SIGNAT and SKICKA of a third certificate all at once.',
    judged: `${STORED} In particular never VALIDATION_ERROR or APPLICATION_ERROR for an event that arrives early or late.`,
    judge: 'each-stored',
    certificates: { late: {}, unknown: {}, together: {} },
    steps: [
      {
        kind: 'send',
        what: 'newest first: SIGNAT, KFSIGN, SKAPAT',
        order: 'in-turn',
        deliveries: [
          { certificate: 'late', event: 'SIGNAT', at: 3 * MIN },
          { certificate: 'late', event: 'KFSIGN', at: 2 * MIN },
          { certificate: 'late', event: 'SKAPAT', at: 0 },
        ],
      },
      {
        kind: 'send',
        what: 'RADERA of an unknown draft, then its SKAPAT',
        order: 'in-turn',
        deliveries: [
          { certificate: 'unknown', event: 'RADERA', at: 10 * MIN },
          { certificate: 'unknown', event: 'SKAPAT', at: 0 },
        ],
      },
      { kind: 'send', what: 'SKAPAT, SIGNAT and SKICKA at the same moment', order: 'at-once', deliveries: signedAndSent('together', 0) },
    ],
  },
  {
    id: 'JR-S04',
    title: 'Duplicates: (intygs-id, handelsekod, tidpunkt) is the idempotency key; a resend is answered OK again',
    source: 'integration-requirements.md §1.3 JR-S04; webcert-surfaces.md §4.6 (the stored XML is resent, hanteratAv re-set)',
    sends: 'SKAPAT and SIGNAT; the stored SIGNAT again byte for byte (a resend after a lost answer); the same SIGNAT twice at once; the same SIGNAT with hanteratAv set again; the SKAPAT again after the certificate has moved on.',
    judged: `${STORED} A repeat is answered like the first delivery, never with an error.`,
    judge: 'each-stored',
    certificates: { f: {} },
    steps: [
      {
        kind: 'send',
        what: 'first deliveries',
        order: 'in-turn',
        deliveries: [
          { label: 'skapat', certificate: 'f', event: 'SKAPAT', at: 0 },
          { label: 'signat', certificate: 'f', event: 'SIGNAT', at: 3 * MIN },
        ],
      },
      { kind: 'send', what: 'the stored SIGNAT again, byte for byte', order: 'in-turn', deliveries: [{ resend: 'signat' }] },
      { kind: 'send', what: 'the same SIGNAT twice at once (two consumers)', order: 'at-once', deliveries: [{ resend: 'signat' }, { resend: 'signat' }] },
      { kind: 'send', what: 'the same SIGNAT with hanteratAv set again', order: 'in-turn', deliveries: [{ resend: 'signat', as: 'handledBy-reset' }] },
      { kind: 'send', what: 'the SKAPAT again, after the SIGNAT', order: 'in-turn', deliveries: [{ resend: 'skapat' }] },
    ],
  },
  {
    id: 'JR-S05',
    title: 'ANDRAT from autosave: bursts at the end of Webcert\'s aggregation window, and no ANDRAT before a SIGNAT',
    source: 'integration-requirements.md §1.3 JR-S05; webcert-surfaces.md §4.4 (5-min batches, newest ANDRAT per certificate)',
    sends: `SKAPAT for ${drafts.length} drafts; one ANDRAT per draft all at once (a window closing), then again (the next window); a draft signed with no ANDRAT at all.`,
    judged: STORED,
    judge: 'each-stored',
    certificates: { ...Object.fromEntries(drafts.map((d) => [d, {}])), quick: {} },
    steps: [
      { kind: 'send', what: 'SKAPAT for each draft', order: 'in-turn', deliveries: drafts.map((d, i) => ({ certificate: d, event: 'SKAPAT', at: i })) },
      { kind: 'send', what: 'ANDRAT burst: one window closes', order: 'at-once', deliveries: drafts.map((d, i) => ({ certificate: d, event: 'ANDRAT', at: 5 * MIN + i })) },
      { kind: 'send', what: 'ANDRAT burst: the next window closes', order: 'at-once', deliveries: drafts.map((d, i) => ({ certificate: d, event: 'ANDRAT', at: 10 * MIN + i })) },
      {
        kind: 'send',
        what: 'SKAPAT then SIGNAT with no ANDRAT between',
        order: 'in-turn',
        deliveries: [
          { certificate: 'quick', event: 'SKAPAT', at: 0 },
          { certificate: 'quick', event: 'SIGNAT', at: 4 * MIN },
        ],
      },
    ],
  },
  {
    id: 'JR-S06',
    title: 'Answers quickly and correctly: OK when stored, ERROR TECHNICAL_ERROR only when temporarily unable, never a permanent error for a transient state',
    source: 'integration-requirements.md §1.3 JR-S06, §0.2; webcert-surfaces.md §4.5 (result classification)',
    sends: 'SKAPAT, KFSIGN and SIGNAT of one certificate; and it judges every answer of the whole run.',
    judged:
      'Its own answers as the others. Every answer of the run keeps to the resultCode semantics: OK, INFO with a text, or ERROR TECHNICAL_ERROR (Webcert resends); never a SOAP Fault, VALIDATION_ERROR, APPLICATION_ERROR, REVOKED or ERROR without errorId (Webcert gives the update up); a valid response; within the answer bound.',
    judge: 'whole-run',
    certificates: { t: {} },
    steps: [
      {
        kind: 'send',
        what: 'an ordinary certificate',
        order: 'in-turn',
        deliveries: [
          { certificate: 't', event: 'SKAPAT', at: 0 },
          { certificate: 't', event: 'KFSIGN', at: 2 * MIN },
          { certificate: 't', event: 'SIGNAT', at: 3 * MIN },
        ],
      },
    ],
  },
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
