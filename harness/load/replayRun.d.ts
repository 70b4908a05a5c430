/** Types of replayRun.js (plain JavaScript: the `load` launcher loads it without the TypeScript loader, decision 0043). */
import type { ProgressLineOptions } from './progressLine.js';
import type { ReplayFigures } from './replayFigures.js';

/** One replay child to start: `samverkan <args>` with node's flags `execArgv` (the heap cap). */
export interface ReplayChildCommand {
  args: string[];
  execArgv: string[];
}

export interface ReplayRunOptions {
  children: ReplayChildCommand[];
  /** Pass on what the children write on stderr (one replay process); else only kept for the summary. */
  relayStderr: boolean;
  /** Resolves on the first stop request: every child is asked to stop and sum up. */
  stop: Promise<unknown>;
  /** The virtual time the progress line shows before every child reported (the month's start). */
  startAt: number;
  /** The progress line's options (tests). */
  progress?: ProgressLineOptions;
}

/** How one replay child ended. */
export interface ReplayChildResult {
  /** Its figures, when it summed up (exit code 0, 1 or 130). */
  figures?: ReplayFigures;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** It wrote V8's report of a process out of heap. */
  outOfHeap: boolean;
  /** The last lines it wrote on stderr (V8's report left out). */
  stderr: string[];
}

/** What the children came to, in their order, and this process's own figures. */
export interface ReplayRun {
  results: ReplayChildResult[];
  wallMs: number;
  /** This process's RSS peak (what it needs besides the children). */
  parentRssPeakBytes: number;
}

/** What `load` says on the first Ctrl-C (it stops after the steps under way and sums up). */
export function stoppingMessage(sharded: boolean): string;

/** What `load` says on a second Ctrl-C, right before it quits. */
export const QUITTING_MESSAGE: string;

/**
 * Runs the replay children and waits for all of them; a child that ends without its figures makes
 * the others stop too (what they recorded is kept: `--resume` goes on).
 */
export function runReplayChildren(options: ReplayRunOptions): Promise<ReplayRun>;
