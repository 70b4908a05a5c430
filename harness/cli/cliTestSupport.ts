/**
 * Test support: the samverkan CLI as a real child process (`node bin/samverkan.js …`), with its
 * output collected, lines awaited and the process ended by signal; temporary state folders
 * seeded with the test PKI of the default state folder (made by the global setup), so a test
 * does not spend seconds making a CA; and one command run in this process as main.ts runs it.
 */
import { spawn, type ChildProcessByStdio, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import yargs, { type CommandModule } from 'yargs';
import { DEFAULT_STATE_DIR } from '../topology/topologyConfig.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = path.join(REPO_ROOT, 'bin', 'samverkan.js');

/** A running CLI process. */
export interface CliProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  readonly pid: number;
  /** stdout and stderr so far, interleaved as they arrived. */
  output(): string;
  /** Resolves when the output matches `pattern` (rejects if the process ends first). */
  waitFor(pattern: RegExp): Promise<string>;
  /** Resolves with the exit code (or 128 + signal number style name) once the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
}

/** Starts `command args…` (default `node bin/samverkan.js …`) with its output collected. */
export function startCli(args: string[], options: { command?: string; commandArgs?: string[]; env?: NodeJS.ProcessEnv; cwd?: string; detached?: boolean } = {}): CliProcess {
  const command = options.command ?? process.execPath;
  const commandArgs = options.commandArgs ?? [CLI];
  const spawnOptions: SpawnOptions = { cwd: options.cwd ?? REPO_ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: options.detached };
  const child = spawn(command, [...commandArgs, ...args], spawnOptions) as ChildProcessByStdio<null, Readable, Readable>;
  let output = '';
  const waiters: Array<{ pattern: RegExp; resolve: (text: string) => void }> = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const w of [...waiters]) {
      const m = output.match(w.pattern);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m[0]);
      }
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, output })));
  return {
    child,
    pid: child.pid!,
    output: () => output,
    exited,
    waitFor(pattern) {
      const m = output.match(pattern);
      if (m) return Promise.resolve(m[0]);
      return new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        void exited.then(({ code, signal }) => reject(new Error(`the process ended (code ${code}, signal ${signal}) before printing ${pattern}; its output:\n${output}`)));
      });
    },
  };
}

/** Runs the CLI to its end. */
export async function runCli(args: string[], env?: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const { code, output } = await startCli(args, { env }).exited;
  return { code, output };
}

/** A temporary folder, removed by {@link removeTempDirs}. */
const temporary: string[] = [];
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}
export function removeTempDirs(): void {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A fresh state folder holding a copy of the default state folder's test PKI (no cards, no lock). */
export function seededStateDir(): string {
  const dir = tempDir('samverkan-state-');
  const pki = path.join(DEFAULT_STATE_DIR, 'pki');
  if (fs.existsSync(pki)) fs.cpSync(pki, path.join(dir, 'pki'), { recursive: true });
  return dir;
}

/** Polls `check` every few milliseconds until it returns something truthy. */
export async function until<T>(check: () => T | undefined | false, what: string, limitMs = 60_000): Promise<T> {
  const end = Date.now() + limitMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** What an in-process CLI run printed and the exit code it set. */
export interface InProcessRun {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs `samverkan <argv>` in this process with one command registered, as main.ts runs the CLI
 * (strict, help, failures as `samverkan: …` with exit 2, a thrown error as exit 1); captures output.
 */
export async function runCommandInProcess(command: (setExit: (code: number) => void) => CommandModule<object, any>, argv: string[]): Promise<InProcessRun> {
  let code = 0;
  const out: string[] = [];
  const err: string[] = [];
  const original = { log: console.log, error: console.error };
  console.log = (...parts: unknown[]) => void out.push(parts.join(' '));
  console.error = (...parts: unknown[]) => void err.push(parts.join(' '));
  try {
    await yargs(argv)
      .scriptName('samverkan')
      .command(command((c) => (code = c)))
      .demandCommand(1)
      .strict()
      .help()
      .version(false)
      .exitProcess(false)
      .fail((message, error) => {
        if (error) throw error;
        err.push(`samverkan: ${message}`);
        code = 2;
      })
      .parseAsync();
  } catch (error) {
    err.push(`samverkan: ${(error as Error).message}`);
    code = 1;
  } finally {
    Object.assign(console, original);
  }
  return { code, out: out.join('\n'), err: err.join('\n') };
}
