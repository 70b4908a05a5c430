/**
 * Starts a topology: the clock, the traffic journal, the fault rules, every simulated party and
 * (optionally) the admin API, and hands back one handle to all of them. Nothing is global, so
 * tests can run several topologies side by side.
 */
import { VirtualClock } from '../../simulators/kit/clock/virtualClock.js';
import { FaultRules } from '../../simulators/kit/faults/faultRules.js';
import { stopInOrder, type Drainable, type StopOptions } from '../../simulators/kit/network/exchangeDrain.js';
import { TrafficJournal } from '../../simulators/kit/journal/trafficJournal.js';
import { JournalSimulator } from '../../simulators/journal/journalSimulator.js';
import { WebcertSimulator } from '../../simulators/webcert/webcertSimulator.js';
import { EID_APP_PARTY } from '../../simulators/eid-app/orders/jsonAnswers.js';
import { IDP_PARTY } from '../../simulators/idp/idpContext.js';
import { SIGNING_SERVICE_PARTY } from '../../simulators/signing-service/flow/flowContext.js';
import { startAdminApi, type AdminApi } from '../admin/adminApi.js';
import { defaultTopologyConfig, journalStatusUpdateUrl, validateTopology, type TopologyConfig } from './topologyConfig.js';
import { openPartyCredentials } from './partyCredentials.js';
import { startIdentityParties, type IdentityParties } from './identityParties.js';
import { startSendParties, type SendParties } from './sendParties.js';
import { INTYGSTJANST_PARTY } from '../../simulators/intygstjanst/intygstjanstContext.js';
import { RECIPIENT_PROFILES } from '../../simulators/recipients/recipientProfiles.js';
import type { IntygstjanstSimulator } from '../../simulators/intygstjanst/intygstjanstSimulator.js';
import type { RecipientSimulator } from '../../simulators/recipients/recipientSimulator.js';
import { redeliveryPolicyFromBrokerUrl } from '../../simulators/webcert/certificatesender/jmsRedeliveryPolicy.js';

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
  /** Present when Intygstjänsten is simulated. */
  intygstjanst?: IntygstjanstSimulator;
  /** The simulated recipients (Skatteverket, Socialstyrelsen, Försäkringskassan, Transportstyrelsen). */
  recipients: RecipientSimulator[];
  admin?: AdminApi;
  /** Every party's URLs, for printing and for real systems to be pointed at. */
  urls(): Record<string, Record<string, string>>;
  /**
   * Stops the clock, then every listener, callers first (admin API, identity parties, Webcert, the
   * journal system): each stops accepting and lets its exchanges in flight finish, all within one
   * bound (`drainMs`, default the config's `drainMs` or 5 s), after which those still running are
   * answered 503 and journalled as aborted. Only then is the traffic journal closed, so every
   * exchange a client saw an answer to is in it.
   */
  stop(options?: StopOptions): Promise<void>;
}

/** The parties of `config` the harness runs, by the names they consult fault rules under. */
function faultParties(config: TopologyConfig): string[] {
  const parties: string[] = [];
  if (config.parties.journal.mode === 'simulated') parties.push('journal');
  if (config.parties.webcert.mode === 'simulated') parties.push('webcert');
  if ((config.parties.identity?.mode ?? 'simulated') === 'simulated') parties.push(IDP_PARTY, EID_APP_PARTY, SIGNING_SERVICE_PARTY);
  if ((config.parties.intygstjanst?.mode ?? 'simulated') === 'simulated') parties.push(INTYGSTJANST_PARTY);
  if ((config.parties.recipients?.mode ?? 'simulated') === 'simulated') parties.push(...RECIPIENT_PROFILES.map((r) => r.party));
  return parties;
}

/** Starts every party of `config` (default: the embedded all-simulated topology). */
export async function startTopology(config: TopologyConfig = defaultTopologyConfig()): Promise<Topology> {
  validateTopology(config);
  const clock = new VirtualClock({ mode: config.clock.mode, start: config.clock.start });
  const journal = TrafficJournal.open({ path: config.journalFile, maxEntries: config.journalMaxEntries, maxBytes: config.journalMaxBytes });
  const faults = new FaultRules({ parties: faultParties(config) });
  const credentials = await openPartyCredentials(config.stateDir);
  const started: Drainable[] = [];
  try {
    let journalSystem: JournalSimulator | undefined;
    let webcert: WebcertSimulator | undefined;
    if (config.parties.journal.mode === 'simulated') {
      journalSystem = await JournalSimulator.start({
        clock,
        journal,
        faults,
        port: config.parties.journal.port,
        inboxSize: config.inboxSize,
        webcertUrl: () => webcert?.url ?? config.parties.webcert.url,
      });
      started.push(journalSystem);
    }
    const statusUpdateUrl = journalSystem?.endpoints.certificateStatusUpdateForCare ?? journalStatusUpdateUrl(config.parties.journal.url!);

    const send: SendParties = await startSendParties(config, clock, journal, faults, () => webcert?.url ?? config.parties.webcert.url);
    started.push(send);

    if (config.parties.webcert.mode === 'simulated') {
      webcert = await WebcertSimulator.start({
        intygstjanst: send.webcertConfig,
        intygstjanstTimeoutMs: config.webcert.intygstjanstTimeoutMs,
        certificateRedelivery: config.webcert.certificateBrokerUrl ? redeliveryPolicyFromBrokerUrl(config.webcert.certificateBrokerUrl) : undefined,
        skicka: config.webcert.skicka,
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
        autosaveDebounceMs: config.pageTimings?.autosaveDebounceMs,
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
        pageTimings: config.pageTimings,
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
      intygstjanst: send.intygstjanst,
      recipients: send.recipients,
      urls: () => {
        const out: Record<string, Record<string, string>> = {};
        out.webcert = webcert ? { base: webcert.url, ...webcert.endpoints } : { base: config.parties.webcert.url!, mode: 'external' };
        out.journal = journalSystem
          ? { base: journalSystem.url, ...journalSystem.endpoints }
          : { base: config.parties.journal.url!, mode: 'external', certificateStatusUpdateForCare: statusUpdateUrl };
        if (send.intygstjanst) out.intygstjanst = { base: send.intygstjanst.url, ...send.intygstjanst.endpoints };
        else if (config.parties.intygstjanst?.url) out.intygstjanst = { base: config.parties.intygstjanst.url, mode: 'external' };
        for (const r of send.recipients) out[r.profile.party] = { base: r.url, ...r.endpoints };
        if (config.parties.recipients?.mode === 'external') out.recipients = { base: config.parties.recipients.url!, mode: 'external' };
        if (identity) {
          out.idp = identity.idp.endpoints;
          out.eidApp = { base: identity.eidApp.url, ...identity.eidApp.endpoints };
          out.signingService = { base: identity.signingService.url, ...identity.signingService.endpoints };
        }
        if (topology.admin) out.admin = { base: topology.admin.url };
        return out;
      },
      stop: async (options) => {
        clock.stop();
        try {
          await stopInOrder([...started].reverse(), { drainMs: options?.drainMs ?? config.drainMs });
        } finally {
          journal.close();
        }
      },
    };
    if (config.admin) {
      topology.admin = await startAdminApi(topology, { port: config.admin.port });
      started.push(topology.admin);
    }
    return topology;
  } catch (error) {
    clock.stop();
    for (const s of started.reverse()) await s.stop({ drainMs: 0 }).catch(() => undefined);
    journal.close();
    throw error;
  }
}
