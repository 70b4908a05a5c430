/**
 * Writing a card onto a PKCS#11 token: initialise the token with its label and PINs, generate an
 * RSA key pair on it, read the public key back, and store a certificate beside its key.
 */
import { createHash, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { CardError } from './cardError.js';
import { certificateParts } from './derReader.js';
import { findToken, listTokens, pkcs11js, TOKEN_LABEL_MAX, withSession, type Handle, type Pkcs11 } from './pkcs11Module.js';

/**
 * Initialises the first free token with `label` and sets its SO PIN and user PIN; returns the
 * token's slot (valid until the module is finalised; find it by label afterwards).
 */
export function initToken(p: Pkcs11, label: string, soPin: string, userPin: string): Handle {
  if (label.length > TOKEN_LABEL_MAX) throw new CardError('invalidInput', `token label "${label}" is longer than ${TOKEN_LABEL_MAX} characters`);
  const free = listTokens(p).find((t) => !t.initialized);
  if (!free) throw new CardError('tokenFailure', 'the PKCS#11 module has no free token slot to initialise');
  // pkcs11js passes the label as is; PKCS#11 wants 32 blank-padded bytes.
  p.C_InitToken(free.slot, soPin, label.padEnd(TOKEN_LABEL_MAX, ' '));
  const token = findToken(p, label);
  if (!token) throw new CardError('tokenFailure', `token "${label}" was initialised but the module does not list it`);
  withSession(p, token.slot, { readWrite: true }, (session) => {
    p.C_Login(session, pkcs11js.CKU_SO, soPin);
    p.C_InitPIN(session, userPin);
    p.C_Logout(session);
  });
  return token.slot;
}

/** A key pair generated on the token. */
export interface TokenKeyPair {
  publicKey: KeyObject;
  /** CKA_ID shared by the key pair and, later, its certificate: SHA-1 of the modulus, as many card tools do. */
  id: Buffer;
}

/** Generates an RSA-2048 key pair on the token (private key sensitive, never extractable). Needs a logged-in R/W session. */
export function generateRsaKeyPair(p: Pkcs11, session: Handle, label: string): TokenKeyPair {
  const temporaryId = Buffer.from(`${label}-${Date.now()}`);
  const pair = p.C_GenerateKeyPair(
    session,
    { mechanism: pkcs11js.CKM_RSA_PKCS_KEY_PAIR_GEN },
    [
      { type: pkcs11js.CKA_TOKEN, value: true },
      { type: pkcs11js.CKA_VERIFY, value: true },
      { type: pkcs11js.CKA_MODULUS_BITS, value: 2048 },
      { type: pkcs11js.CKA_PUBLIC_EXPONENT, value: Buffer.from([1, 0, 1]) },
      { type: pkcs11js.CKA_LABEL, value: label },
      { type: pkcs11js.CKA_ID, value: temporaryId },
    ],
    [
      { type: pkcs11js.CKA_TOKEN, value: true },
      { type: pkcs11js.CKA_PRIVATE, value: true },
      { type: pkcs11js.CKA_SENSITIVE, value: true },
      { type: pkcs11js.CKA_EXTRACTABLE, value: false },
      { type: pkcs11js.CKA_SIGN, value: true },
      { type: pkcs11js.CKA_LABEL, value: label },
      { type: pkcs11js.CKA_ID, value: temporaryId },
    ],
  );
  const [modulus, exponent] = p.C_GetAttributeValue(session, pair.publicKey, [{ type: pkcs11js.CKA_MODULUS }, { type: pkcs11js.CKA_PUBLIC_EXPONENT }]);
  if (!Buffer.isBuffer(modulus?.value) || !Buffer.isBuffer(exponent?.value)) throw new CardError('tokenFailure', `the token returned no modulus or exponent for key pair "${label}"`);
  const id = createHash('sha1').update(modulus.value).digest();
  for (const key of [pair.publicKey, pair.privateKey]) p.C_SetAttributeValue(session, key, [{ type: pkcs11js.CKA_ID, value: id }]);
  return { publicKey: rsaPublicKey(modulus.value, exponent.value), id };
}

/** An RSA public key from CKA_MODULUS and CKA_PUBLIC_EXPONENT. */
export function rsaPublicKey(modulus: Buffer, exponent: Buffer): KeyObject {
  return createPublicKey({ key: { kty: 'RSA', n: modulus.toString('base64url'), e: exponent.toString('base64url') }, format: 'jwk' });
}

/** Stores an X.509 certificate as a public CKO_CERTIFICATE object with the key pair's CKA_ID. Needs a logged-in R/W session. */
export function importCertificate(p: Pkcs11, session: Handle, certificate: { der: Buffer; id: Buffer; label: string }): void {
  const parts = certificateParts(certificate.der);
  new X509Certificate(certificate.der); // refuses anything that is not a certificate
  p.C_CreateObject(session, [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
    { type: pkcs11js.CKA_CERTIFICATE_TYPE, value: pkcs11js.CKC_X_509 },
    { type: pkcs11js.CKA_TOKEN, value: true },
    { type: pkcs11js.CKA_PRIVATE, value: false },
    { type: pkcs11js.CKA_LABEL, value: certificate.label },
    { type: pkcs11js.CKA_ID, value: certificate.id },
    { type: pkcs11js.CKA_SUBJECT, value: parts.subjectDer },
    { type: pkcs11js.CKA_ISSUER, value: parts.issuerDer },
    { type: pkcs11js.CKA_SERIAL_NUMBER, value: parts.serialNumberDer },
    { type: pkcs11js.CKA_VALUE, value: certificate.der },
  ]);
}
