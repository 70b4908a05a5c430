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

const HOUR_MS = 3_600_000;

function parts(epochMs: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of STOCKHOLM.formatToParts(new Date(epochMs))) out[p.type] = p.value;
  return out;
}

/**
 * Stockholm's offset from UTC in ms during the UTC hour that holds `epochMs`. Sweden changes its
 * clocks at 01:00 UTC, on an hour, so the offset is the same all through a UTC hour. Asking Intl
 * once per hour instead of once per timestamp: status updates are made by the million in a replay.
 */
function offsetMs(epochMs: number, offsets: Map<number, number>): number {
  const hour = Math.floor(epochMs / HOUR_MS);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const start = hour * HOUR_MS;
    const p = parts(start);
    offset = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - start;
    if (offsets.size >= 1024) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

const OFFSETS = new Map<number, number>();

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `YYYY-MM-DDThh:mm:ss` in Stockholm local time (types:TimeStampType). */
export function stockholmTimestamp(epochMs: number): string {
  if (!Number.isFinite(epochMs)) {
    throw new Error(`Cannot format time ${String(epochMs)}: expected virtual-clock milliseconds.`);
  }
  const local = new Date(epochMs + offsetMs(epochMs, OFFSETS));
  const year = local.getUTCFullYear();
  if (year < 1000 || year > 9999) {
    const p = parts(epochMs);
    return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
  }
  return `${year}-${pad2(local.getUTCMonth() + 1)}-${pad2(local.getUTCDate())}T${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}:${pad2(local.getUTCSeconds())}`;
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

/** Stockholm's offset from UTC at instant `epochMs`, in milliseconds (+1 h in winter, +2 h in summer). */
function stockholmOffsetMs(epochMs: number): number {
  const p = parts(epochMs);
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return wall - (epochMs - (((epochMs % 1000) + 1000) % 1000));
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?$/;
const ZONED_DATE_TIME = /(Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads an xs:dateTime as Webcert does (it runs in Europe/Stockholm): a time with a zone designator
 * (`Z`, `+02:00`) is that instant; a local time without one is Stockholm local time, DST-correct. A
 * local time that occurs twice (the autumn hour) is the earlier instant and one that does not exist
 * (the spring hour) moves forward by the gap, as java.time's `LocalDateTime.atZone` does.
 * @returns epoch milliseconds, or NaN when `text` is not an xs:dateTime.
 */
export function parseStockholmDateTime(text: string): number {
  const value = text.trim();
  if (ZONED_DATE_TIME.test(value)) return /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
  const m = LOCAL_DATE_TIME.exec(value);
  if (!m) return Number.NaN;
  const ms = m[7] ? Math.trunc(Number(`0${m[7]}`) * 1000) : 0;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms);
  if (Number.isNaN(wall)) return Number.NaN;
  // The two offsets in force around this wall time; the larger (summer) gives the earlier instant.
  const offsets = [...new Set([stockholmOffsetMs(wall - 12 * 3_600_000), stockholmOffsetMs(wall + 12 * 3_600_000)])].sort((a, b) => b - a);
  for (const offset of offsets) if (stockholmOffsetMs(wall - offset) === offset) return wall - offset;
  // In the spring gap: the offset before the change (winter), which lands after the gap.
  return wall - Math.min(...offsets);
}
