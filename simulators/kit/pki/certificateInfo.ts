/** Reading the facts other parties check in a certificate: subject fields, key usage, validity. */
import { X509Certificate as NodeCertificate, type KeyObject } from 'node:crypto';
import { NAME_OIDS } from './certificateProfiles.js';
import { pemToDer, toCertificatePem } from './pem.js';
import { x509 } from './x509Runtime.js';

/** What a certificate says, read once. */
export interface CertificateInfo {
  /** RFC 4514 style subject, e.g. `C=SE, GN=Ada, SN=Lind, 2.5.4.5=TSTNMT2321000156-1001, CN=Ada Lind`. */
  subject: string;
  issuer: string;
  commonName?: string;
  givenName?: string;
  surname?: string;
  /** Subject serialNumber attribute: the HSA-ID in SITHS certificates. */
  subjectSerialNumber?: string;
  /** Certificate serial number, hex. */
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  /** Names of the KeyUsage bits set, e.g. `digitalSignature`, `nonRepudiation`. */
  keyUsage: string[];
  /** Extended key usage OIDs. */
  extendedKeyUsage: string[];
  isCa: boolean;
  publicKey: KeyObject;
  /** SHA-256 fingerprint, colon-separated hex (Node's format). */
  fingerprint256: string;
  der: Buffer;
  pem: string;
}

const USAGE_NAMES: [number, string][] = [
  [1, 'digitalSignature'], [2, 'nonRepudiation'], [4, 'keyEncipherment'], [8, 'dataEncipherment'],
  [16, 'keyAgreement'], [32, 'keyCertSign'], [64, 'cRLSign'],
];

/**
 * Reads a certificate given as PEM or bare base64 DER.
 * @throws Error saying the input is not a certificate.
 */
export function readCertificate(certificate: string | Buffer): CertificateInfo {
  let der: Buffer;
  try {
    der = Buffer.isBuffer(certificate) ? certificate : pemToDer(toCertificatePem(certificate));
  } catch (error) {
    throw new Error(`not a certificate (expected PEM or base64 DER): ${(error as Error).message}`);
  }
  let parsed: x509.X509Certificate;
  let node: NodeCertificate;
  try {
    parsed = new x509.X509Certificate(new Uint8Array(der));
    node = new NodeCertificate(der);
  } catch (error) {
    throw new Error(`certificate could not be parsed as X.509 DER: ${(error as Error).message}`);
  }
  const field = (oid: string) => parsed.subjectName.getField(oid)[0];
  const ku = parsed.getExtension(x509.KeyUsagesExtension);
  const eku = parsed.getExtension(x509.ExtendedKeyUsageExtension);
  return {
    subject: parsed.subject,
    issuer: parsed.issuer,
    commonName: field(NAME_OIDS.commonName),
    givenName: field(NAME_OIDS.givenName),
    surname: field(NAME_OIDS.surname),
    subjectSerialNumber: field(NAME_OIDS.serialNumber),
    serialNumber: parsed.serialNumber,
    notBefore: parsed.notBefore,
    notAfter: parsed.notAfter,
    keyUsage: ku ? USAGE_NAMES.filter(([bit]) => (ku.usages & bit) !== 0).map(([, n]) => n) : [],
    extendedKeyUsage: eku ? eku.usages.map(String) : [],
    isCa: node.ca,
    publicKey: node.publicKey,
    fingerprint256: node.fingerprint256,
    der,
    pem: toCertificatePem(der.toString('base64')),
  };
}
