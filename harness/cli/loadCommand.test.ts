import { expect, test } from '@playwright/test';
import net from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { removeTempDirs, runCli, tempDir } from './cliTestSupport.js';
import { parseShards, parseSpeed } from './loadCommand.js';

test.afterAll(removeTempDirs);

/** A loopback port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test.describe('samverkan load refuses bad input at once, with the valid choices', () => {
  test('an unknown month, region, speed or journal, and an unreachable journal system; nothing is started or written', async () => {
    // Six CLI starts on a shared machine.
    test.setTimeout(15 * 60_000);
    const stateDir = tempDir('samverkan-load-bad-');
    const state = ['--state-dir', join(stateDir, 'run')];
    const month = await runCli(['load', '--month', '2022-06', ...state]);
    expect(month.code).toBe(1);
    expect(month.output).toContain('no statistics for the month "2022-06"; valid months: 2022-04, 2022-05');

    const region = await runCli(['load', '--month', '2022-05', '--regions', 'varmland', 'atlantis', ...state]);
    expect(region.code).toBe(1);
    expect(region.output).toMatch(/unknown region "atlantis" for 2022-05; valid regions: .*varmland/);

    const speed = await runCli(['load', '--month', '2022-05', '--speed', 'fast', ...state]);
    expect(speed.code).toBe(1);
    expect(speed.output).toContain('use max (as fast as it goes) or a factor such as 100x');

    const journal = await runCli(['load', '--month', '2022-05', '--journal', 'elsewhere', ...state]);
    expect(journal.code).toBe(1);
    expect(journal.output).toContain('use sim (the journal-system simulator) or external:<url>');

    const port = await closedPort();
    const unreachable = await runCli(['load', '--month', '2022-05', '--regions', 'varmland', '--journal', `external:http://127.0.0.1:${port}`, ...state]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.output).toContain(`the journal system at http://127.0.0.1:${port}/clinicalprocess/healthcond/certificate/CertificateStatusUpdateForCare/3/rivtabp21 cannot be reached (ECONNREFUSED)`);

    const resume = await runCli(['load', '--month', '2022-05', '--resume', ...state]);
    expect(resume.code).toBe(1);
    expect(resume.output).toContain('nothing to resume in');
    expect(existsSync(join(stateDir, 'run', 'load.sqlite'))).toBe(false);
  });

  test('--shards: a whole number from 1 to 64, anything else refused before anything starts', async () => {
    test.setTimeout(5 * 60_000);
    expect(parseShards(undefined)).toBeUndefined();
    expect(parseShards('2')).toBe(2);
    for (const bad of ['0', '65', '1.5', 'two', '-1', '']) expect(() => parseShards(bad), bad).toThrow(`--shards "${bad}" is not a number of shards; give a whole number from 1 to 64`);
    const stateDir = tempDir('samverkan-load-shards-bad-');
    const shards = await runCli(['load', '--month', '2022-05', '--shards', 'two', '--state-dir', join(stateDir, 'run')]);
    expect(shards.code).toBe(1);
    expect(shards.output).toContain('--shards "two" is not a number of shards; give a whole number from 1 to 64');
    expect(existsSync(join(stateDir, 'run'))).toBe(false);
  });

  test('speeds: max, 100x, 100', () => {
    expect(parseSpeed('max')).toBe('max');
    expect(parseSpeed('100x')).toBe(100);
    expect(parseSpeed('2.5')).toBe(2.5);
    expect(() => parseSpeed('0x')).toThrow(/1x to 1000000x/);
  });
});
