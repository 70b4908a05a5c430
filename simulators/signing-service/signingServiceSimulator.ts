/**
 * The signing service simulator ("Underskriftstjänsten", shaped like CGI's signservice that Webcert
 * uses): OASIS DSS 1.0 with the Sweden Connect csig extension over `POST/XML/1.0` form posts, a SAML
 * SP toward the IdP for sign-time authentication, a CA for per-signature signer certificates, its
 * SAML metadata, and incident controls on its own certificate (expire, rotate, restore).
 */
import type { Clock } from '../kit/clock/virtualClock.js';
import type { FaultRules } from '../kit/faults/faultRules.js';
import type { TrafficJournal } from '../kit/journal/trafficJournal.js';
import type { StopOptions } from '../kit/network/exchangeDrain.js';
import { PartyServer } from '../kit/network/partyServer.js';
import type { TestPki } from '../kit/pki/testPki.js';
import { ReplayCache } from '../kit/saml/replayCache.js';
import { ServiceCredential, type CertificateAction, type CertificateStatus, type SigningCredential } from './credential/serviceCredential.js';
import { SIGNING_SERVICE_PARTY, type FlowContext } from './flow/flowContext.js';
import { SignTransactions } from './flow/transactions.js';
import { buildServiceMetadata, type ServiceEndpoints } from './saml/serviceMetadata.js';
import { SignerCa } from './signer/signerCa.js';
import { IdentityProviders, type IdentityProviderConfig } from './trust/identityProviders.js';
import { TrustedRequesters, type TrustedRequesterConfig } from './trust/trustedRequesters.js';
import { SERVICE_PATHS, serviceRoutes } from './web/serviceRoutes.js';

/** CGI's customer id in Webcert's dev configuration (`dss.service.clientid`). */
export const DEFAULT_CUSTOMER_ID = '4321a222112';

/** A requester, with the party name the traffic journal uses for it (default `webcert`). */
export type RequesterRegistration = TrustedRequesterConfig & { party?: string };

export interface SigningServiceSimulatorOptions {
  clock: Clock;
  journal?: TrafficJournal;
  faults?: FaultRules;
  /** Issues the service certificate (and its `expire`/`rotate` replacements). */
  pki: TestPki;
  port?: number;
  /** Path segment of the request and metadata URLs; default `4321a222112`. */
  customerId?: string;
  /** Base URL others see, when not the loopback server URL (e.g. behind a proxy). */
  publicBaseUrl?: string;
  /** IdPs signers may be sent to (more can be added with {@link SigningServiceSimulator.addIdentityProvider}). */
  identityProviders?: IdentityProviderConfig[];
  /** Shorthand for one IdP given by its metadata. */
  idpMetadataXml?: string;
  /** Requesters whose signed SignRequests are served (more with {@link SigningServiceSimulator.addTrustedRequester}). */
  trustedRequesters?: RequesterRegistration[];
  /** Key and certificate to start with (the topology's kept credential); default one issued by `pki`. */
  credential?: { privateKeyPem: string; certificatePem: string };
  /** Validity of the certificate issued when no `credential` is given; default 2015–2049. */
  certificateValidity?: { notBefore: Date; notAfter: Date };
  /**
   * With an expired own certificate: true (default) answers every request ResponderError +
   * GeneralError saying so; false signs anyway (Webcert does not check the expiry, see
   * webcert-surfaces.md §1.9).
   */
  refuseWhenOwnCertificateExpired?: boolean;
  /** How long "Du ska nu underteckna" is shown before going on to the IdP; default 300 ms. */
  redirectDelayMs?: number;
  /** Whether answer pages post themselves (default true); false leaves a button. */
  autoSubmit?: boolean;
  /** Max SignRequest age (default 3 min) and allowed clock skew (default 30 s). */
  maxMessageAgeMs?: number;
  allowedClockSkewMs?: number;
  /** How long a signer may take at the IdP; default 15 min. */
  transactionLifetimeMs?: number;
  /**
   * Called with the new metadata after every certificate action, so parties that refresh metadata
   * (the IdP, as a federation would) learn the new certificate; Webcert is deliberately not told.
   */
  onMetadataChange?: (metadataXml: string) => void;
}

/** The addresses of a running service. */
export interface SigningServiceEndpoints extends ServiceEndpoints {
  /** Same as `entityId`: the metadata is served there. */
  metadataUrl: string;
  adminCertificate: string;
}

/** A running signing service simulator. */
export class SigningServiceSimulator {
  private server?: PartyServer;
  private readonly requesterParties = new Map<string, string>();
  private metadataCache?: { credential: SigningCredential; xml: string };

  private constructor(
    private readonly options: SigningServiceSimulatorOptions,
    private readonly credential: ServiceCredential,
    private readonly ca: SignerCa,
    private readonly requesters: TrustedRequesters,
    private readonly idps: IdentityProviders,
  ) {}

  /**
   * Starts the service on a loopback port.
   * @throws Error when a requester or IdP registration is unusable (saying which and why).
   */
  static async start(options: SigningServiceSimulatorOptions): Promise<SigningServiceSimulator> {
    const idps = new IdentityProviders([...(options.identityProviders ?? []), ...(options.idpMetadataXml ? [{ metadataXml: options.idpMetadataXml }] : [])]);
    const requesters = new TrustedRequesters();
    const [credential, ca] = await Promise.all([
      ServiceCredential.create({
        pki: options.pki,
        clock: options.clock,
        commonName: 'underskrift.samverkan.test',
        hsaId: 'TSTNMT2321000156-DSS',
        validity: options.certificateValidity,
        initial: options.credential,
      }),
      SignerCa.create(),
    ]);
    const sim = new SigningServiceSimulator(options, credential, ca, requesters, idps);
    for (const r of options.trustedRequesters ?? []) sim.addTrustedRequester(r);
    const customerId = options.customerId ?? DEFAULT_CUSTOMER_ID;
    const flow: FlowContext = {
      clock: options.clock,
      journal: options.journal,
      endpoints: sim.lazyEndpoints(),
      credential,
      ca,
      requesters,
      identityProviders: idps,
      transactions: new SignTransactions(options.clock, options.transactionLifetimeMs),
      replayCache: new ReplayCache(options.clock),
      settings: {
        refuseWhenOwnCertificateExpired: options.refuseWhenOwnCertificateExpired ?? true,
        redirectDelayMs: options.redirectDelayMs ?? 300,
        maxMessageAgeMs: options.maxMessageAgeMs,
        allowedClockSkewMs: options.allowedClockSkewMs,
        requesterParty: (entityId) => sim.requesterParties.get(entityId) ?? 'webcert',
        autoSubmit: options.autoSubmit ?? true,
      },
    };
    sim.server = await PartyServer.start({
      party: SIGNING_SERVICE_PARTY,
      clock: options.clock,
      journal: options.journal,
      port: options.port,
      handlers: serviceRoutes({
        flow,
        customerId,
        faults: options.faults,
        metadataXml: () => sim.metadataXml(),
        certificateStatus: () => credential.status(),
        applyCertificateAction: (action) => sim.certificateAction(action),
      }),
    });
    return sim;
  }

  /** The loopback server URL. */
  get url(): string {
    if (!this.server) throw new Error('signing service simulator is not started');
    return this.server.url;
  }

  /** The service's addresses (entityID = metadata URL; request URL = Webcert's actionUrl). */
  get endpoints(): SigningServiceEndpoints {
    const base = (this.options.publicBaseUrl ?? this.url).replace(/\/+$/, '');
    const customerId = this.options.customerId ?? DEFAULT_CUSTOMER_ID;
    return {
      entityId: `${base}${SERVICE_PATHS.metadata(customerId)}`,
      metadataUrl: `${base}${SERVICE_PATHS.metadata(customerId)}`,
      requestUrl: `${base}${SERVICE_PATHS.request(customerId)}`,
      assertionConsumerUrl: `${base}${SERVICE_PATHS.consumeAssertion}`,
      adminCertificate: `${this.url}${SERVICE_PATHS.adminCertificate}`,
    };
  }

  /** The service's signed SAML metadata as served now (current certificate); hand a copy to Webcert at start. */
  metadataXml(): string {
    const current = this.credential.current;
    if (this.metadataCache?.credential !== current) {
      this.metadataCache = { credential: current, xml: buildServiceMetadata(this.endpoints, current) };
    }
    return this.metadataCache.xml;
  }

  /** The response-signing certificate in use (PEM). */
  get certificatePem(): string {
    return this.credential.current.certificatePem;
  }

  /** The signer-certificate CA chain (issuing CA, root), PEM. */
  get signerCaChainPem(): string[] {
    return this.ca.chainPem;
  }

  /** Status of the service certificate. */
  certificateStatus(): CertificateStatus {
    return this.credential.status();
  }

  /** Incident control: `expire`, `rotate` or `restore` the service certificate (also `POST /admin/certificate`). */
  async certificateAction(action: CertificateAction): Promise<CertificateStatus> {
    const status = await this.credential.apply(action);
    this.options.onMetadataChange?.(this.metadataXml());
    return status;
  }

  /** Registers a requester (e.g. Webcert once its metadata is known). */
  addTrustedRequester(registration: RequesterRegistration): void {
    this.requesters.add(registration);
    this.requesterParties.set(registration.entityId, registration.party ?? 'webcert');
  }

  /** Registers an IdP (e.g. once the IdP simulator has started). */
  addIdentityProvider(config: IdentityProviderConfig): void {
    this.idps.add(config);
  }

  /** Stops accepting and drains requests in flight (see {@link PartyServer.stop}). */
  async stop(options?: StopOptions): Promise<void> {
    await this.server?.stop(options);
  }

  private lazyEndpoints(): ServiceEndpoints {
    const sim = this;
    return {
      get entityId() {
        return sim.endpoints.entityId;
      },
      get requestUrl() {
        return sim.endpoints.requestUrl;
      },
      get assertionConsumerUrl() {
        return sim.endpoints.assertionConsumerUrl;
      },
    };
  }
}
