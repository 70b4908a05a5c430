/** Types of stopSignals.js (plain JavaScript: the `load` launcher loads it without the TypeScript loader, decision 0043). */

/** What asked the command to stop. */
export type StopReason = 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'parent-exited' | 'parent-signalled';

export interface StopSignalOptions {
  /** Told once, when the first stop request arrives (e.g. "samverkan: stopping…"). */
  onStop?: (reason: StopReason) => void;
  /** Told when a second request forces the exit, right before `exit(130)`. */
  onForce?: (reason: StopReason) => void;
  /** Watch the parent process (default: only when started by npm, i.e. `npm_command` is set). */
  watchParent?: boolean;
  /** How often the parent is checked, ms (default 250). */
  parentPollMs?: number;
  /** Default process.exit. */
  exit?: (code: number) => never;
}

/** A stop request that can be awaited; {@link StopSignals.dispose} removes every listener. */
export interface StopSignals {
  /** Resolves with the reason of the first stop request. */
  readonly requested: Promise<StopReason>;
  /** True once a stop was requested. */
  readonly stopping: boolean;
  dispose(): void;
}

/**
 * Starts listening for stop requests now (install it before a slow start, so a Ctrl-C during the
 * start is not lost and a second one still forces the exit).
 */
export function listenForStop(options?: StopSignalOptions): StopSignals;

/** How a stop reason reads in a message. */
export function describeStopReason(reason: StopReason): string;
