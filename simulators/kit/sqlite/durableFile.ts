/**
 * The pragmas of every SQLite file a party keeps (the traffic journal, Webcert's state,
 * Intygstjänsten's certificates): what a commit means when the process is killed, and how much of
 * the file is cached in memory.
 */
import type Database from 'better-sqlite3';

/**
 * Page cache per file, in KiB. better-sqlite3 is built with 16,000 KiB; with three files in one
 * replay that was about 40 MiB of the RSS peak, and a month's replay appends rather than rereads
 * (docs/decisions/0036-replay-page-cache.md: RSS peak 535–571 → 499 MiB, CPU unchanged).
 */
export const FILE_PAGE_CACHE_KIB = 4_096;

/**
 * WAL with `synchronous = NORMAL`: a commit is in the file once written, so a killed process loses
 * nothing committed; only a power loss can drop the last commits. Then the page cache of
 * {@link FILE_PAGE_CACHE_KIB}. Call before the schema is read or made.
 */
export function useDurableFile(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`cache_size = -${FILE_PAGE_CACHE_KIB}`);
}
