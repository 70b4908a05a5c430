/**
 * Intygstjänsten's checks of a message before it forwards it, in the real validators' order and
 * words (SendMessageToCareValidator, CSSendMessageToCareValidator, SendMessageToRecipientValidator).
 *
 * SendMessageToCare (from a recipient): the sender's part code must be a recipient it knows, the
 * subject one of kv_ämne, an answer has no last answer date, only a KOMPLT has `komplettering`,
 * the meddelande-id is new, a reminder (PAMINN) names a message it holds, an answer (`svarPa`)
 * refers to a message it holds with the same subject; a certificate it does not hold is looked
 * for in the Certificate Service, which is not simulated, so it is CERTIFICATE_NOT_FOUND_ERROR;
 * one it holds must be the patient's. Any error: ERROR/VALIDATION_ERROR "Validation of
 * SendMessageToCare failed for message with question id … and certificate id …. [errors]".
 *
 * SendMessageToRecipient (from care): the subject, a last answer date only on a question, a new
 * meddelande-id, a reminder's and an answer's references (same subject); then the certificate:
 * unknown → ERROR/APPLICATION_ERROR "Intyg does not exist" (whatever else was wrong); another
 * patient's, or never sent to a recipient → errors. Any error: ERROR/VALIDATION_ERROR "[errors]".
 */
import type { Element } from '@xmldom/xmldom';
import { CORE_NS, TYPES_NS } from '../../kit/contracts/contracts.js';
import { errorResult, type Result } from '../../kit/soap/resultType.js';
import { childElement, childElements, childText } from '../../kit/xml/dom.js';
import type { StoredCertificate } from '../certificateRepository.js';
import type { MessageDirection, MessageRepository } from '../messageRepository.js';
import type { Recipient } from '../recipients.js';

/** kv_ämne, the subjects Intygstjänsten accepts (SendMessageToCareValidator.Amneskod). */
const AMNESKODER = ['KOMPLT', 'AVSTMN', 'KONTKT', 'OVRIGT', 'PAMINN'];

/** What the checks and the store read from a SendMessageTo… element. */
export interface MessageFacts {
  meddelandeId?: string;
  referensId?: string;
  certificateId?: string;
  /** Digits only. */
  personId?: string;
  logiskAdressMottagare?: string;
  amne?: string;
  svarPa?: string;
  paminnelseMeddelandeId?: string;
  sistaDatumForSvar?: string;
  kompletteringar: number;
  /** `skickatAv/part/code` (SendMessageToCare only). */
  part?: string;
}

/** Reads a SendMessageToCare or SendMessageToRecipient element (`ns` its responder namespace). */
export function readMessage(payload: Element, ns: string): MessageFacts {
  const ext = (name: string) => {
    const e = childElement(payload, ns, name);
    return e ? childText(e, TYPES_NS, 'extension')?.trim() : undefined;
  };
  const amne = childElement(payload, ns, 'amne');
  const svarPa = childElement(payload, ns, 'svarPa');
  const part = childElement(payload, ns, 'skickatAv');
  const partEl = part ? childElement(part, ns, 'part') : undefined;
  return {
    meddelandeId: childText(payload, ns, 'meddelande-id')?.trim(),
    referensId: childText(payload, ns, 'referens-id')?.trim() || undefined,
    certificateId: ext('intygs-id'),
    personId: ext('patientPerson-id')?.replace(/\D/g, ''),
    logiskAdressMottagare: childText(payload, ns, 'logiskAdressMottagare')?.trim(),
    amne: amne ? childText(amne, TYPES_NS, 'code')?.trim() : undefined,
    svarPa: svarPa ? childText(svarPa, CORE_NS, 'meddelande-id')?.trim() : undefined,
    paminnelseMeddelandeId: childText(payload, ns, 'paminnelseMeddelande-id')?.trim() || undefined,
    sistaDatumForSvar: childText(payload, ns, 'sistaDatumForSvar')?.trim() || undefined,
    kompletteringar: childElements(payload, ns, 'komplettering').length,
    part: partEl ? childText(partEl, TYPES_NS, 'code')?.trim() : undefined,
  };
}

/** What the checks look things up in. */
export interface MessageCheckContext {
  messages: MessageRepository;
  certificate(certificateId: string): StoredCertificate | undefined;
  recipients(): readonly Recipient[];
}

const javaList = (errors: readonly string[]) => `[${errors.join(', ')}]`;

/** SendMessageToCareValidator.validateSendMessageToCare: the errors, in its order. */
function careErrors(m: MessageFacts, ctx: MessageCheckContext): string[] {
  const errors: string[] = [];
  if (!m.part || !ctx.recipients().some((r) => r.id === m.part)) errors.push(`SkickatAv part code ${m.part} is not valid`);
  if (!m.amne || !AMNESKODER.includes(m.amne)) {
    errors.push('SUBJECT_NOT_SUPPORTED_ERROR', ` The supplied certificate subject is invalid. Supported subjects are ${AMNESKODER.join(', ')}`);
  }
  if (m.sistaDatumForSvar && m.svarPa) {
    errors.push('MESSAGE_TYPE_CONSISTENCY_ERROR', ` Message concerning certificate id ${m.certificateId} is an answer to a questionand should not specify a last date of reply 'sistaSvarsDatum'.`);
  }
  if (m.amne !== 'KOMPLT' && m.kompletteringar > 0) errors.push('KOMPLETTERING_INCONSISTENCY_ERROR');
  if (!m.meddelandeId || ctx.messages.byMessageId(m.meddelandeId)) errors.push('MEDDELANDE_ID_NOT_UNIQUE_ERROR', 'Meddelande-id is not a GUID');
  const paminn = m.amne === 'PAMINN';
  if ((!paminn && m.paminnelseMeddelandeId) || (paminn && !m.paminnelseMeddelandeId)) errors.push('PAMINNELSE_ID_INCONSISTENCY_ERROR');
  if (paminn && m.paminnelseMeddelandeId && !ctx.messages.byMessageId(m.paminnelseMeddelandeId)) errors.push('REFERENCED_MESSAGE_NOT_FOUND_ERROR');
  if (m.svarPa) {
    const asked = ctx.messages.byMessageId(m.svarPa);
    if (!asked) errors.push('REFERENCED_MESSAGE_NOT_FOUND_ERROR');
    else if (asked.amne !== m.amne && !(paminn && m.paminnelseMeddelandeId)) {
      errors.push('SUBJECT_CONSISTENCY_ERROR', ` Message with meddelandeId ${m.svarPa} referenced by reply message with id ${m.meddelandeId} regarding certificate with id ${m.certificateId}`);
    }
  }
  const certificate = ctx.certificate(m.certificateId ?? '');
  // Not held here: the Certificate Service is asked (CSSendMessageToCareValidator); it is not simulated, so it holds none.
  if (!certificate) errors.push('CERTIFICATE_NOT_FOUND_ERROR');
  else if (certificate.personId !== m.personId) errors.push('CIVIC_REGISTRATION_NUMBER_INCONSISTENCY_ERROR');
  return errors;
}

/** SendMessageToRecipientValidator.validate: the errors, or the certificate's absence. */
function recipientErrors(m: MessageFacts, ctx: MessageCheckContext): string[] | 'unknown-certificate' {
  const errors: string[] = [];
  if (!m.amne || !AMNESKODER.includes(m.amne)) errors.push('Invalid amneskod');
  const question = !m.svarPa && !m.paminnelseMeddelandeId;
  if (m.sistaDatumForSvar && !question) errors.push('SistaDatumForSvar is only valid on Questions');
  if (m.meddelandeId && ctx.messages.byMessageId(m.meddelandeId)) errors.push('MeddelandeId is not globally unique');
  const paminn = m.amne === 'PAMINN';
  if (m.paminnelseMeddelandeId && !paminn) errors.push('paminnelseMeddelandeId should only be present if amne is PAMINN');
  else if (paminn && !m.paminnelseMeddelandeId) errors.push('PAMINN should define paminnelseMeddelandeId');
  else if (m.paminnelseMeddelandeId && !ctx.messages.byMessageId(m.paminnelseMeddelandeId)) errors.push('Paminnelse Meddelande does not exist');
  if (m.svarPa) {
    const asked = ctx.messages.byMessageId(m.svarPa);
    if (!asked) errors.push('SvarPa Meddelande does not exist');
    else if (m.amne && m.amne !== asked.amne) errors.push('Svar amne is not consistent with question');
  }
  const certificate = ctx.certificate(m.certificateId ?? '');
  if (!certificate) return 'unknown-certificate';
  if (certificate.personId !== m.personId) errors.push('PatientPersonId is not consistent with certificate');
  if (!certificate.states.some((s) => s.state === 'SENT')) errors.push('Certificate is not sent to recipient');
  return errors;
}

/** Intygstjänsten's answer when a message does not pass its checks, or undefined when it may be forwarded. */
export function refusalOf(direction: MessageDirection, m: MessageFacts, ctx: MessageCheckContext): Result | undefined {
  if (direction === 'SendMessageToCare') {
    const errors = careErrors(m, ctx);
    if (!errors.length) return undefined;
    return errorResult('VALIDATION_ERROR', `Validation of SendMessageToCare failed for message with question id ${m.meddelandeId} and certificate id ${m.certificateId}. ${javaList(errors)}`);
  }
  const errors = recipientErrors(m, ctx);
  if (errors === 'unknown-certificate') return errorResult('APPLICATION_ERROR', 'Intyg does not exist');
  return errors.length ? errorResult('VALIDATION_ERROR', javaList(errors)) : undefined;
}
