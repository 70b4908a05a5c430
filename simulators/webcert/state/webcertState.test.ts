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
            .prepare("INSERT INTO notification (id, certificate_id, event_code, logical_address, person_id, envelope, status, attempts) VALUES (?, 'c', 'SKAPAT', 'LA', '191212121212', '<e/>', 'SUCCESS', '[]')")
            .run(id),
        );
      const first = WebcertState.open(file);
      insert(first, 'n-1');
      insert(first, 'n-2');
      first.close();
      const again = WebcertState.open(file);
      expect(again.db.pragma('user_version', { simple: true })).toBe(WEBCERT_STATE_SCHEMA_VERSION);
      insert(again, 'n-3');
      again.commit();
      const tables = again.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
      expect(tables).not.toContain('sqlite_sequence');
      expect(again.db.prepare('SELECT id, seq FROM notification ORDER BY seq').all()).toEqual([
        { id: 'n-1', seq: 1 },
        { id: 'n-2', seq: 2 },
        { id: 'n-3', seq: 3 },
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
