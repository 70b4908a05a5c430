/**
 * `npm run bench -- --load-scale 0.01`: a share of a month's replay on the embedded topology, as
 * fast as it goes, run as a user runs it: `samverkan load --shards 1 --speed max` as a child
 * process, so the replay runs in its own process under the default cap on V8's heap beside a
 * parent that loads no TypeScript (decisions 0041, 0043), and the figures are the ones `load`
 * prints: wall time, steps per second, the RSS peak of the replay and of its parent, CPU time and
 * the projection for the whole month.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../bin/samverkan.js', import.meta.url));

export interface LoadBenchOptions {
  month: string;
  scale: number;
  regions?: string[];
  log: (line: string) => void;
}

/** What the replay's summary says of its CPU time, for the floor bench (decision 0049). */
export interface LoadBenchFigures {
  issued: number;
  cpuSeconds: number;
}

/**
 * Reads the certificates issued and the CPU time from `load`'s summary; undefined when the
 * summary has no CPU line.
 */
export function loadFigures(summary: string): LoadBenchFigures | undefined {
  const issued = /; ([\d,]+) certificates issued/.exec(summary)?.[1];
  const cpu = /^CPU time ([\d.]+) s/m.exec(summary)?.[1];
  if (!issued || !cpu) return undefined;
  return { issued: Number(issued.replaceAll(',', '')), cpuSeconds: Number(cpu) };
}

/** Runs the share of the month, prints the figures of its summary and returns its CPU figures. */
export async function runLoadBench(options: LoadBenchOptions): Promise<LoadBenchFigures | undefined> {
  const stateDir = mkdtempSync(join(tmpdir(), 'samverkan-bench-load-'));
  const args = [CLI, 'load', '--month', options.month, '--scale', String(options.scale), ...(options.regions?.length ? ['--regions', ...options.regions] : []), '--speed', 'max', '--shards', '1', '--state-dir', join(stateDir, 'run')];
  try {
    // No npm_command: the load is not watching an npm parent here.
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_command: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    if (code !== 0) throw new Error(`samverkan ${args.slice(1).join(' ')} ended with exit code ${code}:\n${stderr}${stdout.slice(-2_000)}`);
    const lines = stdout.split('\n');
    const first = lines.find((l) => l.startsWith(`load ${options.month}`));
    options.log(`load (samverkan load --shards 1, as a user runs it)${first ? `: ${first.slice(5)}` : ''}`);
    for (const l of lines.filter((x) => /^(wall time|CPU time|  every status update|  NOT all settled)/.test(x))) options.log(`  ${l.trim()}`);
    return loadFigures(stdout);
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
}
