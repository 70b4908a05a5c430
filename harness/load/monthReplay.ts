/**
 * A month's replay: starts a topology (the embedded one, or Webcert's simulator in front of an
 * external journal system) with its state in a folder, makes every step of the plan through the
 * parties' network interfaces in virtual time, lets the resends settle, and sums up what was
 * delivered, resent and failed per region and event. Resumable: the state folder holds Webcert's
 * state, the traffic journal and the replay's own progress (docs/decisions/0022).
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startTopology } from '../topology/startTopology.js';
import { defaultTopologyConfig } from '../topology/topologyConfig.js';
import type { JournalChoice } from '../cli/journalOption.js';
import { allWaits } from '../../simulators/webcert/notification/redeliverySchedule.js';
import type { NotificationSummaryRow } from '../../simulators/webcert/notification/notificationSender.js';
import type { CertificateMessageCount } from '../../simulators/webcert/certificatesender/certificateQueue.js';
import { loadReferenceData } from '../sessions/data/referenceData.js';
import { AnswerTimes, type AnswerSamples, type HourFigures } from './answerTimes.js';
import { journalReachable } from './journalReachable.js';
import { loadDirectory } from './loadDirectory.js';
import { LoadProgress, PLAN_VERSION, stepMask, type ReplaySettings } from './loadProgress.js';
import { expectedEvents, LoadInputError, planMonth, STEP_KINDS, type MonthPlan, type PlannedStep, type StepKind } from './monthPlan.js';
import { ProgressLine, type ProgressLineOptions } from './progressLine.js';
import { ReplayCalls } from './replayCalls.js';

/** `--speed`: virtual time this many times faster than the wall clock, or as fast as it goes. */
export type ReplaySpeed = number | 'max';

export interface MonthReplayOptions {
  month: string;
  regions?: string[];
  scale?: number;
  days?: number;
  speed: ReplaySpeed;
  journal: JournalChoice;
  /** The `--journal` text, stored so a resume can check it. */
  journalText: string;
  stateDir: string;
  resume: boolean;
  /** Steps in flight at once; default 16. */
  concurrency?: number;
  /** Resolves when the replay should stop (Ctrl-C): it stops issuing steps and sums up. */
  stop?: Promise<unknown>;
  /** Progress line options (tests; a shard hands its figures to the parent with `report`). */
  progress?: ProgressLineOptions;
  dataDir?: string;
}

export interface StepTally {
  ok: number;
  already: number;
  failed: number;
}

export interface MonthReplayResult {
  plan: MonthPlan;
  interrupted: boolean;
  /** Resumed (`--resume`) a replay that had recorded steps. */
  resumed: boolean;
  wallMs: number;
  /**
   * CPU time of the whole process (every party and the driver) during the replay, user and system:
   * on a machine shared with other work the figure that depends least on them.
   */
  cpuMs?: number;
  rssPeakBytes: number;
  steps: Record<StepKind, StepTally>;
  failures: string[];
  notifications: NotificationSummaryRow[];
  /** Webcert's certificate queue toward Intygstjänsten at the end, per message type and status. */
  certificateMessages: CertificateMessageCount[];
  schedule: { checked: number; limit: number; verdicts: Record<string, number> };
  expected: Map<string, number>;
  regionOfUnit: Map<string, string>;
  answerTimes: { overall: Omit<HourFigures, 'hour'>; hours: HourFigures[] };
  /** The raw answer times, for merging shards' figures. */
  answerSamples?: AnswerSamples;
  stateDir: string;
  /** True when the status updates went to an external journal system. */
  journalExternal: boolean;
}

/** CPU time (user and system) of this process since `start`, in ms. */
function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * Memory bounds of a replay (decision 0034): what the parties keep in memory must not grow with
 * the month. Intygstjänsten's working set (its file is the truth) and the inboxes (the journal
 * system's and the recipients', which nobody reads during a replay) stay small; Webcert's
 * certificate queue toward Intygstjänsten may hold at most this many messages waiting (each with
 * its envelope) before the replay waits for it, as a user would wait for a slow Webcert.
 */
const CERTIFICATES_IN_MEMORY = 200;
const INBOX_SIZE = 200;
const QUEUE_WAITING_LIMIT = 256;

const sameSettings = (a: ReplaySettings, b: ReplaySettings) => JSON.stringify(a) === JSON.stringify(b);

/** Runs (or resumes) a replay. @throws {LoadInputError} for bad input, before anything starts */
export async function runMonthReplay(options: MonthReplayOptions): Promise<MonthReplayResult> {
  const data = loadReferenceData(options.dataDir);
  const plan = planMonth(data.statistics, { month: options.month, regions: options.regions, scale: options.scale, days: options.days });
  if (options.journal.mode === 'external') await journalReachable(options.journal.receiver);
  const settings: ReplaySettings = { plan: PLAN_VERSION, month: plan.month, regions: plan.regions, scale: plan.scale, ...(options.days ? { days: options.days } : {}), journal: options.journalText };

  const progressFile = join(options.stateDir, 'load.sqlite');
  if (options.resume) {
    if (!existsSync(progressFile)) throw new LoadInputError(`nothing to resume in ${options.stateDir}: no load.sqlite there; start without --resume`);
  } else {
    for (const f of ['load.sqlite', 'journal.sqlite', 'webcert-state.sqlite', 'intygstjanst-state.sqlite']) for (const s of ['', '-wal', '-shm']) rmSync(join(options.stateDir, f + s), { force: true });
  }
  mkdirSync(options.stateDir, { recursive: true });
  const plannedMasks = Uint8Array.from(plan.certificates, (c) => stepMask(STEP_KINDS.filter((k) => c.at[k] !== undefined)));
  const progress = LoadProgress.open(progressFile, (index) => plannedMasks[index] ?? 0);
  const stored = progress.settings;
  if (stored && (stored.plan ?? 1) !== PLAN_VERSION) {
    progress.close();
    throw new LoadInputError(`the replay in ${options.stateDir} was planned by another version of samverkan (plan ${stored.plan ?? 1}, this one makes plan ${PLAN_VERSION}: patients numbered over the whole month), so its certificates cannot be found again; start a new one without --resume`);
  }
  if (stored && !sameSettings(stored, settings)) {
    progress.close();
    throw new LoadInputError(`the replay in ${options.stateDir} was started with ${JSON.stringify(stored)}; resume it with the same month, regions, scale, days and journal, or start a new one without --resume`);
  }
  if (!stored) progress.settings = settings;
  const resuming = options.resume && progress.doneCount > 0;

  const { directory, regionOfUnit, unitOfRegion } = loadDirectory(data.regions, plan.regions);
  const startAt = Math.max(plan.start - 60_000, progress.clockAt ?? 0);
  const topology = await startTopology(
    defaultTopologyConfig({
      parties: {
        webcert: { mode: 'simulated' },
        journal: options.journal.mode === 'external' ? { mode: 'external', url: options.journal.receiver } : { mode: 'simulated' },
        identity: { mode: 'none' },
      },
      directory,
      clock: { mode: 'manual', start: startAt },
      journalFile: join(options.stateDir, 'journal.sqlite'),
      webcert: { stateFile: join(options.stateDir, 'webcert-state.sqlite') },
      intygstjanst: { stateFile: join(options.stateDir, 'intygstjanst-state.sqlite'), certificatesInMemory: CERTIFICATES_IN_MEMORY },
      inboxSize: INBOX_SIZE,
      admin: { port: 0 },
    }),
  );
  const webcert = topology.webcert!;
  const answerTimes = new AnswerTimes();
  const unsubscribe = topology.journal.onRecord((e) => answerTimes.add(e));
  const calls = new ReplayCalls({ createDraft: webcert.endpoints.createDraftCertificate!, webcert: webcert.url, admin: topology.admin!.url }, unitOfRegion);
  const tally = Object.fromEntries(['create', 'edit', 'edit2', 'sign', 'send', 'revoke', 'delete'].map((k) => [k, { ok: 0, already: 0, failed: 0 }])) as Record<StepKind, StepTally>;
  const failures: string[] = [];
  const doneAtStart = progress.doneCount;
  let done = doneAtStart;
  let failedSteps = 0;
  const line = new ProgressLine(
    () => ({
      done,
      doneAtStart,
      total: plan.steps.length,
      clockAt: topology.clock.now(),
      delivered: webcert.sender.counters.delivered,
      resends: webcert.sender.counters.resends,
      failedSteps,
      ...(options.speed !== 'max' ? { etaSeconds: Math.max(0, (plan.steps.lastAt() ?? 0) - topology.clock.now()) / options.speed / 1000 } : {}),
    }),
    options.progress,
  );
  let interrupted = false;
  void options.stop?.then(() => (interrupted = true));
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  const highestCreated = progress.highestCreated;
  const concurrency = options.concurrency ?? 16;
  try {
    await calls.login();
    // Per certificate, the step under way: the next one of the same certificate waits for it.
    const underWay = new Map<number, Promise<void>>();
    const inFlight = new Set<Promise<void>>();
    const run = async (s: PlannedStep) => {
      const c = plan.certificates[s.certificate]!;
      const redo = resuming && (s.kind !== 'create' || s.certificate <= highestCreated + 2 * concurrency);
      const outcome = await calls.step(c, s.kind, progress.certificateId(s.certificate), redo);
      if (outcome.kind === 'failed') {
        tally[s.kind].failed++;
        failedSteps++;
        if (failures.length < 20) failures.push(`certificate ${s.certificate} (${c.regionId}, ${c.typeCode}) ${outcome.reason}`);
        return;
      }
      tally[s.kind][outcome.kind]++;
      progress.done(s.certificate, outcome.certificateId, s.kind, topology.clock.now());
      done++;
    };
    const wallStart = performance.now();
    const virtualStart = Math.max(plan.start, startAt);
    for (const s of plan.steps) {
      if (interrupted) break;
      if (progress.isDone(s.certificate, s.kind)) continue;
      if (options.speed !== 'max') {
        const due = wallStart + (s.at - virtualStart) / options.speed;
        const wait = due - performance.now();
        if (wait > 0) await Promise.race([new Promise((r) => setTimeout(r, wait)), options.stop]);
        if (interrupted) break;
      }
      while (inFlight.size >= concurrency) await Promise.race(inFlight);
      if ((s.kind === 'sign' || s.kind === 'send' || s.kind === 'revoke') && webcert.certificateSender.queue.waiting >= QUEUE_WAITING_LIMIT) await webcert.certificateSender.idle();
      if (s.at > topology.clock.now()) await topology.clock.advanceTo(s.at);
      const before = underWay.get(s.certificate);
      // A revoke comes at least an hour after the send: by then Webcert's queue has delivered it.
      const work: Promise<void> = (before ?? Promise.resolve()).then(async () => {
        if (s.kind === 'revoke') await webcert.certificateSender.idle();
        return run(s);
      }).finally(() => {
        inFlight.delete(work);
        if (underWay.get(s.certificate) === work) underWay.delete(s.certificate);
      });
      underWay.set(s.certificate, work);
      inFlight.add(work);
    }
    await Promise.all(inFlight);
    if (!interrupted) {
      // The month's last ANDRAT batch, then every resend the schedule still allows.
      await topology.clock.advanceTo(Math.max(plan.end, topology.clock.now()));
      await webcert.idle();
      const settle = allWaits(webcert.sender.schedule).reduce((a, b) => a + b, 0) + 3_600_000;
      await topology.clock.advanceBy(settle);
    }
    await webcert.idle();
    const summary = (await (await fetch(`${topology.admin!.url}/webcert/notifications/summary`)).json()) as { rows: NotificationSummaryRow[]; schedule: MonthReplayResult['schedule'] };
    if (!interrupted) progress.markFinished();
    return {
      plan,
      interrupted,
      resumed: resuming,
      wallMs: performance.now() - started,
      cpuMs: cpuMsSince(cpuAtStart),
      rssPeakBytes: process.resourceUsage().maxRSS * 1024,
      steps: tally,
      failures,
      notifications: summary.rows,
      certificateMessages: webcert.certificateSender.queue.summary(),
      schedule: summary.schedule,
      expected: expectedEvents(plan),
      regionOfUnit,
      answerTimes: { overall: answerTimes.overall(), hours: answerTimes.figures() },
      answerSamples: answerTimes.samples(),
      stateDir: options.stateDir,
      journalExternal: options.journal.mode === 'external',
    };
  } finally {
    line.end();
    unsubscribe();
    calls.close();
    progress.close();
    await topology.stop();
  }
}
