/** What the traffic journal's tests share: a made-up exchange, ids of entries, temporary folders. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ExchangeRecord, JournalEntry } from './exchange.js';

const tempDirs: string[] = [];

/** A fresh temporary folder; {@link removeTempDirs} removes it (register it with `test.afterAll`). */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-'));
  tempDirs.push(dir);
  return dir;
}

/** Removes every folder {@link tempDir} made. */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A status update from Webcert to the journal system, with `overrides`. */
export function exchange(overrides: Partial<ExchangeRecord> = {}): ExchangeRecord {
  return {
    side: 'outbound',
    fromParty: 'webcert',
    toParty: 'journal',
    operation: 'CertificateStatusUpdateForCare',
    method: 'POST',
    url: 'http://127.0.0.1:4000/status',
    startedAt: 1_700_000_000_000,
    durationMs: 12,
    outcome: 'ok',
    ...overrides,
  };
}

/** The ids of `entries`, in their order. */
export const ids = (entries: JournalEntry[]): number[] => entries.map((e) => e.id);
