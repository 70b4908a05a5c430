/**
 * The journal-system simulator: the CertificateStatusUpdateForCare v3 receiver with its inbox,
 * a JSON inspection API shaped like Inera's intyg-mock-service, and a small HTML page that shows
 * what arrived (the view a vendor would check in the journal).
 */
import { HttpResponse } from 'msw';
import type { Clock } from '../kit/clock/virtualClock.js';
import type { FaultRules } from '../kit/faults/faultRules.js';
import type { TrafficJournal } from '../kit/journal/trafficJournal.js';
import { controlGuard } from '../kit/network/controlGuard.js';
import type { StopOptions } from '../kit/network/exchangeDrain.js';
import { PartyServer } from '../kit/network/partyServer.js';
import { http } from '../kit/network/routeHandlers.js';
import { launchPage } from './launch/launchPage.js';
import { inboxPage } from './receiver/inboxPage.js';
import { StatusUpdateInbox } from './receiver/statusUpdateInbox.js';
import { statusUpdateReceiverHandler, STATUS_UPDATE_PATH } from './receiver/statusUpdateReceiver.js';

export interface JournalSimulatorOptions {
  clock: Clock;
  journal?: TrafficJournal;
  faults?: FaultRules;
  port?: number;
  /** Largest accepted SOAP request; default 1 MiB. */
  maxBodyBytes?: number;
  /** Status updates the inbox keeps, oldest first out; default 10,000. */
  inboxSize?: number;
  /** Webcert's base URL, for the launch page (known once the topology is up). */
  webcertUrl?: () => string | undefined;
}

/** A running journal-system simulator. */
export class JournalSimulator {
  readonly inbox: StatusUpdateInbox;
  private server?: PartyServer;

  private constructor(inboxSize?: number) {
    this.inbox = new StatusUpdateInbox(inboxSize);
  }

  static async start(options: JournalSimulatorOptions): Promise<JournalSimulator> {
    const sim = new JournalSimulator(options.inboxSize);
    const inbox = sim.inbox;
    const byQuery = (request: Request) => {
      const p = new URL(request.url).searchParams;
      return inbox.list({
        certificateId: p.get('certificateId') ?? undefined,
        logicalAddress: p.get('logicalAddress') ?? undefined,
        personId: p.get('personId') ?? undefined,
        eventCode: p.get('eventCode') ?? undefined,
      });
    };
    sim.server = await PartyServer.start({
      party: 'journal',
      clock: options.clock,
      journal: options.journal,
      port: options.port,
      handlers: [
        controlGuard('/api/*', { operation: (request) => `${request.method} ${new URL(request.url).pathname}` }),
        statusUpdateReceiverHandler({ inbox, clock: options.clock, faults: options.faults, maxBodyBytes: options.maxBodyBytes }),
        http.get('/api/certificate-status-for-care', ({ request }) => HttpResponse.json(byQuery(request))),
        http.get('/api/certificate-status-for-care/count', ({ request }) => HttpResponse.json({ count: byQuery(request).length })),
        http.delete('/api/certificate-status-for-care', () => {
          inbox.clear();
          return new HttpResponse(null, { status: 204 });
        }),
        http.get('/', ({ request }) => HttpResponse.html(inboxPage(byQuery(request)))),
        http.get('/oppna/:id', ({ request, params }) => {
          const webcert = options.webcertUrl?.();
          if (!webcert) return HttpResponse.text('No Webcert is configured for this journal system; start it in a topology with Webcert.', { status: 404 });
          return HttpResponse.html(launchPage(webcert, String(params.id), new URL(request.url).searchParams));
        }),
      ],
    });
    return sim;
  }

  get url(): string {
    if (!this.server) throw new Error('journal simulator is not started');
    return this.server.url;
  }

  /** Endpoints other parties call or people open. */
  get endpoints(): Record<string, string> {
    return {
      certificateStatusUpdateForCare: `${this.url}${STATUS_UPDATE_PATH}`,
      inbox: `${this.url}/`,
      inboxApi: `${this.url}/api/certificate-status-for-care`,
      launchPage: `${this.url}/oppna/{intygsId}`,
    };
  }

  /** Stops accepting and drains requests in flight (see {@link PartyServer.stop}). */
  async stop(options?: StopOptions): Promise<void> {
    await this.server?.stop(options);
  }
}
