import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { acquireLock, LockHeldError, lockHolder } from './processLock.js';
import { removeTempDirs, tempDir } from './cliTestSupport.js';

test.afterAll(removeTempDirs);

/** The pid of a process that has ended. */
function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ['-e', '']);
  return pid!;
}

test.describe('process lock', () => {
  test('a held lock is refused naming the holder; released, it is free again', () => {
    const file = path.join(tempDir('lock-'), 'up.lock');
    const held = acquireLock(file, { what: 'the state folder X', command: 'samverkan up', alternative: 'or use another --state-dir' });
    expect(lockHolder(file)).toMatchObject({ pid: process.pid, command: 'samverkan up' });
    let refusal: unknown;
    try {
      acquireLock(file, { what: 'the state folder X' });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(LockHeldError);
    expect((refusal as Error).message).toMatch(new RegExp(`^the state folder X is in use by another samverkan process: pid ${process.pid}, started .*: samverkan up \\(lock ${file}\\)\\. Stop that one first \\(Ctrl-C in its terminal, or kill ${process.pid}\\)\\.$`));
    held.release();
    expect(fs.existsSync(file)).toBe(false);
    held.release();
    acquireLock(file, { what: 'the state folder X' }).release();
  });

  test('a lock whose process is gone (or whose pid now belongs to another process) is taken over and says whose it was', () => {
    const file = path.join(tempDir('lock-'), 'journal.sqlite.lock');
    const stale = { pid: deadPid(), command: 'samverkan up --journal j', startedAt: '2026-12-01T08:00:00.000Z' };
    fs.writeFileSync(file, JSON.stringify(stale));
    expect(lockHolder(file)).toBeUndefined();
    const held = acquireLock(file, { what: 'the journal' });
    expect(held.tookOverFrom).toEqual(stale);
    expect(lockHolder(file)?.pid).toBe(process.pid);
    held.release();

    // A live pid with another start time is a reused pid, not the holder.
    fs.writeFileSync(file, JSON.stringify({ ...stale, pid: process.pid, processStart: '1' }));
    const again = acquireLock(file, { what: 'the journal' });
    expect(again.tookOverFrom?.processStart).toBe('1');
    again.release();
  });
});
