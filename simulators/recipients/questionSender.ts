/**
 * A recipient's questions, reminders and answers to care: SendMessageToCare v2 (responder XSD 2.0)
 * to Intygstjänsten, which forwards it to the care system at `logiskAdressMottagare` (the unit the
 * certificate was issued on, unless told otherwise). Every subject (AVSTMN, KONTKT, OVRIGT, PAMINN,
 * KOMPLT) and a last answer date can be given.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../kit/clock/virtualClock.js';
import { CONTRACTS, CORE_NS, KV_AMNE, KV_PART, SEND_MESSAGE_TO_CARE_RESPONDER_NS as NS, TYPES_NS, personIdRoot } from '../kit/contracts/contracts.js';
import type { TrafficJournal } from '../kit/journal/trafficJournal.js';
import type { Result } from '../kit/soap/resultType.js';
import { buildEnvelope } from '../kit/soap/envelope.js';
import { callSoap } from '../kit/soap/soapClient.js';
import { textElement as t } from '../kit/xml/xmlText.js';
import type { RecipientInbox } from './recipientInbox.js';
import type { RecipientProfile } from './recipientProfiles.js';

/** Subjects of kv_ämne, with the display names Webcert uses. */
export const AMNE_NAMES: Readonly<Record<string, string>> = { AVSTMN: 'Avstämningsmöte', KONTKT: 'Kontakt', OVRIGT: 'Övrigt', PAMINN: 'Påminnelse', KOMPLT: 'Komplettering' };

/** What the recipient's desk asks, reminds or answers. */
export interface MessageToCare {
  certificateId: string;
  amne: string;
  meddelande: string;
  rubrik?: string;
  /** `YYYY-MM-DD`. */
  sistaDatumForSvar?: string;
  /** meddelande-id of the question from care this answers. */
  svarPa?: string;
  /** meddelande-id of the question this reminds about (PAMINN). */
  paminnelseMeddelandeId?: string;
  /** For KOMPLT: which questions of the form are to be completed, and what is asked. */
  komplettering?: { frageId: string; instans?: number; text: string }[];
  /** Default: the unit HSA-ID of the certificate the recipient received. */
  logiskAdressMottagare?: string;
  /** Default: a new UUID. */
  meddelandeId?: string;
}

/** Where Intygstjänsten takes SendMessageToCare, as the platform routes it. */
export interface IntygstjanstEndpoint {
  url: string;
  logicalAddress: string;
}

/** A refusal before anything was sent, with what to do. */
export class MessageToCareError extends Error {
  override readonly name = 'MessageToCareError';
}

const AMNEN = Object.keys(AMNE_NAMES);
const ii = (name: string, root: string, extension: string) => `<${name}>${t('types:root', root)}${t('types:extension', extension)}</${name}>`;

/** Checks a message and fills its defaults from the certificate the recipient holds. */
export function prepareMessageToCare(m: MessageToCare, profile: RecipientProfile, inbox: RecipientInbox): Required<Pick<MessageToCare, 'meddelandeId' | 'logiskAdressMottagare'>> & MessageToCare & { personId: string } {
  if (!AMNEN.includes(m.amne)) throw new MessageToCareError(`amne must be one of ${AMNEN.join(', ')}, not "${m.amne}"`);
  if (typeof m.meddelande !== 'string' || !m.meddelande.trim()) throw new MessageToCareError('meddelande must be a non-empty text');
  if (m.sistaDatumForSvar !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(m.sistaDatumForSvar)) throw new MessageToCareError(`sistaDatumForSvar must be a date YYYY-MM-DD, not "${m.sistaDatumForSvar}"`);
  const personId = inbox.personOf(m.certificateId);
  if (!personId) throw new MessageToCareError(`${profile.name} has not received certificate ${m.certificateId}; send it to ${profile.id} first`);
  const registered = inbox.list({ kind: 'RegisterCertificate', certificateId: m.certificateId })[0];
  const unit = /enhets-id>[\s\S]*?extension>([^<]+)</.exec(registered?.xml ?? '')?.[1];
  const logiskAdressMottagare = m.logiskAdressMottagare ?? unit;
  if (!logiskAdressMottagare) throw new MessageToCareError(`no unit found on certificate ${m.certificateId}; give logiskAdressMottagare`);
  return { ...m, personId, logiskAdressMottagare, meddelandeId: m.meddelandeId ?? randomUUID() };
}

/** The SendMessageToCare element. */
export function buildSendMessageToCare(m: ReturnType<typeof prepareMessageToCare>, profile: RecipientProfile, sentAt: number): string {
  return (
    `<ns2:SendMessageToCare xmlns:ns2="${NS}" xmlns:core="${CORE_NS}" xmlns:types="${TYPES_NS}">` +
    t('ns2:meddelande-id', m.meddelandeId) +
    t('ns2:skickatTidpunkt', new Date(sentAt).toISOString().slice(0, 19)) +
    ii('ns2:intygs-id', m.logiskAdressMottagare, m.certificateId) +
    ii('ns2:patientPerson-id', personIdRoot(m.personId), m.personId) +
    t('ns2:logiskAdressMottagare', m.logiskAdressMottagare) +
    `<ns2:amne>${t('types:code', m.amne)}${t('types:codeSystem', KV_AMNE)}${t('types:displayName', AMNE_NAMES[m.amne]!)}</ns2:amne>` +
    (m.rubrik ? t('ns2:rubrik', m.rubrik) : '') +
    t('ns2:meddelande', m.meddelande) +
    (m.paminnelseMeddelandeId ? t('ns2:paminnelseMeddelande-id', m.paminnelseMeddelandeId) : '') +
    (m.svarPa ? `<ns2:svarPa>${t('core:meddelande-id', m.svarPa)}</ns2:svarPa>` : '') +
    `<ns2:skickatAv><ns2:part>${t('types:code', profile.id)}${t('types:codeSystem', KV_PART)}${t('types:displayName', profile.name)}</ns2:part></ns2:skickatAv>` +
    (m.komplettering ?? [])
      .map((k) => `<ns2:komplettering>${t('ns2:frage-id', k.frageId)}${k.instans !== undefined ? t('ns2:instans', String(k.instans)) : ''}${t('ns2:text', k.text)}</ns2:komplettering>`)
      .join('') +
    (m.sistaDatumForSvar ? t('ns2:sistaDatumForSvar', m.sistaDatumForSvar) : '') +
    '</ns2:SendMessageToCare>'
  );
}

/**
 * Sends a message to care through Intygstjänsten and says how it went.
 * @throws {MessageToCareError} when the message is wrong or the recipient does not hold the certificate.
 */
export async function sendMessageToCare(
  m: MessageToCare,
  o: { profile: RecipientProfile; inbox: RecipientInbox; clock: Clock; journal?: TrafficJournal; intygstjanst: IntygstjanstEndpoint; timeoutMs?: number },
): Promise<{ meddelandeId: string; result?: Result; problem?: string }> {
  const prepared = prepareMessageToCare(m, o.profile, o.inbox);
  const outcome = await callSoap({
    url: o.intygstjanst.url,
    envelope: buildEnvelope(buildSendMessageToCare(prepared, o.profile, o.clock.now()), o.intygstjanst.logicalAddress),
    soapAction: CONTRACTS.SendMessageToCare.soapAction,
    fromParty: o.profile.party,
    toParty: 'intygstjanst',
    operation: 'SendMessageToCare',
    timeoutMs: o.timeoutMs ?? 60_000,
    clock: o.clock,
    journal: o.journal,
    facts: { certificateId: m.certificateId, personId: prepared.personId, logicalAddress: o.intygstjanst.logicalAddress, messageId: prepared.meddelandeId },
  });
  if (outcome.kind === 'transport-error') return { meddelandeId: prepared.meddelandeId, problem: `${outcome.code}: ${outcome.message}` };
  if (outcome.fault) return { meddelandeId: prepared.meddelandeId, problem: `SOAP fault ${outcome.fault.faultcode}: ${outcome.fault.faultstring}` };
  return { meddelandeId: prepared.meddelandeId, result: outcome.result, problem: outcome.result ? undefined : `HTTP ${outcome.status} without a result` };
}
