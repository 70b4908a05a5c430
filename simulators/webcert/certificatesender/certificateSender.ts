/**
 * Webcert's certificate sender (CertificateSenderServiceImpl and the notification-sender's
 * certificate route, webcert-surfaces.md §5.1): after signing, STORE (RegisterCertificate v3 with
 * the signed certificate) to Intygstjänsten; SEND (SendCertificateToRecipient v2) when the user
 * sends, or at once after signing for the types with SIGNERA_SKICKA_DIREKT (DB → SKV, DOI → SOS);
 * REVOKE (RevokeCertificate v2) on revocation. Every call goes to Intygstjänsten's logical
 * address, through the queue, retried as the broker redelivers; each processor classifies the
 * answer as Webcert's does:
 * - STORE (CertificateStoreProcessor, module registerCertificate): INFO "Certificate already
 *   exists" is permanent (the module calls it a VALIDATION_ERROR; logged and dropped), anything
 *   else but OK is temporary;
 * - SEND (CertificateSendProcessor): ERROR, a SOAP fault or no answer is temporary; INFO is logged
 *   and not requeued;
 * - REVOKE (CertificateRevokeProcessor, module revokeCertificate): anything but OK is temporary;
 * - SEND_MESSAGE_TO_RECIPIENT (a question or answer from care): anything but OK is temporary.
 */
import http from 'node:http';
import type { Clock } from '../../kit/clock/virtualClock.js';
import { CONTRACTS } from '../../kit/contracts/contracts.js';
import type { TrafficJournal } from '../../kit/journal/trafficJournal.js';
import { buildEnvelope } from '../../kit/soap/envelope.js';
import { callSoap, type SoapCallOutcome } from '../../kit/soap/soapClient.js';
import { CertificateActionError } from '../drafts/certificateStore.js';
import { buildRevokeCertificate, buildSendCertificateToRecipient, type ActingUser } from '../message/intygstjanstMessages.js';
import type { Certificate } from '../model/certificate.js';
import { certificateTypeByCode } from '../model/certificateTypes.js';
import type { WebcertState } from '../state/webcertState.js';
import { CertificateQueue, type CertificateMessage, type CertificateMessageType, type DeliveryVerdict } from './certificateQueue.js';
import type { RedeliveryPolicy } from './jmsRedeliveryPolicy.js';

/** Types with the feature SIGNERA_SKICKA_DIREKT (webcert devops/dev/config/features.yaml). */
export const SEND_ON_SIGNING_TYPES: readonly string[] = ['DB', 'DOI', 'AF00213', 'TSTRK1009'];

/** Paths under `intygstjanst.base.url`, as Webcert's application.properties has them. */
export const INTYGSTJANST_ENDPOINTS: Readonly<Record<CertificateMessageType, string>> = {
  STORE: '/register-certificate-se/v3.0',
  SEND: '/send-certificate-to-recipient/v2.0',
  REVOKE: '/revoke-certificate-rivta/v2.0',
  SEND_MESSAGE_TO_RECIPIENT: '/send-message-to-recipient/v2.0',
};

const OPERATION: Readonly<Record<CertificateMessageType, 'RegisterCertificate' | 'SendCertificateToRecipient' | 'RevokeCertificate' | 'SendMessageToRecipient'>> = {
  STORE: 'RegisterCertificate',
  SEND: 'SendCertificateToRecipient',
  REVOKE: 'RevokeCertificate',
  SEND_MESSAGE_TO_RECIPIENT: 'SendMessageToRecipient',
};

/** Webcert's Intygstjänsten configuration: `intygstjanst.base.url` and `intygstjanst.logicaladdress`. */
export interface IntygstjanstConfig {
  baseUrl: string;
  logicalAddress: string;
}

/**
 * When SKICKA goes to the journal system: `after-delivery` (when Intygstjänsten has accepted the
 * send; samverkan's default) or `on-queue` (when the send is queued, as Webcert 7's
 * IntygServiceImpl does).
 */
export type SkickaTiming = 'after-delivery' | 'on-queue';

export interface CertificateSenderOptions {
  clock: Clock;
  journal?: TrafficJournal;
  policy: RedeliveryPolicy;
  /** Wall-clock ms to wait for Intygstjänsten's answer. */
  timeoutMs: number;
  /** Intygstjänsten as configured; undefined when Webcert has none (messages then fail for good). */
  intygstjanst(): IntygstjanstConfig | undefined;
  skicka: SkickaTiming;
  /** The user acting (HoS-personal at the certificate's unit), for `skickatAv`. */
  actingUser(certificate: Certificate, by: string | undefined): ActingUser;
  /** Marks the certificate sent (SKICKA to the journal system). */
  markSent(certificateId: string, recipient: string, by: string | undefined): void;
  /** The state file the queue is kept in (see certificateMessageStore.ts); default a fresh in-memory one. */
  state?: WebcertState;
}

/** Intygstjänsten's answer to a RegisterCertificate of a certificate it holds (the modules compare this text). */
const CERTIFICATE_ALREADY_EXISTS = 'Certificate already exists';

/** How a processor of `type` classifies one answer from Intygstjänsten. */
export function classify(type: CertificateMessageType, outcome: SoapCallOutcome): { verdict: DeliveryVerdict; reason: string } {
  if (outcome.kind === 'transport-error') return { verdict: 'TEMPORARY', reason: `no answer from Intygstjänsten (${outcome.code}): ${outcome.message}; will retry` };
  if (outcome.fault) return { verdict: 'TEMPORARY', reason: `SOAP fault ${outcome.fault.faultcode}: ${outcome.fault.faultstring}; will retry` };
  if (!outcome.result) return { verdict: 'TEMPORARY', reason: `HTTP ${outcome.status} without a result: ${outcome.unreadable ?? ''}; will retry` };
  const { resultCode, errorId, resultText } = outcome.result;
  if (resultCode === 'OK') return { verdict: 'DELIVERED', reason: 'OK' };
  if (type === 'SEND' && resultCode === 'INFO') return { verdict: 'DELIVERED_WITH_INFO', reason: `INFO: ${resultText ?? ''}; will not requeue` };
  if (type === 'STORE' && resultCode === 'INFO' && resultText === CERTIFICATE_ALREADY_EXISTS) {
    return { verdict: 'PERMANENT', reason: `INFO: ${resultText} (Intygstjänsten holds it already, e.g. a STORE delivered again after a restart); dropped` };
  }
  return { verdict: 'TEMPORARY', reason: `${resultCode}${errorId ? ` ${errorId}` : ''}: ${resultText ?? ''}; will retry` };
}

export class CertificateSender {
  readonly queue: CertificateQueue;
  /**
   * Kept-alive connections to Intygstjänsten, as Webcert's CXF client keeps them (HTTP keep-alive
   * is its default), instead of a new TCP connection per message (docs/decisions/0033-replay-cpu.md).
   * No limit on sockets: a message never waits for a connection, as before.
   */
  private readonly agent = new http.Agent({ keepAlive: true });

  constructor(private readonly options: CertificateSenderOptions) {
    this.queue = new CertificateQueue({
      clock: options.clock,
      policy: options.policy,
      process: (m, delivery) => this.process(m, delivery),
      onDelivered: (m) => {
        if (m.type === 'SEND' && options.skicka === 'after-delivery') this.markSent(m.certificateId, m.recipient!, m.by);
      },
      state: options.state,
    });
  }

  /**
   * Picks up the messages a previous run of the state file left queued, under way or waiting for
   * a redelivery (see {@link CertificateQueue.resume}).
   * @returns how many messages were picked up.
   */
  resume(): number {
    return this.queue.resume();
  }

  /** Closes the kept-alive connections to Intygstjänsten (once Webcert has stopped). */
  close(): void {
    this.agent.destroy();
  }

  /** After signing (IntygServiceImpl.storeIntyg, handleAfterSigned): STORE, then SEND for the types that send at once. */
  afterSigned(certificate: Certificate, by?: string): void {
    if (!certificate.signature) throw new Error(`certificate ${certificate.id} has no signature to store`);
    this.queue.enqueue({ type: 'STORE', certificateId: certificate.id, personId: certificate.patient.personId, by, envelope: this.envelope(certificate.signature.document) });
    const recipient = certificateTypeByCode(certificate.typeCode)?.defaultRecipient;
    if (SEND_ON_SIGNING_TYPES.includes(certificate.typeCode) && recipient) this.send(certificate, recipient, by);
  }

  /**
   * Sends a signed certificate to `recipient` (IntygServiceImpl.sendIntyg).
   * @throws {CertificateActionError} INVALID_STATE when it is not signed, is revoked, or was sent there already.
   */
  send(certificate: Certificate, recipient: string, by?: string): CertificateMessage {
    if (certificate.status !== 'SIGNED') throw new CertificateActionError('INVALID_STATE', `certificate ${certificate.id} is ${certificate.status}; only a signed certificate that is not revoked can be sent`);
    if (certificate.sentTo === recipient || this.queue.pending('SEND', certificate.id, recipient)) {
      throw new CertificateActionError('INVALID_STATE', `certificate ${certificate.id} is already sent to ${recipient}`);
    }
    const payload = buildSendCertificateToRecipient(certificate, recipient, this.options.actingUser(certificate, by), this.options.clock.now());
    // The queued message and (Webcert 7) the SKICKA it makes at once, in one transaction.
    const queue = () => {
      const message = this.queue.enqueue({ type: 'SEND', certificateId: certificate.id, personId: certificate.patient.personId, recipient, by, envelope: this.envelope(payload) });
      if (this.options.skicka === 'on-queue') this.markSent(certificate.id, recipient, by);
      return message;
    };
    return this.options.state ? this.options.state.write(queue) : queue();
  }

  /** Queues the revocation of a signed certificate (IntygServiceImpl.revokeIntyg); `reason` becomes `meddelande`. */
  revoke(certificate: Certificate, by?: string, reason?: string): CertificateMessage {
    const payload = buildRevokeCertificate(certificate, this.options.actingUser(certificate, by), this.options.clock.now(), reason);
    return this.queue.enqueue({ type: 'REVOKE', certificateId: certificate.id, personId: certificate.patient.personId, by, envelope: this.envelope(payload) });
  }

  /** Queues a question or answer from care (SendMessageToRecipient v2, built by the caller). */
  sendMessageToRecipient(certificate: Certificate, payloadXml: string, by?: string): CertificateMessage {
    return this.queue.enqueue({ type: 'SEND_MESSAGE_TO_RECIPIENT', certificateId: certificate.id, personId: certificate.patient.personId, by, envelope: this.envelope(payloadXml) });
  }

  /** Resolves when no message is being delivered. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private markSent(certificateId: string, recipient: string, by: string | undefined): void {
    try {
      this.options.markSent(certificateId, recipient, by);
    } catch (error) {
      // Revoked while the send was under way: no SKICKA for it.
      if (!(error instanceof CertificateActionError)) throw error;
    }
  }

  private envelope(payloadXml: string): string {
    return buildEnvelope(payloadXml, this.options.intygstjanst()?.logicalAddress ?? '');
  }

  private async process(m: CertificateMessage, delivery: number): Promise<{ verdict: DeliveryVerdict; reason: string }> {
    const it = this.options.intygstjanst();
    if (!it) return { verdict: 'PERMANENT', reason: 'Webcert has no Intygstjänsten configured (intygstjanst.base.url); the message is dropped' };
    const operation = OPERATION[m.type];
    const outcome = await callSoap({
      url: `${it.baseUrl.replace(/\/$/, '')}${INTYGSTJANST_ENDPOINTS[m.type]}`,
      envelope: m.envelope,
      soapAction: CONTRACTS[operation].soapAction,
      fromParty: 'webcert',
      toParty: 'intygstjanst',
      operation,
      timeoutMs: this.options.timeoutMs,
      clock: this.options.clock,
      journal: this.options.journal,
      agent: this.agent,
      facts: { certificateId: m.certificateId, logicalAddress: it.logicalAddress, personId: m.personId, messageId: m.id, attempt: delivery },
    });
    return classify(m.type, outcome);
  }
}
