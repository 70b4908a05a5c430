// A lean loader for the TypeScript sources: each .ts file is transpiled by swc alone, with the
// options ts-node derives from tsconfig.json for this project (transpile-only, swc, ESM, a `.js`
// specifier finds the `.ts` file). It leaves out ts-node and the TypeScript compiler, which the
// loader's thread would otherwise hold for the whole run, with every transpiled file and its
// source map (about 80 MB of RSS: docs/decisions/0034). Used by `samverkan load`, whose processes
// run for long and count their memory; type-checking stays `npm run typecheck`.
//
// What swc made is kept in node_modules/.cache/samverkan-swc/ (docs/decisions/0052), so a process
// whose sources are all there never loads swc's native module: 20-odd MiB less RSS in every
// process and a shorter start. An entry is used only when it was made from the same source text,
// by the same swc with the same options; a cache that cannot be written is simply not used.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = process.env.SAMVERKAN_TRANSPILE_CACHE ?? join(root, 'node_modules', '.cache', 'samverkan-swc');
const swcVersion = createRequire(import.meta.url)('@swc/core/package.json').version;
/** What, besides the source text, decides swc's output: a change of either makes every entry stale. */
const TOOLING = `swc ${swcVersion} ${JSON.stringify(OPTIONS)}`;

let swc;
/** swc's native module, loaded at the first file the cache does not hold. */
async function transpiler() {
  swc ??= (await import('@swc/core')).default;
  return swc;
}

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
  const source = await readFile(filename, 'utf8');
  return { format: 'module', source: await transpiled(filename, source), shortCircuit: true };
}

/**
 * swc's output for `source`, from the cache when an entry of the same file was made from the same
 * text by the same tooling, else made now and kept. One entry per file (its name is the file
 * path's hash), so the cache holds the latest version of each source, not every edit.
 */
async function transpiled(filename, source) {
  const entry = join(cacheDir, `${digest(filename)}.js`);
  const key = `// ${digest(`${TOOLING}\n${filename}\n${source}`)}\n`;
  const cached = await readFile(entry, 'utf8').catch(() => undefined);
  // The key opens and closes an entry, so one cut short (a crash of the machine after the rename) is never used.
  if (cached && cached.length > 2 * key.length && cached.startsWith(key) && cached.endsWith(key)) return cached.slice(key.length, -key.length - 1);
  const { code } = (await transpiler()).transformSync(source, { ...OPTIONS, filename });
  await keep(entry, `${key}${code}\n${key}`);
  return code;
}

/** Writes an entry whole or not at all (another process may read it at the same moment). */
async function keep(entry, text) {
  const partial = `${entry}.${process.pid}.${Date.now()}.partial`;
  try {
    await mkdir(cacheDir, { recursive: true });
    await writeFile(partial, text);
    await rename(partial, entry);
  } catch {
    await rm(partial, { force: true }).catch(() => {});
    // No cache (a read-only install, a full disk): the next process transpiles again, nothing else changes.
  }
}

function digest(text) {
  return createHash('sha256').update(text).digest('hex');
}
