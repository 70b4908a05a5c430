/**
 * Intygstjänsten, the hop Webcert really talks to (webcert-surfaces.md §5): RegisterCertificate v3
 * (store after signing), SendCertificateToRecipient v2 and RevokeCertificate v2 at their real
 * paths under `/inera-certificate`, behind its logical address. It stores the signed certificates,
 * routes each send to the recipient its recipients file names for the type, and forwards a
 * revocation to every recipient that received the certificate. It talks to the recipients only
 * over the network, through the platform's routing by logical address. It also passes questions
 * and answers between Webcert and the recipients (SendMessageToCare v2, SendMessageToRecipient v2),
 * checking and storing them as the real one does. A small JSON API shows what it holds
 * (`/inera-certificate/api/certificates`, `/inera-certificate/api/messages`), and a patient's sick-leave chain as
 * Rehabstöd counts it (`/inera-certificate/api/sjukfall/{personnummer}`, and as a page at
 * `/inera-certificate/sjukfall/{personnummer}`).
 */
import { HttpResponse } from 'msw';
import type { Clock } from '../kit/clock/virtualClock.js';
import type { FaultRules } from '../kit/faults/faultRules.js';
import type { TrafficJournal } from '../kit/journal/trafficJournal.js';
import { PartyServer } from '../kit/network/partyServer.js';
import type { StopOptions } from '../kit/network/exchangeDrain.js';
import { http } from '../kit/network/routeHandlers.js';
import { CertificateRepository } from './certificateRepository.js';
import { MessageRepository, type MessageDirection, type MessageQuery } from './messageRepository.js';
import {
  INTYGSTJANST_BASE_PATH,
  INTYGSTJANST_LOGICAL_ADDRESS,
  INTYGSTJANST_PARTY,
  INTYGSTJANST_PATHS,
  type IntygstjanstContext,
} from './intygstjanstContext.js';
import { registerCertificateHandler } from './operations/registerCertificate.js';
import { revokeCertificateHandler } from './operations/revokeCertificate.js';
import { sendCertificateToRecipientHandler } from './operations/sendCertificateToRecipient.js';
import { sendMessageToCareHandler, sendMessageToRecipientHandler } from './operations/messageForwarding.js';
import { RecipientClient, type RecipientRoute } from './recipientClient.js';
import { DEFAULT_RECIPIENTS, type Recipient } from './recipients.js';
import { sickLeavePage, sickLeaveReport } from './sickleave/sickLeaveView.js';

/** CXF's default receive timeout, Intygstjänsten's wait for a recipient when nothing else is said. */
export const DEFAULT_RECIPIENT_TIMEOUT_MS = 60_000;

export interface IntygstjanstSimulatorOptions {
  clock: Clock;
  journal?: TrafficJournal;
  faults?: FaultRules;
  port?: number;
  /** The recipients file; default FKASSA, TRANSP, SKV, SOS, AF with their dev logical addresses. */
  recipients?: readonly Recipient[];
  /** The platform's routing of RegisterCertificate/RevokeCertificate by logical address. */
  routeRecipient(logicalAddress: string): RecipientRoute | undefined;
  /** The platform's routing of SendMessageToCare to care (Webcert): full endpoint URL by logical address. */
  routeCare?(logicalAddress: string): RecipientRoute | undefined;
  /** Wall-clock ms to wait for a recipient's answer. */
  recipientTimeoutMs?: number;
  maxBodyBytes?: number;
  /** How many forwarded messages are kept (oldest out first); default 10 000. */
  maxMessages?: number;
  /** A file to keep the certificates in across restarts (its database); default in memory. */
  stateFile?: string;
  /**
   * With a state file, how many certificates memory keeps at most (the most recently used; the
   * rest are read from the file when asked for); default 2 000. Without one, all are in memory.
   */
  certificatesInMemory?: number;
}

/**
 * The filter of a messages listing from query parameters (`certificateId`, `personId`,
 * `direction`, `meddelandeId`), or what is wrong with them.
 */
export function messageQuery(p: URLSearchParams): { query: MessageQuery } | { problem: string } {
  const direction = p.get('direction') ?? undefined;
  if (direction !== undefined && direction !== 'SendMessageToCare' && direction !== 'SendMessageToRecipient') {
    return { problem: `direction must be SendMessageToCare or SendMessageToRecipient, not "${direction}"` };
  }
  return {
    query: {
      certificateId: p.get('certificateId') ?? undefined,
      personId: p.get('personId') ?? undefined,
      direction: direction as MessageDirection | undefined,
      meddelandeId: p.get('meddelandeId') ?? undefined,
    },
  };
}

/** A running Intygstjänsten simulator. */
export class IntygstjanstSimulator {
  readonly repository: CertificateRepository;
  /** The questions and answers it has passed on. */
  readonly messages: MessageRepository;
  readonly recipients: readonly Recipient[];
  private server?: PartyServer;
  /** Intygstjänsten's client toward the recipients (its kept-alive connections are closed on stop). */
  private client?: RecipientClient;

  private constructor(options: IntygstjanstSimulatorOptions) {
    this.recipients = options.recipients ?? DEFAULT_RECIPIENTS;
    this.messages = new MessageRepository(options.maxMessages);
    this.repository = new CertificateRepository(options.stateFile, { workingSet: options.certificatesInMemory });
  }

  static async start(options: IntygstjanstSimulatorOptions): Promise<IntygstjanstSimulator> {
    const sim = new IntygstjanstSimulator(options);
    const ctx: IntygstjanstContext = {
      clock: options.clock,
      faults: options.faults,
      maxBodyBytes: options.maxBodyBytes,
      repository: sim.repository,
      messages: sim.messages,
      recipients: () => sim.recipients,
      client: sim.client = new RecipientClient({ clock: options.clock, journal: options.journal, timeoutMs: options.recipientTimeoutMs ?? DEFAULT_RECIPIENT_TIMEOUT_MS, route: options.routeRecipient, routeCare: options.routeCare }),
    };
    const api = `${INTYGSTJANST_BASE_PATH}/api`;
    sim.server = await PartyServer.start({
      party: INTYGSTJANST_PARTY,
      clock: options.clock,
      journal: options.journal,
      port: options.port,
      handlers: [
        registerCertificateHandler(ctx),
        sendCertificateToRecipientHandler(ctx),
        revokeCertificateHandler(ctx),
        sendMessageToRecipientHandler(ctx),
        sendMessageToCareHandler(ctx),
        http.get(`${api}/certificates`, ({ request }) => HttpResponse.json(sim.repository.list({ personId: new URL(request.url).searchParams.get('personId') ?? undefined }))),
        http.get(`${api}/certificates/:id`, ({ params }) => {
          const c = sim.repository.get(String(params.id));
          return c ? HttpResponse.json(c) : HttpResponse.json({ error: `Intygstjänsten holds no certificate ${String(params.id)}` }, { status: 404 });
        }),
        http.get(`${api}/messages`, ({ request }) => {
          const q = messageQuery(new URL(request.url).searchParams);
          return 'problem' in q ? HttpResponse.json({ error: q.problem }, { status: 400 }) : HttpResponse.json(sim.messages.list(q.query));
        }),
        http.get(`${api}/recipients`, () => HttpResponse.json(sim.recipients)),
        http.get(`${api}/sjukfall/:personId`, ({ params }) => HttpResponse.json(sickLeaveReport(sim.repository, String(params.personId)))),
        http.get(`${INTYGSTJANST_BASE_PATH}/sjukfall/:personId`, ({ params }) =>
          new HttpResponse(sickLeavePage(sickLeaveReport(sim.repository, String(params.personId))), { headers: { 'content-type': 'text/html; charset=utf-8' } })),
      ],
    });
    return sim;
  }

  get url(): string {
    if (!this.server) throw new Error('Intygstjänsten simulator is not started');
    return this.server.url;
  }

  /** `intygstjanst.base.url` for Webcert. */
  get baseUrl(): string {
    return `${this.url}${INTYGSTJANST_BASE_PATH}`;
  }

  /** Endpoints Webcert calls, and the inspection API. */
  get endpoints(): Record<string, string> {
    return {
      logicalAddress: INTYGSTJANST_LOGICAL_ADDRESS,
      baseUrl: this.baseUrl,
      registerCertificate: `${this.url}${INTYGSTJANST_PATHS.registerCertificate}`,
      sendCertificateToRecipient: `${this.url}${INTYGSTJANST_PATHS.sendCertificateToRecipient}`,
      revokeCertificate: `${this.url}${INTYGSTJANST_PATHS.revokeCertificate}`,
      sendMessageToRecipient: `${this.url}${INTYGSTJANST_PATHS.sendMessageToRecipient}`,
      sendMessageToCare: `${this.url}${INTYGSTJANST_PATHS.sendMessageToCare}`,
      certificatesApi: `${this.baseUrl}/api/certificates`,
      messagesApi: `${this.baseUrl}/api/messages`,
      sickLeaveApi: `${this.baseUrl}/api/sjukfall/{personnummer}`,
      sickLeavePage: `${this.baseUrl}/sjukfall/{personnummer}`,
    };
  }

  async stop(options?: StopOptions): Promise<void> {
    await this.server?.stop(options);
    this.client?.close();
    this.repository.close();
  }
}
