#!/usr/bin/env node
// Entry point of the samverkan CLI: runs the TypeScript sources through a lean ESM loader
// (bin/swcLoader.js: each file transpiled by swc alone, as ts-node's transpile-only swc mode does,
// without ts-node and the TypeScript compiler: `--help` in about half the time, 80 MB less RSS;
// docs/decisions/0034 and 0037); type-checking is `npm run typecheck` (part of `npm test`), never
// done at run time.
//
// Before anything else, the two guards every command shares:
// - a reader that goes away (`samverkan card list | head -3`) ends output quietly, never with an
//   EPIPE stack trace;
// - an error nobody caught is one line saying what failed; SAMVERKAN_DEBUG=1 adds the stack trace.
import { register } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const debug = Boolean(process.env.SAMVERKAN_DEBUG);

for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    // The reader closed the pipe: whatever is still written goes nowhere, the command runs on.
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
    fail(error);
  });
}

function fail(error) {
  try {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`samverkan: unexpected error: ${message}\n`);
    process.stderr.write(debug ? `${error?.stack ?? error}\n` : 'samverkan: run again with SAMVERKAN_DEBUG=1 to see where it happened.\n');
  } catch {
    // stderr is gone too
  }
  process.exit(1);
}
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
try {
  // `load` as the user starts it runs its replay's processes from a parent that loads no
  // TypeScript (bin/loadLauncher.js, docs/decisions/0043); everything else runs on the loader.
  const launcher = argv[0] === 'load' ? await import('./loadLauncher.js') : undefined;
  if (launcher?.isLoadLaunch(argv)) {
    process.exitCode = await launcher.launchLoad(argv);
  } else {
    // Stack traces name the .ts lines (the loader's inline source maps).
    process.setSourceMapsEnabled(true);
    register('./swcLoader.js', import.meta.url);
    const { main } = await import(pathToFileURL(join(root, 'harness/cli/main.ts')).href);
    process.exitCode = await main(argv);
  }
} catch (error) {
  fail(error);
}
