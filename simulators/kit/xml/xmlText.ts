/** Escaping for text and attribute values written into XML by hand-built templates. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes `&`, `<`, `>`, `"` and `'` so any string is safe as element text or attribute value. */
export function xmlEscape(value: string | number | boolean): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}
