/**
 * A topology as data: which parties there are, how each one runs (simulated by samverkan, or a
 * real system at a URL), the test data, the clock and the journal file.
 */
import type { DirectoryData } from '../../simulators/webcert/directory/directory.js';
import { checkEntry } from '../../simulators/webcert/directory/populationRegister.js';
import { checkSubscriptionData } from '../../simulators/webcert/directory/subscriptions.js';
import type { ClockMode } from '../../simulators/kit/clock/virtualClock.js';
import { fileURLToPath } from 'node:url';
import { defaultDirectory } from './defaultDirectory.js';
import type { Recipient } from '../../simulators/intygstjanst/recipients.js';
import type { SkickaTiming } from '../../simulators/webcert/certificatesender/certificateSender.js';

/** Default folder for generated state (test PKI, credentials, SoftHSM tokens): `<repo>/.samverkan`. */
export const DEFAULT_STATE_DIR = fileURLToPath(new URL('../../.samverkan', import.meta.url));

/**
 * - `simulated`: samverkan runs the party.
 * - `external`: a real system at `url`; samverkan only talks to it.
 */
export type PartyMode = 'simulated' | 'external';

export interface PartyConfig {
  mode: PartyMode;
  /**
   * URL of the real system (mode `external`). For the journal system either its base URL (the
   * RIV-TA path of CertificateStatusUpdateForCare v3 is added) or, when it has a path, the URL of
   * its status-update receiver itself.
   */
  url?: string;
  /** Fixed loopback port for a simulated party; default random. */
  port?: number;
}

export interface TopologyConfig {
  parties: {
    webcert: PartyConfig;
    journal: PartyConfig;
    /** The SITHS IdP, the eID app with its cards, and the signing service: simulated together, or left out. */
    identity?: { mode: 'simulated' | 'none' };
    /** Intygstjänsten; `external`: its base URL, e.g. `https://it.example/inera-certificate`. Default simulated. */
    intygstjanst?: PartyConfig;
    /**
     * The recipients (Skatteverket, Socialstyrelsen, Försäkringskassan, Transportstyrelsen);
     * `external`: the national platform's base URL, where every recipient's logical address is
     * routed. Default simulated.
     */
    recipients?: PartyConfig;
  };
  directory: DirectoryData;
  clock: { mode: ClockMode; start?: number };
  /** Folder for generated keys and certificates (git-ignored); created on first use. */
  stateDir: string;
  /** Traffic journal file, or ':memory:'. */
  journalFile: string;
  journalMaxEntries?: number;
  /** Most bytes of request and response bodies the journal keeps; default 512 MiB. */
  journalMaxBytes?: number;
  webcert: {
    /** Redelivery profile name or schedule notation; default `forum-2022`. */
    redelivery?: string;
    notificationTimeoutMs?: number;
    andratWindowMs?: number;
    /** `intygstjanst.logicaladdress`; default `5565594230`. */
    intygstjanstLogicalAddress?: string;
    /** Wall-clock ms Webcert waits for Intygstjänsten; default 60 s. */
    intygstjanstTimeoutMs?: number;
    /** The certificate queue's broker URL with its `jms.redeliveryPolicy.*` (default Webcert's dev broker). */
    certificateBrokerUrl?: string;
    /** When SKICKA goes to the journal system: `after-delivery` (default) or `on-queue` (Webcert 7). */
    skicka?: SkickaTiming;
    /** Webcert's state file (certificates, status updates and their resends), or ':memory:' (the default). */
    stateFile?: string;
  };
  /** The simulated Intygstjänsten. */
  intygstjanst?: {
    /** Its recipients file (the shape of Intygstjänsten's recipients-dev.json); default FKASSA, TRANSP, SKV, SOS, AF. */
    recipients?: Recipient[];
    /** Wall-clock ms it waits for a recipient; default 60 s. */
    recipientTimeoutMs?: number;
    /** Its state file (the certificates it holds, kept across restarts), or ':memory:' (the default). */
    stateFile?: string;
    /** With a state file: certificates kept in memory besides the file (an LRU); default 2,000. */
    certificatesInMemory?: number;
  };
  /**
   * Messages each simulated inbox keeps, oldest first out (the journal system's status updates,
   * each recipient's certificates); default 10,000 each. A long replay needs few.
   */
  inboxSize?: number;
  /** The eID app: how it behaves at start, and which cards it reads. */
  eidApp?: {
    /** `auto` (default), `manual` (a person types the PIN on the app's page), or an incident mode. */
    mode?: 'auto' | 'manual' | 'cancel' | 'wrongPin' | 'notInstalled' | 'noAnswer';
    /** A real card's PKCS#11 module (Net iD's libiidp11.so, SAC's library) instead of the SoftHSM2 cards. */
    cardModule?: string;
    /** HSA-ID of the card in the reader; default the first user's. */
    activeCard?: string;
  };
  /**
   * How long stopping the topology waits, in all, for exchanges in flight (wall-clock ms) before it
   * answers them 503 and journals them as aborted; default 5000.
   */
  drainMs?: number;
  /**
   * Wall-clock waits of the simulated pages in the browser. Absent = a person's timings (the eID
   * wait page polls every 1000 ms, the signing service forwards after 300 ms, the draft autosaves
   * 400 ms after the last edit), as `up` serves them. Scenarios make them short (see
   * scenarios/fixtures/topologyFixtures.ts); nothing a test asserts depends on them.
   */
  pageTimings?: PageTimings;
  /** Loopback admin API; port 0 = random. Absent = no admin API. */
  admin?: { port?: number };
}

/** Wall-clock ms of the simulated pages' own timers (see {@link TopologyConfig.pageTimings}). */
export interface PageTimings {
  /** Between the IdP's eID wait page's status polls (and before the first); default 1000. */
  idpStatusPollMs?: number;
  /** Before the signing service's wait page forwards the browser to the IdP; default 300. */
  signingRedirectMs?: number;
  /** After the last edit before Webcert's draft page autosaves; default 400. */
  autosaveDebounceMs?: number;
}

/** The embedded all-simulated topology on random loopback ports, manual clock, in-memory journal. */
export function defaultTopologyConfig(overrides: Partial<TopologyConfig> = {}): TopologyConfig {
  return {
    parties: { webcert: { mode: 'simulated' }, journal: { mode: 'simulated' }, identity: { mode: 'simulated' } },
    directory: defaultDirectory(),
    clock: { mode: 'manual' },
    stateDir: DEFAULT_STATE_DIR,
    journalFile: ':memory:',
    webcert: {},
    ...overrides,
  };
}

/**
 * Checks a topology and says what is wrong.
 * @throws {Error} naming the party and the fix.
 */
export function validateTopology(config: TopologyConfig): void {
  for (const patient of config.directory.patients) checkEntry(patient);
  if (config.directory.subscriptions !== undefined) {
    try {
      checkSubscriptionData(config.directory.subscriptions);
    } catch (error) {
      throw new Error(`directory.${(error as Error).message}`);
    }
  }
  const unknownPatients = config.directory.unknownPatients;
  if (unknownPatients !== undefined && unknownPatients !== 'from-request' && unknownPatients !== 'refuse') {
    throw new Error(`directory.unknownPatients "${String(unknownPatients)}" is not known; use "from-request" (PU finds any valid number with the journal's data) or "refuse" (PU finds only the listed patients)`);
  }
  const identity = config.parties.identity?.mode ?? 'simulated';
  if (identity !== 'simulated' && identity !== 'none') throw new Error(`parties.identity.mode "${String(identity)}" is not supported; use "simulated" or "none"`);
  const optional = Object.fromEntries(
    (['intygstjanst', 'recipients'] as const).flatMap((k) => (config.parties[k] ? [[k, config.parties[k]!]] : [])),
  );
  for (const [name, party] of Object.entries({ webcert: config.parties.webcert, journal: config.parties.journal, ...optional })) {
    if (party.mode !== 'simulated' && party.mode !== 'external') {
      throw new Error(`party ${name}: mode "${String(party.mode)}" is not supported here; use "simulated" or "external" (proxied mode comes with a later slice)`);
    }
    if (party.mode === 'external') {
      if (!party.url) throw new Error(`party ${name} is external but has no url; give the real system's base URL`);
      try {
        new URL(party.url);
      } catch {
        throw new Error(`party ${name}: url "${party.url}" is not a URL`);
      }
    }
  }
}

/** RIV-TA endpoint path of CertificateStatusUpdateForCare v3 (Webcert's `certificatestatusupdateforcare.ws.endpoint.v3.url`). */
export const STATUS_UPDATE_ENDPOINT_PATH = '/clinicalprocess/healthcond/certificate/CertificateStatusUpdateForCare/3/rivtabp21';

/**
 * Where status updates go for an external journal system at `url`: a bare origin gets the RIV-TA
 * path; a URL with a path names the receiver itself.
 */
export function journalStatusUpdateUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.pathname === '/' || parsed.pathname === '') return `${parsed.origin}${STATUS_UPDATE_ENDPOINT_PATH}`;
  return url;
}
