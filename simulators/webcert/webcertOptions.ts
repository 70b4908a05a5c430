/**
 * What a Webcert simulator is started with, and the defaults Webcert itself has where nothing is
 * said (its configuration properties).
 */
import type { Clock } from '../kit/clock/virtualClock.js';
import type { FaultRules } from '../kit/faults/faultRules.js';
import type { TrafficJournal } from '../kit/journal/trafficJournal.js';
import type { DirectoryData } from './directory/directory.js';
import type { IntygstjanstConfig, SkickaTiming } from './certificatesender/certificateSender.js';
import type { RedeliveryPolicy } from './certificatesender/jmsRedeliveryPolicy.js';
import {
  DEFAULT_REDELIVERY_PROFILE,
  parseRedeliverySchedule,
  redeliveryProfile,
  type RedeliverySchedule,
} from './notification/redeliverySchedule.js';

/** Webcert's `sendmessagetofk.logicaladdress` when nothing else is said: Försäkringskassan's dev address. */
export const DEFAULT_SEND_MESSAGE_TO_FK_LOGICAL_ADDRESS = 'FKORG';

/** Webcert's CXF client default receive timeout, used when nothing else is said. */
export const DEFAULT_NOTIFICATION_TIMEOUT_MS = 60_000;

/** How long the draft page waits after the last edit before it saves, by default (wall-clock ms). */
export const DEFAULT_AUTOSAVE_DEBOUNCE_MS = 400;

export interface WebcertSimulatorOptions {
  clock: Clock;
  journal?: TrafficJournal;
  faults?: FaultRules;
  directory: DirectoryData;
  /** A profile name (`forum-2022`, `webcert-7`) or a schedule in Webcert's notation. */
  redelivery?: string;
  /** NTjP routing of CertificateStatusUpdateForCare: receiver for a logical address. */
  routeStatusUpdate(logicalAddress: string): { url: string; party: string } | undefined;
  notificationTimeoutMs?: number;
  andratWindowMs?: number;
  port?: number;
  /** Webcert's own key and certificate (SAML SP, DSS requests, fake signing). */
  credential?: { privateKeyPem: string; certificatePem: string };
  /** Intygstjänsten (`intygstjanst.base.url`, `intygstjanst.logicaladdress`); none = nothing is stored or sent. */
  intygstjanst?: IntygstjanstConfig;
  /** Wall-clock ms to wait for Intygstjänsten's answer; default 60 s. */
  intygstjanstTimeoutMs?: number;
  /** The certificate queue's broker redelivery; default Webcert's (3 redeliveries, 4 s, ×2, ≤ 6 s). */
  certificateRedelivery?: RedeliveryPolicy;
  /** When SKICKA reaches the journal system; default after Intygstjänsten accepted the send. */
  skicka?: SkickaTiming;
  /**
   * The state file (SQLite) for certificates, status updates and integrated units; default
   * `:memory:`. With a file, a restart finds its drafts and plans its pending resends again.
   */
  stateFile?: string;
  /** Status updates in flight per receiver; default 8. */
  maxInFlightPerReceiver?: number;
  /** `sendmessagetofk.logicaladdress`: where questions and answers from care go; default `FKORG`. */
  sendMessageToFkLogicalAddress?: string;
  /**
   * Wall-clock ms the draft page waits after the last edit before it autosaves; default 400 (a
   * person typing). Scenarios make it short; ANDRAT still leaves at the 5-minute tick.
   */
  autosaveDebounceMs?: number;
}

/** Resolves a profile name or a notation into a schedule, with the name when it is a profile. */
export function resolveRedelivery(value: string | undefined): { schedule: RedeliverySchedule; profile?: string } {
  const text = value ?? DEFAULT_REDELIVERY_PROFILE;
  if (text.includes('#')) return { schedule: parseRedeliverySchedule(text) };
  const profile = redeliveryProfile(text);
  return { schedule: profile.schedule, profile: profile.name };
}
