/**
 * Bad input to the session commands is refused before anything starts, with what is wrong and the
 * valid choices: an unknown vendor group or region, a malformed data file, a session that does not
 * exist, a --journal that is neither sim nor external:<url>.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { main } from '../../harness/cli/main.js';
import { DEFAULT_DATA_DIR } from '../../harness/sessions/data/referenceData.js';
import { samverkan } from './sessionSteps.js';

let root: string;
test.beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'samverkan-bad-input-'));
});
test.afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs the CLI in this process and returns its exit code and what it printed as errors. */
async function cli(...argv: string[]): Promise<{ code: number; err: string }> {
  const err: string[] = [];
  const original = console.error;
  console.error = (...parts: unknown[]) => void err.push(parts.join(' '));
  try {
    return { code: await main(argv), err: err.join('\n') };
  } finally {
    console.error = original;
  }
}

test('session start refuses an unknown vendor group, region or --journal with the valid choices, and starts nothing', { tag: ['@session'] }, async () => {
  const sessions = join(root, 'sessions');
  const group = await cli('session', 'start', '--vendor-group', 'epic', '--region', 'varmland', '--sessions-dir', sessions);
  expect(group).toEqual({ code: 1, err: expect.stringContaining('samverkan: unknown vendor group "epic"; valid choices: cerner (Cerner), cgm-j4 (CGM J4), cosmic (Cosmic), evimeria (Evimeria), kliniken (Kliniken), sussa (Sussa), takecare (TakeCare/Asynja Visph), vas (VAS).') });
  const region = await cli('session', 'start', '--vendor-group', 'takecare', '--region', 'narnia', '--sessions-dir', sessions);
  expect(region).toEqual({ code: 1, err: expect.stringContaining('unknown region "narnia"; valid choices for TakeCare/Asynja Visph: stockholm-gotland (Region Stockholm och Region Gotland), capio-st-goran-agent (Capio S:t Görans sjukhus (agent))') });
  const journal = await cli('session', 'start', '--vendor-group', 'takecare', '--region', 'stockholm-gotland', '--journal', 'ftp://journal', '--sessions-dir', sessions);
  expect(journal).toEqual({ code: 1, err: expect.stringContaining('--journal "ftp://journal" is not valid; valid choices: sim, external:<url>') });
  const only = await cli('session', 'start', '--vendor-group', 'takecare', '--region', 'stockholm-gotland', '--only', 'dansa', '--sessions-dir', sessions);
  expect(only).toEqual({ code: 1, err: expect.stringContaining('--only names "dansa", which the plan for TakeCare/Asynja Visph / Region Stockholm och Region Gotland does not have; valid choices: start-miljo,') });
  expect(existsSync(sessions) ? readdirSync(sessions) : []).toEqual([]);
});

test('a malformed data file is refused with the file, the line and the valid choices', { tag: ['@session'] }, async () => {
  const data = join(root, 'data');
  cpSync(DEFAULT_DATA_DIR, data, { recursive: true });
  const file = join(data, 'vendor-groups.json');
  const text = readFileSync(file, 'utf8');
  const line = text.split('\n').findIndex((l) => l.includes('"eidAppPackage": "A-OOB"')) + 1;
  writeFileSync(file, text.replace('"eidAppPackage": "A-OOB"', '"eidAppPackage": "OOB"'));
  const refused = await cli('session', 'start', '--vendor-group', 'evimeria', '--region', 'evimeria-agent', '--data', data, '--sessions-dir', join(root, 'sessions'));
  expect(refused.code).toBe(1);
  expect(refused.err).toContain(`vendor-groups.json:${line}: vendorGroups[3].profile.eidAppPackage is "OOB", which is not one of the valid choices; valid choices: A, A-OOB, B`);
  writeFileSync(file, text.replace('"vendorGroups": [', '"vendorGroups": [,'));
  const broken = await cli('matrix', '--data', data, '--sessions-dir', join(root, 'sessions'), '--out', join(root, 'matris'));
  expect(broken).toEqual({ code: 1, err: expect.stringMatching(/vendor-groups\.json:\d+: not valid JSON: expected a value, found ","/) });
});

test('resume and report refuse a session that does not exist, naming the ones there are', { tag: ['@session'] }, async () => {
  const empty = await cli('session', 'resume', '20990101-0000-cosmic-varmland', '--sessions-dir', join(root, 'inga'));
  expect(empty).toEqual({ code: 1, err: expect.stringContaining('no session "20990101-0000-cosmic-varmland" in') });
  expect(empty.err).toContain('there are no sessions yet: start one with  npx samverkan session start --vendor-group <g> --region <r>');
  const report = await cli('session', 'report', 'nope', '--sessions-dir', join(root, 'inga'));
  expect(report.code).toBe(1);
});

test('the samverkan command itself exits with the refusal and its choices', { tag: ['@session'] }, async () => {
  const run = samverkan(['session', 'start', '--vendor-group', 'cosmic', '--region', 'narnia'], join(root, 'cli-sessions'));
  expect((await run.exited).code).toBe(1);
  expect(run.output()).toContain('samverkan: unknown region "narnia"; valid choices for Cosmic: varmland (Region Värmland), uppsala (Region Uppsala)');
  expect(existsSync(join(root, 'cli-sessions'))).toBe(false);
});
