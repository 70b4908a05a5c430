/**
 * What the eID app needs to know about a certificate on a card: its usage (authentication or
 * signature) and whose it is (HSA-ID in subject serialNumber, as on SITHS cards).
 */
import { X509Certificate } from 'node:crypto';
import { certificateParts } from './derReader.js';

/** Which of a SITHS card's two key pairs: log in with, or sign with. */
export type CertificateUsage = 'authentication' | 'signature';

/** Subject facts of a SITHS person certificate. */
export interface CertificateSubject {
  /** Subject serialNumber (2.5.4.5): the HSA-ID on SITHS cards. */
  hsaId?: string;
  givenName?: string;
  surname?: string;
  commonName?: string;
}

/** A certificate found on a card, with the key it belongs to. */
export interface CardCertificate extends CertificateSubject {
  usage: CertificateUsage;
  certificatePem: string;
  certificateDer: Buffer;
  /** Label of the token it is on. */
  tokenLabel: string;
  /** CKA_ID (hex) shared by the certificate and its private key. */
  keyId: string;
  /** CKA_LABEL of the certificate object. */
  objectLabel: string;
  notAfter: Date;
}

/**
 * The usage of a certificate: KeyUsage nonRepudiation means signature, digitalSignature without
 * it means authentication (this is how Net iD tells a SITHS card's certificates apart). Without a
 * KeyUsage extension the object label decides (`sign…` or `auth…`); otherwise undefined.
 */
export function certificateUsage(der: Buffer, objectLabel: string): CertificateUsage | undefined {
  const usage = certificateParts(der).keyUsage;
  if (usage?.nonRepudiation) return 'signature';
  if (usage?.digitalSignature) return 'authentication';
  if (/^sign/i.test(objectLabel)) return 'signature';
  if (/^auth/i.test(objectLabel)) return 'authentication';
  return undefined;
}

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** Subject serialNumber, givenName, surname and CN of a certificate. */
export function certificateSubject(certificate: X509Certificate): CertificateSubject {
  const subject = certificate.toLegacyObject().subject as unknown as Record<string, string | string[] | undefined>;
  return {
    hsaId: first(subject.serialNumber),
    givenName: first(subject.GN) ?? first(subject.givenName),
    surname: first(subject.SN) ?? first(subject.surname),
    commonName: first(subject.CN),
  };
}

/** Reads a certificate object's value into a {@link CardCertificate}, or undefined when its usage cannot be told. */
export function readCardCertificate(der: Buffer, where: { tokenLabel: string; keyId: Buffer; objectLabel: string }): CardCertificate | undefined {
  const certificate = new X509Certificate(der);
  const usage = certificateUsage(der, where.objectLabel);
  if (!usage) return undefined;
  return {
    usage,
    ...certificateSubject(certificate),
    certificatePem: certificate.toString(),
    certificateDer: Buffer.from(der),
    tokenLabel: where.tokenLabel,
    keyId: where.keyId.toString('hex'),
    objectLabel: where.objectLabel,
    notAfter: new Date(certificate.validTo),
  };
}
