// Plain JavaScript (its types in replayChild.d.ts): the `load` launcher (bin/loadLauncher.js),
// which loads no TypeScript, starts the replay children with it (docs/decisions/0043).
/**
 * A replay in a child process (`samverkan load --shard-child` or `--replay-child`), started by
 * `load` with a cap on V8's heap (decision 0041): the child tells its progress and figures over
 * IPC and writes nothing on stdout; its stderr is read line by line, and V8's report of a
 * process that ran out of heap is recognised and kept from the user (the parent says what
 * happened instead).
 */
import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The environment variable that tells a replay child its parent's pid (it ends when the parent is gone). */
export const PARENT_PID_VARIABLE = 'SAMVERKAN_LOAD_PARENT_PID';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'samverkan.js');

/**
 * True for a line of V8's report of a process that ran out of heap (from its first line on).
 * @param {string} line
 */
export function isOutOfHeapReport(line) {
  return /<--- Last few GCs --->|<--- JS stacktrace --->|FATAL ERROR: .*(heap limit|heap out of memory|Allocation failed)|JavaScript heap out of memory/.test(line);
}

/**
 * Starts `samverkan <args>` as a replay child with node's flags `execArgv`; `onLine` gets each
 * line it writes to stderr, except V8's out-of-heap report.
 * @param {string[]} args
 * @param {string[]} execArgv
 * @param {(line: string) => void} [onLine]
 * @returns {import('./replayChild.js').ReplayChild}
 */
export function forkReplayChild(args, execArgv, onLine) {
  const child = fork(BIN, args, { execArgv, env: { ...process.env, [PARENT_PID_VARIABLE]: String(process.pid) }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  /** @type {import('./replayChild.js').ReplayChild} */
  const s = {
    child,
    stderr: [],
    outOfHeap: false,
    // 'close': after its stderr is read to the end (V8's report included).
    exit: new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal }))),
    stop: () => {
      if (child.connected) child.send({ type: 'stop' }, () => undefined);
    },
  };
  let rest = '';
  /** @param {string[]} lines */
  const take = (lines) => {
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
  child.stderr?.on('data', (/** @type {Buffer} */ chunk) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop() ?? '';
    take(lines);
  });
  child.stderr?.on('end', () => rest && take([rest]));
  child.on('message', (/** @type {import('./replayChild.js').ChildMessage} */ m) => {
    if (m.type === 'progress') s.progress = m.figures;
    else if (m.type === 'result') s.figures = m.figures;
  });
  return s;
}
