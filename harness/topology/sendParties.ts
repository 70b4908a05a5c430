/**
 * The parties a signed certificate goes to: Intygstjänsten and, behind it, the recipients
 * (Skatteverket, Socialstyrelsen, Försäkringskassan, Transportstyrelsen), each simulated or a real
 * system at a URL. Intygstjänsten reaches a recipient as the national platform routes it: by the
 * logical address in its recipients file.
 */
import type { Clock } from '../../simulators/kit/clock/virtualClock.js';
import type { FaultRules } from '../../simulators/kit/faults/faultRules.js';
import type { TrafficJournal } from '../../simulators/kit/journal/trafficJournal.js';
import { stopInOrder, type Drainable, type StopOptions } from '../../simulators/kit/network/exchangeDrain.js';
import { INTYGSTJANST_LOGICAL_ADDRESS } from '../../simulators/intygstjanst/intygstjanstContext.js';
import { IntygstjanstSimulator } from '../../simulators/intygstjanst/intygstjanstSimulator.js';
import type { RecipientRoute } from '../../simulators/intygstjanst/recipientClient.js';
import { validateRecipients } from '../../simulators/intygstjanst/recipients.js';
import { RECIPIENT_PROFILES } from '../../simulators/recipients/recipientProfiles.js';
import { RecipientSimulator } from '../../simulators/recipients/recipientSimulator.js';
import type { IntygstjanstConfig } from '../../simulators/webcert/certificatesender/certificateSender.js';
import type { TopologyConfig } from './topologyConfig.js';

export interface SendParties {
  intygstjanst?: IntygstjanstSimulator;
  recipients: RecipientSimulator[];
  /** What Webcert is configured with: Intygstjänsten's base URL and logical address. */
  webcertConfig?: IntygstjanstConfig;
  stop(options?: StopOptions): Promise<void>;
}

/** Starts the simulated recipients and Intygstjänsten of `config`. */
export async function startSendParties(
  config: TopologyConfig,
  clock: Clock,
  journal: TrafficJournal,
  faults: FaultRules,
  /** Webcert's base URL once known: where the platform delivers SendMessageToCare for care's logical addresses. */
  webcertUrl: () => string | undefined = () => undefined,
): Promise<SendParties> {
  const started: Drainable[] = [];
  const recipients: RecipientSimulator[] = [];
  let intygstjanst: IntygstjanstSimulator | undefined;
  const itParty = config.parties.intygstjanst ?? { mode: 'simulated' };
  // Recipients reach Intygstjänsten's SendMessageToCare through the platform at its logical address.
  const intygstjanstForRecipients = () => {
    const base = intygstjanst?.baseUrl ?? itParty.url;
    if (!base) return undefined;
    return { url: `${base.replace(/\/$/, '')}/send-message-to-care/v2.0`, logicalAddress: config.webcert.intygstjanstLogicalAddress ?? INTYGSTJANST_LOGICAL_ADDRESS };
  };
  try {
    const recipientsParty = config.parties.recipients ?? { mode: 'simulated' };
    if (recipientsParty.mode === 'simulated') {
      for (const profile of RECIPIENT_PROFILES) {
        const r = await RecipientSimulator.start({ profile, clock, journal, faults, intygstjanst: intygstjanstForRecipients, inboxSize: config.inboxSize });
        recipients.push(r);
        started.push(r);
      }
    }
    const routeRecipient = (logicalAddress: string): RecipientRoute | undefined => {
      const simulated = recipients.find((r) => r.profile.logicalAddress === logicalAddress);
      if (simulated) return { url: simulated.url, party: simulated.profile.party };
      return recipientsParty.mode === 'external' ? { url: recipientsParty.url!, party: 'ntjp' } : undefined;
    };
    if (itParty.mode === 'simulated') {
      intygstjanst = await IntygstjanstSimulator.start({
        clock,
        journal,
        faults,
        port: itParty.port,
        recipients: config.intygstjanst?.recipients ? validateRecipients(config.intygstjanst.recipients) : undefined,
        recipientTimeoutMs: config.intygstjanst?.recipientTimeoutMs,
        stateFile: config.intygstjanst?.stateFile,
        certificatesInMemory: config.intygstjanst?.certificatesInMemory,
        routeRecipient,
        // One Webcert behind the platform for every care logical address.
        routeCare: () => {
          const url = webcertUrl();
          return url ? { url: `${url.replace(/\/$/, '')}/services/send-message-to-care/v2.0`, party: 'webcert' } : undefined;
        },
      });
      started.push(intygstjanst);
    }
    const logicalAddress = config.webcert.intygstjanstLogicalAddress ?? INTYGSTJANST_LOGICAL_ADDRESS;
    const baseUrl = intygstjanst?.baseUrl ?? itParty.url;
    return {
      intygstjanst,
      recipients,
      webcertConfig: baseUrl ? { baseUrl, logicalAddress } : undefined,
      // Intygstjänsten (a caller of the recipients) first, all within one bound.
      stop: (options) => stopInOrder([...started].reverse(), options),
    };
  } catch (error) {
    for (const s of started.reverse()) await s.stop({ drainMs: 0 }).catch(() => undefined);
    throw error;
  }
}
