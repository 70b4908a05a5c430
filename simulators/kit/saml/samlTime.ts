/** SAML identifiers and xs:dateTime instants, always from the virtual clock. */
import { randomBytes } from 'node:crypto';
import { SamlError, type SamlErrorCode } from './samlError.js';
import { inputExcerpt } from '../text/inputExcerpt.js';

/** A new SAML ID: `_` and 40 hex digits (an NCName, 160 random bits). */
export function samlId(): string {
  return `_${randomBytes(20).toString('hex')}`;
}

/** An xs:dateTime in UTC without fractions, e.g. `2026-01-05T08:00:00Z`. */
export function samlInstant(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Milliseconds of an xs:dateTime that names its zone (`Z` or `±hh:mm`).
 * @throws {SamlError} with `code` when the text is missing or not such a time.
 */
export function parseInstant(text: string | null | undefined, what: string, code: SamlErrorCode = 'missing-field'): number {
  if (!text) throw new SamlError(code, `${what} is missing`);
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) throw new SamlError(code, `${what} "${inputExcerpt(text)}" is not an xs:dateTime with a time zone (like 2026-01-05T08:00:00Z)`);
  return ms;
}
