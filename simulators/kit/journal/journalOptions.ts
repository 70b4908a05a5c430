/** How a {@link TrafficJournal} is opened: its file, bounds and group commit, and their defaults. */
import type { GroupCommitOptions } from './groupCommit.js';

/** How to open a {@link TrafficJournal}. */
export interface TrafficJournalOptions {
  /** SQLite file path; ':memory:' for a throw-away journal. Parent folder is created if missing. */
  path: string;
  /** Maximum number of entries kept; when exceeded, the oldest entries are evicted first. Default 100_000. */
  maxEntries?: number;
  /** Bodies longer than this many characters are cut, with a marker saying how much was cut. Default 1_000_000. */
  maxBodyChars?: number;
  /**
   * Maximum total size in bytes (UTF-8) of the stored request and response bodies; when exceeded,
   * the oldest entries are evicted first (the newest entry is always kept). Default 512 MiB.
   */
  maxBytes?: number;
  /**
   * When {@link TrafficJournal.recordBatched} commits: at the end of the event loop's turn after the
   * first entry's (default), after `maxDelayMs`, or at once when `maxRows` entries wait.
   */
  groupCommit?: GroupCommitOptions;
}

/** Default for {@link TrafficJournalOptions.maxEntries}. */
export const DEFAULT_MAX_ENTRIES = 100_000;
/** Default for {@link TrafficJournalOptions.maxBodyChars}. */
export const DEFAULT_MAX_BODY_CHARS = 1_000_000;
/** Default for {@link TrafficJournalOptions.maxBytes}: 512 MiB. */
export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;

/** `value`, or `fallback` when undefined; a RangeError naming the option when not a whole number ≥ `min`. */
export function positiveInteger(value: number | undefined, fallback: number, name: string, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`TrafficJournal option ${name} must be a whole number ≥ ${min}, got ${value}.`);
  }
  return value;
}
