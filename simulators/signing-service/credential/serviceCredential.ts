/**
 * The signing service's own credential: the RSA key and function certificate it signs its
 * SignResponses, its SAML AuthnRequests and its metadata with, plus the incident controls that
 * replace it. `expire` swaps in a certificate whose validity ended a day ago by the virtual clock;
 * `rotate` swaps in a new key and certificate; `restore` goes back to the certificate the service
 * started with. Requesters that hold an older copy of the metadata (Webcert, which loads it once)
 * do not see the new certificate.
 */
import { X509Certificate } from 'node:crypto';
import type { Clock } from '../../kit/clock/virtualClock.js';
import type { TestPki } from '../../kit/pki/testPki.js';

/** An incident control on the service certificate. */
export type CertificateAction = 'expire' | 'rotate' | 'restore';
/** Which certificate is in use. */
export type CertificateState = 'original' | 'expired' | 'rotated';

/** The key and certificate currently in use. */
export interface SigningCredential {
  privateKeyPem: string;
  certificatePem: string;
  state: CertificateState;
  notBefore: Date;
  notAfter: Date;
}

/** What the admin API reports about the certificate in use. */
export interface CertificateStatus {
  state: CertificateState;
  subject: string;
  notBefore: string;
  notAfter: string;
  /** Whether the certificate is outside its validity at the virtual time of asking. */
  expired: boolean;
  fingerprint256: string;
}

const DAY = 24 * 3600_000;

/** Options for the first certificate. */
export interface ServiceCredentialOptions {
  pki: TestPki;
  clock: Clock;
  commonName: string;
  hsaId: string;
  /** Validity of the first certificate; default the test PKI's wide default (2015–2049). */
  validity?: { notBefore: Date; notAfter: Date };
  /** A key and certificate to start with (e.g. the topology's kept credential) instead of issuing one. */
  initial?: { privateKeyPem: string; certificatePem: string };
}

/** The service's signing credential with its incident controls. */
export class ServiceCredential {
  private currentCredential: SigningCredential;

  private constructor(
    private readonly options: ServiceCredentialOptions,
    private readonly original: SigningCredential,
  ) {
    this.currentCredential = original;
  }

  /** Takes `initial`, or issues the first certificate (RSA-2048, from the test PKI's function CA). */
  static async create(options: ServiceCredentialOptions): Promise<ServiceCredential> {
    const original = options.initial ? fromPem(options.initial, 'original') : await issue(options, 'original', options.validity);
    return new ServiceCredential(options, original);
  }

  /** The credential in use now. */
  get current(): SigningCredential {
    return this.currentCredential;
  }

  /** Whether the certificate in use is outside its validity at `now` (virtual ms). */
  isExpired(now: number): boolean {
    return now > this.currentCredential.notAfter.getTime() || now < this.currentCredential.notBefore.getTime();
  }

  /** Applies an incident control and returns the new status. */
  async apply(action: CertificateAction): Promise<CertificateStatus> {
    const now = this.options.clock.now();
    switch (action) {
      case 'expire':
        this.currentCredential = await issue(this.options, 'expired', { notBefore: new Date(now - 366 * DAY), notAfter: new Date(now - DAY) });
        break;
      case 'rotate':
        this.currentCredential = await issue(this.options, 'rotated', undefined);
        break;
      case 'restore':
        this.currentCredential = this.original;
        break;
      default:
        throw new Error(`unknown certificate action "${String(action)}"; use expire, rotate or restore`);
    }
    return this.status();
  }

  /** The certificate in use, as the admin API reports it. */
  status(): CertificateStatus {
    const c = this.currentCredential;
    const cert = new X509Certificate(c.certificatePem);
    return {
      state: c.state,
      subject: cert.subject.replace(/\n/g, ', '),
      notBefore: c.notBefore.toISOString(),
      notAfter: c.notAfter.toISOString(),
      expired: this.isExpired(this.options.clock.now()),
      fingerprint256: cert.fingerprint256,
    };
  }
}

async function issue(options: ServiceCredentialOptions, state: CertificateState, validity: { notBefore: Date; notAfter: Date } | undefined): Promise<SigningCredential> {
  const issued = await options.pki.issueFunctionCertificate({
    commonName: options.commonName,
    hsaId: options.hsaId,
    key: 'RSA',
    notBefore: validity?.notBefore,
    notAfter: validity?.notAfter,
  });
  return fromPem(issued, state);
}

function fromPem(credential: { privateKeyPem: string; certificatePem: string }, state: CertificateState): SigningCredential {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(credential.certificatePem);
  } catch (error) {
    throw new Error(`the signing service certificate cannot be read (${(error as Error).message}); pass a PEM certificate`);
  }
  return {
    privateKeyPem: credential.privateKeyPem,
    certificatePem: credential.certificatePem,
    state,
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
  };
}
