/**
 * A replay child, started by `load` (decisions 0034, 0041): one shard of a sharded replay
 * (`--shard-child`), or the whole replay of a one-process `load` (`--replay-child`), run under the
 * cap on V8's heap its parent gave it. It replays its regions in this process, tells its progress
 * and its figures to the parent over IPC, and writes nothing on stdout. It stops when the parent
 * says so or on Ctrl-C; when the parent is gone (killed, or quit at once on a second Ctrl-C) it
 * ends at once too, as the parent did: what it had recorded is kept and `--resume` goes on.
 */
import { resolve } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { listenForStop } from '../cli/stopSignals.js';
import { replayExitCode, replayOptionsOf, type LoadRunArgs } from './loadRun.js';
import { runMonthReplay } from './monthReplay.js';
import { PARENT_PID_VARIABLE, type ChildMessage, type ParentMessage } from './replayChild.js';
import { replayFigures } from './replayFigures.js';

/** Sends `message` to the parent and waits until it is handed over. */
function tell(message: ChildMessage): Promise<void> {
  return new Promise((done) => {
    if (!process.send || !process.connected) return done();
    process.send(message, undefined, {}, () => done());
  });
}

/** Runs this child's replay; resolves with its exit code (130 when stopped early, 1 when a step failed). */
export async function runShard(args: LoadRunArgs): Promise<number> {
  if (!process.send) throw new Error('--shard-child and --replay-child are for the replay processes `samverkan load` starts itself; leave them out');
  const signals = listenForStop({ watchParent: false });
  let stopParent!: () => void;
  const fromParent = new Promise<void>((r) => (stopParent = r));
  const onMessage = (m: ParentMessage) => m.type === 'stop' && stopParent();
  const onParentGone = () => process.exit(130);
  process.on('message', onMessage);
  process.once('disconnect', onParentGone);
  // 'disconnect' is missed when the parent died before this listener was added (a slow start), so
  // the parent's pid is watched too: a SIGKILLed parent leaves no replay running on.
  const parent = Number(process.env[PARENT_PID_VARIABLE]) || process.ppid;
  const parentGone = () => !process.connected || process.ppid !== parent;
  if (parentGone()) onParentGone();
  const watch = setInterval(() => parentGone() && onParentGone(), 250);
  watch.unref();
  try {
    const result = await runMonthReplay({
      ...replayOptionsOf(args, resolve(args['state-dir'])),
      stop: Promise.race([signals.requested, fromParent]),
      progress: { everyMs: 250, report: (figures) => void tell({ type: 'progress', figures }) },
    });
    // A shard's raw answer times are merged with the others'; one replay's percentiles are its own.
    const figures = { ...replayFigures(result, Boolean(args['shard-child'])), heapLimitBytes: getHeapStatistics().heap_size_limit };
    await tell({ type: 'result', figures });
    return replayExitCode(result);
  } finally {
    process.off('message', onMessage);
    clearInterval(watch);
    process.off('disconnect', onParentGone);
    signals.dispose();
    process.disconnect?.();
  }
}
