/** The test PKI in one import. */
export * from './certificateInfo.js';
export * from './pem.js';
export * from './testPki.js';
export type { ChainVerdict } from './chainVerifier.js';
export { CA_NAMES, TEST_ORGANIZATION } from './certificateProfiles.js';
