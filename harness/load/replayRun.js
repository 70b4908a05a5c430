// Plain JavaScript (its types in replayRun.d.ts): the `load` launcher (bin/loadLauncher.js), which
// loads no TypeScript, runs the replay children with it (docs/decisions/0043).
/**
 * The middle of `samverkan load`: its replay children (one, or one per shard) run under the cap
 * on V8's heap (decisions 0034, 0041) while this process shows one progress line for all of
 * them and asks them to stop when told to. What the children came to is handed back as it is;
 * the summary is made of it elsewhere (loadLaunch.ts), in a process that loads the TypeScript.
 */
import { ProgressLine, sumProgress } from './progressLine.js';
import { forkReplayChild } from './replayChild.js';

/**
 * What `load` says on the first Ctrl-C (it stops after the steps under way and sums up).
 * @param {boolean} sharded
 */
export function stoppingMessage(sharded) {
  return `\nsamverkan load: stopping after the steps under way${sharded ? ' in every shard' : ''} (Ctrl-C again to quit at once)…\n`;
}

/** What `load` says on a second Ctrl-C, right before it quits. */
export const QUITTING_MESSAGE = 'samverkan load: quitting at once; resume with --resume\n';

/**
 * Runs the replay children and waits for all of them; a child that ends without its figures makes
 * the others stop too (what they recorded is kept: `--resume` goes on).
 * @param {import('./replayRun.js').ReplayRunOptions} options
 * @returns {Promise<import('./replayRun.js').ReplayRun>}
 */
export async function runReplayChildren(options) {
  const started = performance.now();
  const relay = options.relayStderr ? (/** @type {string} */ line) => process.stderr.write(`${line}\n`) : undefined;
  const children = options.children.map((c) => forkReplayChild(c.args, c.execArgv, relay));
  const stopAll = () => {
    for (const c of children) c.stop();
  };
  void options.stop.then(stopAll);
  // The line starts with the replay's first figures (after a child's topology started).
  /** @type {ProgressLine | undefined} */
  let line;
  const figures = () => sumProgress(children.flatMap((c) => (c.progress ? [c.progress] : [])), options.startAt);
  for (const c of children) {
    c.child.on('message', () => {
      if (!line && c.progress) line = new ProgressLine(figures, options.progress);
    });
  }
  const results = await Promise.all(
    children.map(async (c) => {
      const { code, signal } = await c.exit;
      const summedUp = Boolean(c.figures) && (code === 0 || code === 1 || code === 130);
      if (!summedUp) stopAll();
      return { ...(summedUp ? { figures: c.figures } : {}), code, signal, outOfHeap: c.outOfHeap, stderr: c.stderr };
    }),
  );
  line?.end();
  return { results, wallMs: performance.now() - started, parentRssPeakBytes: process.resourceUsage().maxRSS * 1024 };
}
