/**
 * The schedule checker: for the delivery attempts observed for one status update, a table of
 * attempt number, expected wait, observed wait and verdict against a redelivery profile, and
 * which known profiles the whole series matches (or none). Works for the simulator's own
 * resends (exact, virtual time) and for a real Webcert, whose redelivery job runs every 30 s
 * (give a tolerance).
 */
import {
  formatWait,
  REDELIVERY_PROFILES,
  waitAfterAttempt,
  type RedeliverySchedule,
} from '../../simulators/webcert/notification/redeliverySchedule.js';

export type AttemptVerdict = 'first' | 'ok' | 'early' | 'late' | 'extra';

/** One row of the table. */
export interface ScheduleRow {
  attempt: number;
  /** Virtual (or wall) time of the attempt, ms since epoch. */
  at: number;
  expectedWaitMs?: number;
  observedWaitMs?: number;
  verdict: AttemptVerdict;
}

export interface ScheduleCheck {
  /** The profile (or notation) the rows compare against. */
  against: string;
  rows: ScheduleRow[];
  /** Every known profile the series is consistent with, by name. */
  matches: string[];
  /** True when every row of the compared profile is first or ok. */
  conforms: boolean;
}

export interface ScheduleCheckOptions {
  /** Profile name or a schedule to build the table against; default the first matching profile, else `forum-2022`. */
  against?: string | RedeliverySchedule;
  /** An observed wait may be this much longer than expected (job latency). Default 0. */
  toleranceMs?: number;
  /** How the series ended; `failed` requires the full number of deliveries. */
  ended?: 'delivered' | 'failed' | 'open';
}

function rowsFor(times: number[], schedule: RedeliverySchedule, toleranceMs: number): ScheduleRow[] {
  return times.map((at, i) => {
    const attempt = i + 1;
    if (i === 0) return { attempt, at, verdict: 'first' };
    const observedWaitMs = at - times[i - 1]!;
    const expectedWaitMs = waitAfterAttempt(schedule, i);
    let verdict: AttemptVerdict;
    if (expectedWaitMs === undefined) verdict = 'extra';
    else if (observedWaitMs < expectedWaitMs) verdict = 'early';
    else if (observedWaitMs > expectedWaitMs + toleranceMs) verdict = 'late';
    else verdict = 'ok';
    return { attempt, at, expectedWaitMs, observedWaitMs, verdict };
  });
}

function consistent(times: number[], schedule: RedeliverySchedule, options: ScheduleCheckOptions): boolean {
  const rows = rowsFor(times, schedule, options.toleranceMs ?? 0);
  if (!rows.every((r) => r.verdict === 'first' || r.verdict === 'ok')) return false;
  if (options.ended === 'failed' && times.length !== schedule.maxDeliveries) return false;
  return true;
}

/**
 * Checks a series of attempt times (ascending).
 * @throws {Error} when the times are empty or not ascending.
 */
export function checkSchedule(attemptTimes: number[], options: ScheduleCheckOptions = {}): ScheduleCheck {
  if (attemptTimes.length === 0) throw new Error('schedule check needs at least one observed attempt');
  for (let i = 1; i < attemptTimes.length; i++) {
    if (attemptTimes[i]! < attemptTimes[i - 1]!) throw new Error(`attempt ${i + 1} (${attemptTimes[i]}) is earlier than attempt ${i} (${attemptTimes[i - 1]}); give the times in order`);
  }
  const matches = Object.values(REDELIVERY_PROFILES)
    .filter((p) => consistent(attemptTimes, p.schedule, options))
    .map((p) => p.name);
  let against: string;
  let schedule: RedeliverySchedule;
  if (typeof options.against === 'object') {
    against = options.against.notation;
    schedule = options.against;
  } else {
    const name = options.against ?? matches[0] ?? 'forum-2022';
    const profile = (REDELIVERY_PROFILES as Record<string, (typeof REDELIVERY_PROFILES)['forum-2022']>)[name];
    if (!profile) throw new Error(`unknown redelivery profile "${name}"; known: ${Object.keys(REDELIVERY_PROFILES).join(', ')}`);
    against = name;
    schedule = profile.schedule;
  }
  const rows = rowsFor(attemptTimes, schedule, options.toleranceMs ?? 0);
  return { against, rows, matches, conforms: rows.every((r) => r.verdict === 'first' || r.verdict === 'ok') };
}

const VERDICT_SV: Record<AttemptVerdict, string> = {
  first: 'första leveransen',
  ok: 'enligt schema',
  early: 'för tidigt',
  late: 'för sent',
  extra: 'fler försök än schemat tillåter',
};

/** The check as a Markdown table in Swedish, for the report and the session summary. */
export function scheduleCheckMarkdown(check: ScheduleCheck, title = 'Omsändningsschema'): string {
  const lines = [
    `### ${title}`,
    '',
    `Jämfört med profil **${check.against}**. Serien stämmer med: ${check.matches.length ? check.matches.map((m) => `**${m}**`).join(', ') : '**ingen känd profil**'}.`,
    '',
    '| Försök | Förväntad väntan | Observerad väntan | Bedömning |',
    '|---:|---|---|---|',
    ...check.rows.map(
      (r) =>
        `| ${r.attempt} | ${r.expectedWaitMs === undefined ? '–' : formatWait(r.expectedWaitMs)} | ${r.observedWaitMs === undefined ? '–' : formatWait(r.observedWaitMs)} | ${VERDICT_SV[r.verdict]} |`,
    ),
  ];
  return lines.join('\n');
}
