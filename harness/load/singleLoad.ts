/**
 * `samverkan load` in one replay process (`--shards 1`, or one region): the replay runs in a child
 * process under the cap on V8's heap (decision 0041), as each shard does (0034). This parent shows
 * the child's progress line, asks it to stop on Ctrl-C, passes on what it says on stderr, and says
 * plainly when it ran out of heap instead of V8's report.
 */
import { replayExecArgv, type HeapCap } from './heapCap.js';
import { ProgressLine } from './progressLine.js';
import { forkReplayChild } from './replayChild.js';
import type { ReplayFigures } from './replayFigures.js';

export interface SingleLoadOptions {
  /** The command's arguments for the child (`load …`, without --state-dir, --shards and --resume). */
  args: string[];
  stateDir: string;
  resume: boolean;
  /** Resolves on Ctrl-C (the first one): the child is asked to stop and sum up. */
  stop: Promise<unknown>;
  heapCap: HeapCap;
}

/** What the child's replay came to: its figures (none when it failed before summing up) and exit code. */
export interface SingleLoadResult {
  figures?: ReplayFigures;
  code: number;
  outOfHeap: boolean;
  /** How the child ended when it gave no figures, e.g. "killed by SIGKILL". */
  ended?: string;
}

/** Runs the replay in a child process and waits for it. */
export async function runSingleLoad(options: SingleLoadOptions): Promise<SingleLoadResult> {
  const argv = [...options.args, '--state-dir', options.stateDir, '--shards', '1', '--replay-child', ...(options.resume ? ['--resume'] : [])];
  const child = forkReplayChild(argv, replayExecArgv(options.heapCap), (line) => process.stderr.write(`${line}\n`));
  void options.stop.then(() => child.stop());
  // The line starts with the replay's first figures, as it did in one process (after the topology started).
  let line: ProgressLine | undefined;
  child.child.on('message', () => {
    if (!line && child.progress) line = new ProgressLine(() => child.progress!);
  });
  const { code, signal } = await child.exit;
  line?.end();
  if (child.figures && (code === 0 || code === 1 || code === 130)) {
    return { figures: { ...child.figures, heapCap: options.heapCap, parentRssPeakBytes: process.resourceUsage().maxRSS * 1024 }, code, outOfHeap: false };
  }
  return { code: code || 1, outOfHeap: child.outOfHeap, ended: signal ? `killed by ${signal}` : `exit code ${code}` };
}
