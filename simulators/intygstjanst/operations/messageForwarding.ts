/**
 * Intygstjänsten's two message responders (webcert-surfaces.md §5.2): SendMessageToRecipient v2
 * (`/send-message-to-recipient/v2.0`, a question or answer from care) forwarded to the recipient
 * at `logiskAdressMottagare`, and SendMessageToCare v2 (`/send-message-to-care/v2.0`, a question
 * or answer from a recipient) forwarded to the care system at `logiskAdressMottagare`; each
 * answers with what the receiver answered (SendMessageTo…ResponderImpl). A message about a
 * certificate Intygstjänsten does not hold is refused (APPLICATION_ERROR "Intyg does not exist"); a
 * receiver that cannot be reached makes a SOAP fault, which the sender retries.
 */
import type { Element } from '@xmldom/xmldom';
import type { RequestHandler } from 'msw';
import { serializeStandalone } from '../../kit/contracts/standaloneElement.js';
import { SEND_MESSAGE_TO_CARE_RESPONDER_NS, SEND_MESSAGE_TO_RECIPIENT_RESPONDER_NS, TYPES_NS } from '../../kit/contracts/contracts.js';
import { errorResult } from '../../kit/soap/resultType.js';
import { soapOperationHandler, SoapRequestError, SoapServerFault } from '../../kit/soap/soapOperation.js';
import { childElement, childText } from '../../kit/xml/dom.js';
import { INTYGSTJANST_PARTY, INTYGSTJANST_PATHS, type IntygstjanstContext } from '../intygstjanstContext.js';
import { forwardFailure } from '../recipientClient.js';

type Direction = 'SendMessageToRecipient' | 'SendMessageToCare';

function read(payload: Element, ns: string) {
  const ext = (name: string) => {
    const e = childElement(payload, ns, name);
    return e ? childText(e, TYPES_NS, 'extension')?.trim() : undefined;
  };
  return {
    messageId: childText(payload, ns, 'meddelande-id')?.trim(),
    certificateId: ext('intygs-id'),
    personId: ext('patientPerson-id')?.replace(/\D/g, ''),
    address: childText(payload, ns, 'logiskAdressMottagare')?.trim(),
  };
}

function messageHandler(ctx: IntygstjanstContext, operation: Direction): RequestHandler {
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
      const r = read(payload, ns);
      return { logicalAddress, certificateId: r.certificateId, personId: r.personId, messageId: r.messageId };
    },
    handle: async ({ payload }) => {
      const r = read(payload, ns);
      if (!r.messageId || !r.certificateId || !r.personId || !r.address) {
        throw new SoapRequestError(`Validation of ${operation} failed: meddelande-id, intygs-id, patientPerson-id and logiskAdressMottagare are required`);
      }
      const certificate = ctx.repository.get(r.certificateId);
      if (!certificate || certificate.personId !== r.personId) return { result: errorResult('APPLICATION_ERROR', 'Intyg does not exist') };
      const request = serializeStandalone(payload);
      const facts = { certificateId: r.certificateId, personId: r.personId, messageId: r.messageId };
      const outcome = operation === 'SendMessageToCare'
        ? await ctx.client.sendMessageToCare(r.address, request, facts)
        : await ctx.client.sendMessageToRecipient(r.address, request, facts);
      const failure = forwardFailure(outcome);
      if (failure && failure.kind !== 'error-result') {
        throw new SoapServerFault(`${operation} ${r.messageId} could not be forwarded to ${r.address}: ${failure.reason}; send it again`);
      }
      // The receiver's own answer (OK, INFO or ERROR) goes back as it is.
      const result = outcome.kind === 'unrouted' || outcome.kind === 'transport-error' ? undefined : outcome.result;
      return { result: result ?? errorResult('TECHNICAL_ERROR', `${r.address} gave no result`), notes: { message: `forwarded to ${r.address}` } };
    },
  });
}

/** SendMessageToRecipient v2 from Webcert, forwarded to the recipient. */
export const sendMessageToRecipientHandler = (ctx: IntygstjanstContext) => messageHandler(ctx, 'SendMessageToRecipient');

/** SendMessageToCare v2 from a recipient, forwarded to the care system. */
export const sendMessageToCareHandler = (ctx: IntygstjanstContext) => messageHandler(ctx, 'SendMessageToCare');
