/**
 * A lock file held by a running process: `samverkan up` holds one for its state folder
 * (`<state-dir>/up.lock`) and one for its traffic journal (`<journal>.lock`), so a second `up` on
 * the same folder or file is told at once which process has it, instead of racing it.
 *
 * The file says who holds it (pid, command, start time, and the process's kernel start time so a
 * reused pid is not mistaken for the holder). A lock whose process is gone (SIGKILL, power cut) is
 * stale: the next `up` takes it over and says so.
 */
import fs from 'node:fs';
import path from 'node:path';

/** What a lock file records. */
export interface LockHolder {
  pid: number;
  /** The command line, e.g. `samverkan up --journal reports/out/journal.sqlite`. */
  command: string;
  /** ISO time the lock was taken. */
  startedAt: string;
  /** Linux: the process's start time in clock ticks since boot (/proc/<pid>/stat field 22). */
  processStart?: string;
}

/** The lock is held by another live process. */
export class LockHeldError extends Error {
  override name = 'LockHeldError';
  constructor(
    message: string,
    readonly holder: LockHolder,
    readonly lockFile: string,
  ) {
    super(message);
  }
}

/** A lock this process holds. */
export interface HeldLock {
  readonly file: string;
  /** Set when a stale lock was taken over: who had it. */
  readonly tookOverFrom?: LockHolder;
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): void;
}

export interface AcquireOptions {
  /** What is locked, for messages: "the state folder /x/.samverkan". */
  what: string;
  /** The holder's command line; default `samverkan <argv>`. */
  command?: string;
  /** What to do instead, appended to the refusal, e.g. "or give this one its own --state-dir". */
  alternative?: string;
}

/**
 * Takes the lock `file` for this process, or throws {@link LockHeldError} naming the live holder.
 * A stale lock (its process is gone) is taken over; `tookOverFrom` says whose it was.
 */
export function acquireLock(file: string, options: AcquireOptions): HeldLock {
  const absolute = path.resolve(file);
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  const me: LockHolder = {
    pid: process.pid,
    command: options.command ?? ['samverkan', ...process.argv.slice(2)].join(' '),
    startedAt: new Date().toISOString(),
    ...(processStartTime(process.pid) ? { processStart: processStartTime(process.pid) } : {}),
  };
  let tookOverFrom: LockHolder | undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(absolute, me)) return heldLock(absolute, me, tookOverFrom);
    const holder = readHolder(absolute);
    if (holder === 'missing') continue; // released meanwhile: try again
    if (holder !== 'unreadable' && isAlive(holder)) {
      throw new LockHeldError(heldMessage(options, holder, absolute), holder, absolute);
    }
    if (holder === 'unreadable' && ageMs(absolute) < 2_000) {
      // Another process is writing its lock right now (created, not yet written): it is the holder.
      throw new LockHeldError(`${options.what} is being taken by another samverkan process right now (${absolute}). Wait for it, or ${options.alternative ?? 'stop it first'}.`, { pid: 0, command: '(starting)', startedAt: new Date().toISOString() }, absolute);
    }
    if (takeOverStale(absolute, holder)) tookOverFrom = holder === 'unreadable' ? undefined : holder;
  }
  throw new Error(`could not take the lock ${absolute}: it kept changing hands; is another samverkan starting in a loop?`);
}

/** The live holder of `file`, or undefined when it is free or stale. */
export function lockHolder(file: string): LockHolder | undefined {
  const holder = readHolder(path.resolve(file));
  return typeof holder === 'object' && isAlive(holder) ? holder : undefined;
}

function tryCreate(file: string, me: LockHolder): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new Error(`cannot create the lock file ${file}: ${(error as Error).message}`);
  }
  try {
    fs.writeSync(fd, `${JSON.stringify(me, null, 2)}\n`);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

function readHolder(file: string): LockHolder | 'missing' | 'unreadable' {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable';
  }
  try {
    const holder = JSON.parse(text) as LockHolder;
    return Number.isInteger(holder.pid) && holder.pid > 0 ? holder : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

/**
 * Moves the stale lock aside and checks that what was moved is the stale one (two starters may
 * both see it stale; the second must not throw away the first one's fresh lock).
 */
function takeOverStale(file: string, stale: LockHolder | 'unreadable'): boolean {
  const aside = `${file}.stale-${process.pid}`;
  try {
    fs.renameSync(file, aside);
  } catch {
    return false; // someone else moved it: look again
  }
  const moved = readHolder(aside);
  const same = stale === 'unreadable' ? moved === 'unreadable' : typeof moved === 'object' && moved.pid === stale.pid && moved.startedAt === stale.startedAt;
  if (!same) {
    // We moved another starter's fresh lock: put it back unless a third one took the name.
    try {
      fs.linkSync(aside, file);
    } catch {
      // a lock exists again; the loop reads it
    }
  }
  fs.rmSync(aside, { force: true });
  return same;
}

function heldLock(file: string, me: LockHolder, tookOverFrom: LockHolder | undefined): HeldLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    const holder = readHolder(file);
    if (typeof holder === 'object' && holder.pid === me.pid && holder.startedAt === me.startedAt) fs.rmSync(file, { force: true });
  };
  // A forced exit (second Ctrl-C, process.exit) still frees the lock; only SIGKILL leaves it stale.
  process.on('exit', release);
  return { file, tookOverFrom, release };
}

/** True when the holder's process still runs (and is the same process, not a reused pid). */
export function isAlive(holder: LockHolder): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (holder.processStart) {
    const now = processStartTime(holder.pid);
    if (now && now !== holder.processStart) return false;
  }
  return true;
}

/** Linux: field 22 of /proc/<pid>/stat (start time in clock ticks since boot); undefined elsewhere. */
function processStartTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return Infinity;
  }
}

/** "pid 1234, started 2026-12-01 22:30:01 (4 min ago): samverkan up --journal …" */
export function describeHolder(holder: LockHolder): string {
  const started = new Date(holder.startedAt);
  const minutes = Math.round((Date.now() - started.getTime()) / 60_000);
  const ago = Number.isNaN(minutes) ? '' : minutes < 1 ? ' (under a minute ago)' : ` (${minutes} min ago)`;
  return `pid ${holder.pid}, started ${holder.startedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}${ago}: ${holder.command}`;
}

function heldMessage(options: AcquireOptions, holder: LockHolder, file: string): string {
  return (
    `${options.what} is in use by another samverkan process: ${describeHolder(holder)} (lock ${file}). ` +
    `Stop that one first (Ctrl-C in its terminal, or kill ${holder.pid})${options.alternative ? `, ${options.alternative}` : ''}.`
  );
}
