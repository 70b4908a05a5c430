/**
 * Where the real RIV-TA XSD/WSDL files are: the "schema root", the folder that contains `rivta/`.
 */

import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Environment variable that points at the schema root. */
export const SCHEMA_ROOT_ENV = 'SAMVERKAN_SCHEMAS';

function holdsRivta(folder: string): boolean {
  const rivta = join(folder, 'rivta');
  return existsSync(rivta) && statSync(rivta).isDirectory();
}

/** The folder holding package.json, found by walking up from this file. */
function repoRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The schema root: `$SAMVERKAN_SCHEMAS` if set, else `<repo root>/../shared/schemas` when that
 * holds `rivta/`, else `undefined`.
 * @throws Error when `SAMVERKAN_SCHEMAS` is set but has no `rivta/` folder.
 */
export function findSchemaRoot(): string | undefined {
  const fromEnv = process.env[SCHEMA_ROOT_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    const root = resolve(fromEnv);
    if (!holdsRivta(root)) {
      throw new Error(
        `${SCHEMA_ROOT_ENV}=${fromEnv} has no rivta/ folder: point it at the folder that ` +
          `contains rivta/clinicalprocess-healthcond-certificate/, or unset it.`,
      );
    }
    return root;
  }
  const repo = repoRoot();
  if (repo === undefined) return undefined;
  const beside = resolve(repo, '..', 'shared', 'schemas');
  return holdsRivta(beside) ? beside : undefined;
}

/**
 * The schema root, or an error saying how to provide one.
 * @throws Error when no schema root can be found.
 */
export function requireSchemaRoot(): string {
  const root = findSchemaRoot();
  if (root === undefined) {
    throw new Error(
      `No RIV-TA schemas found: set ${SCHEMA_ROOT_ENV} to the folder that contains rivta/ ` +
        `(or place them in ../shared/schemas beside the repository).`,
    );
  }
  return root;
}
