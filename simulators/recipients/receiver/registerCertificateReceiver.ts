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
import { intygEssentialsFromFields, registerCertificateFacts, registerCertificateFactsFromFields, REGISTER_CERTIFICATE_FIELDS } from '../../kit/contracts/registerCertificateFields.js';
import { verifyIntygSignature } from '../../kit/dsig/intygSignature.js';
import type { FaultRules } from '../../kit/faults/faultRules.js';
import { errorResult, OK } from '../../kit/soap/resultType.js';
import { soapOperationHandler, SoapRequestError } from '../../kit/soap/soapOperation.js';
import type { SoapAnswer, SoapRequestContext } from '../../kit/soap/soapOperationSpec.js';
import { childElement } from '../../kit/xml/dom.js';
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

/** Refuses a message routed to another logical address (the platform would not route it here). */
export function requireOwnAddress(profile: RecipientProfile, logicalAddress: string | undefined): void {
  if (logicalAddress !== profile.logicalAddress) {
    throw new SoapRequestError(`LogicalAddress ${logicalAddress ?? '(none)'} is not ${profile.name}'s; ${profile.name} is reached at ${profile.logicalAddress}`);
  }
}

/**
 * How a recipient answers a well-formed RegisterCertificate. A recipient that neither verifies the
 * signature nor checks the content files a certificate from the lean scan's fields (no DOM is built
 * for an ordinary request); every other request, and one whose `intyg` the fields cannot vouch for,
 * is read from the DOM, which gives the same reading or its "Unmarshalling Error".
 */
export function registerCertificateAnswer(o: RecipientReceiverOptions, context: SoapRequestContext): SoapAnswer {
  const { profile } = o;
  const { logicalAddress } = context;
  requireOwnAddress(profile, logicalAddress);
  const essentials = context.fields && !readsWholeIntyg(profile) ? intygEssentialsFromFields(context.fields) : undefined;
  let intyg: Element | undefined;
  let reading: IntygReading | undefined;
  if (!essentials) {
    intyg = childElement(context.payload, REGISTER_CERTIFICATE_RESPONDER_NS, 'intyg');
    if (!intyg) throw new SoapRequestError('Unmarshalling Error: RegisterCertificate has no intyg');
    try {
      reading = readIntyg(intyg);
    } catch (error) {
      if (error instanceof IntygReadingError) throw new SoapRequestError(`Unmarshalling Error: ${error.message}`);
      throw error;
    }
  }
  const { certificateId, typeCode, typeVersion, personId } = essentials ?? { ...reading!, personId: reading!.patient.personId };
  const refuse = (why: string) => ({ result: errorResult('VALIDATION_ERROR', `${profile.name} cannot take in certificate ${certificateId}: ${why}`) });
  if (!profile.certificateTypes.includes(typeCode)) {
    return refuse(`${profile.name} does not take certificates of type ${typeCode}, only ${profile.certificateTypes.join(', ')}; check the recipient Intygstjänsten routes this type to`);
  }
  let signature: { valid: boolean; signerSubject?: string } | undefined;
  if (profile.verifiesSignature) {
    // The signature is checked over the received `intyg` itself: this needs its DOM.
    const verdict = verifyIntygSignature(context.doc, { intyg: intyg! });
    if (!verdict.valid) return refuse(`its signature does not verify: ${verdict.problem}`);
    signature = { valid: true, signerSubject: verdict.signerSubject };
  }
  const problems = (reading && profile.checkContent?.(reading, o.clock.now())) ?? [];
  if (problems.length > 0) return refuse(problems.join('; '));
  if (o.inbox.status(certificateId) !== 'unknown') {
    return { result: { resultCode: 'INFO', resultText: CERTIFICATE_ALREADY_EXISTS } };
  }
  o.inbox.add({
    kind: 'RegisterCertificate',
    receivedAt: o.clock.now(),
    certificateId,
    typeCode,
    typeVersion,
    personId: personId.replace(/\D/g, ''),
    logicalAddress: logicalAddress!,
    signature,
    xml: context.rawBody,
  });
  return { result: OK };
}

/** A recipient that verifies the signature or checks the answers reads the whole `intyg` from its DOM. */
function readsWholeIntyg(profile: RecipientProfile): boolean {
  return profile.verifiesSignature || profile.checkContent !== undefined;
}

/** The msw handler of a recipient's RegisterCertificate endpoint. */
export function registerCertificateReceiverHandler(o: RecipientReceiverOptions): RequestHandler {
  return soapOperationHandler({
    party: o.profile.party,
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
    facts: registerCertificateFacts,
    // Read by the bounded scan (0016, 0047) unless the recipient needs the DOM anyway; a request
    // the scan leaves undecided is read into a DOM.
    ...(readsWholeIntyg(o.profile) ? {} : { lean: { fields: REGISTER_CERTIFICATE_FIELDS, facts: registerCertificateFactsFromFields } }),
    handle: (context) => registerCertificateAnswer(o, context),
  });
}
