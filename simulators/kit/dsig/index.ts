/** XML signatures in one import: enveloped signing, trusted verification, raw ECDSA. */
export * from './algorithms.js';
export * from './ecdsaRaw.js';
export * from './envelopedSignature.js';
export * from './signatureVerification.js';
