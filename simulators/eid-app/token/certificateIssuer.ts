/**
 * What a card store needs from a PKI: a certificate for a public key generated on the card. The
 * kit's {@link TestPki} is the default; tests may pass any issuer of the same shape.
 */
import type { TestPki } from '../../kit/pki/testPki.js';

export type { IssuedCertificate, PersonIdentity } from '../../kit/pki/testPki.js';

/** Issues a SITHS-shaped person certificate (authentication or signature) for a public key. */
export type CertificateIssuer = Pick<TestPki, 'issuePersonCertificate'>;
