/**
 * Which of a party's msw handlers could take a request, decided cheaply before msw's `getResponse`
 * runs (docs/decisions/0028-replay-at-volume.md). msw asks every handler in turn, and each one
 * parses the URL, reads the cookies and compiles its path pattern again, for every request: a
 * party with sixty routes paid that sixty times per request. The prefilter keeps, in their order,
 * every handler whose method fits and whose path's fixed beginning occurs in the request's path;
 * msw then decides among those exactly as before. It only leaves out handlers that cannot match, so
 * the handler that answers is the one msw would have picked from the whole list.
 */
import { HttpHandler, type RequestHandler } from 'msw';

/** What a handler needs of a request: its method and its path (no query). */
interface HandlerTest {
  handler: RequestHandler;
  method?: string | RegExp;
  /** Lower-case text every path the handler matches contains; undefined: any path may match. */
  literal?: string;
}

/** Characters of a path pattern (path-to-regexp, as msw reads it) from which on the text is not fixed. */
const PATTERN_SYNTAX = /[:*({?+\\]/;
/** A fixed part made of these compares as text; anything else (encoded or non-ASCII) is not filtered on. */
const PLAIN = /^[A-Za-z0-9/._~-]*$/;

function testOf(handler: RequestHandler): HandlerTest {
  if (!(handler instanceof HttpHandler)) return { handler };
  const { method, path } = handler.info;
  if (typeof path !== 'string') return { handler, method };
  // `*/path` (any origin) or `/path` (this listener): the fixed text up to the first pattern syntax.
  const body = path.startsWith('*') ? path.replace(/^\*+/, '') : path;
  if (!body.startsWith('/')) return { handler, method };
  const end = body.search(PATTERN_SYNTAX);
  const literal = (end === -1 ? body : body.slice(0, end)).replace(/\/+$/, '');
  if (literal.length === 0 || !PLAIN.test(literal)) return { handler, method };
  return { handler, method, literal: literal.toLowerCase() };
}

function methodFits(expected: string | RegExp | undefined, actual: string): boolean {
  if (expected === undefined) return true;
  if (expected instanceof RegExp) return expected.test(actual);
  return expected.toLowerCase() === actual.toLowerCase();
}

/**
 * A prefilter for `handlers`: given a request's method and path (without the query), the handlers
 * that could take it, in their order. The handler list is read once; build it again if it changes.
 */
export function handlerPrefilter(handlers: readonly RequestHandler[]): (method: string, path: string) => RequestHandler[] {
  const tests = handlers.map(testOf);
  return (method, path) => {
    let lower = path.toLowerCase();
    try {
      lower = decodeURIComponent(path).toLowerCase() + '\n' + lower;
    } catch {
      // An invalid escape: only the raw text is compared.
    }
    const out: RequestHandler[] = [];
    for (const t of tests) {
      if (!methodFits(t.method, method)) continue;
      if (t.literal !== undefined && !lower.includes(t.literal)) continue;
      out.push(t.handler);
    }
    return out;
  };
}
