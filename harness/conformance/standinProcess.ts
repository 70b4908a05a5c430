/**
 * Starts the stand-in journal system (`standin/journal-system/main.js`) as a separate process on
 * 127.0.0.1, waits for its ready line and hands back its URL and a stop. The harness talks to it
 * only over the network, as to any real journal system.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The stand-in's entry point. */
export const STANDIN_MAIN = fileURLToPath(new URL('../../standin/journal-system/main.js', import.meta.url));

const READY = /journal-system stand-in ready: (http:\/\/127\.0\.0\.1:\d+)/;
const START_TIMEOUT_MS = 15_000;

/** A running stand-in. */
export interface StandinJournalSystem {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** The stand-in's process id (ours to stop). */
  pid: number;
  /** The last lines it printed (for a test's attachment or an error). */
  output(): string;
  /** Stops it (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
}

export interface StandinOptions {
  /** Folder holding `rivta/`; the stand-in reads the WSDL and XSDs from there. */
  schemaRoot: string;
  /** The variant with planted defects. */
  broken?: boolean;
  port?: number;
}

/**
 * Spawns the stand-in and resolves when it listens.
 * @throws Error with its output when it exits or says nothing within 15 s.
 */
export function startStandinJournalSystem(options: StandinOptions): Promise<StandinJournalSystem> {
  const args = [STANDIN_MAIN, '--port', String(options.port ?? 0), '--schemas', options.schemaRoot, ...(options.broken ? ['--broken'] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 400) lines.splice(0, lines.length - 400);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`The stand-in journal system did not start: ${why}\n${lines.join('\n')}`));
    };
    const timer = setTimeout(() => fail(`no ready line within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    const onExit = (code: number | null) => fail(`it exited with code ${code}`);
    child.once('exit', onExit);
    const onData = () => {
      const match = lines.map((l) => READY.exec(l)).find(Boolean);
      if (!match) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout!.off('data', onData);
      resolve(handle(child, match[1]!, lines, exited));
    };
    child.stdout!.on('data', onData);
  });
}

function handle(child: ChildProcess, url: string, lines: string[], exited: Promise<void>): StandinJournalSystem {
  return {
    url,
    pid: child.pid!,
    output: () => lines.join('\n'),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
