/**
 * Reading a journal of any size: a page at a time (a limit and a cursor), or as JSON Lines in
 * chunks. Neither ever holds more than one page or one chunk in memory, and neither keeps a
 * statement open between calls, so recording goes on while someone reads.
 */
import type Database from 'better-sqlite3';
import type { JournalEntry } from './exchange.js';
import { fromRow, type ExchangeRow } from './journalRows.js';

/** One page of entries, oldest first, and where the next page starts. */
export interface JournalPage {
  entries: JournalEntry[];
  /**
   * Pass as the next query's cursor (`afterId`) to read on; `null` when no entry after this page
   * matched when the page was read (new entries may arrive later: poll with `afterId`).
   */
  nextCursor: string | null;
}

/** Entries per page when the caller gives no limit. */
export const DEFAULT_PAGE_LIMIT = 100;
/** Most entries one page may hold. */
export const MAX_PAGE_LIMIT = 1000;
/** A page with bodies ends after the entry that brings its bodies past this many characters. */
export const DEFAULT_PAGE_BODY_CHARS = 8 * 1024 * 1024;
/** A JSON Lines chunk ends after the line that brings it past this many characters. */
export const EXPORT_CHUNK_CHARS = 1024 * 1024;
/** Rows one export statement reads at most before it is closed. */
const EXPORT_BATCH_ROWS = 1000;

/** A statement and its parameters for the rows after `afterId`, oldest first, at most `limit`. */
export type SelectAfter = (afterId: number, limit: number) => { stmt: Database.Statement; params: Array<string | number> };

const bodyChars = (row: ExchangeRow) => (row.request_body?.length ?? 0) + (row.response_body?.length ?? 0);

/**
 * Reads one page: at most `limit` rows after `afterId`, ending early after the row that brings the
 * bodies past `maxBodyChars` (the first row always comes, whatever its size).
 */
export function readPage(select: SelectAfter, afterId: number, limit: number, maxBodyChars: number): JournalPage {
  const entries: JournalEntry[] = [];
  if (limit === 0) return { entries, nextCursor: null };
  const { stmt, params } = select(afterId, limit + 1);
  let chars = 0;
  let more = false;
  for (const raw of stmt.iterate(...params)) {
    if (entries.length === limit || chars > maxBodyChars) {
      more = true;
      break; // closes the statement
    }
    const row = raw as ExchangeRow;
    chars += bodyChars(row);
    entries.push(fromRow(row));
  }
  return { entries, nextCursor: more ? String(entries[entries.length - 1]!.id) : null };
}

/**
 * JSON Lines of the rows `select` gives after `startAfter`, in chunks of about {@link EXPORT_CHUNK_CHARS}, at most
 * `limit` rows. Each chunk is read with a statement that is closed before the chunk is yielded.
 * `beforeChunk` runs before each read (e.g. to refuse reading a closed journal).
 */
export function* jsonLineChunks(select: SelectAfter, startAfter: number, limit: number, beforeChunk: () => void): Generator<string, void, undefined> {
  let afterId = startAfter;
  let left = limit;
  while (left > 0) {
    beforeChunk();
    const { stmt, params } = select(afterId, Math.min(left, EXPORT_BATCH_ROWS));
    let chunk = '';
    let rows = 0;
    for (const raw of stmt.iterate(...params)) {
      const row = raw as ExchangeRow;
      chunk += `${JSON.stringify(fromRow(row))}\n`;
      afterId = row.id;
      rows += 1;
      if (chunk.length >= EXPORT_CHUNK_CHARS) break; // closes the statement
    }
    if (rows === 0) return;
    left -= rows;
    yield chunk;
  }
}
