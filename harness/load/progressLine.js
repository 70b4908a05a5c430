// Plain JavaScript (its types in progressLine.d.ts): the `load` launcher (bin/loadLauncher.js),
// which loads no TypeScript, draws this line too (docs/decisions/0043).
/**
 * The replay's progress line on stderr: steps done of all, rate, ETA, virtual date, status updates
 * delivered and resent. On a terminal it is rewritten in place a few times a second; otherwise
 * (a log, CI) a line is written every few seconds.
 */

/** @param {number} seconds */
function duration(seconds) {
  if (!Number.isFinite(seconds)) return '–';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5_400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/**
 * Formats one progress line.
 * @param {import('./progressLine.js').ProgressFigures} f
 * @param {number} elapsedMs
 */
export function progressText(f, elapsedMs) {
  const rate = (f.done - (f.doneAtStart ?? 0)) / Math.max((f.elapsedMs ?? elapsedMs) / 1000, 0.001);
  const eta = f.etaSeconds ?? (rate > 0 ? (f.total - f.done) / rate : Infinity);
  const pct = f.total ? ((100 * f.done) / f.total).toFixed(1) : '100.0';
  return (
    `load: ${f.done.toLocaleString('en')} / ${f.total.toLocaleString('en')} steps (${pct} %), ${rate.toFixed(0)} steps/s, ETA ${duration(eta)}; ` +
    `virtual ${new Date(f.clockAt).toISOString().slice(0, 16).replace('T', ' ')}; status updates delivered ${f.delivered.toLocaleString('en')}, resends ${f.resends.toLocaleString('en')}` +
    (f.failedSteps ? `; failed steps ${f.failedSteps}` : '')
  );
}

/**
 * The shards' progress as one replay's: counts added up, the virtual time every shard has reached
 * (`startAt` before any reported), the ETA of the slowest shard when every shard knows its own.
 * @param {import('./progressLine.js').ProgressFigures[]} seen
 * @param {number} startAt
 * @returns {import('./progressLine.js').ProgressFigures}
 */
export function sumProgress(seen, startAt) {
  /** @param {(p: import('./progressLine.js').ProgressFigures) => number} f */
  const sum = (f) => seen.reduce((a, p) => a + f(p), 0);
  const only = seen.length === 1 ? seen[0] : undefined;
  const eta = seen.length && seen.every((p) => p.etaSeconds !== undefined) ? Math.max(...seen.map((p) => /** @type {number} */ (p.etaSeconds))) : undefined;
  return {
    done: sum((p) => p.done),
    doneAtStart: sum((p) => p.doneAtStart ?? 0),
    total: sum((p) => p.total),
    clockAt: seen.length ? Math.min(...seen.map((p) => p.clockAt)) : startAt,
    delivered: sum((p) => p.delivered),
    resends: sum((p) => p.resends),
    failedSteps: sum((p) => p.failedSteps),
    ...(eta !== undefined ? { etaSeconds: eta } : {}),
    // One child: its own elapsed time (the rate it measured); shards: the line's.
    ...(only?.elapsedMs !== undefined ? { elapsedMs: only.elapsedMs } : {}),
  };
}

/** A progress line that polls `figures` and writes itself. */
export class ProgressLine {
  /**
   * @param {() => import('./progressLine.js').ProgressFigures} figures
   * @param {import('./progressLine.js').ProgressLineOptions} [options]
   */
  constructor(figures, options = {}) {
    this.figures = figures;
    this.stream = options.stream ?? process.stderr;
    this.report = options.report;
    this.tty = !this.report && (options.tty ?? Boolean(this.stream.isTTY));
    this.started = performance.now();
    this.written = false;
    this.timer = setInterval(() => this.write(), this.tty ? 250 : options.everyMs ?? 5_000);
    this.timer.unref();
  }

  /** @private */
  write() {
    if (this.report) return this.report({ ...this.figures(), elapsedMs: performance.now() - this.started });
    const text = progressText(this.figures(), performance.now() - this.started);
    if (this.tty) {
      this.stream.write(`\r\x1b[2K${text.slice(0, Math.max(40, (this.stream.columns || 160) - 1))}`);
      this.written = true;
    } else {
      this.stream.write(`${text}\n`);
    }
  }

  /** Writes the last line and stops. */
  end() {
    clearInterval(this.timer);
    this.write();
    if (this.tty && this.written) this.stream.write('\n');
  }
}
