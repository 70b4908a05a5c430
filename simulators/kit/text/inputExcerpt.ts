/**
 * What a party may echo back of the input it refuses: an error page, a SOAP fault, a SAML error or
 * a journal note names the offending value so a person can find it, but never repeats a whole
 * upload (an Issuer of 900 KB used to come back in full). One helper for every such message.
 */

/** Characters of input shown before the cut. */
export const INPUT_EXCERPT_CHARS = 200;

/**
 * `value` as it may be quoted in a message: unchanged when short, else its first
 * {@link INPUT_EXCERPT_CHARS} characters followed by `… (N bytes)` (N: its UTF-8 size in full).
 */
export function inputExcerpt(value: string | null | undefined, maxChars = INPUT_EXCERPT_CHARS): string {
  const text = value ?? '';
  if (text.length <= maxChars) return text;
  // Never cut a surrogate pair in two.
  const end = /[\uD800-\uDBFF]/.test(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
  return `${text.slice(0, end)}… (${Buffer.byteLength(text, 'utf8')} bytes)`;
}

/** Longest message (in characters) a refusal may carry, quoting included; see {@link boundedMessage}. */
export const MAX_MESSAGE_CHARS = 2_000;

/**
 * A whole error message cut to {@link MAX_MESSAGE_CHARS}: the last guard for messages that quote
 * what another library said about the input (an XML parser's message may hold a piece of it).
 */
export function boundedMessage(message: string): string {
  return inputExcerpt(message, MAX_MESSAGE_CHARS);
}
