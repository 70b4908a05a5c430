/**
 * One recipient of certificates (Skatteverket, Socialstyrelsen, Försäkringskassan,
 * Transportstyrelsen): RegisterCertificate v3 and RevokeCertificate v2 at their RIV-TA paths,
 * behind the logical address Intygstjänsten's recipients file names, with the same fault rules as
 * every party; an inspection API shaped like Inera's intyg-mock-service
 * (`/api/register-certificate`, `/api/revoke-certificate`, `/api/reset`) and an HTML inbox.
 */
import { HttpResponse } from 'msw';
import type { Clock } from '../kit/clock/virtualClock.js';
import { CONTRACTS } from '../kit/contracts/contracts.js';
import type { FaultRules } from '../kit/faults/faultRules.js';
import type { TrafficJournal } from '../kit/journal/trafficJournal.js';
import { controlGuard } from '../kit/network/controlGuard.js';
import { PartyServer } from '../kit/network/partyServer.js';
import type { StopOptions } from '../kit/network/exchangeDrain.js';
import { http } from '../kit/network/routeHandlers.js';
import { recipientInboxPage } from './inboxPage.js';
import { RecipientInbox, type ReceivedMessage } from './recipientInbox.js';
import type { RecipientProfile } from './recipientProfiles.js';
import { registerCertificateReceiverHandler } from './receiver/registerCertificateReceiver.js';
import { revokeCertificateReceiverHandler } from './receiver/revokeCertificateReceiver.js';
import { sendMessageToRecipientReceiverHandler } from './receiver/sendMessageToRecipientReceiver.js';
import { MessageToCareError, sendMessageToCare, type IntygstjanstEndpoint, type MessageToCare } from './questionSender.js';

export interface RecipientSimulatorOptions {
  profile: RecipientProfile;
  /** Received messages the inbox keeps, oldest first out; default 10,000. */
  inboxSize?: number;
  clock: Clock;
  journal?: TrafficJournal;
  faults?: FaultRules;
  port?: number;
  /** Largest accepted SOAP request; default 1 MiB. */
  maxBodyBytes?: number;
  /** Where SendMessageToCare goes (Intygstjänsten, through the platform); none = the recipient asks nothing. */
  intygstjanst?(): IntygstjanstEndpoint | undefined;
}

/** A running recipient. */
export class RecipientSimulator {
  readonly inbox: RecipientInbox;
  private server?: PartyServer;

  private options?: RecipientSimulatorOptions;

  private constructor(readonly profile: RecipientProfile, inboxSize?: number) {
    this.inbox = new RecipientInbox(inboxSize);
  }

  /**
   * Sends a question, reminder or answer to care (SendMessageToCare v2 through Intygstjänsten).
   * @throws {MessageToCareError} when the message is wrong, the certificate is not held, or no Intygstjänsten is configured.
   */
  async sendMessageToCare(message: MessageToCare) {
    const o = this.options!;
    const intygstjanst = o.intygstjanst?.();
    if (!intygstjanst) throw new MessageToCareError(`${this.profile.name} has no Intygstjänsten to send to in this topology`);
    return sendMessageToCare(message, { profile: this.profile, inbox: this.inbox, clock: o.clock, journal: o.journal, intygstjanst });
  }

  static async start(options: RecipientSimulatorOptions): Promise<RecipientSimulator> {
    const sim = new RecipientSimulator(options.profile, options.inboxSize);
    sim.options = options;
    const inbox = sim.inbox;
    const receiver = { profile: options.profile, inbox, clock: options.clock, faults: options.faults, maxBodyBytes: options.maxBodyBytes };
    const byQuery = (request: Request, kind?: ReceivedMessage['kind']) => {
      const p = new URL(request.url).searchParams;
      return inbox.list({
        kind,
        certificateId: p.get('certificateId') ?? undefined,
        personId: p.get('personId') ?? undefined,
        logicalAddress: p.get('logicalAddress') ?? undefined,
      });
    };
    const listing = (path: string, kind: ReceivedMessage['kind']) => [
      http.get(path, ({ request }) => HttpResponse.json(byQuery(request, kind))),
      http.get(`${path}/count`, ({ request }) => HttpResponse.json({ count: byQuery(request, kind).length })),
    ];
    sim.server = await PartyServer.start({
      party: options.profile.party,
      clock: options.clock,
      journal: options.journal,
      port: options.port,
      handlers: [
        controlGuard('/api/*', { operation: (request) => `${request.method} ${new URL(request.url).pathname}` }),
        registerCertificateReceiverHandler(receiver),
        revokeCertificateReceiverHandler(receiver),
        sendMessageToRecipientReceiverHandler(receiver),
        ...listing('/api/register-certificate', 'RegisterCertificate'),
        ...listing('/api/revoke-certificate', 'RevokeCertificate'),
        ...listing('/api/send-message-to-recipient', 'SendMessageToRecipient'),
        http.get('/api/inbox', ({ request }) => HttpResponse.json(byQuery(request))),
        http.delete('/api/reset', () => {
          inbox.clear();
          return new HttpResponse(null, { status: 204 });
        }),
        http.get('/', ({ request }) => HttpResponse.html(recipientInboxPage(options.profile.name, byQuery(request)))),
      ],
    });
    return sim;
  }

  get url(): string {
    if (!this.server) throw new Error(`recipient ${this.profile.name} is not started`);
    return this.server.url;
  }

  /** Endpoints Intygstjänsten calls (through the platform, by logical address) and people open. */
  get endpoints(): Record<string, string> {
    return {
      logicalAddress: this.profile.logicalAddress,
      registerCertificate: `${this.url}${CONTRACTS.RegisterCertificate.endpointPath}`,
      revokeCertificate: `${this.url}${CONTRACTS.RevokeCertificate.endpointPath}`,
      sendMessageToRecipient: `${this.url}${CONTRACTS.SendMessageToRecipient.endpointPath}`,
      inbox: `${this.url}/`,
      inboxApi: `${this.url}/api/inbox`,
    };
  }

  async stop(options?: StopOptions): Promise<void> {
    await this.server?.stop(options);
  }
}
