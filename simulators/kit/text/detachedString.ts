/**
 * Strings cut from a larger text, made to stand alone before they are kept for long.
 *
 * V8 represents a substring of 13 characters or more as a slice of its parent, so an id read out
 * of a 5 kB SOAP envelope keeps the whole envelope alive for as long as the id is kept. A register
 * that outlives its messages (a recipient's held certificates) must keep copies instead.
 */

/**
 * `text` as a string of its own: equal to it, and not keeping alive the text it was cut from.
 * Costs a copy, so use it for what is kept, not on every read.
 */
export function detachedString(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}
