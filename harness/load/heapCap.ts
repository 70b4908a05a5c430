/**
 * The cap on V8's heap that `load` runs its replay under (decision 0041). Node lets a process's
 * heap grow to about 4 GB here before it collects hard, so the replay's RSS peak followed V8's
 * pacing rather than its live heap (about 80 MiB, flat over the month, decision 0036). The replay
 * runs in a child process (one, or one per shard) started with `--max-old-space-size`; a cap the
 * user set for node itself (NODE_OPTIONS, or node's own flag) wins.
 */

/** `--heap-mb` when not given: MiB of V8's old space for each replay process (decision 0041's figures). */
export const DEFAULT_HEAP_MB = 256;

/** The smallest cap `--heap-mb` takes (V8 needs a few MiB to start at all). */
const SMALLEST_HEAP_MB = 16;

/** The cap a replay process runs under, and who chose it. */
export interface HeapCap {
  /** MiB of V8's old space; undefined: V8's own limit. */
  mb?: number;
  from: 'default' | '--heap-mb' | 'NODE_OPTIONS' | 'node';
}

/**
 * `--heap-mb`: MiB (a whole number from 16), or `0` / `none` for V8's own limit; absent: undefined.
 * @throws Error saying what is accepted
 */
export function parseHeapMb(text: string | undefined): number | 'none' | undefined {
  if (text === undefined) return undefined;
  const t = String(text).trim();
  if (t === 'none' || t === '0') return 'none';
  const n = /^\d+$/.test(t) ? Number(t) : NaN;
  if (!(Number.isInteger(n) && n >= SMALLEST_HEAP_MB && n <= 1_048_576)) {
    throw new Error(`--heap-mb "${text}" is not a heap size; give MiB as a whole number from ${SMALLEST_HEAP_MB} (default ${DEFAULT_HEAP_MB}), or none (or 0) for V8's own limit`);
  }
  return n;
}

/** The `--max-old-space-size` in node's flags, if any (`--max_old_space_size` is the same flag). */
function capIn(flags: readonly string[]): number | undefined {
  let mb: number | undefined;
  for (let i = 0; i < flags.length; i++) {
    const m = /^--max[-_]old[-_]space[-_]size(?:=(\d+))?$/.exec(flags[i]!);
    if (m) mb = Number(m[1] ?? flags[i + 1]);
  }
  return mb !== undefined && Number.isFinite(mb) ? mb : undefined;
}

/**
 * The cap in force: one the user gave node itself (`NODE_OPTIONS=--max-old-space-size=…`, or
 * `node --max-old-space-size=… bin/samverkan.js`) wins; else `--heap-mb`; else the default.
 */
export function heapCapInForce(asked: number | 'none' | undefined, env: NodeJS.ProcessEnv = process.env, execArgv: readonly string[] = process.execArgv): HeapCap {
  const own = capIn(execArgv);
  if (own !== undefined) return { mb: own, from: 'node' };
  const fromEnv = capIn((env.NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean));
  if (fromEnv !== undefined) return { mb: fromEnv, from: 'NODE_OPTIONS' };
  if (asked === 'none') return { from: '--heap-mb' };
  if (asked !== undefined) return { mb: asked, from: '--heap-mb' };
  return { mb: DEFAULT_HEAP_MB, from: 'default' };
}

/** node's flags for a replay process under `cap` (a cap the user gave node is in its flags already). */
export function replayExecArgv(cap: HeapCap, execArgv: readonly string[] = process.execArgv): string[] {
  return cap.mb !== undefined && cap.from !== 'node' && cap.from !== 'NODE_OPTIONS' ? [...execArgv, `--max-old-space-size=${cap.mb}`] : [...execArgv];
}

/** The cap as the summary reads it, e.g. "heap cap 256 MiB". */
export function describeHeapCap(cap: HeapCap): string {
  if (cap.mb === undefined) return "no heap cap (--heap-mb none)";
  const from = cap.from === 'default' ? '' : cap.from === 'node' ? ' (node --max-old-space-size)' : cap.from === 'NODE_OPTIONS' ? ' (NODE_OPTIONS)' : ' (--heap-mb)';
  return `heap cap ${cap.mb} MiB${from}`;
}

/** True for a line of V8's report of a process that ran out of heap (in replayChild.js, which the launcher loads as plain JavaScript). */
export { isOutOfHeapReport } from './replayChild.js';

/**
 * What the user reads when a replay process ran out of heap: what happened and what to run;
 * `resumable` when the replay had recorded something (`--resume` goes on from there).
 */
export function outOfHeapMessage(cap: HeapCap, where: string, resumable = true): string {
  const bigger = Math.max(512, 2 * (cap.mb ?? 0));
  const how =
    cap.from === 'NODE_OPTIONS' ? `raise --max-old-space-size in NODE_OPTIONS (e.g. ${bigger}) or take it out and use --heap-mb ${bigger}` : cap.from === 'node' ? `run node with a larger --max-old-space-size (e.g. ${bigger}) or leave it out and use --heap-mb ${bigger}` : `run again with a larger cap, e.g. --heap-mb ${bigger} (or --heap-mb none for V8's own limit)`;
  return (
    `samverkan load: ${where} ran out of heap: V8's heap was capped at ${cap.mb ?? '(V8 default)'} MiB${cap.from === 'default' ? ' (the default)' : cap.from === 'NODE_OPTIONS' ? ' by NODE_OPTIONS' : cap.from === 'node' ? " by node's --max-old-space-size" : ' by --heap-mb'}. ` +
    (resumable ? `To go on, ${how}, with --resume: it continues where the replay stopped (what was acknowledged is kept).` : `It stopped before it recorded anything: ${how}.`)
  );
}
