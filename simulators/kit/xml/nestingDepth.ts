/**
 * A streaming look at how deep the elements of an XML text nest, before any DOM is built: one pass
 * over the characters that stops at the first element past the limit. It only counts start and end
 * tags (skipping comments, CDATA, processing instructions and quoted attribute values); whether
 * the text is well-formed is left to the parser that runs after it.
 */

/** Where nesting first went past the limit. */
export interface DepthOverflow {
  /** The depth reached (limit + 1); the document element is depth 1. */
  depth: number;
  /** 1-based line and column of the `<` that opened that element. */
  line: number;
  column: number;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const DQUOTE = 0x22;
const SQUOTE = 0x27;

function position(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}

/**
 * The first place where elements nest deeper than `maxDepth`, or undefined when they never do
 * (or the text ends inside a construct the parser will refuse anyway).
 */
export function findDepthOverflow(text: string, maxDepth: number): DepthOverflow | undefined {
  let depth = 0;
  let i = 0;
  for (;;) {
    const lt = text.indexOf('<', i);
    if (lt < 0) return undefined;
    const next = text.charCodeAt(lt + 1);
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
      const c = text.charCodeAt(j);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === DQUOTE || c === SQUOTE) {
        quote = c;
      } else if (c === GT || c === LT) {
        break;
      }
    }
    if (j >= text.length) return undefined;
    if (text.charCodeAt(j) === GT && text.charCodeAt(j - 1) !== SLASH) {
      depth++;
      if (depth > maxDepth) return { depth, ...position(text, lt) };
    }
    i = text.charCodeAt(j) === GT ? j + 1 : j;
  }
}
