/**
 * Where sessions live: one folder per session under `reports/out/sessions/` (or `--sessions-dir`,
 * or SAMVERKAN_SESSIONS_DIR), named by its id, holding `session.sqlite` and everything the session
 * produced (runs, report, protocol).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STORE_FILE, SessionStore } from './sessionStore.js';
import type { CaseResult, SessionRecord } from './sessionRecord.js';

/** `<repo>/reports/out/sessions` */
export const DEFAULT_SESSIONS_DIR = fileURLToPath(new URL('../../../reports/out/sessions', import.meta.url));

/** The sessions folder: the option, else SAMVERKAN_SESSIONS_DIR, else `<repo>/reports/out/sessions`. */
export function sessionsRoot(option?: string): string {
  return resolve(option ?? process.env.SAMVERKAN_SESSIONS_DIR ?? DEFAULT_SESSIONS_DIR);
}

/** A session that does not exist; the message lists the ones that do. */
export class UnknownSessionError extends Error {
  override name = 'UnknownSessionError';
}

/** `20261201-1015-cosmic-varmland`, with `-2`, `-3`, … when taken. */
export function newSessionId(root: string, now: Date, group: string, region: string): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const base = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}-${group}-${region}`;
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (!existsSync(join(root, id))) return id;
  }
}

/** Ids of every session under `root`, oldest first. */
export function sessionIds(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, STORE_FILE)))
    .map((d) => d.name)
    .sort();
}

/** Opens the session `id`. @throws {UnknownSessionError} naming the sessions there are */
export function openSession(root: string, id: string): SessionStore {
  if (!/^[\w.-]+$/.test(id) || !existsSync(join(root, id, STORE_FILE))) {
    const ids = sessionIds(root);
    throw new UnknownSessionError(
      `no session "${id}" in ${root}; ` +
        (ids.length ? `valid choices: ${ids.join(', ')}` : 'there are no sessions yet: start one with  npx samverkan session start --vendor-group <g> --region <r>'),
    );
  }
  return SessionStore.open(join(root, id));
}

/** What `session list` and `matrix` need of a session. */
export interface SessionSummary {
  record: SessionRecord;
  results: CaseResult[];
  /** Cases in the plan. */
  planned: number;
  finishedAt?: number;
}

/** Every session under `root`, oldest first. */
export function readSessions(root: string): SessionSummary[] {
  return sessionIds(root).map((id) => {
    const store = SessionStore.open(join(root, id));
    try {
      const record = store.session;
      const finished = store.meta('finishedAt');
      return {
        record,
        results: store.results(),
        planned: record.plan.entries.filter((e) => e.kind !== 'break').length,
        ...(finished && { finishedAt: Number(finished) }),
      };
    } finally {
      store.close();
    }
  });
}
