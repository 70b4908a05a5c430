/**
 * `samverkan session start --catch-up-trigger`: a session against an external journal system runs
 * the conformance suite as one of its cases (auto-journalkrav) and passes it the trigger, so the
 * catch-up (JR-O02) is judged; without the trigger it is not judged. The trigger is kept in the
 * session (resume reads it from there) and shown in its protocol.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { requireSchemaRoot } from '../../simulators/kit/contracts/schemaRoot.js';
import { startStandinJournalSystem } from '../conformance/standinProcess.js';
import { openSession } from '../sessions/store/sessionFolders.js';
import { runCommandInProcess } from './cliTestSupport.js';
import { sessionCommand } from './sessionCommand.js';

const samverkan = (argv: string[]) => runCommandInProcess(sessionCommand, argv);

const dirs: string[] = [];
test.afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function sessionsDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-cli-'));
  dirs.push(dir);
  return dir;
}

/** The id of the one session in `dir`. */
function onlySession(dir: string): string {
  const [id] = fs.readdirSync(dir).filter((n) => fs.statSync(path.join(dir, n)).isDirectory());
  if (!id) throw new Error(`no session in ${dir}`);
  return id;
}

const base = ['session', 'start', '--vendor-group', 'takecare', '--region', 'stockholm-gotland', '--only', 'auto-journalkrav', '--requirement', 'JR-O02', '--no-input'];

test.describe('samverkan session start --catch-up-trigger', () => {
  test.setTimeout(300_000);

  test('--help documents it; a bad URL, or a trigger without an external journal system, is refused before anything starts', async () => {
    const help = await samverkan(['session', 'start', '--help']);
    expect(help.out).toContain('--catch-up-trigger');
    expect(help.out.replace(/\s+/g, ' ')).toContain('ListCertificatesForCareWithQA v3 (JR-O02; not judged without it)');

    const dir = sessionsDir();
    const notLoopback = await samverkan([...base, '--journal', 'external:http://127.0.0.1:9', '--catch-up-trigger', 'http://example.org/catch-up', '--sessions-dir', dir]);
    expect(notLoopback).toMatchObject({ code: 1, err: expect.stringContaining('--catch-up-trigger "http://example.org/catch-up" must be an http://127.0.0.1 URL') });
    const notUrl = await samverkan([...base, '--journal', 'external:http://127.0.0.1:9', '--catch-up-trigger', 'catch-up', '--sessions-dir', dir]);
    expect(notUrl).toMatchObject({ code: 1, err: expect.stringContaining('--catch-up-trigger "catch-up" must be an http://127.0.0.1 URL') });
    const simulated = await samverkan([...base, '--journal', 'sim', '--catch-up-trigger', 'http://127.0.0.1:9/catch-up', '--sessions-dir', dir]);
    expect(simulated).toMatchObject({ code: 1, err: expect.stringContaining('--catch-up-trigger belongs to your journal system (--journal external:<url>)') });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('against the stand-in: with the trigger JR-O02 is passed (kept in the session, shown in the protocol), without it not judged', async () => {
    const standin = await startStandinJournalSystem({ schemaRoot: requireSchemaRoot() });
    try {
      const trigger = `${standin.url}/catch-up`;
      const withDir = sessionsDir();
      const withTrigger = await samverkan([...base, '--journal', `external:${standin.url}`, '--catch-up-trigger', trigger, '--sessions-dir', withDir]);
      expect(withTrigger.err).toBe('');
      expect(withTrigger.code).toBe(0);
      expect(withTrigger.out).toMatch(/JR-O02 GODKÄND 2 updates ended in FAILURE/);
      const id = onlySession(withDir);
      const store = openSession(withDir, id);
      try {
        expect(store.session.catchUpTrigger).toBe(trigger);
        expect(store.result('auto-journalkrav')).toMatchObject({ outcome: 'passed', recordedBy: 'samverkan', comment: expect.stringContaining(`Catch-up-trigger: ${trigger}.`) });
      } finally {
        store.close();
      }
      const protocol = fs.readFileSync(path.join(withDir, id, 'protokoll.html'), 'utf8');
      expect(protocol).toContain('Catch-up-trigger (JR-O02)');
      expect(protocol).toContain(trigger);

      const withoutDir = sessionsDir();
      const without = await samverkan([...base, '--journal', `external:${standin.url}`, '--sessions-dir', withoutDir]);
      expect(without.code).toBe(0);
      expect(without.out).toMatch(/JR-O02 EJ BEDÖMD not judged: no catch-up trigger was given/);
      const other = openSession(withoutDir, onlySession(withoutDir));
      try {
        expect(other.session.catchUpTrigger).toBeUndefined();
        expect(other.result('auto-journalkrav')).toMatchObject({ outcome: 'passed', comment: expect.stringContaining('Catch-up-trigger: ingen') });
      } finally {
        other.close();
      }
    } finally {
      await standin.stop();
    }
  });
});
