// `samverkan load` as the user starts it: a parent that loads no TypeScript (no swc loader, no
// yargs, none of the CLI), so the process that lives as long as the replay takes about what node
// itself takes (docs/decisions/0043). The work that needs the sources runs in child processes of
// bin/samverkan.js, each on the loader:
//   1. `load … --launch-plan`: checks the command line (yargs, the month and regions, a resume),
//      prepares the state folder and says what to start, over IPC; a refusal it prints itself;
//   2. the replay children (one, or one per shard) under the cap on V8's heap: this process shows
//      their progress line and stops them on Ctrl-C (harness/load/replayRun.js, plain JavaScript);
//   3. `load … --launch-summary`: prints the summary of what they came to, sent over IPC (with this
//      process's RSS peak), and says what went wrong (out of heap, a shard that failed).
// The first and the last run before and after the replay, never beside it.
import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listenForStop } from '../harness/cli/stopSignals.js';
import { QUITTING_MESSAGE, runReplayChildren, stoppingMessage } from '../harness/load/replayRun.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), 'samverkan.js');

/** The flags after which `samverkan load` is not the user's run (a child's, or help): bin/samverkan.js runs those itself. */
const NOT_LAUNCHED = new Set(['--replay-child', '--shard-child', '--launch-plan', '--launch-summary', '--help', '-h']);

/**
 * True when `argv` (without node and script) is a `load` the launcher runs.
 * @param {string[]} argv
 */
export function isLoadLaunch(argv) {
  return argv[0] === 'load' && !argv.some((a) => NOT_LAUNCHED.has(a.replace(/=.*$/, '')));
}

/**
 * Starts `samverkan <args>` on the loader with IPC; resolves with its exit code and the first
 * message it sent. Its output goes to this process's stdout and stderr.
 * @param {string[]} args
 * @param {unknown} [send]
 * @returns {Promise<{ code: number, message?: any }>}
 */
function runPhase(args, send) {
  return new Promise((resolve, reject) => {
    const child = fork(BIN, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    /** @type {any} */
    let message;
    // One message each way; the channel is closed by the side that received it (closed here right
    // after sending, it could close before the child, still loading, listens).
    child.once('message', (m) => {
      message = m;
      if (child.connected) child.disconnect();
    });
    child.once('error', reject);
    if (send !== undefined) child.send(/** @type {any} */ (send), () => undefined);
    // 'exit', not 'close': with its output inherited and the channel closed by us, 'close' never comes.
    child.once('exit', (code, signal) => resolve({ code: code ?? (signal === 'SIGINT' ? 130 : 1), message }));
  });
}

/**
 * Runs `samverkan load …`; resolves with the exit code.
 * @param {string[]} argv
 */
export async function launchLoad(argv) {
  /** @type {any} */
  let launch;
  const stop = listenForStop({
    onStop: () => launch && process.stderr.write(stoppingMessage(Boolean(launch.sharded))),
    onForce: () => process.stderr.write(QUITTING_MESSAGE),
  });
  try {
    const planned = await runPhase([...argv, '--launch-plan']);
    launch = planned.message?.type === 'launch' ? planned.message.launch : undefined;
    if (!launch) return planned.code || 1;
    // Stopped while the command was checked: nothing was started.
    if (stop.stopping) return 130;
    const run = await runReplayChildren({ children: launch.children, relayStderr: !launch.sharded, stop: stop.requested, startAt: launch.startAt });
    return (await runPhase([...argv, '--launch-summary'], { type: 'summarise', launch, run })).code;
  } finally {
    stop.dispose();
  }
}
