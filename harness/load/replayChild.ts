/**
 * A replay in a child process (`samverkan load --shard-child` or `--replay-child`), started by
 * `load` with a cap on V8's heap (decision 0041): the child tells its progress and figures over
 * IPC and writes nothing on stdout; its stderr is read line by line, and V8's report of a
 * process that ran out of heap is recognised and kept from the user (the parent says what
 * happened instead).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isOutOfHeapReport } from './heapCap.js';
import type { ProgressFigures } from './progressLine.js';
import type { ReplayFigures } from './replayFigures.js';

/** What a replay child tells its parent over IPC. */
export type ChildMessage = { type: 'progress'; figures: ProgressFigures } | { type: 'result'; figures: ReplayFigures };

/** What the parent tells a replay child over IPC. */
export type ParentMessage = { type: 'stop' };

/** The environment variable that tells a replay child its parent's pid (it ends when the parent is gone). */
export const PARENT_PID_VARIABLE = 'SAMVERKAN_LOAD_PARENT_PID';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'samverkan.js');

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

/**
 * Starts `samverkan <args>` as a replay child with node's flags `execArgv`; `onLine` gets each
 * line it writes to stderr, except V8's out-of-heap report.
 */
export function forkReplayChild(args: string[], execArgv: string[], onLine?: (line: string) => void): ReplayChild {
  const child = fork(BIN, args, { execArgv, env: { ...process.env, [PARENT_PID_VARIABLE]: String(process.pid) }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const s: ReplayChild = {
    child,
    stderr: [],
    outOfHeap: false,
    // 'close': after its stderr is read to the end (V8's report included).
    exit: new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal }))),
    stop: () => {
      if (child.connected) child.send({ type: 'stop' } satisfies ParentMessage, () => undefined);
    },
  };
  let rest = '';
  const take = (lines: string[]) => {
    for (const line of lines) {
      // V8's report comes last: from its first line on, nothing the child writes is for the user.
      if (s.outOfHeap || isOutOfHeapReport(line)) {
        s.outOfHeap = true;
        continue;
      }
      s.stderr.push(line);
      onLine?.(line);
    }
    if (s.stderr.length > 50) s.stderr.splice(0, s.stderr.length - 50);
  };
  child.stderr!.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop() ?? '';
    take(lines);
  });
  child.stderr!.on('end', () => rest && take([rest]));
  child.on('message', (m: ChildMessage) => {
    if (m.type === 'progress') s.progress = m.figures;
    else if (m.type === 'result') s.figures = m.figures;
  });
  return s;
}
