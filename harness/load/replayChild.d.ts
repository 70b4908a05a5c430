/** Types of replayChild.js (plain JavaScript: the `load` launcher loads it without the TypeScript loader, decision 0043). */
import type { ChildProcess } from 'node:child_process';
import type { ProgressFigures } from './progressLine.js';
import type { ReplayFigures } from './replayFigures.js';

/** What a replay child tells its parent over IPC. */
export type ChildMessage = { type: 'progress'; figures: ProgressFigures } | { type: 'result'; figures: ReplayFigures };

/** What the parent tells a replay child over IPC. */
export type ParentMessage = { type: 'stop' };

/** The environment variable that tells a replay child its parent's pid (it ends when the parent is gone). */
export const PARENT_PID_VARIABLE: 'SAMVERKAN_LOAD_PARENT_PID';

/** A replay child as its parent follows it. */
export interface ReplayChild {
  child: ChildProcess;
  progress?: ProgressFigures;
  figures?: ReplayFigures;
  /** The last lines it wrote to stderr (V8's out-of-heap report left out). */
  stderr: string[];
  /** True once it wrote V8's report of a process out of heap. */
  outOfHeap: boolean;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Asks it to stop after the steps under way (no-op once it is gone). */
  stop(): void;
}

/** True for a line of V8's report of a process that ran out of heap (from its first line on). */
export function isOutOfHeapReport(line: string): boolean;

/**
 * Starts `samverkan <args>` as a replay child with node's flags `execArgv`; `onLine` gets each
 * line it writes to stderr, except V8's out-of-heap report.
 */
export function forkReplayChild(args: string[], execArgv: string[], onLine?: (line: string) => void): ReplayChild;
