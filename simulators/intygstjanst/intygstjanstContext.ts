/** What Intygstjänsten's operations share: its stores, its recipients file, its client and its paths. */
import type { Clock } from '../kit/clock/virtualClock.js';
import type { FaultRules } from '../kit/faults/faultRules.js';
import type { CertificateRepository } from './certificateRepository.js';
import type { MessageRepository } from './messageRepository.js';
import type { RecipientClient } from './recipientClient.js';
import type { Recipient } from './recipients.js';

/** Context path of Intygstjänsten's web services (Webcert's `intygstjanst.base.url` ends with it). */
export const INTYGSTJANST_BASE_PATH = '/inera-certificate';

/** Endpoint paths under the base URL, as Webcert's application.properties names them. */
export const INTYGSTJANST_PATHS = {
  registerCertificate: `${INTYGSTJANST_BASE_PATH}/register-certificate-se/v3.0`,
  sendCertificateToRecipient: `${INTYGSTJANST_BASE_PATH}/send-certificate-to-recipient/v2.0`,
  revokeCertificate: `${INTYGSTJANST_BASE_PATH}/revoke-certificate-rivta/v2.0`,
  sendMessageToRecipient: `${INTYGSTJANST_BASE_PATH}/send-message-to-recipient/v2.0`,
  sendMessageToCare: `${INTYGSTJANST_BASE_PATH}/send-message-to-care/v2.0`,
} as const;

/** Intygstjänsten's logical address (`intygstjanst.logicaladdress`, dev value). */
export const INTYGSTJANST_LOGICAL_ADDRESS = '5565594230';

export interface IntygstjanstContext {
  clock: Clock;
  faults?: FaultRules;
  maxBodyBytes?: number;
  repository: CertificateRepository;
  /** The questions and answers it has passed on (the ARENDE table). */
  messages: MessageRepository;
  recipients(): readonly Recipient[];
  client: RecipientClient;
}

/** The party name in the journal and in fault rules. */
export const INTYGSTJANST_PARTY = 'intygstjanst';
