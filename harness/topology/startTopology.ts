/**
 * Starts a topology: the clock, the traffic journal, the fault rules, every simulated party and
 * (optionally) the admin API, and hands back one handle to all of them. Nothing is global, so
 * tests can run several topologies side by side.
 */
import { VirtualClock } from '../../simulators/kit/clock/virtualClock.js';
import { FaultRules } from '../../simulators/kit/faults/faultRules.js';
import { TrafficJournal } from '../../simulators/kit/journal/trafficJournal.js';
import { JournalSimulator } from '../../simulators/journal/journalSimulator.js';
import { WebcertSimulator } from '../../simulators/webcert/webcertSimulator.js';
import { startAdminApi, type AdminApi } from '../admin/adminApi.js';
import { defaultTopologyConfig, validateTopology, type TopologyConfig } from './topologyConfig.js';
import { openPartyCredentials } from './partyCredentials.js';
import { startIdentityParties, type IdentityParties } from './identityParties.js';

/** A running topology. */
export interface Topology {
  config: TopologyConfig;
  clock: VirtualClock;
  journal: TrafficJournal;
  faults: FaultRules;
  /** Present when Webcert is simulated. */
  webcert?: WebcertSimulator;
  /** Present when the journal system is simulated. */
  journalSystem?: JournalSimulator;
  /** The SITHS IdP, the eID app and the signing service, unless left out. */
  identity?: IdentityParties;
  admin?: AdminApi;
  /** Every party's URLs, for printing and for real systems to be pointed at. */
  urls(): Record<string, Record<string, string>>;
  stop(): Promise<void>;
}

/** Starts every party of `config` (default: the embedded all-simulated topology). */
export async function startTopology(config: TopologyConfig = defaultTopologyConfig()): Promise<Topology> {
  validateTopology(config);
  const clock = new VirtualClock({ mode: config.clock.mode, start: config.clock.start });
  const journal = TrafficJournal.open({ path: config.journalFile, maxEntries: config.journalMaxEntries });
  const faults = new FaultRules();
  const credentials = await openPartyCredentials(config.stateDir);
  const started: { stop(): Promise<void> }[] = [];
  try {
    let journalSystem: JournalSimulator | undefined;
    let webcert: WebcertSimulator | undefined;
    if (config.parties.journal.mode === 'simulated') {
      journalSystem = await JournalSimulator.start({
        clock,
        journal,
        faults,
        port: config.parties.journal.port,
        webcertUrl: () => webcert?.url ?? config.parties.webcert.url,
      });
      started.push(journalSystem);
    }
    const statusUpdateUrl =
      journalSystem?.endpoints.certificateStatusUpdateForCare ??
      `${config.parties.journal.url!.replace(/\/$/, '')}/clinicalprocess/healthcond/certificate/CertificateStatusUpdateForCare/3/rivtabp21`;

    if (config.parties.webcert.mode === 'simulated') {
      webcert = await WebcertSimulator.start({
        clock,
        journal,
        faults,
        directory: config.directory,
        redelivery: config.webcert.redelivery,
        notificationTimeoutMs: config.webcert.notificationTimeoutMs,
        andratWindowMs: config.webcert.andratWindowMs,
        stateFile: config.webcert.stateFile,
        port: config.parties.webcert.port,
        credential: credentials.webcert,
        // One journal system behind NTjP for every logical address.
        routeStatusUpdate: () => ({ url: statusUpdateUrl, party: 'journal' }),
      });
      started.push(webcert);
    }

    let identity: IdentityParties | undefined;
    if ((config.parties.identity?.mode ?? 'simulated') === 'simulated') {
      identity = await startIdentityParties({
        clock,
        journal,
        faults,
        stateDir: config.stateDir,
        pki: credentials.pki,
        staff: config.directory.staff,
        credentials,
        webcert,
        eidApp: config.eidApp,
      });
      started.push(identity);
    }

    const topology: Topology = {
      config,
      identity,
      clock,
      journal,
      faults,
      webcert,
      journalSystem,
      urls: () => {
        const out: Record<string, Record<string, string>> = {};
        out.webcert = webcert ? { base: webcert.url, ...webcert.endpoints } : { base: config.parties.webcert.url!, mode: 'external' };
        out.journal = journalSystem ? { base: journalSystem.url, ...journalSystem.endpoints } : { base: config.parties.journal.url!, mode: 'external' };
        if (identity) {
          out.idp = identity.idp.endpoints;
          out.eidApp = { base: identity.eidApp.url, ...identity.eidApp.endpoints };
          out.signingService = { base: identity.signingService.url, ...identity.signingService.endpoints };
        }
        if (topology.admin) out.admin = { base: topology.admin.url };
        return out;
      },
      stop: async () => {
        clock.stop();
        for (const s of [...started].reverse()) await s.stop();
        journal.close();
      },
    };
    if (config.admin) {
      topology.admin = await startAdminApi(topology, { port: config.admin.port });
      started.push(topology.admin);
    }
    return topology;
  } catch (error) {
    clock.stop();
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
    journal.close();
    throw error;
  }
}
