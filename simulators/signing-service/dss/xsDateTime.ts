/** xs:dateTime reading and writing, for request/response times and SAML instants. */

const XS_DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Milliseconds since epoch of an xs:dateTime. A value without zone is read as UTC (the profile
 * says request times are UTC; Webcert sends a local time with offset, which is exact either way).
 * @returns undefined when `value` is not an xs:dateTime.
 */
export function parseXsDateTime(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  const m = XS_DATE_TIME.exec(text);
  if (!m) return undefined;
  const ms = Date.parse(m[2] ? text : `${text}Z`);
  return Number.isFinite(ms) ? ms : undefined;
}

/** An instant as xs:dateTime in UTC with milliseconds, e.g. `2026-05-04T08:00:00.000Z`. */
export function xsDateTime(ms: number): string {
  return new Date(ms).toISOString();
}
