import { test, expect } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLED_SCHEMA_ROOT, SCHEMA_ROOT_ENV, findSchemaRoot, requireSchemaRoot } from './schemaRoot.js';

function withEnv<T>(value: string | undefined, run: () => T): T {
  const saved = process.env[SCHEMA_ROOT_ENV];
  if (value === undefined) delete process.env[SCHEMA_ROOT_ENV];
  else process.env[SCHEMA_ROOT_ENV] = value;
  try {
    return run();
  } finally {
    if (saved === undefined) delete process.env[SCHEMA_ROOT_ENV];
    else process.env[SCHEMA_ROOT_ENV] = saved;
  }
}

test.describe('schema root', () => {
  test('without the variable it is the copy carried in the project, nothing beside the repository', () => {
    const root = withEnv(undefined, requireSchemaRoot);
    expect(root).toBe(BUNDLED_SCHEMA_ROOT);
    expect(root).toMatch(/simulators[\\/]kit[\\/]contracts[\\/]schemas$/);
    expect(existsSync(join(root, 'rivta', 'clinicalprocess-healthcond-certificate'))).toBe(true);
    expect(existsSync(join(root, 'LICENSE.md'))).toBe(true);
    expect(existsSync(join(root, 'ORIGIN.md'))).toBe(true);
    // The old name answers the same, never undefined.
    expect(withEnv(undefined, findSchemaRoot)).toBe(root);
  });

  test('the variable wins, and must point at a folder with rivta/', () => {
    const other = mkdtempSync(join(tmpdir(), 'samverkan-schemas-'));
    try {
      expect(() => withEnv(other, requireSchemaRoot)).toThrow(/SAMVERKAN_SCHEMAS=.* has no rivta\/ folder/);
      expect(() => withEnv(other, findSchemaRoot)).toThrow(/has no rivta\//);
      mkdirSync(join(other, 'rivta'));
      expect(withEnv(other, requireSchemaRoot)).toBe(other);
      // An empty value is the same as unset.
      expect(withEnv('', requireSchemaRoot)).toBe(BUNDLED_SCHEMA_ROOT);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
