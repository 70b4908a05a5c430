/**
 * The signing service's own CA, which issues a short-lived signer certificate for every signature
 * (TF/08 profile, shaped like CGI's "DSS End User CA"): a root and an issuing CA, EC P-256, made in
 * memory when the service starts. TestPki does not hand out its CA keys, so this hierarchy is
 * separate from the SITHS-shaped test PKI; Webcert does not check the signer's chain.
 */
import { createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { CA_VALIDITY } from '../../kit/pki/caHierarchy.js';
import { caExtensions, NAME_OIDS, randomSerialNumber } from '../../kit/pki/certificateProfiles.js';
import { certificateSigningParams, toSigningCryptoKey, webCrypto, x509 } from '../../kit/pki/x509Runtime.js';
import { authContextExtension, type SamlAuthContext } from './authContextExtension.js';

const generateKeyPairAsync = promisify(generateKeyPair);

/** Organisation named in the service's CA certificates. */
export const SIGNER_CA_ORGANIZATION = 'Samverkan signeringstjänst (test)';
/** Common names of the two CAs. */
export const SIGNER_CA_NAMES = {
  root: 'TEST Samverkan DSS Root CA v1',
  issuing: 'TEST Samverkan DSS End User CA v1',
} as const;
/** Certificate policy of signer certificates: ETSI EN 319 411-1 NCP (a PKC policy). */
export const SIGNER_CERTIFICATE_POLICY = '0.4.0.2042.1.1';

/** The person a signer certificate names, from the authenticated assertion. */
export interface SignerIdentity {
  givenName: string;
  surname: string;
  hsaId: string;
  /** `urn:name`, the full name: the certificate's CN. */
  fullName: string;
}

type JsonName = Record<string, string[]>[];

function caSubject(commonName: string): JsonName {
  return [
    { [NAME_OIDS.country]: ['SE'] },
    { [NAME_OIDS.organization]: [SIGNER_CA_ORGANIZATION] },
    { [NAME_OIDS.commonName]: [commonName] },
  ];
}

/** Subject of a signer certificate: GN, SN, serialNumber = HSA-ID, CN = urn:name. */
export function signerSubject(signer: SignerIdentity): JsonName {
  return [
    { [NAME_OIDS.givenName]: [signer.givenName] },
    { [NAME_OIDS.surname]: [signer.surname] },
    { [NAME_OIDS.serialNumber]: [signer.hsaId] },
    { [NAME_OIDS.commonName]: [signer.fullName] },
  ];
}

interface Ca {
  certificatePem: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  name: JsonName;
}

async function makeCa(commonName: string, issuer?: Ca): Promise<Ca> {
  const keys = await generateKeyPairAsync('ec', { namedCurve: 'P-256' });
  const name = caSubject(commonName);
  const signer = issuer ?? { privateKey: keys.privateKey, publicKey: keys.publicKey, name };
  const cert = await x509.X509CertificateGenerator.create(
    {
      serialNumber: randomSerialNumber(),
      subject: name,
      issuer: signer.name,
      notBefore: CA_VALIDITY.notBefore,
      notAfter: CA_VALIDITY.notAfter,
      publicKey: keys.publicKey.export({ format: 'der', type: 'spki' }),
      signingKey: await toSigningCryptoKey(signer.privateKey),
      signingAlgorithm: certificateSigningParams(signer.privateKey),
      extensions: await caExtensions(keys.publicKey, signer.publicKey, issuer ? 0 : undefined),
    },
    webCrypto,
  );
  return { certificatePem: cert.toString('pem') + '\n', privateKey: keys.privateKey, publicKey: keys.publicKey, name };
}

/** The service's signer-certificate CA. */
export class SignerCa {
  private constructor(
    private readonly root: Ca,
    private readonly issuing: Ca,
  ) {}

  /** Makes a new root and issuing CA (EC P-256, valid 2015–2049). */
  static async create(): Promise<SignerCa> {
    const root = await makeCa(SIGNER_CA_NAMES.root);
    return new SignerCa(root, await makeCa(SIGNER_CA_NAMES.issuing, root));
  }

  /** The issuing CA's certificate, then the root's, PEM: what follows the signer cert in a chain. */
  get chainPem(): string[] {
    return [this.issuing.certificatePem, this.root.certificatePem];
  }

  /**
   * Issues a signer certificate for `publicKey`: subject from `signer`, KeyUsage nonRepudiation
   * (critical), an EN 319 411-1 NCP policy and the RFC 7773 AuthContextExtension.
   */
  async issueSignerCertificate(args: {
    publicKey: KeyObject;
    signer: SignerIdentity;
    authContext: SamlAuthContext;
    notBefore: Date;
    notAfter: Date;
  }): Promise<{ certificatePem: string; certificateDer: Buffer }> {
    const publicKey = args.publicKey.type === 'private' ? createPublicKey(args.publicKey) : args.publicKey;
    const spki = (k: KeyObject) => k.export({ format: 'der', type: 'spki' });
    const cert = await x509.X509CertificateGenerator.create(
      {
        serialNumber: randomSerialNumber(),
        subject: signerSubject(args.signer),
        issuer: this.issuing.name,
        notBefore: args.notBefore,
        notAfter: args.notAfter,
        publicKey: spki(publicKey),
        signingKey: await toSigningCryptoKey(this.issuing.privateKey),
        signingAlgorithm: certificateSigningParams(this.issuing.privateKey),
        extensions: [
          new x509.BasicConstraintsExtension(false, undefined, false),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.nonRepudiation, true),
          new x509.CertificatePolicyExtension([SIGNER_CERTIFICATE_POLICY], false),
          await x509.SubjectKeyIdentifierExtension.create(spki(publicKey), false, webCrypto),
          await x509.AuthorityKeyIdentifierExtension.create(spki(this.issuing.publicKey), false, webCrypto),
          authContextExtension(args.authContext),
        ],
      },
      webCrypto,
    );
    return { certificatePem: cert.toString('pem') + '\n', certificateDer: Buffer.from(cert.rawData) };
  }
}
