/**
 * Timestamps as Webcert writes them: local time in Europe/Stockholm without zone designator,
 * from virtual-clock milliseconds since the epoch.
 */

const STOCKHOLM = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function parts(epochMs: number): Record<string, string> {
  if (!Number.isFinite(epochMs)) {
    throw new Error(`Cannot format time ${String(epochMs)}: expected virtual-clock milliseconds.`);
  }
  const out: Record<string, string> = {};
  for (const p of STOCKHOLM.formatToParts(new Date(epochMs))) out[p.type] = p.value;
  return out;
}

/** `YYYY-MM-DDThh:mm:ss` in Stockholm local time (types:TimeStampType). */
export function stockholmTimestamp(epochMs: number): string {
  const p = parts(epochMs);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

/** `YYYY-MM-DDThh:mm:ss.SSS` in Stockholm local time (types:TimeStampMedMillisekunder). */
export function stockholmTimestampMillis(epochMs: number): string {
  const ms = ((Math.trunc(epochMs) % 1000) + 1000) % 1000;
  return `${stockholmTimestamp(epochMs)}.${String(ms).padStart(3, '0')}`;
}

/** `YYYY-MM-DD` in Stockholm local time (types:DateType). */
export function stockholmDate(epochMs: number): string {
  return stockholmTimestamp(epochMs).slice(0, 10);
}

/** `YYYY-MM-DDThh:mm:ss.SSS+01:00` (or `+02:00` in summer): Stockholm local time with its offset. */
export function stockholmTimestampWithOffset(epochMs: number): string {
  const local = stockholmTimestamp(epochMs);
  const asUtc = Date.parse(`${local}Z`);
  const offsetMin = Math.round((asUtc - (epochMs - (((epochMs % 1000) + 1000) % 1000))) / 60_000);
  const sign = offsetMin >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMin);
  const ms = String(((Math.trunc(epochMs) % 1000) + 1000) % 1000).padStart(3, '0');
  return `${local}.${ms}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
