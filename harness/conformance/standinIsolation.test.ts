/**
 * The stand-in journal system is written from the WSDL/XSD alone: it imports Node's own modules,
 * @xmldom/xmldom and its own files, never samverkan's simulators, harness, scenarios or reports
 * (else it could not show that the suite judges a journal system it knows nothing about).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';

const STANDIN_DIR = fileURLToPath(new URL('../../standin/journal-system/', import.meta.url));
const ALLOWED_PACKAGES = new Set(['@xmldom/xmldom']);

/** Module specifiers of every static import, dynamic import, `export … from` and require in `source`. */
export function importSpecifiers(source: string): string[] {
  const patterns = [/\bimport\s+(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/g, /\bexport\s+[^'"]*?\sfrom\s+['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  return patterns.flatMap((p) => [...source.matchAll(p)].map((m) => m[1]!));
}

/** Why `specifier`, imported by `file`, is not allowed in the stand-in; undefined when it is. */
export function forbiddenImport(file: string, specifier: string, root = STANDIN_DIR): string | undefined {
  if (specifier.startsWith('node:') || builtinModules.includes(specifier)) return undefined;
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = resolve(dirname(file), specifier);
    const inside = !relative(root, target).startsWith('..');
    return inside ? undefined : `${relative(root, file)} imports ${specifier}, outside standin/journal-system/`;
  }
  const pkg = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
  return ALLOWED_PACKAGES.has(pkg) ? undefined : `${relative(root, file)} imports the package ${specifier}; the stand-in may use ${[...ALLOWED_PACKAGES].join(', ')} and Node's own modules`;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(m?js|cjs|ts)$/.test(name) ? [path] : [];
  });
}

test('the stand-in journal system imports nothing of samverkan', () => {
  const files = sourceFiles(STANDIN_DIR);
  expect(files.map((f) => relative(STANDIN_DIR, f)).sort()).toEqual(expect.arrayContaining(['main.js', 'receiver.js']));
  const problems = files.flatMap((file) => importSpecifiers(readFileSync(file, 'utf8')).map((s) => forbiddenImport(file, s)).filter(Boolean));
  expect(problems).toEqual([]);
});

test('the import check catches an import of samverkan code, an unknown package and a path out of the folder', () => {
  const source = [
    "import { CONTRACTS } from '../../simulators/kit/contracts/contracts.js';",
    "import {\n  startTopology,\n} from '../../harness/topology/startTopology.js';",
    "export { x } from '../../reports/x.js';",
    "const m = await import('mockttp');",
    "import http from 'node:http';",
    "import { DOMParser } from '@xmldom/xmldom';",
    "import { receiver } from './receiver.js';",
  ].join('\n');
  const file = join(STANDIN_DIR, 'main.js');
  const specifiers = importSpecifiers(source);
  expect(specifiers).toEqual(['../../simulators/kit/contracts/contracts.js', '../../harness/topology/startTopology.js', 'node:http', '@xmldom/xmldom', './receiver.js', '../../reports/x.js', 'mockttp']);
  expect(specifiers.map((s) => forbiddenImport(file, s) !== undefined)).toEqual([true, true, false, false, false, true, true]);
});
