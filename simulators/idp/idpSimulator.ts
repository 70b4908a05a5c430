/**
 * The SITHS IdP simulator: a SAML 2.0 IdP like Inera's, with the login entity (`<base>/saml`),
 * the sign-time entities for the signing service, a Swedish login page with SITHS eID on another
 * device or this one (through the eID app simulator's order API), SITHS card over mutual TLS on a
 * second listener, the legacy Net iD (IE11 only, before 2023-06-30 by the virtual clock), SSO
 * sessions and single logout. It talks to other parties only over the network.
 */
import type { Clock } from '../kit/clock/virtualClock.js';
import type { FaultRules } from '../kit/faults/faultRules.js';
import type { TrafficJournal } from '../kit/journal/trafficJournal.js';
import type { StopOptions } from '../kit/network/exchangeDrain.js';
import { MtlsServer } from '../kit/network/mtlsServer.js';
import { PartyServer } from '../kit/network/partyServer.js';
import type { TestPki } from '../kit/pki/testPki.js';
import type { EntityMetadata } from '../kit/saml/metadataParser.js';
import { EidAppClient } from './eid/eidAppClient.js';
import { cardHandlers } from './handlers/cardHandlers.js';
import { eidHandlers } from './handlers/eidHandlers.js';
import { loginHandlers } from './handlers/loginHandlers.js';
import { sloHandlers } from './handlers/sloHandlers.js';
import { ssoHandlers } from './handlers/ssoHandlers.js';
import { IDP_PARTY, type IdpContext } from './idpContext.js';
import { entityMetadataXml, idpEntities, type IdpEntity, type IdpEntityKind } from './idpEntities.js';
import { IdpUserDirectory, type IdpUser, type UnknownUserPolicy } from './idpUsers.js';
import { ServiceProviderRegistry } from './serviceProviderRegistry.js';
import { LoginTransactions } from './session/loginTransactions.js';
import { SsoSessions } from './session/ssoSessions.js';

export interface IdpSimulatorOptions {
  clock: Clock;
  journal?: TrafficJournal;
  faults?: FaultRules;
  pki: TestPki;
  /** Port of the plain HTTP listener (SAML endpoints, pages); default random. */
  port?: number;
  /** Port of the mutual-TLS listener (SITHS card); default random. */
  cardPort?: number;
  /** Base URL of the eID app simulator's order API (Autentiseringstjänsten). */
  eidAppUrl: string;
  users: IdpUser[];
  /** SP metadata (XML or parsed): Webcert, the signing service. More can be added later. */
  serviceProviders: (string | EntityMetadata)[];
  /** Refuse unsigned AuthnRequests from every SP (metadata then says WantAuthnRequestsSigned="true"). Default false, like Inera's QA IdP. */
  requireSignedRequests?: boolean;
  /** Cards whose HSA-ID is not in `users`: refuse (default) or take names from the certificate. */
  unknownUsers?: UnknownUserPolicy;
  /** Shown in the eID app as who asks; default "Inera IdP (samverkan)". */
  requesterName?: string;
  /** The IdP's signing and TLS credential; default a new function certificate from `pki`. */
  credential?: { certificatePem: string; privateKeyPem: string };
  /**
   * Wall-clock ms between the eID wait page's status polls (also before the first); default 1000,
   * as a person's browser polls. Scenarios make it short so a login does not wait a fixed second.
   */
  statusPollMs?: number;
}

/** How often the eID wait page polls its status by default (wall-clock ms), as the real page does. */
export const DEFAULT_STATUS_POLL_MS = 1_000;

/** A running IdP simulator. */
export class IdpSimulator {
  readonly serviceProviders: ServiceProviderRegistry;
  readonly users: IdpUserDirectory;
  readonly sessions: SsoSessions;
  private server?: PartyServer;
  private cardServer?: MtlsServer;

  private constructor(private readonly ctx: IdpContext) {
    this.serviceProviders = ctx.serviceProviders;
    this.users = ctx.users;
    this.sessions = ctx.sessions;
  }

  /** Starts both listeners on 127.0.0.1. */
  static async start(options: IdpSimulatorOptions): Promise<IdpSimulator> {
    const credential =
      options.credential ??
      (await options.pki.issueFunctionCertificate({ commonName: 'idp.samverkan.test', hsaId: 'TSTNMT2321000156-IDP1', dnsNames: ['localhost'] }));
    let sim: IdpSimulator | undefined;
    const base = () => sim?.url ?? 'http://127.0.0.1:0';
    const ctx: IdpContext = {
      clock: options.clock,
      journal: options.journal,
      faults: options.faults,
      pki: options.pki,
      credential,
      users: new IdpUserDirectory(options.users, options.unknownUsers),
      serviceProviders: new ServiceProviderRegistry(options.serviceProviders),
      sessions: new SsoSessions(options.clock),
      transactions: new LoginTransactions(options.clock),
      eid: new EidAppClient({ baseUrl: options.eidAppUrl, clock: options.clock, journal: options.journal, party: IDP_PARTY }),
      requireSignedRequests: options.requireSignedRequests ?? false,
      requesterName: options.requesterName ?? 'Inera IdP (samverkan)',
      statusPollMs: options.statusPollMs ?? DEFAULT_STATUS_POLL_MS,
      baseUrl: base,
      cardUrl: () => sim?.cardUrl ?? 'https://127.0.0.1:0',
      entities: () => idpEntities(base()),
      cookieName: () => `samverkan_idp_${sim?.server?.port ?? 0}`,
    };
    sim = new IdpSimulator(ctx);
    sim.server = await PartyServer.start({
      party: IDP_PARTY,
      clock: options.clock,
      journal: options.journal,
      port: options.port,
      handlers: [...ssoHandlers(ctx), ...loginHandlers(ctx), ...eidHandlers(ctx), ...sloHandlers(ctx)],
    });
    try {
      sim.cardServer = await MtlsServer.start({
        party: IDP_PARTY,
        clock: options.clock,
        journal: options.journal,
        port: options.cardPort,
        certificatePem: credential.certificatePem + options.pki.functionCaPem,
        privateKeyPem: credential.privateKeyPem,
        clientCaPem: [options.pki.personCaPem, options.pki.rootPem],
        handlers: cardHandlers(ctx),
      });
    } catch (error) {
      await sim.server.stop();
      throw error;
    }
    return sim;
  }

  /** Base URL of the plain listener, e.g. `http://127.0.0.1:40123`. */
  get url(): string {
    if (!this.server) throw new Error('IdP simulator is not started');
    return this.server.url;
  }

  /** Base URL of the card (mutual TLS) listener. */
  get cardUrl(): string {
    if (!this.cardServer) throw new Error('IdP simulator is not started');
    return this.cardServer.url;
  }

  /** The login entity's ID, `<url>/saml`. */
  get entityId(): string {
    return this.entity('login').entityId;
  }

  /** The IdP's signing certificate (PEM), as its metadata publishes it. */
  get signingCertificatePem(): string {
    return this.ctx.credential.certificatePem;
  }

  /** One of the three entities with its endpoints. */
  entity(kind: IdpEntityKind = 'login'): IdpEntity {
    return idpEntities(this.url)[kind];
  }

  /** Metadata XML of an entity (default the login entity), as served. */
  metadataXml(kind: IdpEntityKind = 'login'): string {
    return entityMetadataXml(this.entity(kind), { certificatePem: this.ctx.credential.certificatePem, wantAuthnRequestsSigned: this.ctx.requireSignedRequests });
  }

  /** Endpoints other parties call or people open. */
  get endpoints(): Record<string, string> {
    const login = this.entity('login');
    return {
      entityId: login.entityId,
      metadata: login.metadataUrl,
      ssoRedirect: login.ssoRedirect,
      ssoPost: login.ssoPost,
      sloRedirect: login.sloRedirect ?? '',
      sloPost: login.sloPost ?? '',
      logout: `${this.url}/saml/logout`,
      signSameDevice: this.entity('sign-same-device').entityId,
      signOtherDevice: this.entity('sign-other-device').entityId,
      signSameDeviceMetadata: this.entity('sign-same-device').metadataUrl,
      signOtherDeviceMetadata: this.entity('sign-other-device').metadataUrl,
      card: this.cardUrl,
    };
  }

  /** Registers (or replaces) a service provider from its metadata. */
  addServiceProvider(metadata: string | EntityMetadata): EntityMetadata {
    return this.serviceProviders.add(metadata);
  }

  /** Stops both listeners: stop accepting, drain requests in flight (see {@link PartyServer.stop}). */
  async stop(options?: StopOptions): Promise<void> {
    await Promise.all([this.server?.stop(options), this.cardServer?.stop(options)]);
  }
}
