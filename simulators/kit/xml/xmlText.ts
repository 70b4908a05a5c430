/** Escaping of text and attribute values written into XML by hand-built templates. */

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * `value` with `& < > " '` replaced by entity references, safe in element content and in
 * attribute values.
 * @throws Error when `value` holds a character XML 1.0 cannot carry (C0 controls other than tab,
 *   newline and carriage return, lone surrogates, U+FFFE/U+FFFF).
 */
export function xmlEscape(input: string | number | boolean): string {
  const value = String(input);
  // eslint-disable-next-line no-control-regex
  const bad = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.exec(value);
  if (bad) {
    const code = bad[0].codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0');
    throw new Error(
      `Text cannot be written as XML: it holds U+${code ?? '????'} at index ${bad.index}, ` +
        'which XML 1.0 does not allow; remove or replace that character.',
    );
  }
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** `<prefix:name>escaped text</prefix:name>`. */
export function textElement(qualifiedName: string, text: string): string {
  return `<${qualifiedName}>${xmlEscape(text)}</${qualifiedName}>`;
}
