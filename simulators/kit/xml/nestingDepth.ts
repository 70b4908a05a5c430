/**
 * A streaming look at how deep the elements of an XML document nest, before any DOM is built: one
 * pass that stops at the first element past the limit. It only counts start and end tags (skipping
 * comments, CDATA, processing instructions and quoted attribute values); whether the document is
 * well-formed is left to the parser that runs after it. It reads text, or raw bytes in an
 * ASCII-compatible encoding (UTF-8, ISO-8859-1), so a deep document is refused before it is even
 * decoded.
 */

/** Where nesting first went past the limit. */
export interface DepthOverflow {
  /** The depth reached (limit + 1); the document element is depth 1. */
  depth: number;
  /** 1-based line and column of the `<` that opened that element (for bytes, columns count bytes). */
  line: number;
  column: number;
}

const GT = 0x3e;
const LT = 0x3c;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const DQUOTE = 0x22;
const SQUOTE = 0x27;

/** What the scan needs of its input: code units by index, and searching for ASCII strings. */
interface Source {
  length: number;
  code(i: number): number;
  indexOf(needle: string, from: number): number;
  startsWith(prefix: string, at: number): boolean;
}

function sourceOf(input: string | Uint8Array): Source {
  if (typeof input === 'string') {
    return {
      length: input.length,
      code: (i) => input.charCodeAt(i),
      indexOf: (needle, from) => input.indexOf(needle, from),
      startsWith: (prefix, at) => input.startsWith(prefix, at),
    };
  }
  const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.length);
  return {
    length: bytes.length,
    code: (i) => bytes[i] ?? Number.NaN,
    indexOf: (needle, from) => bytes.indexOf(needle, from, 'latin1'),
    startsWith: (prefix, at) => bytes.subarray(at, at + prefix.length).toString('latin1') === prefix,
  };
}

function position(text: Source, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n', 0); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}

/**
 * The first place where elements nest deeper than `maxDepth`, or undefined when they never do
 * (or the document ends inside a construct the parser will refuse anyway).
 * @param input the text, or its bytes in an ASCII-compatible encoding.
 */
export function findDepthOverflow(input: string | Uint8Array, maxDepth: number): DepthOverflow | undefined {
  const text = sourceOf(input);
  let depth = 0;
  let i = 0;
  for (;;) {
    const lt = text.indexOf('<', i);
    if (lt < 0) return undefined;
    const next = text.code(lt + 1);
    if (next === BANG) {
      const close = text.startsWith('<!--', lt) ? '-->' : text.startsWith('<![CDATA[', lt) ? ']]>' : '>';
      const end = text.indexOf(close, lt + 2);
      if (end < 0) return undefined;
      i = end + close.length;
      continue;
    }
    if (next === QUESTION) {
      const end = text.indexOf('?>', lt + 2);
      if (end < 0) return undefined;
      i = end + 2;
      continue;
    }
    if (next === SLASH) {
      depth--;
      const end = text.indexOf('>', lt + 2);
      if (end < 0) return undefined;
      i = end + 1;
      continue;
    }
    // A start tag: its end is the first '>' outside a quoted attribute value.
    let j = lt + 1;
    let quote = 0;
    for (; j < text.length; j++) {
      const c = text.code(j);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === DQUOTE || c === SQUOTE) {
        quote = c;
      } else if (c === GT || c === LT) {
        break;
      }
    }
    if (j >= text.length) return undefined;
    if (text.code(j) === GT && text.code(j - 1) !== SLASH) {
      depth++;
      if (depth > maxDepth) return { depth, ...position(text, lt) };
    }
    i = text.code(j) === GT ? j + 1 : j;
  }
}
