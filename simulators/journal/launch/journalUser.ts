/**
 * A user of the journal system: creates drafts in Webcert with CreateDraftCertificate v3, as a
 * journal system does before it launches Webcert. (The launch form itself comes with the
 * browser flows.)
 */
import type { Clock } from '../../kit/clock/virtualClock.js';
import type { TrafficJournal } from '../../kit/journal/trafficJournal.js';
import { buildEnvelope } from '../../kit/soap/envelope.js';
import { callSoap, type SoapCallOutcome } from '../../kit/soap/soapClient.js';
import {
  buildCreateDraftCertificate,
  parseCreateDraftCertificateResponse,
  type CreateDraftInput,
  type CreateDraftResponseReading,
} from '../message/createDraftRequest.js';

const SOAP_ACTION = 'urn:riv:clinicalprocess:healthcond:certificate:CreateDraftCertificateResponder:3:CreateDraftCertificate';

export interface JournalUserOptions {
  clock: Clock;
  journal?: TrafficJournal;
  /** Webcert's CreateDraftCertificate v3 endpoint URL. */
  createDraftUrl: string;
  /** The logged-in user and unit in the journal. */
  user: { hsaId: string; fullName: string };
  unit: { hsaId: string; name: string };
  /** LogicalAddress of the call; default the unit's HSA-ID. */
  logicalAddress?: string;
  timeoutMs?: number;
}

/** What a create call gave back: the parsed answer, or why there was none. */
export type CreateDraftOutcome =
  | ({ kind: 'answer' } & CreateDraftResponseReading)
  | { kind: 'fault'; status: number; faultcode: string; faultstring: string }
  | { kind: 'failed'; message: string };

/** A journal-system user acting toward Webcert. */
export class JournalUser {
  constructor(private readonly options: JournalUserOptions) {}

  /** Sends CreateDraftCertificate v3 for a patient; never throws for a refusal. */
  async createDraft(input: Omit<CreateDraftInput, 'issuedBy' | 'unit'>): Promise<CreateDraftOutcome> {
    const o = this.options;
    const payload = buildCreateDraftCertificate({ ...input, issuedBy: o.user, unit: o.unit });
    const outcome = await callSoap({
      url: o.createDraftUrl,
      envelope: buildEnvelope(payload, o.logicalAddress ?? o.unit.hsaId),
      soapAction: SOAP_ACTION,
      fromParty: 'journal',
      toParty: 'webcert',
      operation: 'CreateDraftCertificate',
      timeoutMs: o.timeoutMs ?? 30_000,
      clock: o.clock,
      journal: o.journal,
      facts: { logicalAddress: o.logicalAddress ?? o.unit.hsaId, personId: input.patient.personId.replace(/\D/g, '') },
    });
    return readOutcome(outcome);
  }
}

function readOutcome(outcome: SoapCallOutcome): CreateDraftOutcome {
  if (outcome.kind === 'transport-error') return { kind: 'failed', message: outcome.message };
  if (outcome.fault) return { kind: 'fault', status: outcome.status, ...outcome.fault };
  if (!outcome.payload) return { kind: 'failed', message: `HTTP ${outcome.status}: ${outcome.unreadable ?? 'answer has no payload'}` };
  try {
    return { kind: 'answer', ...parseCreateDraftCertificateResponse(outcome.payload as never) };
  } catch (error) {
    return { kind: 'failed', message: `HTTP ${outcome.status}: ${error instanceof Error ? error.message : String(error)}` };
  }
}
