/**
 * A recipient's RegisterCertificate v3 producer (what Intygstjänsten calls to deliver a sent
 * certificate): refuses a LogicalAddress that is not the recipient's, then checks the type, the
 * signature (when the recipient verifies signatures, with the certificate in KeyInfo) and the
 * recipient's own content rules, and files the certificate. A certificate it already holds is
 * answered INFO "Certificate already exists", as Intygstjänsten answers it. A message that cannot
 * be read gets a SOAP Fault, as a schema-validating CXF endpoint gives.
 */
import type { Element } from '@xmldom/xmldom';
import type { RequestHandler } from 'msw';
import type { Clock } from '../../kit/clock/virtualClock.js';
import { CONTRACTS, REGISTER_CERTIFICATE_RESPONDER_NS } from '../../kit/contracts/contracts.js';
import { IntygReadingError, readIntyg, type IntygReading } from '../../kit/contracts/intygReading.js';
import { intygsIdOf, verifyIntygSignature } from '../../kit/dsig/intygSignature.js';
import type { FaultRules } from '../../kit/faults/faultRules.js';
import { errorResult, OK } from '../../kit/soap/resultType.js';
import { soapOperationHandler, SoapRequestError } from '../../kit/soap/soapOperation.js';
import { childElement, childElements } from '../../kit/xml/dom.js';
import type { RecipientProfile } from '../recipientProfiles.js';
import type { RecipientInbox } from '../recipientInbox.js';

/** Text Intygstjänsten and the recipients answer a duplicate with (callers compare it). */
export const CERTIFICATE_ALREADY_EXISTS = 'Certificate already exists';

export interface RecipientReceiverOptions {
  profile: RecipientProfile;
  inbox: RecipientInbox;
  clock: Clock;
  faults?: FaultRules;
  maxBodyBytes?: number;
}

/** Correlation facts of a RegisterCertificate, read leniently. */
function facts(payload: Element, logicalAddress: string | undefined) {
  const intyg = childElement(payload, REGISTER_CERTIFICATE_RESPONDER_NS, 'intyg');
  const patient = intyg ? childElements(intyg).find((e) => e.localName === 'patient') : undefined;
  const pid = patient ? childElements(patient).find((e) => e.localName === 'person-id') : undefined;
  const ext = pid ? childElements(pid).find((e) => e.localName === 'extension') : undefined;
  return { logicalAddress, certificateId: intyg ? intygsIdOf(intyg) : undefined, personId: ext?.textContent?.replace(/\D/g, '') || undefined };
}

/** Refuses a message routed to another logical address (the platform would not route it here). */
export function requireOwnAddress(profile: RecipientProfile, logicalAddress: string | undefined): void {
  if (logicalAddress !== profile.logicalAddress) {
    throw new SoapRequestError(`LogicalAddress ${logicalAddress ?? '(none)'} is not ${profile.name}'s; ${profile.name} is reached at ${profile.logicalAddress}`);
  }
}

/** The msw handler of a recipient's RegisterCertificate endpoint. */
export function registerCertificateReceiverHandler(o: RecipientReceiverOptions): RequestHandler {
  const { profile } = o;
  return soapOperationHandler({
    party: profile.party,
    operation: 'RegisterCertificate',
    path: CONTRACTS.RegisterCertificate.endpointPath,
    requestNs: REGISTER_CERTIFICATE_RESPONDER_NS,
    requestElement: 'RegisterCertificate',
    responseNs: REGISTER_CERTIFICATE_RESPONDER_NS,
    responseElement: 'RegisterCertificateResponse',
    badInput: 'soapFault',
    requireLogicalAddress: true,
    maxBodyBytes: o.maxBodyBytes,
    faults: o.faults,
    facts,
    handle: ({ doc, payload, logicalAddress, rawBody }) => {
      requireOwnAddress(profile, logicalAddress);
      const intyg = childElement(payload, REGISTER_CERTIFICATE_RESPONDER_NS, 'intyg');
      if (!intyg) throw new SoapRequestError('Unmarshalling Error: RegisterCertificate has no intyg');
      let reading: IntygReading;
      try {
        reading = readIntyg(intyg);
      } catch (error) {
        if (error instanceof IntygReadingError) throw new SoapRequestError(`Unmarshalling Error: ${error.message}`);
        throw error;
      }
      const refuse = (why: string) => ({ result: errorResult('VALIDATION_ERROR', `${profile.name} cannot take in certificate ${reading.certificateId}: ${why}`) });
      if (!profile.certificateTypes.includes(reading.typeCode)) {
        return refuse(`${profile.name} does not take certificates of type ${reading.typeCode}, only ${profile.certificateTypes.join(', ')}; check the recipient Intygstjänsten routes this type to`);
      }
      let signature: { valid: boolean; signerSubject?: string } | undefined;
      if (profile.verifiesSignature) {
        const verdict = verifyIntygSignature(doc, { intyg });
        if (!verdict.valid) return refuse(`its signature does not verify: ${verdict.problem}`);
        signature = { valid: true, signerSubject: verdict.signerSubject };
      }
      const problems = profile.checkContent?.(reading, o.clock.now()) ?? [];
      if (problems.length > 0) return refuse(problems.join('; '));
      if (o.inbox.status(reading.certificateId) !== 'unknown') {
        return { result: { resultCode: 'INFO', resultText: CERTIFICATE_ALREADY_EXISTS } };
      }
      o.inbox.add({
        kind: 'RegisterCertificate',
        receivedAt: o.clock.now(),
        certificateId: reading.certificateId,
        typeCode: reading.typeCode,
        typeVersion: reading.typeVersion,
        personId: reading.patient.personId.replace(/\D/g, ''),
        logicalAddress: logicalAddress!,
        signature,
        xml: rawBody,
      });
      return { result: OK };
    },
  });
}
