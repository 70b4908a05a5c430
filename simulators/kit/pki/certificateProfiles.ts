/**
 * What the test certificates look like: names shaped like SITHS test names (marked as
 * samverkan's own so nobody mistakes them for Inera's), and the extensions of each profile.
 */
import { isIP } from 'node:net';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { webCrypto, x509 } from './x509Runtime.js';

/** Organisation of every CA and function certificate. */
export const TEST_ORGANIZATION = 'Inera AB (test)';

/** Common names of the three CAs. */
export const CA_NAMES = {
  root: 'TEST SITHS e-id Root CA v2 (samverkan)',
  person: 'TEST SITHS e-id Person ID 3 CA v1 (samverkan)',
  function: 'TEST SITHS e-id Function CA v1 (samverkan)',
} as const;

/** X.520 attribute OIDs used in subjects. */
export const NAME_OIDS = {
  country: '2.5.4.6',
  organization: '2.5.4.10',
  commonName: '2.5.4.3',
  givenName: '2.5.4.42',
  surname: '2.5.4.4',
  serialNumber: '2.5.4.5',
} as const;

type JsonName = Record<string, string[]>[];

/** Subject of a CA certificate. */
export function caName(commonName: string): JsonName {
  return [
    { [NAME_OIDS.country]: ['SE'] },
    { [NAME_OIDS.organization]: [TEST_ORGANIZATION] },
    { [NAME_OIDS.commonName]: [commonName] },
  ];
}

/** Subject of a person (card) certificate: C, GN, SN, serialNumber = HSA-ID, CN "givenName surname". */
export function personName(p: { hsaId: string; givenName: string; surname: string }): JsonName {
  return [
    { [NAME_OIDS.country]: ['SE'] },
    { [NAME_OIDS.givenName]: [p.givenName] },
    { [NAME_OIDS.surname]: [p.surname] },
    { [NAME_OIDS.serialNumber]: [p.hsaId] },
    { [NAME_OIDS.commonName]: [`${p.givenName} ${p.surname}`] },
  ];
}

/** Subject of a function certificate (IdP, signing service, Webcert): C, O, serialNumber = HSA-ID, CN. */
export function functionName(commonName: string, hsaId: string): JsonName {
  return [
    { [NAME_OIDS.country]: ['SE'] },
    { [NAME_OIDS.organization]: [TEST_ORGANIZATION] },
    { [NAME_OIDS.serialNumber]: [hsaId] },
    { [NAME_OIDS.commonName]: [commonName] },
  ];
}

/** A random positive 128-bit serial number, hex. */
export function randomSerialNumber(): string {
  const bytes = webCrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f | 0x10;
  return Buffer.from(bytes).toString('hex');
}

const { KeyUsageFlags: KU } = x509;

/** Key identifiers linking a certificate to its issuer (either key of the issuer will do). */
async function keyIds(subjectKey: KeyObject, issuerKey: KeyObject): Promise<x509.Extension[]> {
  const spki = (k: KeyObject) => (k.type === 'private' ? createPublicKey(k) : k).export({ format: 'der', type: 'spki' });
  return [
    await x509.SubjectKeyIdentifierExtension.create(spki(subjectKey), false, webCrypto),
    await x509.AuthorityKeyIdentifierExtension.create(spki(issuerKey), false, webCrypto),
  ];
}

/** Extensions of a CA certificate (`pathLength` 0 for issuing CAs, absent for the root). */
export async function caExtensions(subjectKey: KeyObject, issuerKey: KeyObject, pathLength?: number): Promise<x509.Extension[]> {
  return [
    new x509.BasicConstraintsExtension(true, pathLength, true),
    new x509.KeyUsagesExtension(KU.keyCertSign | KU.cRLSign, true),
    ...(await keyIds(subjectKey, issuerKey)),
  ];
}

/**
 * Extensions of a person certificate. Authentication: digitalSignature and EKU clientAuth (so
 * the card works for mutual TLS). Signature: nonRepudiation only (how Net iD tells them apart).
 */
export async function personExtensions(subjectKey: KeyObject, issuerKey: KeyObject, usage: 'authentication' | 'signature'): Promise<x509.Extension[]> {
  const out: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, false),
    new x509.KeyUsagesExtension(usage === 'authentication' ? KU.digitalSignature : KU.nonRepudiation, true),
  ];
  if (usage === 'authentication') out.push(new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth], false));
  return [...out, ...(await keyIds(subjectKey, issuerKey))];
}

/**
 * Extensions of a function certificate: digitalSignature (+ keyEncipherment for RSA); with
 * `dnsNames`, EKU serverAuth + clientAuth and a SAN with each name (IP literals as iPAddress) and
 * always IP 127.0.0.1.
 */
export async function functionExtensions(subjectKey: KeyObject, issuerKey: KeyObject, dnsNames?: string[]): Promise<x509.Extension[]> {
  const rsa = subjectKey.asymmetricKeyType === 'rsa';
  const out: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, false),
    new x509.KeyUsagesExtension(rsa ? KU.digitalSignature | KU.keyEncipherment : KU.digitalSignature, true),
  ];
  if (dnsNames && dnsNames.length > 0) {
    out.push(new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth], false));
    const names = new Set([...dnsNames, '127.0.0.1']);
    out.push(
      new x509.SubjectAlternativeNameExtension(
        [...names].map((n) => (isIP(n) ? { type: 'ip' as const, value: n } : { type: 'dns' as const, value: n })),
        false,
      ),
    );
  }
  return [...out, ...(await keyIds(subjectKey, issuerKey))];
}
