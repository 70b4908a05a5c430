/**
 * Strict JSON (RFC 8259) read with the line of every value, so a data file a person edited can be
 * refused with the line to fix. Node's JSON.parse says neither line nor offset (Node 20), and says
 * nothing about a value that parses but means nothing; this reader knows where each value stood.
 */

/** Where a value starts in the text: 1-based line and column. */
export interface TextPosition {
  line: number;
  column: number;
}

/** A parsed document: the plain value and where each part of it stood. */
export interface LocatedJson {
  value: unknown;
  /** Position of the value at `path` (keys and array indexes from the root); the root's when unknown. */
  positionOf(path: ReadonlyArray<string | number>): TextPosition;
}

/** The text is not JSON; `position` is where reading stopped. */
export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
  constructor(
    readonly reason: string,
    readonly position: TextPosition,
  ) {
    super(`${reason} (line ${position.line}, column ${position.column})`);
  }
}

/** Parses `text` as strict JSON (no comments, no trailing commas). @throws {JsonSyntaxError} */
export function parseJsonWithLines(text: string): LocatedJson {
  const positions = new Map<string, number>();
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const at = (offset: number): TextPosition => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const fail = (reason: string, offset = i): never => {
    throw new JsonSyntaxError(reason, at(offset));
  };
  const describe = (offset: number) => (offset >= text.length ? 'the end of the file' : `"${text[offset]}"`);

  const skipSpace = () => {
    for (;;) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
      else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) fail('comments are not allowed in JSON; use a "comment" field instead');
      else return;
    }
  };

  const readString = (): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    for (;;) {
      if (i >= text.length) fail('a string is not closed (missing ")', start);
      const c = text[i]!;
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && simple[e] !== undefined) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else fail(`invalid escape \\${e ?? ''} in a string`);
      } else if (c.charCodeAt(0) < 0x20) {
        fail(c === '\n' ? 'a string is not closed before the end of the line (missing ")' : 'a control character inside a string; escape it');
      } else {
        out += c;
        i++;
      }
    }
  };

  const readValue = (path: string): unknown => {
    skipSpace();
    positions.set(path, i);
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      skipSpace();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        skipSpace();
        if (text[i] !== '"') fail(`expected a key in double quotes, found ${describe(i)}`);
        const keyAt = i;
        const key = readString();
        if (Object.prototype.hasOwnProperty.call(obj, key)) fail(`the key "${key}" appears twice in this object`, keyAt);
        skipSpace();
        if (text[i] !== ':') fail(`expected ":" after the key "${key}", found ${describe(i)}`);
        i++;
        obj[key] = readValue(`${path}/${escapeKey(key)}`);
        skipSpace();
        if (text[i] === ',') {
          i++;
          skipSpace();
          if (text[i] === '}') fail('a comma before "}" (trailing commas are not allowed in JSON)');
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        fail(`expected "," or "}" after the value of "${key}", found ${describe(i)}`);
      }
    }
    if (c === '[') {
      i++;
      const list: unknown[] = [];
      skipSpace();
      if (text[i] === ']') {
        i++;
        return list;
      }
      for (;;) {
        list.push(readValue(`${path}/${list.length}`));
        skipSpace();
        if (text[i] === ',') {
          i++;
          skipSpace();
          if (text[i] === ']') fail('a comma before "]" (trailing commas are not allowed in JSON)');
          continue;
        }
        if (text[i] === ']') {
          i++;
          return list;
        }
        fail(`expected "," or "]" in a list, found ${describe(i)}`);
      }
    }
    if (c === '"') return readString();
    const literal = /^(?:true|false|null)/.exec(text.slice(i, i + 5));
    if (literal) {
      i += literal[0].length;
      return literal[0] === 'null' ? null : literal[0] === 'true';
    }
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 40));
    if (number && number[0] !== '-') {
      i += number[0].length;
      return Number(number[0]);
    }
    if (c === "'") fail('strings and keys need double quotes (") in JSON');
    return fail(i >= text.length ? 'the file ends where a value was expected' : `expected a value, found ${describe(i)}`);
  };

  const value = readValue('');
  skipSpace();
  if (i < text.length) fail(`unexpected ${describe(i)} after the end of the document`);
  return {
    value,
    positionOf(path) {
      for (let n = path.length; n >= 0; n--) {
        const offset = positions.get(path.slice(0, n).map((p) => `/${escapeKey(String(p))}`).join(''));
        if (offset !== undefined) return at(offset);
      }
      return at(0);
    },
  };
}

function escapeKey(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
