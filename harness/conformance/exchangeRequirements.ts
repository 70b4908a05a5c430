/**
 * The conformance requirements on the exchange itself (integration-requirements.md §1.3 JR-S01 to
 * JR-S06): a producer on every unit, every event code, any order, repeats, ANDRAT bursts, and
 * answers that keep to the resultCode semantics (JR-S06 judges every answer of the run).
 */
import type { ConformanceRequirement } from './requirementTypes.js';
import { HOUR, MIN, signedAndSent, STORED } from './suiteTerms.js';

const drafts = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6'];

/** JR-S01 to JR-S06, in requirement order. */
export const EXCHANGE_REQUIREMENTS: readonly ConformanceRequirement[] = [
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
];
