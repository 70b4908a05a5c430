import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, removeTempDirs, startCli, tempDir } from './cliTestSupport.js';

/**
 * The loader's cache of swc's output (bin/swcLoader.js, docs/decisions/0052), through real node
 * processes: what a user sees (stack lines naming the .ts source) and what the process holds
 * (swc's native module mapped into it or not, read from /proc/self/maps).
 */
test.afterAll(removeTempDirs);

const LOADER = pathToFileURL(path.join(REPO_ROOT, 'bin', 'swcLoader.js')).href;

/** A node process that registers the loader, imports `file` and prints where its error came from and whether swc was loaded. */
async function importThroughLoader(file: string, cacheDir: string) {
  const script = `
    const { register } = require('node:module');
    register(${JSON.stringify(LOADER)});
    import(${JSON.stringify(pathToFileURL(file).href)}).catch((error) => {
      const where = error.stack.split('\\n')[1].trim();
      const swcLoaded = require('node:fs').readFileSync('/proc/self/maps', 'utf8').includes('swc');
      console.log(JSON.stringify({ message: error.message, where, swcLoaded }));
    });`;
  const run = startCli(['--enable-source-maps', '-e', script], { commandArgs: [], env: { SAMVERKAN_TRANSPILE_CACHE: cacheDir } });
  const { code, output } = await run.exited;
  expect(code, output).toBe(0);
  return JSON.parse(output.trim().split('\n').pop()!) as { message: string; where: string; swcLoaded: boolean };
}

const source = (message: string) => `type Count = number;\nconst unused: Count = 1;\n\n\nexport function fail(): never {\n  throw new Error(${JSON.stringify(message)});\n}\nfail();\n`;

test('a second process takes the transpiled file from the cache without loading swc, and its stack still names the .ts line', async () => {
  const dir = tempDir('transpile-cache-');
  const cacheDir = path.join(dir, 'cache');
  const file = path.join(dir, 'failing.ts');
  fs.writeFileSync(file, source('first'));

  const cold = await importThroughLoader(file, cacheDir);
  expect(cold).toEqual({ message: 'first', where: `at fail (${file}:6:9)`, swcLoaded: true });
  expect(fs.readdirSync(cacheDir).filter((name) => name.endsWith('.js'))).toHaveLength(1);

  const warm = await importThroughLoader(file, cacheDir);
  expect(warm).toEqual({ message: 'first', where: `at fail (${file}:6:9)`, swcLoaded: false });
});

test('an edited source is transpiled again, and an entry cut short is never used', async () => {
  const dir = tempDir('transpile-cache-');
  const cacheDir = path.join(dir, 'cache');
  const file = path.join(dir, 'failing.ts');
  fs.writeFileSync(file, source('before the edit'));
  await importThroughLoader(file, cacheDir);

  fs.writeFileSync(file, source('after the edit'));
  expect(await importThroughLoader(file, cacheDir)).toMatchObject({ message: 'after the edit', swcLoaded: true });
  const entries = fs.readdirSync(cacheDir);
  expect(entries).toHaveLength(1);
  const entry = path.join(cacheDir, entries[0]!);

  fs.writeFileSync(entry, fs.readFileSync(entry, 'utf8').slice(0, 200));
  expect(await importThroughLoader(file, cacheDir)).toMatchObject({ message: 'after the edit', where: `at fail (${file}:6:9)`, swcLoaded: true });
});
