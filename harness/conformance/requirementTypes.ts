/**
 * The shape of the journal-system conformance suite as data: a requirement (an ID from
 * integration-requirements.md §1.3), the certificates it speaks about, the status updates it has
 * Webcert send (in order, or several at once), and how the answers are judged.
 *
 * Adding a requirement is adding an entry to the file of its group (`exchangeRequirements.ts`,
 * `messageContentRequirements.ts`, `recoveryRequirements.ts`; the suite's order is in
 * `requirements.ts`); adding an event code needs no code here (question events carry their
 * counters in {@link StatusUpdateSpec}).
 */
import type { Arenden, HandelseKod } from '../../simulators/webcert/message/statusUpdateMessage.js';
import type { IntygRelation } from '../../simulators/webcert/message/intygXml.js';

/** Which kind of patient a certificate is written for. */
export type PatientKind =
  /** An ordinary patient with a personnummer. */
  | 'personnummer'
  /** A patient with a samordningsnummer (day + 60; root 1.2.752.129.2.1.3.3). */
  | 'samordningsnummer'
  /** Protected identity (sekretessmarkering): Webcert sends surname "Skyddade personuppgifter" and empty name and address fields. */
  | 'protected-identity';

/** A certificate a requirement talks about; each run gives it a fresh id. */
export interface CertificateSpec {
  /** KV intygstyp code; default `LISJP`. */
  type?: string;
  /** Index of the issuing unit in the topology's directory (its HSA-ID is the LogicalAddress); default 0. */
  unit?: number;
  /** Default `personnummer`. */
  patient?: PatientKind;
  /** The journal's reference echoed in every update; default a reference made from the name. */
  ref?: string | null;
}

/** One status update Webcert sends: an event on a certificate at a point in (virtual) time. */
export interface StatusUpdateSpec {
  /** Name under which a later {@link ResendSpec} finds this message. */
  label?: string;
  /** Name of the certificate in {@link ConformanceRequirement.certificates}. */
  certificate: string;
  event: HandelseKod;
  /** handelse/tidpunkt: milliseconds after the requirement's start (negative = in the past). */
  at: number;
  /** Send `hanteratAv` (the 3.2 extension) with the issuing doctor's HSA-ID. */
  handledBy?: boolean;
  /** This certificate was made from another one (renew, replace, complement, copy). */
  relation?: { code: IntygRelation['code']; to: string };
  questionsSent?: Arenden;
  questionsReceived?: Arenden;
  /** kv_ämne code; Webcert writes it for NYFRFM only. */
  amne?: string;
  /** `YYYY-MM-DD`; Webcert writes it for NYFRFM only. */
  sistaDatumForSvar?: string;
}

/** The same event delivered again, as Webcert's redelivery does. */
export interface ResendSpec {
  /** Label of the earlier message. */
  resend: string;
  /**
   * `identical` (default): the stored message byte for byte. `handledBy-reset`: the same event
   * (same key) with `hanteratAv` set again, as Webcert re-sets it on redelivery.
   */
  as?: 'identical' | 'handledBy-reset';
}

export type Delivery = StatusUpdateSpec | ResendSpec;

/** One step of a requirement. */
export interface SendStep {
  kind: 'send';
  /** What this step is, in words for the report. */
  what: string;
  /** Sent one after another (each answered before the next), or all at once. */
  order: 'in-turn' | 'at-once';
  deliveries: Delivery[];
}

/**
 * The journal system's catch-up (ListCertificatesForCareWithQA v3): Webcert creates the
 * certificate (its SKAPAT goes out through Webcert's own path and is judged like any answer),
 * the `missed` updates end in FAILURE for the journal system, then the suite asks the journal
 * system to catch up through its catch-up trigger and watches what reaches Webcert.
 */
export interface CatchUpStep {
  kind: 'catch-up';
  what: string;
  /** Name of the certificate in {@link ConformanceRequirement.certificates}. */
  certificate: string;
  /** Updates of that certificate the journal system misses (they end in FAILURE). */
  missed: StatusUpdateSpec[];
}

export type ConformanceStep = SendStep | CatchUpStep;

/**
 * How a requirement's answers are judged.
 * - `each-stored`: every answer to its own messages says the update is stored (OK, or INFO with a
 *   text), is a valid CertificateStatusUpdateForCareResponse and came within the answer bound.
 * - `whole-run`: as `each-stored` for its own messages; and every answer of the whole run keeps
 *   to the resultCode semantics (never a SOAP Fault, VALIDATION_ERROR, APPLICATION_ERROR, REVOKED
 *   or ERROR without errorId; TECHNICAL_ERROR is allowed) within the bound.
 * - `catch-up`: its {@link CatchUpStep} was followed by a schema-valid ListCertificatesForCareWithQA
 *   v3 request at Webcert for the certificate's patient and unit, and the journal system then holds
 *   the missed events (where it shows what it holds); not judged without a catch-up trigger.
 */
export type JudgeName = 'each-stored' | 'whole-run' | 'catch-up';

/** One requirement of the suite. */
export interface ConformanceRequirement {
  /** ID from integration-requirements.md, e.g. `JR-S03`. */
  id: string;
  title: string;
  /** Where the requirement comes from. */
  source: string;
  /** What is sent, in words. */
  sends: string;
  /** How the answers are judged, in words. */
  judged: string;
  judge: JudgeName;
  certificates: Record<string, CertificateSpec>;
  steps: ConformanceStep[];
}

/** True when `d` repeats an earlier message. */
export function isResend(d: Delivery): d is ResendSpec {
  return 'resend' in d;
}
