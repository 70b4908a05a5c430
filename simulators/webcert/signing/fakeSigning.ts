/**
 * Webcert's fake signing (dev/test, no signing service): RSA-SHA256 with Webcert's own key,
 * finished like a DSS signature; and the lines the certificate page shows about a signature.
 */
import { createPrivateKey, randomUUID, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { readCertificate } from '../../kit/pki/certificateInfo.js';
import type { CertificateStore } from '../drafts/certificateStore.js';
import type { CertificateSigning } from './certificateSigning.js';

/** Webcert's credential as PEM (the simulator's options). */
export interface FakeSigningCredential {
  privateKeyPem: string;
  certificatePem: string;
}

/** Signs drafts with Webcert's own key; the key is read from its PEM once (reading it costs twice the RSA signature). */
export class FakeSigner {
  private key?: KeyObject;

  constructor(private readonly store: CertificateStore, private readonly signing: CertificateSigning, private readonly credential: FakeSigningCredential | undefined) {}

  /** Signs the draft `certificateId` as `by`. */
  async sign(certificateId: string, by: string): Promise<void> {
    const credential = this.credential;
    if (!credential) throw new Error('fake signing needs Webcert\'s credential; start the simulator with one (the topology does)');
    const c = this.store.require(certificateId);
    const ticket = this.signing.start(randomUUID(), certificateId, c.version, by, 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    this.key ??= createPrivateKey(credential.privateKeyPem);
    const value = cryptoSign('sha256', ticket.prepared.toBeSignedBytes, this.key);
    this.signing.finish(ticket, value, credential.certificatePem);
  }
}

/** Lines the certificate page shows about a certificate's signature, if it has one. */
export function signatureLines(store: CertificateStore, certificateId: string): string[] | undefined {
  const c = store.get(certificateId);
  if (!c?.signature) return undefined;
  const signer = readCertificate(c.signature.signerCertificatePem);
  return [`Signerat av: ${signer.commonName ?? signer.subject}`, `Signaturcertifikat utfärdat av: ${signer.issuer}`, `Signerat: ${new Date(c.signedAt!).toISOString()}`];
}
