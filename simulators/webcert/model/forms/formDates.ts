/** Calendar dates as forms hold them (`YYYY-MM-DD` strings), compared without time zones. */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar date `YYYY-MM-DD`. */
export function isDate(value: string | undefined): value is string {
  const m = value === undefined ? null : DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** `date` moved by `days` (negative: earlier). */
export function addDays(date: string, days: number): string {
  const m = DATE.exec(date)!;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return d.toISOString().slice(0, 10);
}

/**
 * The birth date in a personnummer or samordningsnummer (12 digits; day + 60 for a
 * samordningsnummer), or undefined when it holds none.
 */
export function birthDateOf(personId: string): string | undefined {
  const digits = personId.replace(/\D/g, '');
  if (digits.length !== 12) return undefined;
  const day = Number(digits.slice(6, 8));
  const date = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${String(day > 60 ? day - 60 : day).padStart(2, '0')}`;
  return isDate(date) ? date : undefined;
}

/**
 * The earliest day a vague date `YYYY-MM-00` / `YYYY-00-00` can stand for (a full date stands for
 * itself), for comparisons with other dates.
 */
export function earliestDay(value: string): string | undefined {
  if (isDate(value)) return value;
  const m = /^(\d{4})-(\d{2})-00$/.exec(value);
  if (!m) return undefined;
  return m[2] === '00' ? `${m[1]}-01-01` : `${m[1]}-${m[2]}-01`;
}
