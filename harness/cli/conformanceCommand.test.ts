import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { requireSchemaRoot } from '../../simulators/kit/contracts/schemaRoot.js';
import { startStandinJournalSystem } from '../conformance/standinProcess.js';
import { DEFAULT_PROBE_TIMEOUT_MS } from '../conformance/journalSystemProbe.js';
import { DEFAULT_NOTIFICATION_TIMEOUT_MS } from '../../simulators/webcert/webcertSimulator.js';
import { conformanceCommand, PROBE_TIMEOUT_S, WEBCERT_CLIENT_TIMEOUT_S } from './conformanceCommand.js';
import { runCommandInProcess } from './cliTestSupport.js';

/** Runs `samverkan <argv>` with the conformance command registered, as main.ts does; captures output. */
const samverkan = (argv: string[]) => runCommandInProcess(conformanceCommand, argv);

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const outDirs: string[] = [];
test.afterAll(() => outDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

test.describe('samverkan conformance', () => {
  test.setTimeout(120_000);

  test('a journal system that does not answer: a clear error before anything is sent', async () => {
    const port = await closedPort();
    const refused = await samverkan(['conformance', '--journal', `external:http://127.0.0.1:${port}`]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`the journal system at http://127.0.0.1:${port}/clinicalprocess/healthcond/certificate/CertificateStatusUpdateForCare/3/rivtabp21 refused the connection`);
    expect(refused.out).toBe('');

    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => void sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const silentPort = (silent.address() as net.AddressInfo).port;
      const hung = await samverkan(['conformance', '--journal', `external:http://127.0.0.1:${silentPort}/ws/status`, '--probe-timeout', '500ms']);
      expect(hung.code).toBe(1);
      expect(hung.err).toContain(`the journal system at http://127.0.0.1:${silentPort}/ws/status did not answer within 500 ms`);
    } finally {
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  test('bad input: the forms --journal takes, a requirement the suite does not have', async () => {
    const wrongForm = await samverkan(['conformance', '--journal', 'cosmic']);
    expect(wrongForm).toMatchObject({ code: 1, err: expect.stringContaining('use sim (the journal-system simulator) or external:<url>') });
    const missing = await samverkan(['conformance']);
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain('Missing required argument: journal');
    const unknown = await samverkan(['conformance', '--journal', 'sim', '--requirement', 'JR-S99']);
    expect(unknown).toMatchObject({ code: 1, err: expect.stringContaining('Unknown requirement JR-S99: the suite has JR-S01, JR-S02, JR-S03, JR-S04, JR-S05, JR-S06, JR-S07, JR-S08, JR-S09, JR-S10, JR-O02.') });
  });

  test('against the stand-in and its broken variant: verdicts printed, written with the traffic, exit code says whether all passed', async () => {
    const schemaRoot = requireSchemaRoot();
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'conformance-cli-'));
    outDirs.push(out);
    for (const broken of [false, true]) {
      const standin = await startStandinJournalSystem({ schemaRoot, broken });
      try {
        const result = await samverkan(['conformance', '--journal', `external:${standin.url}`, '--requirement', 'JR-S01', 'JR-S04', '--answer-bound', '15s', '--out', out]);
        expect(result.code).toBe(broken ? 1 : 0);
        expect(result.out).toContain(`the journal system at ${standin.url}/clinicalprocess/healthcond/certificate/CertificateStatusUpdateForCare/3/rivtabp21 answers (HTTP 200 to GET ?wsdl)`);
        expect(result.out).toMatch(/JR-S01 PASS 3 answers/);
        expect(result.out).toMatch(broken ? /JR-S04 FAIL SIGNAT of f again, byte-identical .*ERROR VALIDATION_ERROR/ : /JR-S04 PASS 7 answers/);
        expect(result.out).toContain(broken ? '2 requirements: 1 pass, 1 fail' : '2 requirements: 2 pass, 0 fail');
      } finally {
        await standin.stop();
      }
    }
    const runs = fs.readdirSync(out).sort();
    expect(runs.length).toBe(2);
    for (const run of runs) expect(fs.readdirSync(path.join(out, run)).sort()).toEqual(['conformance.json', 'conformance.md', 'traffic.jsonl']);
    const traffic = fs.readFileSync(path.join(out, runs[1]!, 'traffic.jsonl'), 'utf8').trim().split('\n');
    expect(traffic.length).toBe(3 + 7);
  });

  test('the catch-up (JR-O02): not judged without --catch-up-trigger (the run still exits 0), passed by the stand-in with it', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'conformance-cli-'));
    outDirs.push(out);
    const standin = await startStandinJournalSystem({ schemaRoot: requireSchemaRoot() });
    try {
      const base = ['conformance', '--journal', `external:${standin.url}`, '--requirement', 'JR-O02', '--answer-bound', '15s', '--out', out];
      const without = await samverkan(base);
      expect(without.code).toBe(0);
      expect(without.out).toMatch(/JR-O02 NOT-JUDGED not judged: no catch-up trigger was given \(--catch-up-trigger <url>\)/);
      expect(without.out).toContain('1 requirements: 0 pass, 0 fail, 1 not judged');
      const withTrigger = await samverkan([...base, '--catch-up-trigger', `${standin.url}/catch-up`]);
      expect(withTrigger.err).toBe('');
      expect(withTrigger.out).toMatch(/JR-O02 PASS 2 updates ended in FAILURE/);
      expect(withTrigger.out).toContain('1 requirements: 1 pass, 0 fail');
      expect(withTrigger.code).toBe(0);
      const refused = await samverkan([...base, '--catch-up-trigger', 'http://example.org/catch-up']);
      expect(refused).toMatchObject({ code: 1, err: expect.stringContaining('must be an http://127.0.0.1 URL') });
    } finally {
      await standin.stop();
    }
  });
});

test('npx samverkan conformance with an external URL that does not answer: exit 1 with the reason, nothing hangs', async () => {
  test.setTimeout(180_000);
  const port = await closedPort();
  const bin = fileURLToPath(new URL('../../bin/samverkan.js', import.meta.url));
  const run = spawnSync(process.execPath, [bin, 'conformance', '--journal', `external:http://127.0.0.1:${port}`], { encoding: 'utf8', timeout: 170_000 });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain(`samverkan: the journal system at http://127.0.0.1:${port}/clinicalprocess/healthcond/certificate/CertificateStatusUpdateForCare/3/rivtabp21 refused the connection (nothing listens on that port)`);
});

test('the option defaults (kept in the command so --help loads nothing heavy) equal the suite\'s own', () => {
  expect(WEBCERT_CLIENT_TIMEOUT_S * 1000).toBe(DEFAULT_NOTIFICATION_TIMEOUT_MS);
  expect(PROBE_TIMEOUT_S * 1000).toBe(DEFAULT_PROBE_TIMEOUT_MS);
});
