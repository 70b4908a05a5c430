#!/usr/bin/env node
// Entry point of the samverkan CLI: runs the TypeScript sources through ts-node's ESM loader
// (transpile-only, see tsconfig.json "ts-node"); type-checking is `npm run typecheck`.
import { register } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.env.TS_NODE_PROJECT ??= join(root, 'tsconfig.json');
register('ts-node/esm', pathToFileURL(`${root}/`));
const { main } = await import(pathToFileURL(join(root, 'harness/cli/main.ts')).href);
process.exitCode = await main(process.argv.slice(2));
