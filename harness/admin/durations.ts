/** Durations as people type them on a command line or in the admin API: `90s`, `5m`, `25d`, `1d12h`, or plain ms. */

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses a duration into milliseconds (a finite number ≥ 0; how long a duration may be is for its
 * user to say, e.g. the clock's largest advance).
 * @throws {Error} with the accepted forms.
 */
export function parseDuration(value: string | number): number {
  const refused = () => new Error(`"${String(value).slice(0, 60)}" is not a duration; write e.g. 90s, 5m, 4h, 25d, 1d12h or a number of milliseconds`);
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return value;
    throw refused();
  }
  if (typeof value !== 'string') throw refused();
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const ms = Number(text);
    if (!Number.isFinite(ms)) throw refused();
    return ms;
  }
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)\s*(ms|min|s|m|h|d)/g)];
  const consumed = parts.map((p) => p[0]).join('');
  if (parts.length === 0 || consumed.replace(/\s/g, '') !== text.replace(/\s/g, '')) throw refused();
  const ms = parts.reduce((sum, p) => sum + Number(p[1]) * UNITS[p[2]!]!, 0);
  if (!Number.isFinite(ms)) throw refused();
  return ms;
}
