/** Everything the IdP's handlers share, hung off one started simulator (no global state). */
import type { Clock } from '../kit/clock/virtualClock.js';
import type { FaultRules } from '../kit/faults/faultRules.js';
import type { TrafficJournal } from '../kit/journal/trafficJournal.js';
import type { TestPki } from '../kit/pki/testPki.js';
import type { EidAppClient } from './eid/eidAppClient.js';
import type { IdpEntity, IdpEntityKind } from './idpEntities.js';
import type { IdpUserDirectory } from './idpUsers.js';
import type { ServiceProviderRegistry } from './serviceProviderRegistry.js';
import type { LoginTransactions } from './session/loginTransactions.js';
import type { SsoSessions } from './session/ssoSessions.js';

/** Party name of the IdP in the traffic journal and in fault rules. */
export const IDP_PARTY = 'idp';

export interface IdpContext {
  clock: Clock;
  journal?: TrafficJournal;
  faults?: FaultRules;
  pki: TestPki;
  /** The IdP's signing (and TLS) credential, issued by the function CA. */
  credential: { certificatePem: string; privateKeyPem: string };
  users: IdpUserDirectory;
  serviceProviders: ServiceProviderRegistry;
  sessions: SsoSessions;
  transactions: LoginTransactions;
  eid: EidAppClient;
  /** Refuse unsigned AuthnRequests from every SP. */
  requireSignedRequests: boolean;
  /** Shown in the eID app as who asks. */
  requesterName: string;
  /** Wall-clock ms between the eID wait page's status polls. */
  statusPollMs: number;
  /** `http://127.0.0.1:<port>` once started. */
  baseUrl(): string;
  /** `https://127.0.0.1:<port>` of the card (mutual TLS) listener. */
  cardUrl(): string;
  entities(): Record<IdpEntityKind, IdpEntity>;
  /** Name of the SSO cookie (per IdP port, so parallel topologies in one browser do not mix). */
  cookieName(): string;
}
