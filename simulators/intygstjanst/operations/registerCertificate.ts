/**
 * Intygstjänsten's RegisterCertificate v3 responder (`/register-certificate-se/v3.0`, Webcert's
 * STORE after signing), in the real responder's order and words (RegisterCertificateResponderImpl):
 * a type or version without a module → VALIDATION_ERROR "Certificate with type: X does not support
 * version: Y"; a person id of the wrong format → VALIDATION_ERROR; an id already held for the same
 * person → INFO "Certificate already exists" (callers compare that text), for another person →
 * VALIDATION_ERROR. Unlike the real one, which checks `underskrift` only against the schema, it
 * verifies the signature with the certificate in KeyInfo before storing.
 */
import type { RequestHandler } from 'msw';
import { REGISTER_CERTIFICATE_RESPONDER_NS } from '../../kit/contracts/contracts.js';
import { IntygReadingError, readIntyg, type IntygReading } from '../../kit/contracts/intygReading.js';
import { serializeStandalone } from '../../kit/contracts/standaloneElement.js';
import { intygsIdOf, verifyIntygSignature } from '../../kit/dsig/intygSignature.js';
import { errorResult, OK } from '../../kit/soap/resultType.js';
import { soapOperationHandler, SoapRequestError } from '../../kit/soap/soapOperation.js';
import { childElement, childElements } from '../../kit/xml/dom.js';
import { moduleFor } from '../certificateModules.js';
import { sickLeaveFactsOf } from '../sickleave/sickLeaveCertificates.js';
import { INTYGSTJANST_PARTY, INTYGSTJANST_PATHS, type IntygstjanstContext } from '../intygstjanstContext.js';

/** The text Intygstjänsten answers a duplicate with. */
export const CERTIFICATE_ALREADY_EXISTS = 'Certificate already exists';

/** What Intygstjänsten's Personnummer accepts: the format, not the check digit. */
const PERSONNUMMER_FORMAT = /^((19|20)\d{6}|\d{6})[-+]?\d{4}$/;

export function registerCertificateHandler(ctx: IntygstjanstContext): RequestHandler {
  return soapOperationHandler({
    party: INTYGSTJANST_PARTY,
    operation: 'RegisterCertificate',
    path: INTYGSTJANST_PATHS.registerCertificate,
    requestNs: REGISTER_CERTIFICATE_RESPONDER_NS,
    requestElement: 'RegisterCertificate',
    responseNs: REGISTER_CERTIFICATE_RESPONDER_NS,
    responseElement: 'RegisterCertificateResponse',
    badInput: 'soapFault',
    requireLogicalAddress: true,
    maxBodyBytes: ctx.maxBodyBytes,
    faults: ctx.faults,
    facts: (payload, logicalAddress) => {
      const intyg = childElement(payload, REGISTER_CERTIFICATE_RESPONDER_NS, 'intyg');
      const patient = intyg ? childElements(intyg).find((e) => e.localName === 'patient') : undefined;
      const pid = patient ? childElements(patient).find((e) => e.localName === 'person-id') : undefined;
      const ext = pid ? childElements(pid).find((e) => e.localName === 'extension') : undefined;
      return { logicalAddress, certificateId: intyg ? intygsIdOf(intyg) : undefined, personId: ext?.textContent?.replace(/\D/g, '') || undefined };
    },
    handle: ({ doc, payload }) => {
      const intyg = childElement(payload, REGISTER_CERTIFICATE_RESPONDER_NS, 'intyg');
      if (!intyg) throw new SoapRequestError('Unmarshalling Error: RegisterCertificate has no intyg');
      let reading: IntygReading;
      try {
        reading = readIntyg(intyg);
      } catch (error) {
        if (error instanceof IntygReadingError) throw new SoapRequestError(`Unmarshalling Error: ${error.message}`);
        throw error;
      }
      const module = moduleFor(reading.typeCode, reading.typeVersion);
      if (!module) return { result: errorResult('VALIDATION_ERROR', `Certificate with type: ${reading.typeCode} does not support version: ${reading.typeVersion}`) };
      if (!PERSONNUMMER_FORMAT.test(reading.patient.personId)) return { result: errorResult('VALIDATION_ERROR', 'Social security number is not of correct format.') };
      const verdict = verifyIntygSignature(doc, { intyg });
      if (!verdict.valid) {
        return { result: errorResult('VALIDATION_ERROR', `Certificate ${reading.certificateId} is not stored: its signature does not verify: ${verdict.problem}`) };
      }
      const personId = reading.patient.personId.replace(/\D/g, '');
      const existing = ctx.repository.get(reading.certificateId);
      if (existing) {
        return existing.personId === personId
          ? { result: { resultCode: 'INFO', resultText: CERTIFICATE_ALREADY_EXISTS } }
          : { result: errorResult('VALIDATION_ERROR', CERTIFICATE_ALREADY_EXISTS) };
      }
      ctx.repository.add({
        certificateId: reading.certificateId,
        typeCode: module.code,
        moduleId: module.moduleId,
        typeVersion: reading.typeVersion,
        personId,
        unitHsaId: reading.unit.hsaId,
        careProviderHsaId: reading.careProvider.hsaId,
        signerSubject: verdict.signerSubject,
        document: serializeStandalone(payload),
        states: [{ state: 'RECEIVED', target: 'HSVARD', at: ctx.clock.now() }],
        revoked: false,
        signingTime: reading.signingTime,
        relations: reading.relations,
        ...(sickLeaveFactsOf(reading) ? { sickLeave: sickLeaveFactsOf(reading) } : {}),
      });
      return { result: OK };
    },
  });
}
