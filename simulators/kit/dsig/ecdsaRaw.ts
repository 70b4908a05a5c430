/**
 * Raw ECDSA over SHA-256 with signatures as r||s (IEEE P1363), the form PKCS#11 `CKM_ECDSA`
 * returns and XML-DSig ecdsa-sha256 carries.
 */
import { createPrivateKey, createPublicKey, sign, verify, X509Certificate, type KeyObject } from 'node:crypto';

const asBytes = (data: Buffer | Uint8Array | string) => (typeof data === 'string' ? Buffer.from(data, 'utf8') : data);

/** Signs `data` (UTF-8 when a string) with an EC private key (KeyObject or PEM); returns r||s. */
export function ecdsaSignRaw(data: Buffer | Uint8Array | string, privateKey: KeyObject | string): Buffer {
  const key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
  if (key.asymmetricKeyType !== 'ec') throw new Error(`ecdsaSignRaw needs an EC private key, got ${key.asymmetricKeyType ?? 'unknown'}`);
  return sign('sha256', asBytes(data), { key, dsaEncoding: 'ieee-p1363' });
}

/**
 * Verifies an r||s ECDSA-SHA256 signature with a public key, a public-key PEM or a certificate PEM.
 * Returns false (never throws) for a wrong signature, a wrong length or a non-EC key.
 */
export function ecdsaVerifyRaw(data: Buffer | Uint8Array | string, signature: Buffer | Uint8Array, publicKeyOrCertPem: KeyObject | string): boolean {
  let key: KeyObject;
  try {
    key =
      typeof publicKeyOrCertPem !== 'string'
        ? publicKeyOrCertPem
        : publicKeyOrCertPem.includes('BEGIN CERTIFICATE')
          ? new X509Certificate(publicKeyOrCertPem).publicKey
          : createPublicKey(publicKeyOrCertPem);
  } catch {
    return false;
  }
  if (key.asymmetricKeyType !== 'ec') return false;
  try {
    return verify('sha256', asBytes(data), { key, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false;
  }
}
