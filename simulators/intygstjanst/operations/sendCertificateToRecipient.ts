/**
 * Intygstjänsten's SendCertificateToRecipient v2 responder (`/send-certificate-to-recipient/v2.0`),
 * answering as the real one does (SendCertificateToRecipientResponderImpl, CertificateService,
 * CertificateSenderService): unknown certificate → ERROR/APPLICATION_ERROR "Unknown certificate
 * ID: X"; revoked → INFO; unknown recipient → APPLICATION_ERROR; already sent there → INFO; a
 * recipient not in the file for the type, or one that refuses (ERROR, SOAP fault) →
 * TECHNICAL_ERROR "Certificate 'X' couldn't be sent to recipient". Otherwise the stored
 * RegisterCertificate goes to the recipient's logical address and the certificate is marked SENT
 * (an INFO from the recipient counts as sent). A recipient that does not answer makes the
 * exception escape: a soap:Server fault, which Webcert's queue retries.
 */
import type { Element } from '@xmldom/xmldom';
import type { RequestHandler } from 'msw';
import { SEND_CERTIFICATE_TO_RECIPIENT_RESPONDER_NS as NS, TYPES_NS } from '../../kit/contracts/contracts.js';
import type { FieldPaths, ScannedFields } from '../../kit/soap/envelopeScan.js';
import { errorResult, OK } from '../../kit/soap/resultType.js';
import { soapOperationHandler, SoapRequestError, SoapServerFault } from '../../kit/soap/soapOperation.js';
import { childElement, childText } from '../../kit/xml/dom.js';
import { INTYGSTJANST_PARTY, INTYGSTJANST_PATHS, type IntygstjanstContext } from '../intygstjanstContext.js';
import { forwardFailure } from '../recipientClient.js';

/** What Intygstjänsten reads of a SendCertificateToRecipient (text trimmed, the person id's digits). */
export function readSendCertificate(payload: Element) {
  const id = childElement(payload, NS, 'intygs-id');
  const pid = childElement(payload, NS, 'patientPerson-id');
  const mottagare = childElement(payload, NS, 'mottagare');
  return {
    certificateId: id ? childText(id, TYPES_NS, 'extension') : undefined,
    personId: pid ? childText(pid, TYPES_NS, 'extension')?.replace(/\D/g, '') : undefined,
    recipientId: mottagare ? childText(mottagare, TYPES_NS, 'code') : undefined,
  };
}

/** The elements {@link readSendCertificate} reads, as paths for the lean envelope scan (0016, 0033). */
export const SEND_CERTIFICATE_FIELDS: FieldPaths = {
  certificateId: [[NS, 'intygs-id'], [TYPES_NS, 'extension']],
  personId: [[NS, 'patientPerson-id'], [TYPES_NS, 'extension']],
  recipientId: [[NS, 'mottagare'], [TYPES_NS, 'code']],
};

/** {@link readSendCertificate} from the scanned fields: the same values (text trimmed, the person id's digits). */
export function readSendCertificateFields(fields: ScannedFields): ReturnType<typeof readSendCertificate> {
  return {
    certificateId: fields.certificateId?.trim(),
    personId: fields.personId?.trim().replace(/\D/g, ''),
    recipientId: fields.recipientId?.trim(),
  };
}

export function sendCertificateToRecipientHandler(ctx: IntygstjanstContext): RequestHandler {
  return soapOperationHandler({
    party: INTYGSTJANST_PARTY,
    operation: 'SendCertificateToRecipient',
    path: INTYGSTJANST_PATHS.sendCertificateToRecipient,
    requestNs: NS,
    requestElement: 'SendCertificateToRecipient',
    responseNs: NS,
    responseElement: 'SendCertificateToRecipientResponse',
    badInput: 'soapFault',
    requireLogicalAddress: true,
    maxBodyBytes: ctx.maxBodyBytes,
    faults: ctx.faults,
    facts: (payload, logicalAddress) => {
      const r = readSendCertificate(payload);
      return { logicalAddress, certificateId: r.certificateId, personId: r.personId };
    },
    // Read by the bounded scan (0016, 0033); a request it leaves undecided is read into a DOM.
    lean: {
      fields: SEND_CERTIFICATE_FIELDS,
      facts: (fields, logicalAddress) => {
        const r = readSendCertificateFields(fields);
        return { logicalAddress, certificateId: r.certificateId, personId: r.personId };
      },
    },
    handle: async (context) => {
      const { certificateId, personId, recipientId } = context.fields ? readSendCertificateFields(context.fields) : readSendCertificate(context.payload);
      if (!certificateId || !personId || !recipientId) {
        throw new SoapRequestError('Unmarshalling Error: SendCertificateToRecipient needs intygs-id/extension, patientPerson-id/extension and mottagare/code');
      }
      const certificate = ctx.repository.get(certificateId);
      if (!certificate || certificate.personId !== personId) return { result: errorResult('APPLICATION_ERROR', `Unknown certificate ID: ${certificateId}`) };
      if (certificate.revoked) return { result: { resultCode: 'INFO', resultText: `Certificate '${certificateId}' has been revoked.` } };
      const recipient = ctx.recipients().find((r) => r.id === recipientId);
      if (!recipient) return { result: errorResult('APPLICATION_ERROR', `Unknown recipient ID: ${recipientId}`) };
      if (ctx.repository.sentTo(certificate).includes(recipientId)) {
        return { result: { resultCode: 'INFO', resultText: `Certificate '${certificateId}' already sent to '${recipientId}'.` } };
      }
      const couldNotSend = (why: string) => ({
        result: errorResult('TECHNICAL_ERROR', `Certificate '${certificateId}' couldn't be sent to recipient`),
        notes: { message: `Certificate '${certificateId}' couldn't be sent to recipient: ${why}` },
      });
      if (!recipient.active || !recipient.certificateTypes.includes(certificate.moduleId)) {
        return couldNotSend(`Recipient ${recipientId} is not available for certificate type ${certificate.moduleId}`);
      }
      const outcome = await ctx.client.registerCertificate(recipient.logicalAddress, certificate.document, { certificateId, personId });
      const failure = forwardFailure(outcome);
      if (failure?.kind === 'no-answer') {
        throw new SoapServerFault(`Certificate '${certificateId}' could not be delivered to ${recipient.name} (${recipient.logicalAddress}): ${failure.reason}`);
      }
      if (failure) return couldNotSend(`${recipient.name} (${recipient.logicalAddress}) answered ${failure.reason}`);
      certificate.states.push({ state: 'SENT', target: recipientId, at: ctx.clock.now() });
      ctx.repository.save(certificate);
      return { result: OK };
    },
  });
}
