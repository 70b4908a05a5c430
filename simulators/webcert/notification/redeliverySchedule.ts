/**
 * Webcert's redelivery schedule for CertificateStatusUpdateForCare, as data in Webcert's own
 * notation `maxDeliveries#value:unit,...` (units s, m, h, d). `maxDeliveries` counts the first
 * delivery too; after failed delivery n the next one is due `waits[n-1]` later, the last wait
 * repeating when there are more deliveries than waits.
 */

const NOTATION = /^[1-9][0-9]?#([1-9][0-9]?:[smhd],)*([1-9][0-9]?:[smhd])$/;
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A parsed schedule. */
export interface RedeliverySchedule {
  /** The notation it was parsed from. */
  notation: string;
  /** Deliveries in all, the first one included. */
  maxDeliveries: number;
  /** Waits in ms as written; the last one repeats. */
  waits: number[];
}

/** A schedule with a name, as the simulator and the schedule checker know them. */
export interface RedeliveryProfile {
  name: RedeliveryProfileName;
  schedule: RedeliverySchedule;
  /** Where the profile comes from. */
  source: string;
}

export type RedeliveryProfileName = 'forum-2022' | 'webcert-7';

/**
 * Parses Webcert's notation.
 * @throws {Error} saying what part is wrong, with an example of the right form.
 */
export function parseRedeliverySchedule(notation: string): RedeliverySchedule {
  const text = notation.trim();
  if (!NOTATION.test(text)) {
    throw new Error(
      `redelivery schedule "${notation}" is not in Webcert's notation maxDeliveries#value:unit,... (units s, m, h, d; numbers 1-99), e.g. 30#1:m,5:m,1:h,6:h,12:h,1:d`,
    );
  }
  const [max, pairs] = text.split('#') as [string, string];
  const waits = pairs.split(',').map((pair) => {
    const [value, unit] = pair.split(':') as [string, keyof typeof UNIT_MS];
    return Number(value) * UNIT_MS[unit];
  });
  return { notation: text, maxDeliveries: Number(max), waits };
}

/**
 * Wait after failed delivery number `attempt` (1-based) before the next one, or undefined when
 * that was the last delivery allowed.
 */
export function waitAfterAttempt(schedule: RedeliverySchedule, attempt: number): number | undefined {
  if (!Number.isInteger(attempt) || attempt < 1 || attempt >= schedule.maxDeliveries) return undefined;
  return schedule.waits[Math.min(attempt - 1, schedule.waits.length - 1)];
}

/** Every wait of a full series of failed deliveries: `maxDeliveries - 1` values. */
export function allWaits(schedule: RedeliverySchedule): number[] {
  return Array.from({ length: schedule.maxDeliveries - 1 }, (_, i) => waitAfterAttempt(schedule, i + 1)!);
}

/** The two known profiles (see DESIGN.md, "Where the forum minutes and Webcert's code disagree"). */
export const REDELIVERY_PROFILES: Readonly<Record<RedeliveryProfileName, RedeliveryProfile>> = {
  'forum-2022': {
    name: 'forum-2022',
    schedule: parseRedeliverySchedule('30#1:m,5:m,30:m,60:m,4:h,1:d'),
    source: 'Användarforum Webcert 2022-05-30: 1 min, 5 min, 30 min, 60 min, 4 h, then daily, 30 attempts',
  },
  'webcert-7': {
    name: 'webcert-7',
    schedule: parseRedeliverySchedule('30#1:m,5:m,1:h,6:h,12:h,1:d'),
    source: 'sklintyg/webcert application.properties notification.redelivery.strategy.template.standard (since 2021-03-03)',
  },
};

/** The profile the Webcert simulator follows unless told otherwise. */
export const DEFAULT_REDELIVERY_PROFILE: RedeliveryProfileName = 'forum-2022';

/**
 * Looks up a profile by name.
 * @throws {Error} listing the known names.
 */
export function redeliveryProfile(name: string): RedeliveryProfile {
  const profile = (REDELIVERY_PROFILES as Record<string, RedeliveryProfile>)[name];
  if (!profile) {
    throw new Error(`unknown redelivery profile "${name}"; known profiles: ${Object.keys(REDELIVERY_PROFILES).join(', ')}`);
  }
  return profile;
}

/** Formats a duration in ms the way people write schedules: `1 min`, `4 h`, `1 d 2 h`. */
export function formatWait(ms: number): string {
  const parts: string[] = [];
  let rest = Math.round(ms);
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['min', 60_000], ['s', 1_000], ['ms', 1]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    }
  }
  return parts.length ? parts.join(' ') : '0 ms';
}
