/**
 * The journal system's CertificateStatusUpdateForCare v3 producer: reads each update, files it in
 * the inbox and answers OK, unless a fault rule says otherwise (INFO, an errorId, a SOAP fault,
 * HTTP 500, reset, no answer). Like Inera's intyg-mock-service, an update answered by a rule is
 * not filed (the traffic journal still has it). Bad input gets a soap:Client fault.
 *
 * It carries volume, so it takes the lean path (docs/decisions/0016-lean-soap-path.md): a bounded
 * scan reads the few elements it files, and the journal system's listener serves it without msw.
 */
import type { Element } from '@xmldom/xmldom';
import type { RequestHandler } from 'msw';
import type { Clock } from '../../kit/clock/virtualClock.js';
import type { FaultRules } from '../../kit/faults/faultRules.js';
import { OK } from '../../kit/soap/resultType.js';
import { soapOperationHandler, SoapRequestError } from '../../kit/soap/soapOperation.js';
import type { SoapOperationSpec } from '../../kit/soap/soapOperationSpec.js';
import { childElement, childText, pathElement } from '../../kit/xml/dom.js';
import type { ScannedFields } from '../../kit/soap/envelopeScan.js';
import { STATUS_UPDATE_FIELDS, statusUpdateFromFields } from '../message/statusUpdateFields.js';
import { parseCertificateStatusUpdate } from '../message/statusUpdateReading.js';
import type { StatusUpdateInbox } from './statusUpdateInbox.js';

export const STATUS_UPDATE_NS = 'urn:riv:clinicalprocess:healthcond:certificate:CertificateStatusUpdateForCareResponder:3';
/** RIV-TA endpoint path, as Webcert's `certificatestatusupdateforcare.ws.endpoint.v3.url` ends. */
export const STATUS_UPDATE_PATH = '/clinicalprocess/healthcond/certificate/CertificateStatusUpdateForCare/3/rivtabp21';

const CORE = 'urn:riv:clinicalprocess:healthcond:certificate:3';
const TYPES = 'urn:riv:clinicalprocess:healthcond:certificate:types:3';

/** Correlation facts, read leniently (the full reading happens in `handle`). */
function facts(payload: Element, logicalAddress: string | undefined) {
  const intyg = childElement(payload, STATUS_UPDATE_NS, 'intyg');
  const id = intyg ? childElement(intyg, CORE, 'intygs-id') : undefined;
  const pid = intyg ? pathElement(intyg, CORE, 'patient', 'person-id') : undefined;
  const code = childElement(payload, STATUS_UPDATE_NS, 'handelse');
  const kod = code ? childElement(code, CORE, 'handelsekod') : undefined;
  return {
    logicalAddress,
    certificateId: id ? childText(id, TYPES, 'extension') : undefined,
    personId: pid ? childText(pid, TYPES, 'extension')?.replace(/\D/g, '') : undefined,
    eventCode: kod ? childText(kod, TYPES, 'code') : undefined,
  };
}

/** The same facts from the lean scan's fields. */
function factsFromFields(fields: ScannedFields, logicalAddress: string | undefined) {
  return {
    logicalAddress,
    certificateId: fields.certificateId?.trim(),
    personId: fields.personId?.trim().replace(/\D/g, ''),
    eventCode: fields.eventCode?.trim(),
  };
}

export interface StatusUpdateReceiverOptions {
  inbox: StatusUpdateInbox;
  clock: Clock;
  faults?: FaultRules;
  maxBodyBytes?: number;
}

/** The msw handler of the journal system's status-update endpoint. */
export function statusUpdateReceiverHandler(options: StatusUpdateReceiverOptions): RequestHandler {
  return soapOperationHandler(statusUpdateReceiverSpec(options));
}

/** The operation behind {@link statusUpdateReceiverHandler} (tests serve it with and without `lean`). */
export function statusUpdateReceiverSpec(options: StatusUpdateReceiverOptions): SoapOperationSpec {
  return {
    party: 'journal',
    operation: 'CertificateStatusUpdateForCare',
    path: STATUS_UPDATE_PATH,
    requestNs: STATUS_UPDATE_NS,
    requestElement: 'CertificateStatusUpdateForCare',
    responseNs: STATUS_UPDATE_NS,
    responseElement: 'CertificateStatusUpdateForCareResponse',
    badInput: 'soapFault',
    requireLogicalAddress: true,
    maxBodyBytes: options.maxBodyBytes,
    faults: options.faults,
    facts,
    lean: { fields: STATUS_UPDATE_FIELDS, facts: factsFromFields },
    handle: (context) => {
      const { logicalAddress, rawBody } = context;
      let reading = context.fields && statusUpdateFromFields(context.fields);
      try {
        reading ??= parseCertificateStatusUpdate(context.payload as never);
      } catch (error) {
        throw new SoapRequestError(`Unmarshalling Error: ${error instanceof Error ? error.message : String(error)}`);
      }
      options.inbox.add({
        receivedAt: options.clock.now(),
        certificateId: reading.certificateId,
        unitHsaId: reading.unitHsaId,
        typeCode: reading.typeCode,
        logicalAddress: logicalAddress!,
        personId: reading.personId,
        eventCode: reading.eventCode,
        eventTime: reading.eventTime,
        ref: reading.ref,
        handledBy: reading.handledBy,
        xml: rawBody,
      });
      return { result: OK };
    },
  };
}
