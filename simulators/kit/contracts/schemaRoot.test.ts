import { test, expect } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCHEMA_ROOT_ENV, findSchemaRoot, requireSchemaRoot } from './schemaRoot.js';

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
  test('without the variable it is ../shared/schemas beside the repository, when present', () => {
    const found = withEnv(undefined, findSchemaRoot);
    test.skip(found === undefined, 'No ../shared/schemas beside the repository: set SAMVERKAN_SCHEMAS to run this');
    expect(existsSync(join(found as string, 'rivta'))).toBe(true);
    expect(found).toMatch(/shared[\\/]schemas$/);
  });

  test('the variable wins, and must point at a folder with rivta/', () => {
    const beside = withEnv(undefined, findSchemaRoot);
    if (beside !== undefined) expect(withEnv(beside, findSchemaRoot)).toBe(beside);
    const empty = mkdtempSync(join(tmpdir(), 'samverkan-schemas-'));
    try {
      expect(() => withEnv(empty, findSchemaRoot)).toThrow(/SAMVERKAN_SCHEMAS=.* has no rivta\/ folder/);
      expect(() => withEnv(empty, requireSchemaRoot)).toThrow(/has no rivta\//);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
