// A lean loader for the TypeScript sources: each .ts file is transpiled by swc alone, with the
// options ts-node derives from tsconfig.json for this project (transpile-only, swc, ESM, a `.js`
// specifier finds the `.ts` file). It leaves out ts-node and the TypeScript compiler, which the
// loader's thread would otherwise hold for the whole run, with every transpiled file and its
// source map (about 80 MB of RSS: docs/decisions/0034). Used by `samverkan load`, whose processes
// run for long and count their memory; type-checking stays `npm run typecheck`.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import swc from '@swc/core';

const OPTIONS = {
  swcrc: false,
  configFile: false,
  sourceMaps: 'inline',
  module: { type: 'es6' },
  jsc: {
    parser: { syntax: 'typescript', tsx: false, decorators: false, dynamicImport: true },
    target: 'es2022',
    keepClassNames: true,
    transform: { useDefineForClassFields: true },
  },
};

/** A relative `./x.js` that does not exist is `./x.ts`, as ts-node's explicit resolution has it. */
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    if (error?.code === 'ERR_MODULE_NOT_FOUND' && specifier.endsWith('.js') && /^(\.{1,2}\/|\/|file:)/.test(specifier)) {
      return next(`${specifier.slice(0, -3)}.ts`, context);
    }
    throw error;
  }
}

/**
 * A `.ts` file is an ES module transpiled by swc, on the loader's own thread: swc's asynchronous
 * `transform` runs on a pool of native threads, each keeping its own malloc arena, which held about
 * 30 MB more RSS in every process for the same files and no shorter start-up (docs/decisions/0041).
 */
export async function load(url, context, next) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
  const filename = fileURLToPath(url);
  const { code } = swc.transformSync(await readFile(filename, 'utf8'), { ...OPTIONS, filename });
  return { format: 'module', source: code, shortCircuit: true };
}
