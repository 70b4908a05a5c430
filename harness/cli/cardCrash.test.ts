import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { removeTempDirs, runCli, seededStateDir, startCli, until } from './cliTestSupport.js';

/**
 * `samverkan card create` killed with SIGKILL at the worst moments, as a real child process:
 * a card is in the store only when it is complete, and what a crash leaves is swept away.
 */
test.describe.configure({ mode: 'serial' });
test.afterAll(removeTempDirs);

const HSA_ID = 'SE2321000016-K001';
const create = (stateDir: string) => ['card', 'create', '--state-dir', stateDir, '--hsa-id', HSA_ID, '--given-name', 'Karin', '--surname', 'Krasch'];
const entries = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);

async function listCards(stateDir: string): Promise<Array<{ hsaId: string; certificates: Array<{ usage: string }>; problem?: string }>> {
  const { code, output } = await runCli(['card', 'list', '--state-dir', stateDir, '--json']);
  expect(code, output).toBe(0);
  return JSON.parse(output) as Array<{ hsaId: string; certificates: Array<{ usage: string }>; problem?: string }>;
}

/** True when a token labelled with the HSA-ID is in the store's token folder (SoftHSM2 keeps the label in token.object). */
function labelledTokenIn(tokens: string): boolean {
  return entries(tokens).some((dir) => {
    try {
      return fs.readFileSync(path.join(tokens, dir, 'token.object')).includes(HSA_ID);
    } catch {
      return false;
    }
  });
}

test('SIGKILL as soon as a token with the card\'s label is in the store leaves a complete card, never one without certificates', async () => {
  const stateDir = seededStateDir();
  const tokens = path.join(stateDir, 'softhsm', 'tokens');
  const cli = startCli(create(stateDir));
  await until(() => labelledTokenIn(tokens), `a token labelled ${HSA_ID} in ${tokens}`);
  cli.child.kill('SIGKILL');
  await cli.exited;

  const cards = await listCards(stateDir);
  expect(cards.map((c) => c.hsaId)).toEqual([HSA_ID]);
  expect(cards[0]!.problem, 'the card is listed half-made').toBeUndefined();
  expect(cards[0]!.certificates.map((c) => c.usage).sort()).toEqual(['authentication', 'signature']);
});

test('SIGKILL while the card is being made leaves no card; the next create sweeps the leftovers and makes it', async () => {
  // On a loaded machine the kill can land after the card was finished: then try again.
  let stateDir = '';
  let making = '';
  for (let attempt = 1; ; attempt++) {
    stateDir = seededStateDir();
    making = path.join(stateDir, 'softhsm', 'making');
    const cli = startCli(create(stateDir));
    await until(() => entries(making).length > 0, `a card being made in ${making}`);
    cli.child.kill('SIGKILL');
    await cli.exited;
    // Killed mid-way: the aside folder is left and nothing was moved into the store.
    if (entries(making).length === 1 && entries(path.join(stateDir, 'softhsm', 'tokens')).length === 0) break;
    if (attempt === 3) throw new Error(`three times the card was finished before SIGKILL landed; output: ${cli.output()}`);
  }

  expect(await listCards(stateDir)).toEqual([]);
  expect(entries(making), 'opening the store sweeps what the killed process left').toEqual([]);
  const again = await runCli(create(stateDir));
  expect(again.code, again.output).toBe(0);
  expect(again.output).toContain(`card ${HSA_ID} created`);
  const [card] = await listCards(stateDir);
  expect(card?.certificates.map((c) => c.usage).sort()).toEqual(['authentication', 'signature']);
  expect(entries(making)).toEqual([]);
});
