/** The state file's layout: what a new file is made with (docs/decisions/0039). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { WEBCERT_STATE_SCHEMA_VERSION, WebcertState } from './webcertState.js';

test.describe('Webcert state file', () => {
  test('a new file numbers its rows without a sqlite_sequence to write with every insert; the numbers go on after a reopen', () => {
    const dir = mkdtempSync(join(tmpdir(), 'samverkan-webcert-state-'));
    try {
      const file = join(dir, 'webcert.sqlite');
      const insert = (state: WebcertState, id: string) =>
        state.writeStatement(() =>
          state.db
            .prepare("INSERT INTO certificate (id, person_id, type_code, care_provider_id, unit_id, status, created_at, data) VALUES (?, '191212121212', 'LISJP', 'VG', 'VE', 'DRAFT_INCOMPLETE', 0, '{}')")
            .run(id),
        );
      const first = WebcertState.open(file);
      insert(first, 'c-1');
      insert(first, 'c-2');
      first.close();
      const again = WebcertState.open(file);
      expect(again.db.pragma('user_version', { simple: true })).toBe(WEBCERT_STATE_SCHEMA_VERSION);
      insert(again, 'c-3');
      again.commit();
      const tables = again.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
      expect(tables).not.toContain('sqlite_sequence');
      expect(again.db.prepare('SELECT id, seq FROM certificate ORDER BY seq').all()).toEqual([
        { id: 'c-1', seq: 1 },
        { id: 'c-2', seq: 2 },
        { id: 'c-3', seq: 3 },
      ]);
      again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a file of a newer schema is refused, saying which schema it has and what to do', () => {
    const dir = mkdtempSync(join(tmpdir(), 'samverkan-webcert-state-'));
    try {
      const file = join(dir, 'webcert.sqlite');
      const state = WebcertState.open(file);
      state.db.pragma(`user_version = ${WEBCERT_STATE_SCHEMA_VERSION + 1}`);
      state.close();
      expect(() => WebcertState.open(file)).toThrow(
        `it was written with schema ${WEBCERT_STATE_SCHEMA_VERSION + 1}, this samverkan reads schema ${WEBCERT_STATE_SCHEMA_VERSION}; delete it (its drafts and pending resends are lost) or name another file.`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
