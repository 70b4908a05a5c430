/**
 * Intygstjänsten's two message responders (webcert-surfaces.md §5.2): SendMessageToRecipient v2
 * (`/send-message-to-recipient/v2.0`, a question or answer from care) forwarded to the recipient
 * at `logiskAdressMottagare`, and SendMessageToCare v2 (`/send-message-to-care/v2.0`, a question
 * or answer from a recipient) forwarded to the care system at `logiskAdressMottagare`
 * (SendMessageTo…ResponderImpl). Each message is first checked as the real validators check it
 * (messageChecks.ts: unknown certificate, a meddelande-id already held, references to messages it
 * does not hold); a refused one goes nowhere. Otherwise the receiver's own answer goes back as it
 * is, and unless it is ERROR the message is stored (messageRepository.ts, the ARENDE table). A
 * receiver that cannot be reached makes a SOAP fault, which the sender retries.
 */
import type { RequestHandler } from 'msw';
import { serializeStandalone } from '../../kit/contracts/standaloneElement.js';
import { SEND_MESSAGE_TO_CARE_RESPONDER_NS, SEND_MESSAGE_TO_RECIPIENT_RESPONDER_NS } from '../../kit/contracts/contracts.js';
import { errorResult } from '../../kit/soap/resultType.js';
import { soapOperationHandler, SoapRequestError, SoapServerFault } from '../../kit/soap/soapOperation.js';
import { INTYGSTJANST_PARTY, INTYGSTJANST_PATHS, type IntygstjanstContext } from '../intygstjanstContext.js';
import type { MessageDirection } from '../messageRepository.js';
import { forwardFailure } from '../recipientClient.js';
import { readMessage, refusalOf } from './messageChecks.js';

function messageHandler(ctx: IntygstjanstContext, operation: MessageDirection): RequestHandler {
  const ns = operation === 'SendMessageToCare' ? SEND_MESSAGE_TO_CARE_RESPONDER_NS : SEND_MESSAGE_TO_RECIPIENT_RESPONDER_NS;
  return soapOperationHandler({
    party: INTYGSTJANST_PARTY,
    operation,
    path: operation === 'SendMessageToCare' ? INTYGSTJANST_PATHS.sendMessageToCare : INTYGSTJANST_PATHS.sendMessageToRecipient,
    requestNs: ns,
    requestElement: operation,
    responseNs: ns,
    responseElement: `${operation}Response`,
    badInput: 'resultType',
    requireLogicalAddress: true,
    maxBodyBytes: ctx.maxBodyBytes,
    faults: ctx.faults,
    facts: (payload, logicalAddress) => {
      const r = readMessage(payload, ns);
      return { logicalAddress, certificateId: r.certificateId, personId: r.personId, messageId: r.meddelandeId };
    },
    handle: async ({ payload }) => {
      const r = readMessage(payload, ns);
      if (!r.meddelandeId || !r.certificateId || !r.personId || !r.logiskAdressMottagare || !r.amne) {
        throw new SoapRequestError(`Validation of ${operation} failed: meddelande-id, intygs-id, patientPerson-id, logiskAdressMottagare and amne are required`);
      }
      const refused = refusalOf(operation, r, { messages: ctx.messages, certificate: (id) => ctx.repository.get(id), recipients: ctx.recipients });
      if (refused) return { result: refused, notes: { message: `not forwarded: ${refused.resultText}` } };
      const document = serializeStandalone(payload);
      const facts = { certificateId: r.certificateId, personId: r.personId, messageId: r.meddelandeId };
      const outcome = operation === 'SendMessageToCare'
        ? await ctx.client.sendMessageToCare(r.logiskAdressMottagare, document, facts)
        : await ctx.client.sendMessageToRecipient(r.logiskAdressMottagare, document, facts);
      const failure = forwardFailure(outcome);
      if (failure && failure.kind !== 'error-result') {
        throw new SoapServerFault(`${operation} ${r.meddelandeId} could not be forwarded to ${r.logiskAdressMottagare}: ${failure.reason}; send it again`);
      }
      // The receiver's own answer (OK, INFO or ERROR) goes back as it is; unless ERROR, the message is kept.
      const result = outcome.kind === 'unrouted' || outcome.kind === 'transport-error' ? undefined : outcome.result;
      if (result && result.resultCode !== 'ERROR') {
        ctx.messages.add({
          direction: operation,
          meddelandeId: r.meddelandeId,
          referensId: r.referensId,
          certificateId: r.certificateId,
          personId: r.personId,
          amne: r.amne,
          logiskAdressMottagare: r.logiskAdressMottagare,
          svarPa: r.svarPa,
          paminnelseMeddelandeId: r.paminnelseMeddelandeId,
          storedAt: ctx.clock.now(),
          document,
        });
      }
      return { result: result ?? errorResult('TECHNICAL_ERROR', `${r.logiskAdressMottagare} gave no result`), notes: { message: `forwarded to ${r.logiskAdressMottagare}` } };
    },
  });
}

/** SendMessageToRecipient v2 from Webcert, forwarded to the recipient. */
export const sendMessageToRecipientHandler = (ctx: IntygstjanstContext) => messageHandler(ctx, 'SendMessageToRecipient');

/** SendMessageToCare v2 from a recipient, forwarded to the care system. */
export const sendMessageToCareHandler = (ctx: IntygstjanstContext) => messageHandler(ctx, 'SendMessageToCare');
