/**
 * A throw-away test CA hierarchy shaped like SITHS: a root, a person CA that issues card
 * certificates (authentication and signature), and a function CA that issues the certificates of
 * the IdP, the signing service and Webcert. Created at first use and kept in a folder
 * (default `<repo>/.samverkan/`, git-ignored); tests use a temporary folder.
 *
 * Personnummer is not put in card certificates: subject serialNumber always carries the HSA-ID
 * (the SITHS "HSA-ID certificate" variant), which is what the IdP and Webcert read.
 */
import 'reflect-metadata'; // before @peculiar/x509
import { createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openCaHierarchy, type CaCredential, type CaHierarchy } from './caHierarchy.js';
import { functionExtensions, functionName, personExtensions, personName, randomSerialNumber } from './certificateProfiles.js';
import { verifyCertificateChain, type ChainVerdict } from './chainVerifier.js';
import { certificateSigningParams, toSigningCryptoKey, webCrypto, x509 } from './x509Runtime.js';

const generateKeyPairAsync = promisify(generateKeyPair);

/** A person as a card certificate names them. */
export interface PersonIdentity {
  hsaId: string;
  givenName: string;
  surname: string;
  /** Personnummer, 12 digits; not written into certificates (see the module note). */
  personId?: string;
}

/** A certificate as handed to its holder. */
export interface IssuedCertificate {
  certificatePem: string;
  certificateDer: Buffer;
  /** Issuers, up to and including the root. */
  chainPem: string[];
  /** PKCS#8 PEM, when the PKI generated the key. */
  privateKeyPem?: string;
}

/**
 * The default state folder, `<repo>/.samverkan/` (git-ignored): `repoRoot` defaults to the
 * current directory. Tests pass a `fs.mkdtempSync` folder to {@link TestPki.open} instead.
 */
export function defaultStateDirectory(repoRoot: string = process.cwd()): string {
  return join(repoRoot, '.samverkan');
}

/** Default validity of issued certificates: wide, so any virtual time a scenario uses is inside. */
export const DEFAULT_CERTIFICATE_VALIDITY = {
  notBefore: new Date('2015-01-01T00:00:00Z'),
  notAfter: new Date('2049-12-31T23:59:59Z'),
};

/** The test PKI of one state folder. */
export class TestPki {
  /** Root CA certificate, PEM. */
  readonly rootPem: string;
  /** Person (card) issuing CA certificate, PEM. */
  readonly personCaPem: string;
  /** Function (server) issuing CA certificate, PEM. */
  readonly functionCaPem: string;

  private constructor(private readonly ca: CaHierarchy) {
    this.rootPem = ca.root.certificatePem;
    this.personCaPem = ca.person.certificatePem;
    this.functionCaPem = ca.function.certificatePem;
  }

  /**
   * Loads the CAs kept in `dir`, or creates root + person CA + function CA there (about a second).
   * @throws Error when `dir` holds a damaged hierarchy, saying to delete it.
   */
  static async open(dir: string): Promise<TestPki> {
    return new TestPki(await openCaHierarchy(dir));
  }

  /**
   * Issues a card certificate for a key the card holds: subject CN "givenName surname", GN, SN,
   * serialNumber = HSA-ID; KeyUsage digitalSignature (+ EKU clientAuth) for `authentication`,
   * nonRepudiation for `signature`.
   */
  async issuePersonCertificate(args: {
    publicKey: KeyObject;
    person: PersonIdentity;
    usage: 'authentication' | 'signature';
    notBefore?: Date;
    notAfter?: Date;
  }): Promise<IssuedCertificate> {
    const publicKey = args.publicKey.type === 'private' ? createPublicKey(args.publicKey) : args.publicKey;
    const pem = await this.issue(this.ca.person, {
      subject: personName(args.person),
      publicKey,
      notBefore: args.notBefore,
      notAfter: args.notAfter,
      extensions: await personExtensions(publicKey, this.ca.person.privateKey, args.usage),
    });
    return this.issued(pem, [this.personCaPem, this.rootPem]);
  }

  /**
   * Issues a function certificate with a new key (RSA-2048 by default, or EC P-256): subject CN and
   * serialNumber = `hsaId`, KeyUsage digitalSignature (+ keyEncipherment for RSA); with `dnsNames`
   * also EKU serverAuth/clientAuth and SAN dNSName(s) + IP 127.0.0.1, for TLS.
   */
  async issueFunctionCertificate(args: {
    commonName: string;
    hsaId: string;
    key?: 'RSA' | 'EC';
    notBefore?: Date;
    notAfter?: Date;
    dnsNames?: string[];
  }): Promise<IssuedCertificate & { privateKeyPem: string }> {
    const keys =
      args.key === 'EC'
        ? await generateKeyPairAsync('ec', { namedCurve: 'P-256' })
        : await generateKeyPairAsync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
    const pem = await this.issue(this.ca.function, {
      subject: functionName(args.commonName, args.hsaId),
      publicKey: keys.publicKey,
      notBefore: args.notBefore,
      notAfter: args.notAfter,
      extensions: await functionExtensions(keys.publicKey, this.ca.function.privateKey, args.dnsNames),
    });
    const privateKeyPem = keys.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    return { ...this.issued(pem, [this.functionCaPem, this.rootPem]), privateKeyPem };
  }

  /**
   * Checks that the certificate (first one in the PEM text) chains to this PKI's root, every
   * signature verifying, and that each certificate on the way is valid at `at` (default now;
   * simulators pass their virtual clock's time).
   */
  verifyChain(certificatePem: string, at: Date = new Date()): ChainVerdict {
    return verifyCertificateChain(certificatePem, { roots: [this.rootPem], intermediates: [this.personCaPem, this.functionCaPem] }, at);
  }

  /** The person CA chain (person CA, root) as one PEM bundle, e.g. as the `ca` of a TLS server asking for cards. */
  get personTrustBundlePem(): string {
    return this.personCaPem + this.rootPem;
  }

  private async issue(
    issuer: CaCredential,
    cert: { subject: ReturnType<typeof personName>; publicKey: KeyObject; notBefore?: Date; notAfter?: Date; extensions: x509.Extension[] },
  ): Promise<string> {
    const issuerCert = new x509.X509Certificate(issuer.certificatePem);
    const notBefore = cert.notBefore ?? DEFAULT_CERTIFICATE_VALIDITY.notBefore;
    const notAfter = cert.notAfter ?? DEFAULT_CERTIFICATE_VALIDITY.notAfter;
    if (!(notAfter > notBefore)) {
      throw new Error(`certificate validity ends (${notAfter.toISOString()}) before it starts (${notBefore.toISOString()}); give notAfter later than notBefore`);
    }
    const created = await x509.X509CertificateGenerator.create(
      {
        serialNumber: randomSerialNumber(),
        subject: cert.subject,
        issuer: issuerCert.subjectName,
        notBefore,
        notAfter,
        publicKey: cert.publicKey.export({ format: 'der', type: 'spki' }),
        signingKey: await toSigningCryptoKey(issuer.privateKey),
        signingAlgorithm: certificateSigningParams(issuer.privateKey),
        extensions: cert.extensions,
      },
      webCrypto,
    );
    return created.toString('pem') + '\n';
  }

  private issued(certificatePem: string, chainPem: string[]): IssuedCertificate {
    const certificateDer = Buffer.from(new x509.X509Certificate(certificatePem).rawData);
    return { certificatePem, certificateDer, chainPem };
  }
}
