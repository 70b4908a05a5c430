/**
 * Where the real RIV-TA XSD/WSDL files are: the "schema root", the folder that contains `rivta/`.
 * The project carries its own copy (`simulators/kit/contracts/schemas/`, see ORIGIN.md there), so
 * a clean clone validates messages with nothing beside it; `SAMVERKAN_SCHEMAS` points at another
 * copy of sklintyg/schemas instead.
 */

import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Environment variable that points at another schema root (a copy of sklintyg/schemas). */
export const SCHEMA_ROOT_ENV = 'SAMVERKAN_SCHEMAS';

/** The schema root carried in the project: third-party contract files with their licence and origin. */
export const BUNDLED_SCHEMA_ROOT = join(dirname(fileURLToPath(import.meta.url)), 'schemas');

function holdsRivta(folder: string): boolean {
  const rivta = join(folder, 'rivta');
  return existsSync(rivta) && statSync(rivta).isDirectory();
}

/**
 * The schema root: `$SAMVERKAN_SCHEMAS` when set, else the copy carried in the project. Never
 * undefined: a missing schema is a failure to report, not a reason to skip a check.
 * @throws Error when `SAMVERKAN_SCHEMAS` is set but has no `rivta/` folder, or when the project's
 *   own copy is missing (a broken checkout).
 */
export function requireSchemaRoot(): string {
  const fromEnv = process.env[SCHEMA_ROOT_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    const root = resolve(fromEnv);
    if (!holdsRivta(root)) {
      throw new Error(
        `${SCHEMA_ROOT_ENV}=${fromEnv} has no rivta/ folder: point it at the folder that ` +
          `contains rivta/clinicalprocess-healthcond-certificate/, or unset it to use the copy in the project.`,
      );
    }
    return root;
  }
  if (!holdsRivta(BUNDLED_SCHEMA_ROOT)) {
    throw new Error(
      `The project's copy of the RIV-TA schemas is missing (${join(BUNDLED_SCHEMA_ROOT, 'rivta')}): ` +
        `restore it (git checkout -- ${BUNDLED_SCHEMA_ROOT}) or set ${SCHEMA_ROOT_ENV} to a copy of sklintyg/schemas.`,
    );
  }
  return BUNDLED_SCHEMA_ROOT;
}

/**
 * @deprecated Use {@link requireSchemaRoot}. Kept so older callers compile; it never returns
 *   undefined any more, so a check guarded by it runs instead of being skipped.
 */
export function findSchemaRoot(): string {
  return requireSchemaRoot();
}
