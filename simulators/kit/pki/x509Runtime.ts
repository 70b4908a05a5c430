/**
 * The one place that loads @peculiar/x509: `reflect-metadata` must be imported before it
 * (tsyringe needs the polyfill), and every call gets Node's WebCrypto explicitly so no global
 * provider has to be set.
 */
import 'reflect-metadata'; // before @peculiar/x509
import * as x509 from '@peculiar/x509';
import { webcrypto, type KeyObject } from 'node:crypto';

export { x509 };

/** Node's WebCrypto, typed as the DOM `Crypto` that @peculiar/x509 expects. */
export const webCrypto = webcrypto as unknown as Crypto;

/** WebCrypto algorithm used to sign certificates with a key of this type. */
export function signingAlgorithmFor(key: KeyObject): RsaHashedImportParams | EcKeyImportParams {
  if (key.asymmetricKeyType === 'rsa') return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    const namedCurve = curve === 'secp384r1' ? 'P-384' : curve === 'secp521r1' ? 'P-521' : 'P-256';
    return { name: 'ECDSA', namedCurve };
  }
  throw new Error(`keys of type ${key.asymmetricKeyType ?? 'unknown'} cannot sign certificates here; use RSA or EC`);
}

/** A Node private key as a WebCrypto key that can sign certificates. */
export async function toSigningCryptoKey(privateKey: KeyObject): Promise<CryptoKey> {
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  return webCrypto.subtle.importKey('pkcs8', der, signingAlgorithmFor(privateKey), false, ['sign']);
}

/** WebCrypto parameters (hash) for signing a certificate with a key of this type. */
export function certificateSigningParams(key: KeyObject): Algorithm | EcdsaParams {
  return key.asymmetricKeyType === 'ec'
    ? ({ name: 'ECDSA', hash: 'SHA-256' } as EcdsaParams)
    : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as Algorithm;
}

/** A Node public key as the SPKI container @peculiar/x509 takes for a certificate's subject key. */
export function toX509PublicKey(publicKey: KeyObject): x509.PublicKey {
  return new x509.PublicKey(publicKey.export({ format: 'der', type: 'spki' }));
}
