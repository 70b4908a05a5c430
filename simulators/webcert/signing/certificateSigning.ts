/**
 * Webcert's signing of a draft (UnderskriftServiceImpl): start a signature (checks, the signed
 * message and its SignedInfo, a ticket) and finish it with a signature value and signer
 * certificate (same draft version, same digest; store the signed RegisterCertificate with the
 * ds:Signature in intyg/underskrift; SIGNAT). Shared by the
 * signing-service path and Webcert's fake signing.
 */
import type { Clock } from '../../kit/clock/virtualClock.js';
import { CertificateActionError, type CertificateStore } from '../drafts/certificateStore.js';
import { buildRegisterCertificate } from '../message/intygstjanstMessages.js';
import type { Certificate } from '../model/certificate.js';
import { completeSignature, prepareSignature, type PreparedSignature } from './certificateSignature.js';
import { SignatureTickets, type SignatureTicket } from './signatureTickets.js';

/**
 * The message that is signed: the certificate as RegisterCertificate v3 will carry it, with its
 * signing time (Webcert's PrepareSignatureServiceImpl digests the RegisterCertificate XML).
 */
export function signedDocument(certificate: Certificate, signingTime: number): string {
  return buildRegisterCertificate({ ...certificate, signedAt: signingTime, sentAt: undefined });
}

export class CertificateSigning {
  readonly tickets: SignatureTickets;

  constructor(
    private readonly clock: Clock,
    private readonly store: CertificateStore,
  ) {
    this.tickets = new SignatureTickets(clock);
  }

  /**
   * Starts a signature of `certificateId` at `version` by `signedBy`.
   * @throws {CertificateActionError} INVALID_STATE (not a complete draft) or CONCURRENT_MODIFICATION.
   */
  start(ticketId: string, certificateId: string, version: number, signedBy: string, signatureMethod?: string): SignatureTicket {
    const c = this.store.require(certificateId);
    if (c.status !== 'DRAFT_COMPLETE') throw new CertificateActionError('INVALID_STATE', `certificate ${certificateId} is ${c.status}; only a complete draft can be signed`);
    if (c.version !== version) throw new CertificateActionError('CONCURRENT_MODIFICATION', `draft ${certificateId} is at version ${c.version}, not ${version}; reload and sign again`);
    const signingTime = this.clock.now();
    const prepared: PreparedSignature = prepareSignature(signedDocument(c, signingTime), c.id, signatureMethod);
    return this.tickets.add({ id: ticketId, certificateId, version, prepared, signingTime, signedBy });
  }

  /**
   * Finishes the ticket's signature. Any failure leaves the ticket in ERROR and is thrown.
   * @throws {CertificateActionError} INVALID_STATE when the draft changed since the signature started.
   */
  finish(ticket: SignatureTicket, signatureValue: Buffer, signerCertificatePem: string): Certificate {
    try {
      const c = this.store.require(ticket.certificateId);
      if (c.status !== 'DRAFT_COMPLETE' || c.version !== ticket.version) {
        throw new CertificateActionError('INVALID_STATE', `draft ${c.id} changed while it was being signed (now ${c.status}, version ${c.version}; signing started on version ${ticket.version})`);
      }
      const again = signedDocument(c, ticket.signingTime);
      if (again !== ticket.prepared.document) throw new CertificateActionError('INVALID_STATE', `draft ${c.id} no longer matches the signed digest`);
      const xml = completeSignature(ticket.prepared, signatureValue, signerCertificatePem);
      c.signature = { document: buildRegisterCertificate({ ...c, signedAt: ticket.signingTime, sentAt: undefined }, xml), xml, signerCertificatePem };
      this.store.sign(c.id, ticket.signedBy, ticket.signingTime);
      this.tickets.update(ticket, 'SIGNERAD');
      return c;
    } catch (error) {
      this.tickets.update(ticket, 'ERROR', error instanceof Error ? error.message : String(error));
      throw error;
    }
  }
}
