import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { cardCommand } from './cardCommand.js';
import { runCommandInProcess } from './cliTestSupport.js';

/** Runs `samverkan <argv>` with only the card command registered, as main.ts does; captures output. */
const samverkan = (argv: string[]) => runCommandInProcess(cardCommand, argv);

const tempDirs: string[] = [];
test.afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});
function stateDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'card-cli-'));
  tempDirs.push(dir);
  return dir;
}

test.describe('samverkan card', () => {
  test('--help names the subcommands and options', async () => {
    const help = await samverkan(['card', '--help']);
    expect(help.code).toBe(0);
    for (const word of ['card create', 'card list', 'card delete', '--state-dir', '.samverkan']) expect(help.out).toContain(word);
    const createHelp = await samverkan(['card', 'create', '--help']);
    for (const word of ['--hsa-id', '--given-name', '--surname', '--person-id', '--pin', '--so-pin', '[default: "1234"]']) expect(createHelp.out).toContain(word);
    const bare = await samverkan(['card']);
    expect(bare).toMatchObject({ code: 2, err: expect.stringContaining('Name a card command: create, list or delete') });
    const untouched = stateDir();
    const missing = await samverkan(['card', 'create', '--state-dir', untouched, '--given-name', 'A', '--surname', 'B']);
    expect(missing).toMatchObject({ code: 2, err: 'samverkan: Missing required argument: hsa-id' });
    expect(fs.readdirSync(untouched)).toEqual([]); // nothing created when the command was refused
  });

  test('create, list, delete, with clear refusals', async () => {
    const dir = stateDir();
    const at = ['--state-dir', dir];
    const empty = await samverkan(['card', 'list', ...at]);
    expect(empty.out).toContain('no cards in');

    const created = await samverkan(['card', 'create', ...at, '--hsa-id', 'SE2321000016-C003', '--given-name', 'Cecilia', '--surname', 'Kurator', '--person-id', '19121212-1212', '--pin', '4321']);
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
    expect(created.out).toContain('card SE2321000016-C003 created');
    expect(created.out).toMatch(/authentication\s+certificate/);
    expect(created.out).toMatch(/signature\s+certificate/);
    expect(fs.existsSync(path.join(dir, 'softhsm', 'softhsm2.conf'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'pki'))).toBe(true);

    const listed = await samverkan(['card', 'list', ...at, '--json']);
    expect(JSON.parse(listed.out)).toMatchObject([{ hsaId: 'SE2321000016-C003', givenName: 'Cecilia', surname: 'Kurator', personId: '19121212-1212', pin: { locked: false } }]);
    expect((await samverkan(['card', 'list', ...at])).out).toContain('SE2321000016-C003        Cecilia Kurator, 19121212-1212  PIN ok');

    const again = await samverkan(['card', 'create', ...at, '--hsa-id', 'SE2321000016-C003', '--given-name', 'C', '--surname', 'K']);
    expect(again).toMatchObject({ code: 1, err: expect.stringContaining('already exists') });
    expect((await samverkan(['card', 'create', ...at, '--hsa-id', 'SE2321000016-D004', '--given-name', 'D', '--surname', 'K', '--pin', '12'])).err).toContain('PIN must be 4 to 32');

    expect((await samverkan(['card', 'delete', ...at, '--hsa-id', 'SE2321000016-C003'])).out).toContain('deleted');
    const unknown = await samverkan(['card', 'delete', ...at, '--hsa-id', 'SE2321000016-C003']);
    expect(unknown).toMatchObject({ code: 1, err: expect.stringContaining('no card with HSA-ID SE2321000016-C003') });
    expect((await samverkan(['card', 'list', ...at])).out).toContain('no cards in');
  });

  test('a missing SoftHSM2 says how to install it', async () => {
    const missing = await samverkan(['card', 'list', '--state-dir', stateDir(), '--softhsm-module', '/nowhere/libsofthsm2.so']);
    expect(missing).toMatchObject({ code: 1, err: expect.stringContaining('apt-get install softhsm2 opensc') });
  });
});
