/**
 * How Webcert classifies one delivery of a status update (NotificationPostProcessingService):
 * OK or INFO → delivered; ERROR + TECHNICAL_ERROR, or a transport failure → resend; any other
 * ERROR, or a SOAP fault about (un)marshalling → failed for good.
 */
import type { SoapCallOutcome } from '../../kit/soap/soapClient.js';

export type DeliveryVerdict = 'SUCCESS' | 'RESEND' | 'FAILURE';

export interface DeliveryClassification {
  verdict: DeliveryVerdict;
  /** Why, in words for the journal and the report. */
  reason: string;
}

/** Classifies what one call produced. */
export function classifyDelivery(outcome: SoapCallOutcome): DeliveryClassification {
  if (outcome.kind === 'transport-error') {
    return { verdict: 'RESEND', reason: `transport failure (${outcome.code}): ${outcome.message}` };
  }
  if (outcome.fault) {
    const text = outcome.fault.faultstring;
    if (/(Un)?[Mm]arshalling Error/.test(text)) {
      return { verdict: 'FAILURE', reason: `SOAP fault about the message itself (schema-invalid): ${text}` };
    }
    return { verdict: 'RESEND', reason: `SOAP fault ${outcome.fault.faultcode}: ${text}` };
  }
  if (!outcome.result) {
    return { verdict: 'RESEND', reason: `HTTP ${outcome.status} without a readable result: ${outcome.unreadable ?? ''}` };
  }
  const { resultCode, errorId, resultText } = outcome.result;
  if (resultCode === 'OK') return { verdict: 'SUCCESS', reason: 'OK' };
  if (resultCode === 'INFO') return { verdict: 'SUCCESS', reason: `INFO: ${resultText ?? ''}` };
  if (resultCode === 'ERROR' && errorId === 'TECHNICAL_ERROR') {
    return { verdict: 'RESEND', reason: `ERROR TECHNICAL_ERROR: ${resultText ?? ''}` };
  }
  return { verdict: 'FAILURE', reason: `ERROR ${errorId ?? '(no errorId)'}: ${resultText ?? ''}` };
}
