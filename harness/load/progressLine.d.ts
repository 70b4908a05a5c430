/** Types of progressLine.js (plain JavaScript: the `load` launcher loads it without the TypeScript loader, decision 0043). */

export interface ProgressFigures {
  done: number;
  total: number;
  /** Virtual time reached. */
  clockAt: number;
  delivered: number;
  resends: number;
  failedSteps: number;
  /** Seconds left when known otherwise than from the rate (a paced replay: virtual time left / speed). */
  etaSeconds?: number;
  /** Milliseconds the replay has run, as a replay child reports it (its parent then shows the child's own rate). */
  elapsedMs?: number;
  /** Steps a resumed replay found done before it started: not part of this run's rate. */
  doneAtStart?: number;
}

export interface ProgressLineOptions {
  stream?: NodeJS.WriteStream;
  /** Override the TTY detection (tests). */
  tty?: boolean;
  /** Milliseconds between lines when not a TTY; default 5,000. */
  everyMs?: number;
  /** Hand the figures to this instead of writing a line (a shard tells its parent, every `everyMs`). */
  report?: (figures: ProgressFigures) => void;
}

/** Formats one progress line. */
export function progressText(f: ProgressFigures, elapsedMs: number): string;

/**
 * The children's progress as one replay's: counts added up, the virtual time every child has
 * reached (`startAt` before any reported), the slowest child's ETA when every child knows its own.
 */
export function sumProgress(seen: readonly ProgressFigures[], startAt: number): ProgressFigures;

/** A progress line that polls `figures` and writes itself. */
export class ProgressLine {
  constructor(figures: () => ProgressFigures, options?: ProgressLineOptions);
  /** Writes the last line and stops. */
  end(): void;
}
