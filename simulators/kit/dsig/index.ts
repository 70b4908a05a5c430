/** XML signatures in one import: enveloped signing, trusted verification, raw ECDSA, the certificate signature. */
export * from './algorithms.js';
export * from './ecdsaRaw.js';
export * from './envelopedSignature.js';
export * from './signatureVerification.js';
export * from './intygReference.js';
export * from './intygSignature.js';
export * from './intygTransforms.js';
