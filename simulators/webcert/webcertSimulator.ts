/**
 * The Webcert simulator, first slice: CreateDraftCertificate v3 in, the integrated-units
 * registry, draft actions, and CertificateStatusUpdateForCare v3 out with ANDRAT aggregation and
 * the redelivery schedule. It talks to other parties only over the network.
 */
import type { Clock } from '../kit/clock/virtualClock.js';
import type { FaultRules } from '../kit/faults/faultRules.js';
import type { TrafficJournal } from '../kit/journal/trafficJournal.js';
import { PartyServer } from '../kit/network/partyServer.js';
import { Directory, type DirectoryData } from './directory/directory.js';
import { CertificateStore, type CertificateEventCode } from './drafts/certificateStore.js';
import { buildCertificateStatusUpdate } from './message/statusUpdateMessage.js';
import type { Certificate } from './model/certificate.js';
import { AndratAggregator, DEFAULT_ANDRAT_WINDOW_MS } from './notification/andratAggregator.js';
import { NotificationSender } from './notification/notificationSender.js';
import {
  DEFAULT_REDELIVERY_PROFILE,
  parseRedeliverySchedule,
  redeliveryProfile,
  type RedeliverySchedule,
} from './notification/redeliverySchedule.js';
import { createDraftCertificateHandler, CREATE_DRAFT_PATH } from './soap/createDraftCertificate.js';
import type { LisjpValues } from './model/lisjpForm.js';
import { SessionStore } from './web/sessions.js';
import { webRoutes } from './web/webRoutes.js';

/** Webcert's CXF client default receive timeout, used when nothing else is said. */
export const DEFAULT_NOTIFICATION_TIMEOUT_MS = 60_000;

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
}

/** Resolves a profile name or a notation into a schedule, with the name when it is a profile. */
export function resolveRedelivery(value: string | undefined): { schedule: RedeliverySchedule; profile?: string } {
  const text = value ?? DEFAULT_REDELIVERY_PROFILE;
  if (text.includes('#')) return { schedule: parseRedeliverySchedule(text) };
  const profile = redeliveryProfile(text);
  return { schedule: profile.schedule, profile: profile.name };
}

/** A running Webcert simulator. */
export class WebcertSimulator {
  readonly store: CertificateStore;
  readonly sender: NotificationSender;
  /** Units Webcert sends status updates for (added by CreateDraftCertificate). */
  readonly integratedUnits = new Set<string>();
  readonly directory: Directory;
  readonly sessions = new SessionStore();
  /** Form values of drafts edited in the UI. */
  readonly formValues = new Map<string, LisjpValues>();
  private readonly aggregator: AndratAggregator;
  private server?: PartyServer;
  private profile?: string;

  private constructor(private readonly options: WebcertSimulatorOptions) {
    const { schedule, profile } = resolveRedelivery(options.redelivery);
    this.profile = profile;
    this.directory = new Directory(options.directory);
    this.sender = new NotificationSender({
      clock: options.clock,
      journal: options.journal,
      schedule,
      route: options.routeStatusUpdate,
      timeoutMs: options.notificationTimeoutMs ?? DEFAULT_NOTIFICATION_TIMEOUT_MS,
    });
    this.aggregator = new AndratAggregator(options.clock, options.andratWindowMs ?? DEFAULT_ANDRAT_WINDOW_MS);
    this.store = new CertificateStore(options.clock, (c, code, by) => this.onCertificateEvent(c, code, by));
  }

  /** Starts the simulator's server on a loopback port. */
  static async start(options: WebcertSimulatorOptions): Promise<WebcertSimulator> {
    const sim = new WebcertSimulator(options);
    sim.server = await PartyServer.start({
      party: 'webcert',
      clock: options.clock,
      journal: options.journal,
      port: options.port,
      handlers: [
        createDraftCertificateHandler({
          directory: sim.directory,
          store: sim.store,
          integratedUnits: sim.integratedUnits,
          faults: options.faults,
        }),
        ...webRoutes(
          {
            clock: options.clock,
            store: sim.store,
            directory: sim.directory,
            sessions: sim.sessions,
            formValues: sim.formValues,
            baseUrl: () => sim.url,
          },
          {
            signatureInfo: () => undefined,
            fakeSign: async (id, by) => {
              sim.store.sign(id, by);
            },
          },
        ),
      ],
    });
    return sim;
  }

  get url(): string {
    if (!this.server) throw new Error('Webcert simulator is not started');
    return this.server.url;
  }

  /** Endpoints other parties call. */
  get endpoints(): Record<string, string> {
    return {
      createDraftCertificate: `${this.url}${CREATE_DRAFT_PATH}`,
      launch: `${this.url}/visa/intyg/{intygsId}`,
      welcome: `${this.url}/welcome`,
    };
  }

  /** The redelivery schedule in force and its profile name, if it is one. */
  get redelivery(): { schedule: RedeliverySchedule; profile?: string } {
    return { schedule: this.sender.schedule, profile: this.profile };
  }

  /** Switches to a named profile or a schedule in Webcert's notation (for resends planned from now on). */
  useRedelivery(value: string): void {
    const { schedule, profile } = resolveRedelivery(value);
    this.profile = profile;
    this.sender.useSchedule(schedule);
  }

  /** Lets deliveries under way finish, then stops the server. */
  async stop(): Promise<void> {
    await this.sender.idle();
    await this.server?.stop();
  }

  private onCertificateEvent(certificate: Certificate, eventCode: CertificateEventCode, handledBy?: string): void {
    if (!this.integratedUnits.has(certificate.unit.hsaId)) return;
    const eventTime = this.options.clock.now();
    this.aggregator.offer({
      certificateId: certificate.id,
      eventCode,
      eventTime,
      emit: () =>
        this.sender.send({
          certificateId: certificate.id,
          eventCode,
          logicalAddress: certificate.unit.hsaId,
          personId: certificate.patient.personId,
          payloadXml: buildCertificateStatusUpdate({ certificate, eventCode, eventTime, ref: certificate.ref, handledBy }),
        }),
    });
  }
}
