/**
 * The catch-up requirement's step: a certificate Webcert holds, some of its status updates ending
 * in FAILURE for the journal system, then the journal system asked (through its catch-up trigger)
 * to catch up. Judged from the wire: a schema-valid ListCertificatesForCareWithQA v3 request for
 * that patient and unit at the Webcert simulator, and, where the journal system shows what it
 * holds (`GET <base>/status-updates`, as the stand-in does), the missed events among them.
 *
 * The missed updates end in FAILURE the way Webcert gives an update up: they go to the journal
 * system with an element the XSD does not allow before `intyg` (handelse and intyg unchanged), a
 * conforming receiver refuses them (SOAP Fault "Unmarshalling Error" or VALIDATION_ERROR) and
 * Webcert marks them FAILURE without resending. Webcert still lists them in its catch-up answer.
 */
import type { JournalEntry } from '../../simulators/kit/journal/exchange.js';
import { validateSoapMessage } from '../../simulators/kit/contracts/xsdValidator.js';
import type { Certificate } from '../../simulators/webcert/model/certificate.js';
import type { StatusUpdateToSend } from '../../simulators/webcert/notification/notificationSender.js';
import type { Topology } from '../topology/startTopology.js';
import { judgeAnswer, type AnswerJudgement, type JudgeContext } from './answerJudge.js';
import type { CatchUpStep, ConformanceRequirement, StatusUpdateSpec } from './requirementTypes.js';
import type { ConformanceVerdict } from './verdicts.js';
import type { WebcertStatusUpdates } from './webcertSending.js';

const OPERATION = 'ListCertificatesForCareWithQA';

/**
 * Checks a catch-up trigger given on the command line (`--catch-up-trigger`): an http URL on
 * 127.0.0.1, since the suite sends traffic to this machine's loopback only.
 * @throws Error saying what to write instead.
 */
export function checkCatchUpTrigger(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== 'http:' || url.hostname !== '127.0.0.1' || !/^http:\/\/127\.0\.0\.1[:/]/.test(value)) {
    throw new Error(`--catch-up-trigger "${value}" must be an http://127.0.0.1 URL (the suite talks to this machine's loopback only), e.g. http://127.0.0.1:8080/catch-up: the journal system's own address that makes it call ListCertificatesForCareWithQA.`);
  }
  return value;
}
const TRIGGER_TIMEOUT_MS = 60_000;

/** What the step needs from the runner. */
export interface CatchUpDeps {
  topology: Topology;
  sending: WebcertStatusUpdates;
  context: JudgeContext;
  /** The journal system's catch-up trigger URL; without it the requirement is not judged. */
  trigger?: string;
  certificate: Certificate;
  /** Builds a status update of the requirement (as the runner builds every other). */
  build(spec: StatusUpdateSpec): StatusUpdateToSend;
}

/** A verdict on the catch-up, and the answer to the SKAPAT it sent (for the whole-run judgement). */
export interface CatchUpResult {
  verdict: ConformanceVerdict;
  answers: AnswerJudgement[];
}

/** The update with an element the responder XSD does not allow before `intyg`. */
export function schemaInvalid(update: StatusUpdateToSend): StatusUpdateToSend {
  const payloadXml = update.payloadXml.replace(/^(<(\w+):CertificateStatusUpdateForCare\b[^>]*>)/, '$1<$2utanforSchemat>samverkan: a status update that must end in FAILURE</$2utanforSchemat>');
  if (payloadXml === update.payloadXml) throw new Error('The catch-up step could not find the CertificateStatusUpdateForCare element to make the missed update schema-invalid.');
  return { ...update, payloadXml };
}

const tidpunkt = (xml: string | undefined) => /<core:tidpunkt>([^<]+)<\/core:tidpunkt>/.exec(xml ?? '')?.[1];

function notJudged(requirement: ConformanceRequirement, reason: string, evidence: number[], answers: AnswerJudgement[]): CatchUpResult {
  return { verdict: { requirement: requirement.id, title: requirement.title, verdict: 'not-judged', reason, evidence, failing: [], slowestMs: 0, answers }, answers };
}

/** Runs the step and judges it. */
export async function runCatchUp(requirement: ConformanceRequirement, step: CatchUpStep, deps: CatchUpDeps): Promise<CatchUpResult> {
  if (!deps.trigger) {
    return notJudged(
      requirement,
      'not judged: no catch-up trigger was given (--catch-up-trigger <url>), so the suite cannot ask the journal system to call ListCertificatesForCareWithQA; judge it by hand',
      [],
      [],
    );
  }
  const { topology, certificate: c } = deps;
  const webcert = topology.webcert!;
  const journal = topology.journal;

  // Webcert holds the certificate; its SKAPAT goes out through Webcert's own path. The unit is
  // integrated as a CreateDraftCertificate from the journal system makes it (Webcert notifies, and
  // lists in the catch-up, only certificates of integrated units).
  webcert.integratedUnits.add(c.unit.hsaId);
  webcert.store.create({ id: c.id, typeCode: c.typeCode, typeVersion: c.typeVersion, unit: c.unit, issuedBy: c.issuedBy, patient: c.patient, ref: c.ref, relation: c.relation });
  await webcert.sender.idle();
  const skapat = journal.query({ operation: 'CertificateStatusUpdateForCare', side: 'outbound', certificateId: c.id }).filter((e) => e.eventCode === 'SKAPAT' && (e.attempt ?? 1) === 1)[0];
  if (!skapat) throw new Error(`${requirement.id}: Webcert sent no SKAPAT for ${c.id}; is ${c.unit.hsaId} an integrated unit of the topology?`);
  const answers = [judgeAnswer(skapat, `SKAPAT of ${step.certificate} (Webcert creates it)`, deps.context)];

  // The missed updates end in FAILURE for the journal system.
  const missed = await deps.sending.inTurn(step.missed.map((spec) => schemaInvalid(deps.build(spec))));
  const missedIds = missed.map((d) => d.entry.id);
  const notFailed = missed.filter((d) => webcert.sender.get(d.entry.messageId ?? '')?.status !== 'FAILURE');
  if (notFailed.length) {
    return notJudged(
      requirement,
      `not judged: the updates meant to be missed did not end in FAILURE (${notFailed.map((d) => `${d.update.eventCode} [entry ${d.entry.id}]: ${d.entry.resultCode ?? d.entry.outcome} ${webcert.sender.get(d.entry.messageId ?? '')?.status ?? ''}`).join('; ')}): the journal system took schema-invalid updates, so it missed nothing to catch up on`,
      [skapat.id, ...missedIds],
      answers,
    );
  }

  // Ask the journal system to catch up, and watch what reaches Webcert.
  const before = journal.newestId();
  const problems: string[] = [];
  const webcertUrl = topology.urls().webcert?.listCertificatesForCareWithQA;
  let triggerAnswer = '';
  try {
    const res = await fetch(deps.trigger, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ personId: c.patient.personId, unit: c.unit.hsaId, webcertUrl }),
      signal: AbortSignal.timeout(TRIGGER_TIMEOUT_MS),
    });
    triggerAnswer = `HTTP ${res.status} ${(await res.text()).trim().slice(0, 200)}`;
    if (!res.ok) problems.push(`the catch-up trigger ${deps.trigger} answered ${triggerAnswer}`);
  } catch (e) {
    problems.push(`the catch-up trigger ${deps.trigger} could not be called: ${e instanceof Error ? e.message : String(e)}`);
  }
  const calls = journal.query({ operation: OPERATION, afterId: before }).filter((e) => e.toParty === 'webcert' || e.side === 'inbound');
  const failing: number[] = [];
  if (!calls.length) problems.push(`no ListCertificatesForCareWithQA request reached Webcert at ${webcertUrl} after the trigger`);
  for (const call of calls) {
    const why = callProblems(call, c, deps.context.schemaRoot);
    if (why.length) {
      failing.push(call.id);
      problems.push(`ListCertificatesForCareWithQA [entry ${call.id}]: ${why.join('; ')}`);
    }
  }
  const good = calls.filter((call) => !failing.includes(call.id));
  if (calls.length && !good.length) problems.push('no request asked for the patient and unit that missed the updates with a schema-valid request');

  // What the journal system holds, where it shows it.
  const holds = await heldEvents(topology, c.id);
  const wanted = missed.map((d) => `${d.update.eventCode}@${tidpunkt(d.update.payloadXml)}`);
  let held = 'the journal system shows no GET /status-updates, so what it filed was not checked';
  if (holds) {
    const lacking = wanted.filter((w) => !holds.has(w));
    if (lacking.length) problems.push(`after the catch-up the journal system still lacks ${lacking.join(', ')} (GET /status-updates)`);
    else held = `it now holds the missed ${wanted.join(', ')} (GET /status-updates)`;
  }
  const evidence = [skapat.id, ...missedIds, ...calls.map((e) => e.id)];
  const reason = problems.length
    ? problems.join(' · ')
    : `${missed.length} updates ended in FAILURE (${wanted.join(', ')}); on the trigger (${triggerAnswer}) the journal system called ListCertificatesForCareWithQA ${calls.length === 1 ? 'once' : `${calls.length} times`}, schema-valid, for ${c.patient.personId} on ${c.unit.hsaId} [entry ${good.map((e) => e.id).join(', ')}]; ${held}`;
  return {
    verdict: { requirement: requirement.id, title: requirement.title, verdict: problems.length ? 'fail' : 'pass', reason, evidence, failing, slowestMs: Math.max(0, ...answers.map((a) => a.measuredMs)), answers },
    answers,
  };
}

/** Why a catch-up request does not count: not XSD-valid, another patient or unit, or refused. */
function callProblems(call: JournalEntry, c: Certificate, schemaRoot: string): string[] {
  const out: string[] = [];
  const body = call.requestBody ?? '';
  const valid = validateSoapMessage(body, 'ListCertificatesForCareWithQA', 'request', schemaRoot);
  if (!valid.valid) out.push(`not valid against the XSD: ${valid.errors.slice(0, 3).join(' | ')}`);
  const person = /person-id>[\s\S]*?extension>([^<]+)</.exec(body)?.[1]?.replace(/\D/g, '');
  if (person !== c.patient.personId.replace(/\D/g, '')) out.push(`asks for person-id ${person ?? '(none)'}, not ${c.patient.personId}`);
  const units = [...body.matchAll(/enhets-id>[\s\S]*?extension>([^<]+)</g)].map((m) => m[1]!.trim());
  const careProvider = /vardgivar-id>[\s\S]*?extension>([^<]+)</.exec(body)?.[1]?.trim();
  if (!units.includes(c.unit.hsaId) && careProvider !== c.unit.careProvider.hsaId) out.push(`asks for enhets-id ${units.join(', ') || '(none)'}${careProvider ? ` and vardgivar-id ${careProvider}` : ''}, not ${c.unit.hsaId}`);
  if (call.httpStatus !== 200) out.push(`Webcert answered HTTP ${call.httpStatus ?? call.outcome}`);
  return out;
}

/** `EVENT@tidpunkt` the journal system holds for the certificate, or undefined when it shows none. */
async function heldEvents(topology: Topology, certificateId: string): Promise<Set<string> | undefined> {
  const base = topology.urls().journal?.base;
  if (!base) return undefined;
  try {
    const res = await fetch(new URL('/status-updates', base), { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) return undefined;
    const json = (await res.json()) as { certificates?: { certificate: string; events: { eventCode: string; eventTime: string }[] }[] };
    if (!Array.isArray(json.certificates)) return undefined;
    const record = json.certificates.find((r) => r.certificate === certificateId || r.certificate.endsWith(`/${certificateId}`));
    return new Set((record?.events ?? []).map((e) => `${e.eventCode}@${e.eventTime}`));
  } catch {
    return undefined;
  }
}
