/**
 * The replay's progress line on stderr: steps done of all, rate, ETA, virtual date, status updates
 * delivered and resent. On a terminal it is rewritten in place a few times a second; otherwise
 * (a log, CI) a line is written every few seconds.
 */

export interface ProgressFigures {
  done: number;
  total: number;
  /** Virtual time reached. */
  clockAt: number;
  delivered: number;
  resends: number;
  failedSteps: number;
  /** Seconds left when known otherwise than from the rate (a paced replay: virtual time left / speed). */
  etaSeconds?: number;
  /** Milliseconds the replay has run, as a replay child reports it (its parent then shows the child's own rate). */
  elapsedMs?: number;
  /** Steps a resumed replay found done before it started: not part of this run's rate. */
  doneAtStart?: number;
}

export interface ProgressLineOptions {
  stream?: NodeJS.WriteStream;
  /** Override the TTY detection (tests). */
  tty?: boolean;
  /** Milliseconds between lines when not a TTY; default 5,000. */
  everyMs?: number;
  /** Hand the figures to this instead of writing a line (a shard tells its parent, every `everyMs`). */
  report?: (figures: ProgressFigures) => void;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5_400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** Formats one progress line. */
export function progressText(f: ProgressFigures, elapsedMs: number): string {
  const rate = (f.done - (f.doneAtStart ?? 0)) / Math.max((f.elapsedMs ?? elapsedMs) / 1000, 0.001);
  const eta = f.etaSeconds ?? (rate > 0 ? (f.total - f.done) / rate : Infinity);
  const pct = f.total ? ((100 * f.done) / f.total).toFixed(1) : '100.0';
  return (
    `load: ${f.done.toLocaleString('en')} / ${f.total.toLocaleString('en')} steps (${pct} %), ${rate.toFixed(0)} steps/s, ETA ${duration(eta)}; ` +
    `virtual ${new Date(f.clockAt).toISOString().slice(0, 16).replace('T', ' ')}; status updates delivered ${f.delivered.toLocaleString('en')}, resends ${f.resends.toLocaleString('en')}` +
    (f.failedSteps ? `; failed steps ${f.failedSteps}` : '')
  );
}

/** A progress line that polls `figures` and writes itself. */
export class ProgressLine {
  private readonly stream: NodeJS.WriteStream;
  private readonly tty: boolean;
  private readonly timer: NodeJS.Timeout;
  private readonly started = performance.now();
  private written = false;
  private readonly report?: (figures: ProgressFigures) => void;

  constructor(private readonly figures: () => ProgressFigures, options: ProgressLineOptions = {}) {
    this.stream = options.stream ?? process.stderr;
    this.report = options.report;
    this.tty = !this.report && (options.tty ?? Boolean(this.stream.isTTY));
    this.timer = setInterval(() => this.write(), this.tty ? 250 : options.everyMs ?? 5_000);
    this.timer.unref();
  }

  private write(): void {
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
  end(): void {
    clearInterval(this.timer);
    this.write();
    if (this.tty && this.written) this.stream.write('\n');
  }
}
