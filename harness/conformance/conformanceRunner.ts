/**
 * Runs the journal-system conformance suite on a started topology: for each requirement, the
 * Webcert simulator sends its status updates to the topology's journal system (simulated or a
 * real one at a URL), every answer is judged against the contract, and the requirement gets a
 * verdict with the traffic-journal entries as evidence.
 */
import type { Topology } from '../topology/startTopology.js';
import { DEFAULT_NOTIFICATION_TIMEOUT_MS } from '../../simulators/webcert/webcertSimulator.js';
import { buildCertificateStatusUpdate } from '../../simulators/webcert/message/statusUpdateMessage.js';
import type { StatusUpdateToSend } from '../../simulators/webcert/notification/notificationSender.js';
import type { Certificate } from '../../simulators/webcert/model/certificate.js';
import { judgeAnswer, type AnswerJudgement, type JudgeContext } from './answerJudge.js';
import { eachStoredVerdict, wholeRunVerdict, type ConformanceVerdict } from './verdicts.js';
import { isResend, type ConformanceRequirement, type Delivery, type SendStep, type StatusUpdateSpec } from './requirementTypes.js';
import { JOURNAL_SYSTEM_REQUIREMENTS } from './requirements.js';
import { certificateAt, newSuiteCertificate, suiteParties, type CertificateTimeline, type SuiteParties } from './suiteCertificates.js';
import { WebcertStatusUpdates, type Delivered } from './webcertSending.js';
import { runCatchUp } from './catchUpStep.js';

export type { ConformanceVerdict } from './verdicts.js';

/** A finished run of the suite. */
export interface ConformanceRun {
  /** Where the status updates went. */
  receiver: string;
  /** Webcert's client timeout: the bound every answer is judged against. */
  answerBoundMs: number;
  startedAt: string;
  finishedAt: string;
  /** Ids of every traffic-journal entry recorded while the suite ran (its own and any other traffic). */
  entryIds: number[];
  verdicts: ConformanceVerdict[];
}

export interface RunConformanceOptions {
  /** A started topology with a simulated Webcert; its journal party is what is tested. */
  topology: Topology;
  /** Folder that holds `rivta/` (response XSD). */
  schemaRoot: string;
  /** Default: the whole suite. */
  requirements?: readonly ConformanceRequirement[];
  /**
   * The journal system's catch-up trigger: POSTed `{personId, unit, webcertUrl}` (JSON), after which
   * it is to call Webcert's ListCertificatesForCareWithQA v3. Without it the catch-up requirement
   * is not judged.
   */
  catchUpTrigger?: string;
  /** Told about each verdict as it is reached (for a progress line). */
  onVerdict?: (verdict: ConformanceVerdict) => void;
}

/** A requirement's own sends, judged. */
interface RequirementTraffic {
  requirement: ConformanceRequirement;
  answers: AnswerJudgement[];
}

/** The receiver URL the topology routes status updates to, in words for the report. */
function receiverOf(topology: Topology): string {
  const urls = topology.urls().journal ?? {};
  return urls.certificateStatusUpdateForCare ?? urls.base ?? '(unknown)';
}

/**
 * Runs the suite. Requirements judged on the whole run (JR-S06) are judged after all others.
 * @throws Error when the topology has no simulated Webcert or the directory lacks a unit or doctor.
 */
export async function runConformanceSuite(options: RunConformanceOptions): Promise<ConformanceRun> {
  const { topology } = options;
  const webcert = topology.webcert;
  if (!webcert) throw new Error('The conformance suite sends through the Webcert simulator, but this topology\'s Webcert is external; run it with a simulated Webcert.');
  const requirements = options.requirements ?? JOURNAL_SYSTEM_REQUIREMENTS;
  const context: JudgeContext = { answerBoundMs: topology.config.webcert.notificationTimeoutMs ?? DEFAULT_NOTIFICATION_TIMEOUT_MS, schemaRoot: options.schemaRoot, validated: new Map() };
  const parties = suiteParties(topology.config.directory);
  const sending = new WebcertStatusUpdates(webcert, topology.journal);
  const startedAt = new Date().toISOString();
  const entryIds: number[] = [];
  const unsubscribe = topology.journal.onRecord((entry) => entryIds.push(entry.id));
  const traffic: RequirementTraffic[] = [];
  const verdicts = new Map<string, ConformanceVerdict>();
  try {
    for (const requirement of requirements) {
      const { answers, verdict: own } = await runRequirement(requirement, { topology, parties, sending, context, catchUpTrigger: options.catchUpTrigger });
      traffic.push({ requirement, answers });
      if (requirement.judge === 'each-stored' || own) {
        const verdict = own ?? eachStoredVerdict(requirement, answers);
        verdicts.set(requirement.id, verdict);
        options.onVerdict?.(verdict);
      }
    }
  } finally {
    unsubscribe();
  }
  const everyAnswer = traffic.flatMap((t) => t.answers);
  for (const { requirement, answers } of traffic.filter((t) => t.requirement.judge === 'whole-run')) {
    const verdict = wholeRunVerdict(requirement, answers, everyAnswer, context);
    verdicts.set(requirement.id, verdict);
    options.onVerdict?.(verdict);
  }
  return {
    receiver: receiverOf(topology),
    answerBoundMs: context.answerBoundMs,
    startedAt,
    finishedAt: new Date().toISOString(),
    entryIds,
    verdicts: requirements.map((r) => verdicts.get(r.id)!),
  };
}

interface RequirementContext {
  topology: Topology;
  parties: SuiteParties;
  sending: WebcertStatusUpdates;
  context: JudgeContext;
  catchUpTrigger?: string;
}

/** A message sent once, kept so that a resend can repeat it. */
interface SentMessage {
  spec: StatusUpdateSpec;
  update: StatusUpdateToSend;
  entry: Delivered['entry'];
}

/** The answers a requirement's sends got, and its verdict when a step judges it itself (the catch-up). */
async function runRequirement(requirement: ConformanceRequirement, rc: RequirementContext): Promise<{ answers: AnswerJudgement[]; verdict?: ConformanceVerdict }> {
  const start = rc.topology.clock.now();
  const certificates = new Map<string, Certificate>();
  for (const [name, spec] of Object.entries(requirement.certificates)) certificates.set(name, newSuiteCertificate(name, spec, rc.parties, start));
  const timelines = timelinesOf(requirement, start);
  const sentByLabel = new Map<string, SentMessage>();
  const answers: AnswerJudgement[] = [];

  const build = (spec: StatusUpdateSpec, handledBy: boolean): StatusUpdateToSend => {
    const base = certificates.get(spec.certificate);
    if (!base) throw new Error(`${requirement.id}: a message names certificate "${spec.certificate}", which is not among its certificates (${[...certificates.keys()].join(', ')}).`);
    const eventTime = start + spec.at;
    const certificate = certificateAt(base, spec.event, eventTime, timelines.get(spec.certificate) ?? {});
    const relatedTo = spec.relation ? certificates.get(spec.relation.to) : undefined;
    if (spec.relation && !relatedTo) throw new Error(`${requirement.id}: relation to unknown certificate "${spec.relation.to}".`);
    return {
      certificateId: certificate.id,
      eventCode: spec.event,
      logicalAddress: certificate.unit.hsaId,
      personId: certificate.patient.personId,
      payloadXml: buildCertificateStatusUpdate({
        certificate,
        eventCode: spec.event,
        eventTime,
        handledBy: handledBy ? certificate.issuedBy.hsaId : undefined,
        relations: spec.relation && relatedTo ? [{ code: spec.relation.code, certificateId: relatedTo.id }] : undefined,
        questionsSent: spec.questionsSent,
        questionsReceived: spec.questionsReceived,
        amne: spec.amne,
        sistaDatumForSvar: spec.sistaDatumForSvar,
      }),
    };
  };

  let verdict: ConformanceVerdict | undefined;
  for (const step of requirement.steps) {
    if (step.kind === 'catch-up') {
      const certificate = certificates.get(step.certificate);
      if (!certificate) throw new Error(`${requirement.id}: the catch-up names certificate "${step.certificate}", which is not among its certificates.`);
      const result = await runCatchUp(requirement, step, { topology: rc.topology, sending: rc.sending, context: rc.context, trigger: rc.catchUpTrigger, certificate, build: (spec) => build(spec, spec.handledBy ?? false) });
      answers.push(...result.answers);
      verdict = result.verdict;
      continue;
    }
    // A new kind of step gets its branch here.
    if (step.kind !== 'send') throw new Error(`${requirement.id}: step kind "${(step as { kind: string }).kind}" is not known to the runner.`);
    const planned = step.deliveries.map((d) => plan(d, requirement, sentByLabel, build));
    const delivered = step.order === 'at-once' ? await rc.sending.atOnce(planned.map((p) => p.update)) : await rc.sending.inTurn(planned.map((p) => p.update));
    delivered.forEach((d, i) => {
      const p = planned[i]!;
      if (p.identicalTo && d.entry.requestBody !== p.identicalTo.entry.requestBody) {
        throw new Error(`${requirement.id}: the resend of "${p.label}" did not go out byte-identical to the first delivery (entries ${p.identicalTo.entry.id} and ${d.entry.id}); the suite cannot judge JR-S04 on it.`);
      }
      if (p.spec.label && !sentByLabel.has(p.spec.label)) sentByLabel.set(p.spec.label, { spec: p.spec, update: d.update, entry: d.entry });
      answers.push(judgeAnswer(d.entry, `${p.description} (${step.what})`, rc.context));
    });
  }
  return { answers, verdict };
}

interface PlannedDelivery {
  spec: StatusUpdateSpec;
  update: StatusUpdateToSend;
  label: string;
  description: string;
  identicalTo?: SentMessage;
}

function plan(
  d: Delivery,
  requirement: ConformanceRequirement,
  sentByLabel: Map<string, SentMessage>,
  build: (spec: StatusUpdateSpec, handledBy: boolean) => StatusUpdateToSend,
): PlannedDelivery {
  if (!isResend(d)) {
    return { spec: d, update: build(d, d.handledBy ?? false), label: d.label ?? '', description: `${d.event} of ${d.certificate}` };
  }
  const earlier = sentByLabel.get(d.resend);
  if (!earlier) throw new Error(`${requirement.id}: a resend names "${d.resend}", but no earlier step of the requirement sent a message with that label.`);
  const what = `${earlier.spec.event} of ${earlier.spec.certificate}`;
  if ((d.as ?? 'identical') === 'identical') {
    return { spec: earlier.spec, update: earlier.update, label: d.resend, description: `${what} again, byte-identical`, identicalTo: earlier };
  }
  return { spec: earlier.spec, update: build(earlier.spec, true), label: d.resend, description: `${what} again, same key with hanteratAv set again` };
}

/** When each certificate is signed and sent in the requirement (from its SIGNAT and SKICKA). */
function timelinesOf(requirement: ConformanceRequirement, start: number): Map<string, CertificateTimeline> {
  const out = new Map<string, CertificateTimeline>();
  for (const step of requirement.steps.filter((s): s is SendStep => s.kind === 'send')) {
    for (const d of step.deliveries) {
      if (isResend(d)) continue;
      const t = out.get(d.certificate) ?? {};
      if (d.event === 'SIGNAT') t.signedAt = start + d.at;
      if (d.event === 'SKICKA') t.sentAt = start + d.at;
      out.set(d.certificate, t);
    }
  }
  return out;
}
