/**
 * The month's plan: every certificate the forum's statistics count for a month, per region and
 * type (the integrated channel: certificates made through a journal system), with when its draft
 * is created, edited, signed, sent, revoked, and the drafts that are never signed. Pure and
 * seeded: the same month, regions and scale give the same plan, so a resumed replay finds its
 * place again. The shares are assumptions, argued in docs/decisions/0022-month-replay.md.
 */
import { certificateTypeByCode } from '../../simulators/webcert/model/certificateTypes.js';
import type { CertificateStatistics, StatisticsTable } from '../sessions/data/statisticsFile.js';
import { PlanSteps, STEP_KINDS, type StepKind } from './planSteps.js';

/** Shares of the mix (of the certificates the statistics count, i.e. signed ones). */
export const LOAD_SHARES = {
  /** Drafts created but deleted instead of signed, per issued certificate (RADERA). */
  abandonedDrafts: 0.04,
  /** Issued certificates edited in two sittings more than 5 minutes apart (two ANDRAT batches). */
  secondEdit: 0.3,
  /** Certificates of a type the user sends (Försäkringskassan's) that the doctor sends from Webcert (SKICKA). */
  sentFk: 0.85,
  /** Transportstyrelsen's certificates the doctor sends from Webcert. */
  sentTs: 0.9,
  /** Signed certificates revoked later in the month (MAKULE). */
  revoked: 0.01,
} as const;

export { STEP_KINDS, type StepKind, type PlannedStep } from './planSteps.js';

/** One certificate of the plan. Times are virtual ms since epoch; absent = the step does not happen. */
export interface PlannedCertificate {
  /** Position in the plan (stable for a month, regions and scale). */
  index: number;
  /**
   * The patient's number (a personnummer by `loadPersonId`), distinct over the whole month: the
   * same for this certificate whichever regions are planned with it (a shard's or all of them).
   */
  patient: number;
  regionId: string;
  typeCode: string;
  /** True for a draft that is deleted, never signed (not counted by the statistics). */
  abandoned: boolean;
  at: Partial<Record<StepKind, number>>;
}

export interface MonthPlan {
  month: string;
  /** First and last-plus-one millisecond of the month (UTC). */
  start: number;
  end: number;
  regions: string[];
  scale: number;
  certificates: PlannedCertificate[];
  /** Every step of every certificate, by time (then certificate, then step order), in columns. */
  steps: PlanSteps;
  /** Issued certificates of the statistics per region and type (scaled), the plan's target. */
  counts: Map<string, Map<string, number>>;
  /** Certificates of the month made in stand-alone Webcert: no journal system, so not replayed. */
  standaloneNotReplayed: number;
}

export interface MonthPlanOptions {
  month: string;
  /** Region ids; default every region with integrated rows that month. */
  regions?: string[];
  /** Share of the month's certificates (0 < scale ≤ 1); default 1. */
  scale?: number;
  /** Only the first `days` days of the month (certificates created then); default the whole month. */
  days?: number;
}

/** An option value that is not in the data; the message lists the valid choices. */
export class LoadInputError extends Error {
  override name = 'LoadInputError';
}

/** The months the statistics have an integrated table for. */
export function plannableMonths(statistics: CertificateStatistics): string[] {
  return statistics.tables.filter((t) => t.channel === 'integrated').map((t) => t.month);
}

function integratedTable(statistics: CertificateStatistics, month: string): StatisticsTable {
  const table = statistics.tables.find((t) => t.month === month && t.channel === 'integrated');
  if (!table) throw new LoadInputError(`no statistics for the month "${month}"; valid months: ${plannableMonths(statistics).join(', ')} (data/certificate-statistics-2022.json)`);
  return table;
}

/** The regions with integrated certificates in `month`. @throws {LoadInputError} for an unknown month */
export function plannableRegions(statistics: CertificateStatistics, month: string): string[] {
  return [...integratedTable(statistics, month).counts].filter(([, types]) => [...types.values()].some((n) => n > 0)).map(([id]) => id);
}

/** mulberry32: a small seeded PRNG, so the plan is the same on every run. */
function prng(seedText: string): () => number {
  let seed = 2166136261;
  for (let i = 0; i < seedText.length; i++) seed = Math.imul(seed ^ seedText.charCodeAt(i), 16777619);
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Relative weight of each hour of a weekday (Swedish time, close enough in UTC+2 for May: hours
 * here are UTC): office hours carry the traffic, a little in the evening and on call at night.
 */
const HOUR_WEIGHTS = [1, 1, 1, 1, 1, 2, 8, 30, 60, 70, 65, 45, 60, 65, 55, 30, 12, 6, 4, 3, 2, 2, 1, 1];
/** Weekends carry this share of a weekday's traffic (on-call, emergency, DB/DOI). */
const WEEKEND_WEIGHT = 0.12;

/** A sampler of creation times over [start, end) weighted by weekday and hour. */
function timeSampler(start: number, end: number): (random: () => number) => number {
  const hours: number[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (let t = start; t < end; t += HOUR) {
    const d = new Date(t);
    const weekday = d.getUTCDay() !== 0 && d.getUTCDay() !== 6;
    total += HOUR_WEIGHTS[d.getUTCHours()]! * (weekday ? 1 : WEEKEND_WEIGHT);
    hours.push(t);
    cumulative.push(total);
  }
  return (random) => {
    const x = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return hours[lo]! + Math.floor(random() * HOUR);
  };
}

function sendShare(typeCode: string): number {
  const type = certificateTypeByCode(typeCode);
  if (!type?.defaultRecipient || type.sendOn !== 'USER') return 0; // none (AG), or Webcert sends at signing (DB, DOI)
  return type.defaultRecipient === 'TRANSP' ? LOAD_SHARES.sentTs : LOAD_SHARES.sentFk;
}

/** The checked options of a plan: regions, scale, the month's bounds and the share of each cell. */
function planShape(statistics: CertificateStatistics, options: MonthPlanOptions) {
  const table = integratedTable(statistics, options.month);
  const valid = plannableRegions(statistics, options.month);
  const regions = options.regions?.length ? options.regions : valid;
  for (const r of regions) {
    if (!valid.includes(r)) throw new LoadInputError(`unknown region "${r}" for ${options.month}; valid regions: ${valid.join(', ')}`);
  }
  const scale = options.scale ?? 1;
  if (!(scale > 0 && scale <= 1)) throw new LoadInputError(`--scale ${scale} is not a share of the month; give a number above 0 and at most 1, e.g. 0.1`);
  const [year, month] = options.month.split('-').map(Number) as [number, number];
  const start = Date.UTC(year, month - 1, 1);
  const monthEnd = Date.UTC(year, month, 1);
  const days = options.days ?? Math.round((monthEnd - start) / DAY);
  if (!(Number.isInteger(days) && days >= 1 && start + days * DAY <= monthEnd)) {
    throw new LoadInputError(`--days ${options.days} is not a number of days of ${options.month}; give 1 to ${Math.round((monthEnd - start) / DAY)}`);
  }
  const end = start + days * DAY;
  const share = scale * ((end - start) / (monthEnd - start));
  return { table, regions, scale, start, monthEnd, end, share };
}

/**
 * Certificates (issued and drafts deleted) the plan has per region, without making it: what
 * shards are balanced by. Counted as {@link planMonth} counts them.
 * @throws {LoadInputError} as {@link planMonth}
 */
export function certificatesPerRegion(statistics: CertificateStatistics, options: MonthPlanOptions): Map<string, number> {
  const { table, regions, share } = planShape(statistics, options);
  const out = new Map<string, number>();
  for (const regionId of regions) {
    let n = 0;
    for (const issuedInMonth of table.counts.get(regionId)?.values() ?? []) {
      const issued = Math.round(issuedInMonth * share);
      if (issued > 0) n += issued + Math.round(issued * LOAD_SHARES.abandonedDrafts);
    }
    out.set(regionId, n);
  }
  return out;
}

/** Each region's first patient number: the certificates of the regions before it in the whole month. */
function patientOffsets(statistics: CertificateStatistics, options: MonthPlanOptions): Map<string, number> {
  const offsets = new Map<string, number>();
  let next = 0;
  for (const [regionId, n] of certificatesPerRegion(statistics, { ...options, regions: undefined })) {
    offsets.set(regionId, next);
    next += n;
  }
  return offsets;
}

/**
 * Plans `options.month` from the statistics.
 * @throws {LoadInputError} for an unknown month or region, or a scale outside (0, 1]
 */
export function planMonth(statistics: CertificateStatistics, options: MonthPlanOptions): MonthPlan {
  const { table, regions, scale, start, monthEnd, end, share } = planShape(statistics, options);
  const sample = timeSampler(start, end);

  const counts = new Map<string, Map<string, number>>();
  const certificates: PlannedCertificate[] = [];
  for (const regionId of regions) {
    const perType = new Map<string, number>();
    counts.set(regionId, perType);
    for (const [typeCode, issuedInMonth] of table.counts.get(regionId) ?? []) {
      const issued = Math.round(issuedInMonth * share);
      if (issued === 0) continue;
      perType.set(typeCode, issued);
      const random = prng(`${options.month}/${regionId}/${typeCode}`);
      const abandoned = Math.round(issued * LOAD_SHARES.abandonedDrafts);
      const sendP = sendShare(typeCode);
      for (let i = 0; i < issued + abandoned; i++) {
        const create = sample(random);
        const at: PlannedCertificate['at'] = { create };
        const edit = create + 2 * MINUTE + Math.floor(random() * 8 * MINUTE);
        at.edit = edit;
        const isAbandoned = i >= issued;
        let last = edit;
        if (random() < LOAD_SHARES.secondEdit) last = at.edit2 = edit + 6 * MINUTE + Math.floor(random() * 30 * MINUTE);
        if (isAbandoned) {
          at.delete = last + HOUR + Math.floor(random() * 2 * DAY);
        } else {
          // After the ANDRAT batch tick (at most 5 minutes after the edit), so Webcert does not drop it.
          const sign = (at.sign = last + 5 * MINUTE + 1_000 + Math.floor(random() * 20 * MINUTE));
          if (random() < sendP) at.send = sign + 30_000 + Math.floor(random() * 30 * MINUTE);
          if (random() < LOAD_SHARES.revoked) at.revoke = Math.max(sign, at.send ?? 0) + HOUR + Math.floor(random() * 5 * DAY);
        }
        // Nothing planned after the month: a step that would fall later is left out. (A new object
        // rather than `delete`, which would turn each of a month's 200,000 into a slow dictionary.)
        const kept: PlannedCertificate['at'] = {};
        for (const k of STEP_KINDS) if (at[k] !== undefined && at[k]! < monthEnd) kept[k] = at[k];
        certificates.push({ index: 0, patient: 0, regionId, typeCode, abandoned: isAbandoned, at: kept });
      }
    }
  }
  // Index by creation time, so a resume finds certificates in the order they began.
  certificates.sort((a, b) => a.at.create! - b.at.create!);
  // Patients are numbered per region, from the region's offset in the whole month (every region in
  // the month's order), by creation time: so two shards never share one, and a certificate has
  // the same patient in a shard as in the one-process replay.
  const nextPatient = patientOffsets(statistics, options);
  certificates.forEach((c, i) => {
    c.index = i;
    c.patient = nextPatient.get(c.regionId)!;
    nextPatient.set(c.regionId, c.patient + 1);
  });
  let stepCount = 0;
  for (const c of certificates) for (const k of STEP_KINDS) if (c.at[k] !== undefined) stepCount++;
  const steps = PlanSteps.of(certificates, stepCount);

  const standalone = statistics.tables.find((t) => t.month === options.month && t.channel === 'standalone');
  let standaloneNotReplayed = 0;
  for (const r of regions) for (const n of standalone?.counts.get(r)?.values() ?? []) standaloneNotReplayed += Math.round(n * share);
  return { month: options.month, start, end: monthEnd, regions, scale, certificates, steps, counts, standaloneNotReplayed };
}

/** The status updates the plan makes Webcert send, per event code (ANDRAT counted per batch). */
export function expectedEvents(plan: MonthPlan): Map<string, number> {
  const events = new Map<string, number>();
  const add = (code: string) => events.set(code, (events.get(code) ?? 0) + 1);
  for (const c of plan.certificates) {
    add('SKAPAT');
    if (c.at.edit !== undefined) add('ANDRAT');
    if (c.at.edit2 !== undefined) add('ANDRAT');
    if (c.at.sign !== undefined) {
      add('SIGNAT');
      const type = certificateTypeByCode(c.typeCode);
      if (c.at.send !== undefined || (type?.sendOn === 'SIGNING' && type.defaultRecipient)) add('SKICKA');
    }
    if (c.at.revoke !== undefined) add('MAKULE');
    if (c.at.delete !== undefined) add('RADERA');
  }
  return events;
}
