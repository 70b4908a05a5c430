/**
 * Intygstjänsten's RevokeCertificate v2 responder (`/revoke-certificate-rivta/v2.0`), as
 * RevokeCertificateResponderImpl: an unknown certificate → ERROR/APPLICATION_ERROR (so that the
 * caller retries: the revocation may have overtaken the registration); already revoked → INFO.
 * Otherwise the same request is forwarded to every recipient the certificate was sent to (their
 * answers are not acted on) and the certificate is marked CANCELLED. A recipient that cannot be
 * reached rolls the revocation back: a soap:Server fault, and nothing is revoked.
 */
import type { RequestHandler } from 'msw';
import { REVOKE_CERTIFICATE_RESPONDER_NS as NS } from '../../kit/contracts/contracts.js';
import { readRevokeCertificate, readRevokeCertificateFields, REVOKE_CERTIFICATE_FIELDS } from '../../kit/contracts/revokeCertificateReading.js';
import { serializeStandalone } from '../../kit/contracts/standaloneElement.js';
import { errorResult, OK } from '../../kit/soap/resultType.js';
import { soapOperationHandler, SoapRequestError, SoapServerFault } from '../../kit/soap/soapOperation.js';
import { INTYGSTJANST_PARTY, INTYGSTJANST_PATHS, type IntygstjanstContext } from '../intygstjanstContext.js';
import { forwardFailure } from '../recipientClient.js';

export function revokeCertificateHandler(ctx: IntygstjanstContext): RequestHandler {
  return soapOperationHandler({
    party: INTYGSTJANST_PARTY,
    operation: 'RevokeCertificate',
    path: INTYGSTJANST_PATHS.revokeCertificate,
    requestNs: NS,
    requestElement: 'RevokeCertificate',
    responseNs: NS,
    responseElement: 'RevokeCertificateResponse',
    badInput: 'soapFault',
    requireLogicalAddress: true,
    maxBodyBytes: ctx.maxBodyBytes,
    faults: ctx.faults,
    facts: (payload, logicalAddress) => {
      const { certificateId, personId } = readRevokeCertificate(payload);
      return { logicalAddress, certificateId, personId };
    },
    // Read by the bounded scan (0016, 0047); a request it leaves undecided is read into a DOM, and
    // the DOM is built for a revocation that is forwarded (the request element is sent on as it is).
    lean: {
      fields: REVOKE_CERTIFICATE_FIELDS,
      facts: (fields, logicalAddress) => {
        const { certificateId, personId } = readRevokeCertificateFields(fields);
        return { logicalAddress, certificateId, personId };
      },
    },
    handle: async (context) => {
      const { certificateId, personId } = context.fields ? readRevokeCertificateFields(context.fields) : readRevokeCertificate(context.payload);
      if (!certificateId || !personId) throw new SoapRequestError('Unmarshalling Error: RevokeCertificate needs intygs-id/extension and patientPerson-id/extension');
      const certificate = ctx.repository.get(certificateId);
      if (!certificate || certificate.personId !== personId) {
        return { result: errorResult('APPLICATION_ERROR', `Certificate ${certificateId} does not exist for patient.`) };
      }
      if (certificate.revoked) return { result: { resultCode: 'INFO', resultText: `Certificate ${certificateId} is already revoked.` } };
      let request: string | undefined;
      const told: string[] = [];
      for (const target of ctx.repository.sentTo(certificate)) {
        const recipient = ctx.recipients().find((r) => r.id === target);
        if (!recipient) continue; // the real one logs "Could not find the logicalAddress to send revoke to"
        request ??= serializeStandalone(context.payload);
        const failure = forwardFailure(await ctx.client.revokeCertificate(recipient.logicalAddress, request, { certificateId, personId }));
        if (failure && failure.kind !== 'error-result') {
          throw new SoapServerFault(`Certificate ${certificateId} was not revoked: the revocation could not be forwarded to ${recipient.name} (${recipient.logicalAddress}): ${failure.reason}; send it again`);
        }
        told.push(recipient.id);
      }
      certificate.revoked = true;
      certificate.states.push({ state: 'CANCELLED', target: 'HSVARD', at: ctx.clock.now() });
      ctx.repository.save(certificate);
      return { result: OK, notes: told.length ? { message: `revocation forwarded to ${told.join(', ')}` } : undefined };
    },
  });
}
