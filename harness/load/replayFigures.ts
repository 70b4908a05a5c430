/**
 * What a replay's summary is made of, as plain data: one process's result
 * ({@link replayFigures}), or the shards' figures added up ({@link mergeShardFigures}, decision
 * 0034). Plain data, so a shard can hand its figures to the parent over IPC.
 */
import type { CertificateMessageCount } from '../../simulators/webcert/certificatesender/certificateQueue.js';
import { AnswerTimes } from './answerTimes.js';
import type { HeapCap } from './heapCap.js';
import { STEP_KINDS, type StepKind } from './monthPlan.js';
import type { MonthReplayResult, StepTally } from './monthReplay.js';

/** One shard of a sharded replay, as the summary lists it. */
export interface ShardLine {
  shard: number;
  regions: string[];
  /** Certificates of its plan (issued and deleted drafts). */
  certificates: number;
  wallMs: number;
  cpuMs?: number;
  rssPeakBytes: number;
  /** V8's heap limit in the shard (its cap and the young generation). */
  heapLimitBytes?: number;
  stateDir: string;
  /** Set when the shard failed: what it said, and its exit code. */
  error?: string;
}

/**
 * The figures of a replay (one process or all shards): the result's own figures as plain data.
 * For shards, `cpuMs` is summed over them and `rssPeakBytes` is the sum of their peaks (what they
 * need at once at most).
 */
export interface ReplayFigures
  extends Pick<
    MonthReplayResult,
    | 'interrupted' | 'resumed' | 'wallMs' | 'cpuMs' | 'rssPeakBytes' | 'steps' | 'failures' | 'notifications'
    | 'certificateMessages' | 'schedule' | 'answerTimes' | 'answerSamples' | 'stateDir' | 'journalExternal'
  > {
  month: string;
  regions: string[];
  scale: number;
  /** Certificates of the plan: issued and drafts deleted. */
  certificates: number;
  issued: number;
  /** Steps of the plan. */
  stepCount: number;
  standaloneNotReplayed: number;
  /** Status updates the plan makes, per event code. */
  expected: Record<string, number>;
  /** Region id per unit HSA-ID (the logical address). */
  regionOfUnit: Record<string, string>;
  /** Per shard, when the replay was sharded. */
  shards?: ShardLine[];
  /** RSS peak of the parent that ran the shards or the replay child (not part of {@link rssPeakBytes}). */
  parentRssPeakBytes?: number;
  /** The cap on V8's heap the replay ran under (decision 0041), as the parent set it. */
  heapCap?: HeapCap;
  /** V8's heap limit measured in the replay process (the largest of the shards'): the cap and the young generation. */
  heapLimitBytes?: number;
}

/** The figures of one process's replay; `withSamples` keeps the raw answer times (a shard). */
export function replayFigures(result: MonthReplayResult, withSamples = false): ReplayFigures {
  const { plan } = result;
  return {
    month: plan.month,
    regions: plan.regions,
    scale: plan.scale,
    certificates: plan.certificates.length,
    issued: plan.certificates.filter((c) => !c.abandoned).length,
    stepCount: plan.steps.length,
    standaloneNotReplayed: plan.standaloneNotReplayed,
    interrupted: result.interrupted,
    resumed: result.resumed,
    wallMs: result.wallMs,
    ...(result.cpuMs !== undefined ? { cpuMs: result.cpuMs } : {}),
    rssPeakBytes: result.rssPeakBytes,
    steps: result.steps,
    failures: result.failures,
    notifications: result.notifications,
    certificateMessages: result.certificateMessages,
    schedule: result.schedule,
    expected: Object.fromEntries(result.expected),
    regionOfUnit: Object.fromEntries(result.regionOfUnit),
    answerTimes: result.answerTimes,
    ...(withSamples && result.answerSamples ? { answerSamples: result.answerSamples } : {}),
    stateDir: result.stateDir,
    journalExternal: result.journalExternal,
  };
}

const sumInto = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
};

/**
 * The shards' figures as one replay's: counts, steps, status updates, the certificate queue and
 * schedule verdicts added up; answer-time percentiles from all shards' samples together; wall time
 * the parent's; CPU summed; RSS the sum of the shards' peaks. `failed` lists the shards that gave
 * no figures.
 */
export function mergeShardFigures(
  parts: ReadonlyArray<{ figures: ReplayFigures; line: ShardLine }>,
  failed: readonly ShardLine[],
  whole: { month: string; regions: string[]; scale: number; wallMs: number; stateDir: string; journalExternal: boolean; parentRssPeakBytes: number; heapCap?: HeapCap },
): ReplayFigures {
  const steps = Object.fromEntries(STEP_KINDS.map((k) => [k, { ok: 0, already: 0, failed: 0 }])) as Record<StepKind, StepTally>;
  const expected: Record<string, number> = {};
  const verdicts: Record<string, number> = {};
  const queue = new Map<string, CertificateMessageCount>();
  const merged: ReplayFigures = {
    ...whole,
    certificates: 0,
    issued: 0,
    standaloneNotReplayed: 0,
    stepCount: 0,
    interrupted: false,
    resumed: false,
    rssPeakBytes: 0,
    steps,
    failures: [],
    notifications: [],
    certificateMessages: [],
    schedule: { checked: 0, limit: 0, verdicts },
    expected,
    regionOfUnit: {},
    answerTimes: { overall: { deliveries: 0, errors: 0, p50Ms: 0, p99Ms: 0 }, hours: [] },
    shards: [...parts.map((p) => p.line), ...failed].sort((a, b) => a.shard - b.shard),
  };
  let cpuMs = 0;
  for (const { figures: f } of parts) {
    merged.certificates += f.certificates;
    merged.issued += f.issued;
    merged.stepCount += f.stepCount;
    merged.standaloneNotReplayed += f.standaloneNotReplayed;
    merged.interrupted ||= f.interrupted;
    merged.resumed ||= f.resumed;
    merged.rssPeakBytes += f.rssPeakBytes;
    if (f.heapLimitBytes !== undefined) merged.heapLimitBytes = Math.max(merged.heapLimitBytes ?? 0, f.heapLimitBytes);
    cpuMs += f.cpuMs ?? 0;
    for (const k of STEP_KINDS) for (const t of ['ok', 'already', 'failed'] as const) steps[k][t] += f.steps[k][t];
    merged.failures.push(...f.failures);
    merged.notifications.push(...f.notifications);
    for (const m of f.certificateMessages) {
      const key = `${m.type}/${m.status}`;
      const q = queue.get(key);
      if (q) q.count += m.count;
      else queue.set(key, { ...m });
    }
    merged.schedule.checked += f.schedule.checked;
    merged.schedule.limit += f.schedule.limit;
    sumInto(verdicts, f.schedule.verdicts);
    sumInto(expected, f.expected);
    Object.assign(merged.regionOfUnit, f.regionOfUnit);
  }
  merged.cpuMs = cpuMs;
  merged.failures = merged.failures.slice(0, 20);
  merged.certificateMessages = [...queue.values()];
  const times = AnswerTimes.merged(parts.map((p) => p.figures.answerSamples ?? []));
  merged.answerTimes = { overall: times.overall(), hours: times.figures() };
  return merged;
}
