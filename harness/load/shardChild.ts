/**
 * One shard of a sharded replay (`load --shard-child`, started by the parent, decision 0034): the
 * replay of its regions in this process, its progress and its figures told to the parent over
 * IPC, nothing on stdout. It stops when the parent says so, on Ctrl-C, or when the parent is gone.
 */
import { resolve } from 'node:path';
import { listenForStop } from '../cli/stopSignals.js';
import { replayExitCode, replayOptionsOf, type LoadRunArgs } from './loadRun.js';
import { runMonthReplay } from './monthReplay.js';
import { replayFigures } from './replayFigures.js';
import type { ParentMessage, ShardMessage } from './shardedLoad.js';

/** Sends `message` to the parent and waits until it is handed over. */
function tell(message: ShardMessage): Promise<void> {
  return new Promise((done) => {
    if (!process.send || !process.connected) return done();
    process.send(message, undefined, {}, () => done());
  });
}

/** Runs this shard; resolves with its exit code (130 when stopped early, 1 when a step failed). */
export async function runShard(args: LoadRunArgs): Promise<number> {
  if (!process.send) throw new Error('--shard-child is for the shards a sharded `samverkan load` starts itself; leave it out');
  const signals = listenForStop({ watchParent: false });
  let stopParent!: () => void;
  const fromParent = new Promise<void>((r) => (stopParent = r));
  const onMessage = (m: ParentMessage) => m.type === 'stop' && stopParent();
  process.on('message', onMessage);
  process.once('disconnect', () => stopParent());
  try {
    const result = await runMonthReplay({
      ...replayOptionsOf(args, resolve(args['state-dir'])),
      stop: Promise.race([signals.requested, fromParent]),
      progress: { everyMs: 1_000, report: (figures) => void tell({ type: 'progress', figures }) },
    });
    await tell({ type: 'result', figures: replayFigures(result, true) });
    return replayExitCode(result);
  } finally {
    process.off('message', onMessage);
    signals.dispose();
    process.disconnect?.();
  }
}
