/**
 * Ids that a SQLite index takes in the order they were made.
 *
 * A random UUID (version 4) lands on a random leaf of every index that holds it, so once a state
 * file is large each new row writes a leaf page of its own in each such index, and the next
 * commit another. A version-7 UUID (RFC 9562) starts with the time it was made in milliseconds:
 * new ids go to the last leaves of the index, which the rows of the same moment share and the page
 * cache keeps (docs/decisions/0042-state-writes-at-month-scale.md). It is still a UUID: 36
 * characters, 74 random bits, unguessable.
 */
import { randomUUID } from 'node:crypto';

/**
 * A version-7 UUID: 48 bits of Unix time in milliseconds (`nowMs`, the wall clock by default),
 * then the version, 12 random bits, the variant and 62 random bits. Ids made in one millisecond
 * have no order among themselves.
 */
export function timeOrderedUuid(nowMs: number = Date.now()): string {
  const random = randomUUID();
  const time = Math.max(0, Math.floor(nowMs)).toString(16).padStart(12, '0').slice(-12);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}
