/**
 * A topology as data: which parties there are, how each one runs (simulated by samverkan, or a
 * real system at a URL), the test data, the clock and the journal file.
 */
import type { DirectoryData } from '../../simulators/webcert/directory/directory.js';
import type { ClockMode } from '../../simulators/kit/clock/virtualClock.js';
import { fileURLToPath } from 'node:url';
import { defaultDirectory } from './defaultDirectory.js';

/** Default folder for generated state (test PKI, credentials, SoftHSM tokens): `<repo>/.samverkan`. */
export const DEFAULT_STATE_DIR = fileURLToPath(new URL('../../.samverkan', import.meta.url));

/**
 * - `simulated`: samverkan runs the party.
 * - `external`: a real system at `url`; samverkan only talks to it.
 */
export type PartyMode = 'simulated' | 'external';

export interface PartyConfig {
  mode: PartyMode;
  /** Base URL of the real system (mode `external`). */
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
  };
  directory: DirectoryData;
  clock: { mode: ClockMode; start?: number };
  /** Folder for generated keys and certificates (git-ignored); created on first use. */
  stateDir: string;
  /** Traffic journal file, or ':memory:'. */
  journalFile: string;
  journalMaxEntries?: number;
  webcert: {
    /** Redelivery profile name or schedule notation; default `forum-2022`. */
    redelivery?: string;
    notificationTimeoutMs?: number;
    andratWindowMs?: number;
    /** Webcert's state file (certificates, status updates and their resends), or ':memory:' (the default). */
    stateFile?: string;
  };
  /** The eID app: how it behaves at start, and which cards it reads. */
  eidApp?: {
    /** `auto` (default), `manual` (a person types the PIN on the app's page), or an incident mode. */
    mode?: 'auto' | 'manual' | 'cancel' | 'wrongPin' | 'notInstalled' | 'noAnswer';
    /** A real card's PKCS#11 module (Net iD's libiidp11.so, SAC's library) instead of the SoftHSM2 cards. */
    cardModule?: string;
    /** HSA-ID of the card in the reader; default the first user's. */
    activeCard?: string;
  };
  /** Loopback admin API; port 0 = random. Absent = no admin API. */
  admin?: { port?: number };
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
  const identity = config.parties.identity?.mode ?? 'simulated';
  if (identity !== 'simulated' && identity !== 'none') throw new Error(`parties.identity.mode "${String(identity)}" is not supported; use "simulated" or "none"`);
  for (const [name, party] of Object.entries({ webcert: config.parties.webcert, journal: config.parties.journal })) {
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
