// Plain JavaScript (its types in stopSignals.d.ts): the `load` launcher (bin/loadLauncher.js), which
// loads no TypeScript, stops its replay children with it (docs/decisions/0043).
/**
 * When a long-running command (`samverkan up`) must stop, however it was started:
 *
 * - SIGINT (Ctrl-C), SIGTERM and SIGHUP ask it to stop; a second signal while it stops forces the
 *   exit at once (exit code 130), saying so.
 * - Started through npm (`npx samverkan up`, `npm run samverkan -- up`), the process runs under
 *   `npm → sh -c → node`. npm forwards SIGINT and SIGTERM to the shell only: SIGTERM ends npm and
 *   the shell but never reaches node, which kept running, orphaned; SIGINT is swallowed by the
 *   waiting shell (dash), and all three ran on. So under npm (`npm_command` is set) the parent is
 *   watched too: when it is gone, that is a request to stop; and when it is a shell that woke up
 *   (Linux: its voluntary context switches in /proc/<pid>/status grew; a shell waiting for node
 *   wakes only for a signal), that is a request to stop as well.
 */
import fs from 'node:fs';

/** @type {('SIGINT' | 'SIGTERM' | 'SIGHUP')[]} */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Starts listening for stop requests now (install it before a slow start, so a Ctrl-C during the
 * start is not lost and a second one still forces the exit).
 * @param {import('./stopSignals.js').StopSignalOptions} [options]
 * @returns {import('./stopSignals.js').StopSignals}
 */
export function listenForStop(options = {}) {
  const exit = options.exit ?? ((/** @type {number} */ code) => process.exit(code));
  let stopping = false;
  /** @type {(reason: import('./stopSignals.js').StopReason) => void} */
  let resolveRequested = () => undefined;
  /** @type {Promise<import('./stopSignals.js').StopReason>} */
  const requested = new Promise((resolve) => (resolveRequested = resolve));

  let signals = 0;
  const request = (/** @type {import('./stopSignals.js').StopReason} */ reason) => {
    if (stopping) return;
    stopping = true;
    options.onStop?.(reason);
    resolveRequested(reason);
  };
  // Only signals count towards the forced exit: a Ctrl-C under npx reaches node and wakes its shell
  // at once, and that one Ctrl-C must not count twice.
  const signalled = (/** @type {import('./stopSignals.js').StopReason} */ signal) => {
    signals += 1;
    if (signals >= 2 && stopping) {
      options.onForce?.(signal);
      exit(130);
      return;
    }
    request(signal);
  };
  const handlers = SIGNALS.map((signal) => {
    const handler = () => signalled(signal);
    process.on(signal, handler);
    return { signal, handler };
  });

  const watchParent = options.watchParent ?? Boolean(process.env.npm_command);
  const parent = process.ppid;
  const shellWakeUps = watchParent && isShell(parent) ? () => voluntarySwitches(parent) : undefined;
  const wokeBefore = shellWakeUps?.();
  const poll = watchParent
    ? setInterval(() => {
        if (stopping) return;
        if (process.ppid !== parent) request('parent-exited');
        else if (wokeBefore !== undefined && (shellWakeUps?.() ?? wokeBefore) > wokeBefore) request('parent-signalled');
      }, options.parentPollMs ?? 250)
    : undefined;
  poll?.unref();

  return {
    requested,
    get stopping() {
      return stopping;
    },
    dispose() {
      for (const { signal, handler } of handlers) process.off(signal, handler);
      if (poll) clearInterval(poll);
    },
  };
}

/**
 * How a stop reason reads in a message.
 * @param {import('./stopSignals.js').StopReason} reason
 */
export function describeStopReason(reason) {
  if (reason === 'parent-exited') return 'the npm process that started it ended';
  if (reason === 'parent-signalled') return 'the npm process that started it was told to stop';
  return reason;
}

/**
 * True when process `pid` is a POSIX shell (Linux: its name in /proc); false when unknown.
 * @param {number} pid
 */
function isShell(pid) {
  try {
    return /^(sh|dash|bash|zsh|ksh|mksh|ash|busybox)$/.test(fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim());
  } catch {
    return false;
  }
}

/**
 * Linux: how often process `pid` went to sleep (/proc/<pid>/status); undefined elsewhere.
 * @param {number} pid
 */
function voluntarySwitches(pid) {
  try {
    const m = /^voluntary_ctxt_switches:\s*(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}
