/**
 * A recipient's RevokeCertificate v2 producer (what Intygstjänsten forwards a revocation to):
 * marks a held certificate revoked and files the revocation; a certificate already revoked gets
 * INFO, one never received gets ERROR/APPLICATION_ERROR.
 */
import type { RequestHandler } from 'msw';
import { CONTRACTS, REVOKE_CERTIFICATE_RESPONDER_NS } from '../../kit/contracts/contracts.js';
import { readRevokeCertificate, readRevokeCertificateFields, REVOKE_CERTIFICATE_FIELDS } from '../../kit/contracts/revokeCertificateReading.js';
import { errorResult, OK } from '../../kit/soap/resultType.js';
import { soapOperationHandler, SoapRequestError } from '../../kit/soap/soapOperation.js';
import type { RecipientReceiverOptions } from './registerCertificateReceiver.js';
import { requireOwnAddress } from './registerCertificateReceiver.js';

/** The msw handler of a recipient's RevokeCertificate endpoint. */
export function revokeCertificateReceiverHandler(o: RecipientReceiverOptions): RequestHandler {
  const { profile } = o;
  return soapOperationHandler({
    party: profile.party,
    operation: 'RevokeCertificate',
    path: CONTRACTS.RevokeCertificate.endpointPath,
    requestNs: REVOKE_CERTIFICATE_RESPONDER_NS,
    requestElement: 'RevokeCertificate',
    responseNs: REVOKE_CERTIFICATE_RESPONDER_NS,
    responseElement: 'RevokeCertificateResponse',
    badInput: 'soapFault',
    requireLogicalAddress: true,
    maxBodyBytes: o.maxBodyBytes,
    faults: o.faults,
    facts: (payload, logicalAddress) => {
      const r = readRevokeCertificate(payload);
      return { logicalAddress, certificateId: r.certificateId, personId: r.personId };
    },
    // Read by the bounded scan (0016, 0047); a request it leaves undecided is read into a DOM.
    lean: {
      fields: REVOKE_CERTIFICATE_FIELDS,
      facts: (fields, logicalAddress) => {
        const r = readRevokeCertificateFields(fields);
        return { logicalAddress, certificateId: r.certificateId, personId: r.personId };
      },
    },
    handle: (context) => {
      const { logicalAddress, rawBody } = context;
      requireOwnAddress(profile, logicalAddress);
      const r = context.fields ? readRevokeCertificateFields(context.fields) : readRevokeCertificate(context.payload);
      if (!r.certificateId || !r.personId) throw new SoapRequestError('Unmarshalling Error: RevokeCertificate needs intygs-id/extension and patientPerson-id/extension');
      switch (o.inbox.status(r.certificateId)) {
        case 'unknown':
          return { result: errorResult('APPLICATION_ERROR', `Certificate ${r.certificateId} was never received by ${profile.name}; nothing to revoke`) };
        case 'revoked':
          return { result: { resultCode: 'INFO', resultText: `Certificate ${r.certificateId} is already revoked.` } };
        default:
          o.inbox.add({ kind: 'RevokeCertificate', receivedAt: o.clock.now(), certificateId: r.certificateId, personId: r.personId, logicalAddress: logicalAddress!, meddelande: r.meddelande, xml: rawBody });
          return { result: OK };
      }
    },
  });
}
