/**
 * Signing the sign tasks: a fresh ECDSA P-256 key for every signature (the service's key never
 * leaves it, and is thrown away afterwards), and the signature over ToBeSignedBytes as raw r‖s
 * (64 bytes), the XMLDSig form that Webcert puts verbatim into `ds:SignatureValue`.
 */
import { generateKeyPair, sign, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

const generateKeyPairAsync = promisify(generateKeyPair);

/** A one-time signing key. */
export interface SignatureKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** Generates the per-signature key (EC P-256). */
export async function newSignatureKey(): Promise<SignatureKey> {
  return generateKeyPairAsync('ec', { namedCurve: 'P-256' });
}

/** ECDSA-SHA256 over `toBeSigned`, as r‖s (IEEE P1363), 64 bytes for P-256. */
export function signToBeSignedBytes(key: SignatureKey, toBeSigned: Buffer): Buffer {
  return sign('sha256', toBeSigned, { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
}
