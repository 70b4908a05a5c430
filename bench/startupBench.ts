/**
 * `npm run bench`, start-up figures: how long the CLI takes until it is useful, as real child
 * processes, next to a bare `node -e ''` start measured in the same run:
 *   - `samverkan --help` until it exits;
 *   - `samverkan up` until every URL is printed (on a state folder of its own, made by an untimed
 *     first run, with the journal in memory, on random loopback ports);
 *   - `samverkan schedule --check` with 30 timestamps until it exits.
 * Each is run `runs` times; the median is reported, as milliseconds and as a ratio to the baseline.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allWaits, REDELIVERY_PROFILES } from '../simulators/webcert/notification/redeliverySchedule.js';

const CLI = fileURLToPath(new URL('../bin/samverkan.js', import.meta.url));

export interface StartupBenchOptions {
  /** Timed runs per figure (the median is reported). */
  runs: number;
  log: (line: string) => void;
}

export interface StartupFigure {
  name: string;
  medianMs: number;
  /** medianMs / the baseline's medianMs. */
  ratio: number;
}

/** Milliseconds from spawn until `done` says so (default: the process exits with code 0). */
function timeProcess(args: string[], until?: { line: RegExp }, env: NodeJS.ProcessEnv = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
    // No npm_command: the child is not watching an npm parent here.
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_command: '', ...env } });
    let output = '';
    let measured: number | undefined;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (until && measured === undefined && until.line.test(output)) {
        measured = elapsed();
        child.kill('SIGINT');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) => {
      if (until) {
        if (measured !== undefined) resolve(measured);
        else reject(new Error(`samverkan ${args.slice(1).join(' ')} ended (code ${code}) before printing ${until.line}:\n${output.slice(-2000)}`));
      } else if (code === 0) resolve(elapsed());
      else reject(new Error(`${args.slice(1).join(' ') || 'node'} exited with code ${code}:\n${output.slice(-2000)}`));
    });
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The 30 delivery times of one status update under the forum-2022 profile, as ISO times. */
export function thirtyTimestamps(start = Date.parse('2026-03-02T08:00:00Z')): string[] {
  const times = [start];
  for (const wait of allWaits(REDELIVERY_PROFILES['forum-2022'].schedule)) times.push(times[times.length - 1]! + wait);
  return times.slice(0, 30).map((t) => new Date(t).toISOString());
}

/** Runs the start-up figures and logs one line per measurement and a table with the ratios. */
export async function runStartupBench(options: StartupBenchOptions): Promise<StartupFigure[]> {
  const stateDir = mkdtempSync(join(tmpdir(), 'samverkan-bench-state-'));
  const up = [CLI, 'up', '--state-dir', stateDir, '--journal', ':memory:', '--clock', 'manual'];
  const everyUrl = { line: /Ctrl-C stops\./ };
  try {
    options.log('start-up: a first, untimed `up` makes the state folder (test PKI, simulated cards)…');
    await timeProcess(up, everyUrl);
    const figures: Array<{ name: string; args: string[]; until?: { line: RegExp } }> = [
      { name: "baseline: node -e ''", args: ['-e', ''] },
      { name: 'samverkan --help', args: [CLI, '--help'] },
      { name: 'samverkan up, until every URL is printed', args: up, until: everyUrl },
      { name: 'samverkan schedule --check (30 timestamps)', args: [CLI, 'schedule', '--check', ...thirtyTimestamps()] },
    ];
    const samples = new Map<string, number[]>(figures.map((f) => [f.name, []]));
    // Interleaved, so a burst of load on a shared machine hits every figure alike.
    for (let run = 1; run <= options.runs; run++) {
      for (const f of figures) {
        const ms = await timeProcess(f.args, f.until);
        samples.get(f.name)!.push(ms);
        options.log(`run ${run}/${options.runs}  ${f.name.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms`);
      }
    }
    const baseline = median(samples.get(figures[0]!.name)!);
    const result = figures.map((f) => {
      const medianMs = median(samples.get(f.name)!);
      return { name: f.name, medianMs, ratio: medianMs / baseline };
    });
    options.log('');
    options.log(`start-up, median of ${options.runs} runs             ms   × bare node`);
    for (const r of result) options.log(`${r.name.padEnd(44)} ${r.medianMs.toFixed(0).padStart(6)}   ${r.ratio.toFixed(1).padStart(5)}`);
    return result;
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
}
