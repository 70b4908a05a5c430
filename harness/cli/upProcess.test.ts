import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { defaultDirectory } from '../topology/defaultDirectory.js';
import { REPO_ROOT, removeTempDirs, runCli, seededStateDir, startCli, tempDir, until, type CliProcess } from './cliTestSupport.js';

/**
 * `samverkan up` as a real child process (loopback only): one running up per state folder and per
 * journal file, a SIGKILLed one's locks taken over, a half-made card repaired at start, and a stop
 * however it was started (directly, or through npm).
 */
test.describe.configure({ mode: 'serial' });
test.setTimeout(180_000);

const running: CliProcess[] = [];
/** Processes started indirectly (by npm), killed after each test if still there. */
const strays: number[] = [];
test.afterEach(async () => {
  for (const pid of strays.splice(0)) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  for (const cli of running.splice(0)) {
    if (cli.child.exitCode === null && cli.child.signalCode === null) {
      cli.child.kill('SIGKILL');
      await cli.exited;
    }
  }
});
test.afterAll(removeTempDirs);

const up = (stateDir: string, journal: string, env?: NodeJS.ProcessEnv) => {
  const cli = startCli(['up', '--state-dir', stateDir, '--journal', journal, '--clock', 'manual'], { env: { npm_command: '', ...env } });
  running.push(cli);
  return cli;
};
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('a second up on the same state folder or journal file is told which process holds it; a SIGKILLed one is taken over; a half-made card is repaired', async () => {
  const stateDir = seededStateDir();
  const journal = path.join(tempDir('samverkan-journal-'), 'journal.sqlite');
  const stateLock = path.join(stateDir, 'up.lock');

  const first = up(stateDir, journal);
  await test.step('the second up, started while the first makes its cards, is refused naming the first', async () => {
    await until(() => fs.existsSync(stateLock), 'the first up to lock its state folder');
    const second = await runCli(['up', '--state-dir', stateDir, '--journal', path.join(path.dirname(journal), 'other.sqlite')]);
    expect(second.code).toBe(1);
    expect(second.output).toContain(`the state folder ${stateDir} is in use by another samverkan process: pid ${first.pid}`);
    expect(second.output).toContain(`kill ${first.pid}`);
    expect(second.output).not.toMatch(/already exists|\n\s+at /);
  });
  await test.step('the first one starts normally', async () => {
    await first.waitFor(/Ctrl-C stops/);
    expect(first.output()).not.toContain('already exists');
  });
  await test.step('the same journal file with another state folder is refused too', async () => {
    const third = await runCli(['up', '--state-dir', seededStateDir(), '--journal', journal]);
    expect(third.code).toBe(1);
    expect(third.output).toContain(`the traffic journal ${journal} is in use by another samverkan process: pid ${first.pid}`);
  });

  const [doctor] = defaultDirectory().staff;
  await test.step('SIGKILL leaves the locks; a card is left half-made (a token without certificates)', async () => {
    first.child.kill('SIGKILL');
    await first.exited;
    expect(fs.existsSync(stateLock)).toBe(true);
    const tokens = path.join(stateDir, 'softhsm', 'tokens');
    fs.rmSync(path.join(tokens, doctor!.hsaId), { recursive: true });
    execFileSync('softhsm2-util', ['--init-token', '--free', '--label', doctor!.hsaId, '--so-pin', '12345678', '--pin', '1234'], {
      env: { ...process.env, SOFTHSM2_CONF: path.join(stateDir, 'softhsm', 'softhsm2.conf') },
      stdio: 'ignore',
    });
    const listed = await runCli(['card', 'list', '--state-dir', stateDir]);
    expect(listed.output).toContain(`HALF-MADE (no authentication or signature certificate)`);
    expect(listed.output).toContain(`samverkan card delete --hsa-id ${doctor!.hsaId}`);
  });
  await test.step('the next up takes the stale locks over, says so, and repairs the card', async () => {
    const next = up(stateDir, journal);
    await next.waitFor(/Ctrl-C stops/);
    expect(next.output()).toContain(`took over ${stateLock} from pid ${first.pid}`);
    expect(next.output()).toContain(`took over ${journal}.lock from pid ${first.pid}`);
    expect(next.output()).toContain(`card ${doctor!.hsaId} in ${path.join(stateDir, 'softhsm')} is half-made`);
    expect(next.output()).toContain(`repaired simulated SITHS card ${doctor!.hsaId}`);
    next.child.kill('SIGTERM');
    const { code, output } = await next.exited;
    expect(code, output).toBe(0);
    expect(output).toContain('samverkan: stopped');
    expect(fs.existsSync(stateLock), 'a stopped up frees its state folder').toBe(false);
    expect(fs.existsSync(`${journal}.lock`), 'and its journal file').toBe(false);
  });
  const listed = await runCli(['card', 'list', '--state-dir', stateDir, '--json']);
  const doctorCard = (JSON.parse(listed.output) as Array<{ hsaId: string; certificates: unknown[]; problem?: string }>).find((c) => c.hsaId === doctor!.hsaId);
  expect(doctorCard).toMatchObject({ certificates: [expect.anything(), expect.anything()] });
  expect(doctorCard?.problem).toBeUndefined();
});

for (const { how, command, args, signal } of [
  { how: 'npm run samverkan -- up', command: 'npm', args: ['run', '--silent', 'samverkan', '--', 'up'], signal: 'SIGTERM' as const },
  { how: 'npx samverkan up', command: 'npx', args: ['samverkan', 'up'], signal: 'SIGINT' as const },
]) {
  test(`${how} stops when the npm process alone gets ${signal} (it used to run on)`, async () => {
    const stateDir = seededStateDir();
    const journal = path.join(tempDir('samverkan-journal-'), 'journal.sqlite');
    const npm = startCli([...args, '--state-dir', stateDir, '--journal', journal, '--clock', 'manual'], { command, commandArgs: [], cwd: REPO_ROOT });
    running.push(npm);
    await npm.waitFor(/Ctrl-C stops/);
    const holder = JSON.parse(fs.readFileSync(path.join(stateDir, 'up.lock'), 'utf8')) as { pid: number };
    expect(holder.pid).not.toBe(npm.pid);
    strays.push(holder.pid);
    npm.child.kill(signal);
    await until(() => !isRunning(holder.pid), `samverkan up (pid ${holder.pid}) to stop after npm got ${signal}`, 30_000);
    const { output } = await npm.exited;
    expect(output).toContain('samverkan: stopped');
    expect(fs.existsSync(path.join(stateDir, 'up.lock')), 'it stopped cleanly and freed its lock').toBe(false);
  });
}
