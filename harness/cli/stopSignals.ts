/**
 * When a long-running command (`samverkan up`) must stop, however it was started:
 *
 * - SIGINT (Ctrl-C), SIGTERM and SIGHUP ask it to stop; a second one while it stops forces the
 *   exit at once (exit code 130), saying so.
 * - Started through npm (`npx samverkan up`, `npm run samverkan -- up`), the process runs under
 *   `npm → sh -c → node`. A signal sent to the npm process ends npm and its shell but never
 *   reaches node, which kept running, orphaned. So under npm (`npm_command` is set) the parent is
 *   watched too: when it is gone, that is a request to stop like SIGTERM.
 */

/** What asked the command to stop. */
export type StopReason = 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'parent-exited';

export interface StopSignalOptions {
  /** Told once, when the first stop request arrives (e.g. "samverkan: stopping…"). */
  onStop?: (reason: StopReason) => void;
  /** Told when a second request forces the exit, right before `exit(130)`. */
  onForce?: (reason: StopReason) => void;
  /** Watch the parent process (default: only when started by npm, i.e. `npm_command` is set). */
  watchParent?: boolean;
  /** How often the parent is checked, ms (default 250). */
  parentPollMs?: number;
  /** Default process.exit. */
  exit?: (code: number) => never;
}

/** A stop request that can be awaited; {@link StopSignals.dispose} removes every listener. */
export interface StopSignals {
  /** Resolves with the reason of the first stop request. */
  readonly requested: Promise<StopReason>;
  /** True once a stop was requested. */
  readonly stopping: boolean;
  dispose(): void;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Starts listening for stop requests now (install it before a slow start, so a Ctrl-C during the
 * start is not lost and a second one still forces the exit).
 */
export function listenForStop(options: StopSignalOptions = {}): StopSignals {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  let resolveRequested!: (reason: StopReason) => void;
  const requested = new Promise<StopReason>((resolve) => (resolveRequested = resolve));

  const request = (reason: StopReason) => {
    if (stopping) {
      options.onForce?.(reason);
      exit(130);
      return;
    }
    stopping = true;
    options.onStop?.(reason);
    resolveRequested(reason);
  };
  const handlers = SIGNALS.map((signal) => {
    const handler = () => request(signal);
    process.on(signal, handler);
    return { signal, handler };
  });

  const watchParent = options.watchParent ?? Boolean(process.env.npm_command);
  const parent = process.ppid;
  const poll = watchParent
    ? setInterval(() => {
        if (process.ppid !== parent && !stopping) request('parent-exited');
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

/** How a stop reason reads in a message. */
export function describeStopReason(reason: StopReason): string {
  return reason === 'parent-exited' ? 'the npm process that started it ended' : reason;
}
