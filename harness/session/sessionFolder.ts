/**
 * A session folder: `<outRoot>/<timestamp>/`, one per main-job run, holding everything that run
 * produced (allure-results, test-results, rapport/, sammanfattning.md).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Local time, sortable and safe in file names: `2026-11-28T21-05-03`. */
export function sessionTimestamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}` +
    `T${p(date.getHours())}-${p(date.getMinutes())}-${p(date.getSeconds())}`
  );
}

/**
 * Creates `<outRoot>/<timestamp>/` and returns its path. Two sessions started in the same second
 * get `<timestamp>-2`, `-3`, … so a folder is never reused.
 */
export async function createSessionFolder(outRoot: string, now: Date): Promise<string> {
  await mkdir(outRoot, { recursive: true });
  const base = sessionTimestamp(now);
  for (let n = 1; n < 1000; n++) {
    const dir = join(outRoot, n === 1 ? base : `${base}-${n}`);
    try {
      await mkdir(dir);
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`Could not create a session folder under ${outRoot}: ${base} … ${base}-999 all exist.`);
}
