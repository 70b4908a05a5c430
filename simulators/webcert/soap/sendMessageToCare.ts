/**
 * Webcert's SendMessageToCare v2 endpoint (`/services/send-message-to-care/v2.0`): a question,
 * reminder or answer from a recipient, through Intygstjänsten. Answers as SendMessageToCareResponderImpl:
 * already received → INFO; an answer already given, an unknown or unsigned certificate →
 * ERROR/VALIDATION_ERROR; any other refusal (a revoked certificate) → ERROR/APPLICATION_ERROR.
 * A request the schema refuses is ERROR/VALIDATION_ERROR, as Webcert's fault-rewriting XSLT makes it.
 */
import type { Element } from '@xmldom/xmldom';
import type { RequestHandler } from 'msw';
import { CORE_NS, SEND_MESSAGE_TO_CARE_RESPONDER_NS as NS, TYPES_NS } from '../../kit/contracts/contracts.js';
import type { FaultRules } from '../../kit/faults/faultRules.js';
import { errorResult, OK } from '../../kit/soap/resultType.js';
import { soapOperationHandler, SoapRequestError } from '../../kit/soap/soapOperation.js';
import { childElement, childElements, childText } from '../../kit/xml/dom.js';
import { AMNEN, type Amne } from '../questions/arende.js';
import { IncomingMessageError, type IncomingMessage, type QuestionService } from '../questions/questionService.js';

/** Path under Webcert's base URL (CxfEndpointConfig). */
export const SEND_MESSAGE_TO_CARE_PATH = '/services/send-message-to-care/v2.0';

const ext = (parent: Element, name: string) => {
  const e = childElement(parent, NS, name);
  return e ? childText(e, TYPES_NS, 'extension') : undefined;
};

/** Reads a SendMessageToCare request; refuses one without the fields the schema requires. */
export function readSendMessageToCare(payload: Element): IncomingMessage {
  const text = (name: string) => childText(payload, NS, name)?.trim() || undefined;
  const amneEl = childElement(payload, NS, 'amne');
  const amne = amneEl ? childText(amneEl, TYPES_NS, 'code') : undefined;
  const svarPa = childElement(payload, NS, 'svarPa');
  const skickatAv = childElement(payload, NS, 'skickatAv');
  const partEl = skickatAv ? childElement(skickatAv, NS, 'part') : undefined;
  const m = {
    meddelandeId: text('meddelande-id'),
    referensId: text('referens-id'),
    skickatTidpunkt: text('skickatTidpunkt'),
    certificateId: ext(payload, 'intygs-id'),
    meddelande: childText(payload, NS, 'meddelande'),
    part: partEl ? childText(partEl, TYPES_NS, 'code') : undefined,
  };
  const missing = Object.entries(m).filter(([k, v]) => k !== 'referensId' && v === undefined).map(([k]) => k);
  if (!amne) missing.push('amne/code');
  if (!ext(payload, 'patientPerson-id')) missing.push('patientPerson-id');
  if (!text('logiskAdressMottagare')) missing.push('logiskAdressMottagare');
  if (missing.length) throw new SoapRequestError(`Unmarshalling Error: SendMessageToCare is missing ${missing.join(', ')}`);
  if (!AMNEN.includes(amne as Amne)) throw new SoapRequestError(`Unmarshalling Error: amne ${amne} is not one of ${AMNEN.join(', ')}`);
  const time = Date.parse(`${m.skickatTidpunkt}`);
  if (Number.isNaN(time)) throw new SoapRequestError(`Unmarshalling Error: skickatTidpunkt "${m.skickatTidpunkt}" is not a timestamp`);
  const sista = text('sistaDatumForSvar');
  if (sista !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(sista)) throw new SoapRequestError(`Unmarshalling Error: sistaDatumForSvar "${sista}" is not a date (YYYY-MM-DD)`);
  const komplettering = childElements(payload, NS, 'komplettering').map((k) => {
    const frage = childElement(k, NS, 'frage-id');
    const instans = childText(k, NS, 'instans');
    return { frageId: frage?.textContent?.trim() ?? '', instans: instans ? Number(instans) : undefined, text: childText(k, NS, 'text') ?? '' };
  });
  return {
    meddelandeId: m.meddelandeId!,
    referensId: m.referensId,
    skickatTidpunkt: time,
    certificateId: m.certificateId!,
    amne: amne as Amne,
    rubrik: text('rubrik'),
    meddelande: m.meddelande!,
    paminnelseMeddelandeId: text('paminnelseMeddelande-id'),
    svarPaId: svarPa ? childText(svarPa, CORE_NS, 'meddelande-id')?.trim() : undefined,
    part: m.part!,
    sistaDatumForSvar: sista,
    komplettering: komplettering.length ? komplettering : undefined,
  };
}

export function sendMessageToCareHandler(deps: { questions: QuestionService; faults?: FaultRules }): RequestHandler {
  return soapOperationHandler({
    party: 'webcert',
    operation: 'SendMessageToCare',
    path: SEND_MESSAGE_TO_CARE_PATH,
    requestNs: NS,
    requestElement: 'SendMessageToCare',
    responseNs: NS,
    responseElement: 'SendMessageToCareResponse',
    badInput: 'resultType',
    requireLogicalAddress: true,
    faults: deps.faults,
    facts: (payload, logicalAddress) => ({
      logicalAddress,
      certificateId: ext(payload, 'intygs-id'),
      personId: ext(payload, 'patientPerson-id')?.replace(/\D/g, ''),
      messageId: childText(payload, NS, 'meddelande-id'),
    }),
    handle: ({ payload }) => {
      const message = readSendMessageToCare(payload);
      try {
        deps.questions.receive(message);
        return { result: OK };
      } catch (error) {
        if (!(error instanceof IncomingMessageError)) throw error;
        if (error.code === 'MESSAGE_ALREADY_EXISTS') return { result: { resultCode: 'INFO', resultText: error.message } };
        if (error.code === 'CERTIFICATE_REVOKED') return { result: errorResult('APPLICATION_ERROR', error.message) };
        return { result: errorResult('VALIDATION_ERROR', error.message) };
      }
    },
  });
}
