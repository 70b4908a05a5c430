/**
 * A recipient's SendMessageToRecipient v2 producer (what Intygstjänsten forwards a question or an
 * answer from care to): files the message in the inbox. A message about a certificate the recipient
 * never received is ERROR/APPLICATION_ERROR; one it already has (same meddelande-id) is INFO.
 */
import type { RequestHandler } from 'msw';
import { CONTRACTS, CORE_NS, SEND_MESSAGE_TO_RECIPIENT_RESPONDER_NS as NS, TYPES_NS } from '../../kit/contracts/contracts.js';
import { errorResult, OK } from '../../kit/soap/resultType.js';
import { soapOperationHandler, SoapRequestError } from '../../kit/soap/soapOperation.js';
import { childElement, childText } from '../../kit/xml/dom.js';
import type { Element } from '@xmldom/xmldom';
import { requireOwnAddress, type RecipientReceiverOptions } from './registerCertificateReceiver.js';

/** What a recipient reads of a SendMessageToRecipient request. */
export function readSendMessageToRecipient(payload: Element) {
  const ext = (name: string) => {
    const e = childElement(payload, NS, name);
    return e ? childText(e, TYPES_NS, 'extension')?.trim() : undefined;
  };
  const amne = childElement(payload, NS, 'amne');
  const svarPa = childElement(payload, NS, 'svarPa');
  return {
    meddelandeId: childText(payload, NS, 'meddelande-id')?.trim(),
    certificateId: ext('intygs-id'),
    personId: ext('patientPerson-id')?.replace(/\D/g, ''),
    amne: amne ? childText(amne, TYPES_NS, 'code') : undefined,
    meddelande: childText(payload, NS, 'meddelande'),
    svarPa: svarPa ? childText(svarPa, CORE_NS, 'meddelande-id')?.trim() : undefined,
  };
}

export function sendMessageToRecipientReceiverHandler(o: RecipientReceiverOptions): RequestHandler {
  const { profile } = o;
  return soapOperationHandler({
    party: profile.party,
    operation: 'SendMessageToRecipient',
    path: CONTRACTS.SendMessageToRecipient.endpointPath,
    requestNs: NS,
    requestElement: 'SendMessageToRecipient',
    responseNs: NS,
    responseElement: 'SendMessageToRecipientResponse',
    badInput: 'soapFault',
    requireLogicalAddress: true,
    maxBodyBytes: o.maxBodyBytes,
    faults: o.faults,
    facts: (payload, logicalAddress) => {
      const r = readSendMessageToRecipient(payload);
      return { logicalAddress, certificateId: r.certificateId, personId: r.personId, messageId: r.meddelandeId };
    },
    handle: ({ payload, logicalAddress, rawBody }) => {
      requireOwnAddress(profile, logicalAddress);
      const r = readSendMessageToRecipient(payload);
      if (!r.meddelandeId || !r.certificateId || !r.personId || !r.amne || r.meddelande === undefined) {
        throw new SoapRequestError('Unmarshalling Error: SendMessageToRecipient needs meddelande-id, intygs-id, patientPerson-id, amne and meddelande');
      }
      if (o.inbox.status(r.certificateId) === 'unknown') {
        return { result: errorResult('APPLICATION_ERROR', `Certificate ${r.certificateId} was never received by ${profile.name}`) };
      }
      if (o.inbox.list({ kind: 'SendMessageToRecipient', certificateId: r.certificateId }).some((m) => m.meddelandeId === r.meddelandeId)) {
        return { result: { resultCode: 'INFO', resultText: `Message ${r.meddelandeId} already received.` } };
      }
      o.inbox.add({
        kind: 'SendMessageToRecipient',
        receivedAt: o.clock.now(),
        certificateId: r.certificateId,
        personId: r.personId,
        logicalAddress: logicalAddress!,
        meddelandeId: r.meddelandeId,
        amne: r.amne,
        svarPa: r.svarPa,
        meddelande: r.meddelande,
        xml: rawBody,
      });
      return { result: OK };
    },
  });
}
