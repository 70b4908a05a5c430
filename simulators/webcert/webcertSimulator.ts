/**
 * The Webcert simulator: CreateDraftCertificate v3 in, the integrated-units registry, draft
 * actions, CertificateStatusUpdateForCare v3 out with ANDRAT aggregation and the redelivery
 * schedule, and the certificate sender (RegisterCertificate, SendCertificateToRecipient,
 * RevokeCertificate to Intygstjänsten). It talks to other parties only over the network.
 */
import type { StopOptions } from '../kit/network/exchangeDrain.js';
import { PartyServer } from '../kit/network/partyServer.js';
import { Directory } from './directory/directory.js';
import { CertificateActionError, CertificateStore, type CertificateEventCode, type EventDetails } from './drafts/certificateStore.js';
import type { Certificate } from './model/certificate.js';
import type { ActingUser } from './message/intygstjanstMessages.js';
import { AndratAggregator, DEFAULT_ANDRAT_WINDOW_MS } from './notification/andratAggregator.js';
import { NotificationSender } from './notification/notificationSender.js';
import type { RedeliverySchedule } from './notification/redeliverySchedule.js';
import { createDraftCertificateHandler, CREATE_DRAFT_PATH } from './soap/createDraftCertificate.js';
import type { FormValues } from './model/forms/formDefinition.js';
import { SessionStore } from './web/sessions.js';
import { webRoutes } from './web/webRoutes.js';
import { questionRoutes } from './web/questionRoutes.js';
import { CertificateSigning } from './signing/certificateSigning.js';
import { FakeSigner, signatureLines } from './signing/fakeSigning.js';
import { notifyJournalSystem } from './notification/statusUpdateNotifier.js';
import { dssClientRoutes, type DssClientConfig } from './signing/dssClientRoutes.js';
import { loginRoutes } from './login/loginRoutes.js';
import { webcertSpMetadata, type SamlLoginConfig } from './login/samlServiceProvider.js';
import { timeOrderedUuid } from '../kit/sqlite/timeOrderedUuid.js';
import { CertificateSender } from './certificatesender/certificateSender.js';
import type { CertificateMessage } from './certificatesender/certificateQueue.js';
import { WEBCERT_CERTIFICATE_REDELIVERY } from './certificatesender/jmsRedeliveryPolicy.js';
import { WebcertState } from './state/webcertState.js';
import { IntegratedUnits } from './state/integratedUnits.js';
import { QuestionService } from './questions/questionService.js';
import { sendMessageToCareHandler, SEND_MESSAGE_TO_CARE_PATH } from './soap/sendMessageToCare.js';
import { listCertificatesForCareWithQAHandler, LIST_CERTIFICATES_FOR_CARE_WITH_QA_PATH } from './soap/listCertificatesForCareWithQA.js';

import { CertificateLifecycle } from './lifecycle/certificateLifecycle.js';
import {
  DEFAULT_AUTOSAVE_DEBOUNCE_MS,
  DEFAULT_NOTIFICATION_TIMEOUT_MS,
  DEFAULT_SEND_MESSAGE_TO_FK_LOGICAL_ADDRESS,
  resolveRedelivery,
  type WebcertSimulatorOptions,
} from './webcertOptions.js';

export * from './webcertOptions.js';

/** A running Webcert simulator. */
export class WebcertSimulator {
  readonly store: CertificateStore;
  readonly sender: NotificationSender;
  /** Units Webcert sends status updates for (added by CreateDraftCertificate; kept in the state file). */
  readonly integratedUnits: Set<string>;
  /** The state file behind the store, the sender and the integrated units. */
  readonly state: WebcertState;
  readonly directory: Directory;
  readonly sessions = new SessionStore();
  /** Form values of drafts edited in the UI. */
  readonly formValues = new Map<string, FormValues>();
  readonly signing: CertificateSigning;
  /** The certificate queue toward Intygstjänsten. */
  readonly certificateSender: CertificateSender;
  /** Questions and answers with the recipient (SendMessageToCare in, SendMessageToRecipient out). */
  readonly questions: QuestionService;
  /** Send, revoke, renew, replace and create-from-template, under the access rules. */
  readonly lifecycle: CertificateLifecycle;
  private dss?: DssClientConfig;
  private login?: SamlLoginConfig;
  private readonly aggregator: AndratAggregator;
  private server?: PartyServer;
  private profile?: string;
  private readonly fakeSigner: FakeSigner;
  /** Who sends, revokes, answers or complements: staff member `by` (HSA id) if known, else the certificate's issuer; at its unit. */
  private readonly actingUser = (certificate: Certificate, by: string | undefined): ActingUser => ({ staff: (by ? this.directory.staffMember(by) : undefined) ?? certificate.issuedBy, unit: certificate.unit });

  private constructor(private readonly options: WebcertSimulatorOptions) {
    const { schedule, profile } = resolveRedelivery(options.redelivery);
    this.profile = profile;
    this.directory = new Directory(options.directory, { faults: options.faults });
    this.state = WebcertState.open(options.stateFile ?? ':memory:');
    this.integratedUnits = new IntegratedUnits(this.state);
    this.sender = new NotificationSender({
      clock: options.clock,
      journal: options.journal,
      schedule,
      route: options.routeStatusUpdate,
      timeoutMs: options.notificationTimeoutMs ?? DEFAULT_NOTIFICATION_TIMEOUT_MS,
      state: this.state,
      maxInFlightPerReceiver: options.maxInFlightPerReceiver,
    });
    this.aggregator = new AndratAggregator(options.clock, options.andratWindowMs ?? DEFAULT_ANDRAT_WINDOW_MS);
    this.store = new CertificateStore(options.clock, (c, code, by, details) => this.onCertificateEvent(c, code, by, details), { state: this.state });
    this.signing = new CertificateSigning(options.clock, this.store);
    this.fakeSigner = new FakeSigner(this.store, this.signing, options.credential);
    this.certificateSender = new CertificateSender({
      clock: options.clock,
      journal: options.journal,
      policy: options.certificateRedelivery ?? WEBCERT_CERTIFICATE_REDELIVERY,
      timeoutMs: options.intygstjanstTimeoutMs ?? DEFAULT_NOTIFICATION_TIMEOUT_MS,
      intygstjanst: () => options.intygstjanst,
      skicka: options.skicka ?? 'after-delivery',
      actingUser: this.actingUser,
      markSent: (id, recipient, by) => this.store.send(id, recipient, by),
      state: this.state,
    });
    this.questions = new QuestionService({
      clock: options.clock,
      store: this.store,
      sender: this.certificateSender,
      actingUser: this.actingUser,
      recipientLogicalAddress: options.sendMessageToFkLogicalAddress ?? DEFAULT_SEND_MESSAGE_TO_FK_LOGICAL_ADDRESS,
    });
    this.lifecycle = new CertificateLifecycle({ clock: options.clock, store: this.store, sender: this.certificateSender, directory: this.directory, integratedUnits: this.integratedUnits });
  }

  /**
   * Creates a complement (relation KOMPLT) of a signed certificate with an open KOMPLT question:
   * a draft with the original's answers, by `by` (CopyUtkastServiceImpl). Signing it sends it to
   * the recipient and closes the question.
   * @throws {CertificateActionError} when the original is not signed or has no open KOMPLT question.
   */
  complementCertificate(parentId: string, by: string): Certificate {
    const parent = this.store.require(parentId);
    if (parent.status !== 'SIGNED') throw new CertificateActionError('INVALID_STATE', `certificate ${parentId} is ${parent.status}; only a signed certificate that is not revoked can be complemented`);
    if (!this.questions.hasOpenCompletion(parent)) throw new CertificateActionError('INVALID_STATE', `certificate ${parentId} has no open KOMPLT question to answer with a complement`);
    const staff = this.actingUser(parent, by).staff;
    const draft = this.store.create({
      id: timeOrderedUuid(),
      typeCode: parent.typeCode,
      typeVersion: parent.typeVersion,
      unit: parent.unit,
      issuedBy: staff,
      patient: parent.patient,
      ref: parent.ref,
      answers: structuredClone(parent.answers),
      relation: { code: 'KOMPLT', certificateId: parent.id },
    });
    const values = this.formValues.get(parent.id);
    if (values) this.formValues.set(draft.id, structuredClone(values));
    return draft;
  }

  /**
   * Sends a signed certificate to a recipient (KV part code) through Intygstjänsten, without the
   * access rules of the UI (the admin API's path; the UI's is {@link lifecycle}).
   * @throws {CertificateActionError} when it is not signed, is revoked or was already sent there.
   */
  sendCertificate(id: string, recipient: string, by?: string): CertificateMessage {
    return this.certificateSender.send(this.store.require(id), recipient, by);
  }

  /**
   * Revokes a signed certificate: MAKULE to the journal system, RevokeCertificate to
   * Intygstjänsten (with `reason` as its meddelande), without the UI's access rules.
   * @throws {CertificateActionError} when it is not a signed certificate.
   */
  revokeCertificate(id: string, by?: string, reason?: string): CertificateMessage | undefined {
    return this.lifecycle.revokeUnchecked(id, by, reason);
  }

  /**
   * Tells Webcert about its signing service, as its configuration and the service's metadata file
   * do at start-up. Webcert reads the metadata once: a later rotation at the service is not seen.
   */
  configureSigning(config: DssClientConfig): void {
    this.dss = config;
  }

  /** The signing configuration in force (what Webcert read at start), if any. */
  get signingConfig(): DssClientConfig | undefined {
    return this.dss;
  }

  /** Tells Webcert which IdP to use for SAML login (its IdP metadata file), with its own credential. */
  configureLogin(idpMetadataXml: string): void {
    if (!this.options.credential) throw new Error('SAML login needs Webcert\'s credential; start the simulator with one');
    this.login = { idpMetadataXml, credential: this.options.credential };
  }

  /** Webcert's SP metadata for a registration (what the IdP is given). */
  spMetadata(reg: 'siths' | 'sithsNormal' = 'siths'): string {
    if (!this.options.credential) throw new Error('SP metadata needs Webcert\'s credential');
    return webcertSpMetadata(this.url, reg, this.options.credential);
  }

  /** Starts the simulator's server on a loopback port. */
  static async start(options: WebcertSimulatorOptions): Promise<WebcertSimulator> {
    const sim = new WebcertSimulator(options);
    sim.server = await PartyServer.start({
      party: 'webcert',
      clock: options.clock,
      journal: options.journal,
      port: options.port,
      // Every answer waits for the state it acknowledges to be committed.
      beforeAnswer: () => sim.state.flushed(),
      handlers: [
        sendMessageToCareHandler({ questions: sim.questions, faults: options.faults }),
        listCertificatesForCareWithQAHandler({ store: sim.store, notifications: (id) => sim.sender.list(id), faults: options.faults }),
        createDraftCertificateHandler({ clock: options.clock, directory: sim.directory, store: sim.store, integratedUnits: sim.integratedUnits, faults: options.faults }),
        ...webRoutes(
          sim.webContext(),
          {
            signatureInfo: (id) => signatureLines(sim.store, id),
            fakeSign: (id, by) => sim.fakeSigner.sign(id, by),
            extra: [...questionRoutes(sim.webContext(), { questions: sim.questions, complement: (id, by) => sim.complementCertificate(id, by) }), ...dssClientRoutes(sim.webContext(), sim.signing, () => sim.dss), ...loginRoutes(sim.webContext(), options.clock, () => sim.login)],
          },
        ),
      ],
    });
    // What a previous run of the state file left unsettled: resends planned again, interrupted deliveries made again.
    sim.sender.resume();
    sim.certificateSender.resume();
    return sim;
  }

  private webContext() {
    return { clock: this.options.clock, store: this.store, directory: this.directory, sessions: this.sessions, formValues: this.formValues, lifecycle: this.lifecycle, autosaveDebounceMs: this.options.autosaveDebounceMs ?? DEFAULT_AUTOSAVE_DEBOUNCE_MS, baseUrl: () => this.url };
  }

  get url(): string {
    if (!this.server) throw new Error('Webcert simulator is not started');
    return this.server.url;
  }

  /** Endpoints other parties call. */
  get endpoints(): Record<string, string> {
    return {
      createDraftCertificate: `${this.url}${CREATE_DRAFT_PATH}`,
      sendMessageToCare: `${this.url}${SEND_MESSAGE_TO_CARE_PATH}`,
      listCertificatesForCareWithQA: `${this.url}${LIST_CERTIFICATES_FOR_CARE_WITH_QA_PATH}`,
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

  /**
   * Resolves when no status update and no certificate message is being delivered; returns how many
   * status-update deliveries it waited for.
   */
  async idle(): Promise<number> {
    // A delivered send causes SKICKA, which a second round waits for; the bound guards against a
    // record whose status never settles.
    let waited = 0;
    for (let round = 0; round < 10; round++) {
      waited += await this.sender.idle();
      await this.certificateSender.idle();
      if (!this.busy()) break;
    }
    return waited;
  }

  private busy(): boolean {
    return this.sender.deliveriesUnderWay > 0 || this.certificateSender.queue.queuedCount > 0;
  }

  /**
   * Stops accepting and drains requests in flight (see {@link PartyServer.stop}), then lets the
   * deliveries under way (some started by those requests) finish.
   */
  async stop(options?: StopOptions): Promise<void> {
    await this.server?.stop(options);
    await this.idle();
    this.sender.close();
    this.certificateSender.close();
    this.state.close();
  }

  private onCertificateEvent(certificate: Certificate, eventCode: CertificateEventCode, handledBy?: string, details?: EventDetails): void {
    notifyJournalSystem({ clock: this.options.clock, store: this.store, directory: this.directory, integratedUnits: this.integratedUnits, aggregator: this.aggregator, sender: this.sender }, certificate, eventCode, handledBy, details);
    // After signing, Webcert stores the certificate in Intygstjänsten (and sends the types that go at once).
    if (eventCode === 'SIGNAT' && certificate.signature) {
      this.certificateSender.afterSigned(certificate, handledBy);
      if (certificate.relation?.code === 'KOMPLT') this.afterComplementSigned(certificate, handledBy);
    }
  }

  /** A signed complement goes to the original's recipient at once, and closes the original's KOMPLT questions. */
  private afterComplementSigned(complement: Certificate, by?: string): void {
    const parent = this.store.get(complement.relation!.certificateId);
    const recipient = parent?.sentTo ?? parent?.arenden?.find((a) => a.amne === 'KOMPLT')?.part ?? 'FKASSA';
    this.certificateSender.send(complement, recipient, by);
    this.questions.closeCompletions(complement.relation!.certificateId, by);
  }
}
