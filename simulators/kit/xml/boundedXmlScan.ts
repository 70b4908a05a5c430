/**
 * A bounded, forward-only scan of an XML document (SAX-like: element starts and ends, text), for
 * the hot path of high-volume receivers (docs/decisions/0016-lean-soap-path.md). It builds no DOM
 * and keeps only a stack of open elements (at most `maxDepth`) and their namespace bindings.
 *
 * It takes a deliberately small subset of XML: what a SOAP stack writes. Whatever is outside that
 * subset, or not well-formed, it does not judge: it stops and says why ("undecided"), and the
 * caller hands the document to the strict reader (`safeXml.ts` + xmldom), which gives the one and
 * only refusal. So the scan never refuses and never accepts more than the strict reader does:
 * - no DOCTYPE, ENTITY, CDATA section or processing instruction (other than the XML declaration
 *   at the very start); no `<!` inside a comment; no `]]>` anywhere;
 * - element and attribute names of ASCII letters, digits, `._-` with at most one prefix; every
 *   prefix bound; no attribute twice (by name or by namespace and local name);
 * - text and attribute values with no `<`, only the five predefined entities and character
 *   references to characters from U+0020 up (and tab, LF); no control characters, U+007F–U+009F or
 *   U+FFFE/U+FFFF anywhere; no raw CR in text that is read;
 * - namespace declarations whose value is non-empty, has no whitespace and no reference;
 * - exactly one document element, at most `maxDepth` deep, with only whitespace and comments
 *   around it.
 */
import { localNameIs, type XmlScanVisitor } from './xmlScanVisitor.js';
import { BANG, COLON, DQUOTE, EQUALS, GT, isNameChar, isNameStart, isSpace, PREDEFINED, QUESTION, SLASH, SQUOTE, UNTAKEN_CHARS, XML_DECL, XML_NS } from './xmlScanCharacters.js';

/** Why a scan stopped; the document goes to the strict reader. */
export class Undecided {
  constructor(readonly reason: string) {}
}

/** One scan over one text; a fresh one per document. */
class Scan {
  private i = 0;
  private depth = 0;
  /** Namespace bindings in scope, innermost last ('' is the default namespace). */
  private readonly prefixes: string[] = ['xml'];
  private readonly uris: string[] = [XML_NS];
  /** Per depth: where the qualified name starts and ends, and how many bindings were in scope before it. */
  private readonly nameStarts: number[] = [];
  private readonly nameEnds: number[] = [];
  private readonly marks: number[] = [];
  /** The next `&` at or after the scan position (-1: none left). */
  private nextAmp: number;

  constructor(
    private readonly text: string,
    private readonly visitor: XmlScanVisitor,
    private readonly maxDepth: number,
  ) {
    this.nextAmp = text.indexOf('&');
  }

  run(): void {
    const { text } = this;
    if (UNTAKEN_CHARS.test(text)) throw new Undecided('a control character or noncharacter');
    if (text.includes(']]>')) throw new Undecided('"]]>" in the document');
    if (text.startsWith('<?xml')) {
      const decl = XML_DECL.exec(text);
      if (!decl) throw new Undecided('an XML declaration the scan does not read');
      this.i = decl[0].length;
    }
    let rootDone = false;
    for (;;) {
      const lt = text.indexOf('<', this.i);
      const textEnd = lt < 0 ? text.length : lt;
      if (textEnd > this.i) this.characters(this.i, textEnd);
      if (lt < 0) break;
      const next = text.charCodeAt(lt + 1);
      if (next === SLASH) {
        this.endTag(lt);
        if (this.depth === 0) rootDone = true;
      } else if (next === BANG) {
        this.comment(lt);
      } else if (next === QUESTION) {
        throw new Undecided('a processing instruction');
      } else {
        if (rootDone) throw new Undecided('a second document element');
        this.startTag(lt);
        if (this.depth === 0) rootDone = true;
      }
    }
    if (!rootDone) throw new Undecided(this.depth > 0 ? 'the document ends inside an element' : 'no document element');
  }

  /** Text from `from` to `to` (exclusive): whitespace outside the document element, else content. */
  private characters(from: number, to: number): void {
    const { text } = this;
    if (this.depth === 0) {
      for (let k = from; k < to; k++) if (!isSpace(text.charCodeAt(k))) throw new Undecided('text outside the document element');
      return;
    }
    const value = this.references(from, to, this.visitor.wantsText);
    if (value !== undefined) {
      if (value.includes('\r')) throw new Undecided('a carriage return in text that is read');
      this.visitor.text(value);
    }
  }

  /**
   * Checks every reference between `from` and `to`; with `decode`, the text with references
   * resolved (else undefined).
   */
  private references(from: number, to: number, decode: boolean): string | undefined {
    const { text } = this;
    if (this.nextAmp >= 0 && this.nextAmp < from) this.nextAmp = text.indexOf('&', from);
    if (this.nextAmp < 0 || this.nextAmp >= to) return decode ? text.slice(from, to) : undefined;
    let out = '';
    let at = from;
    while (this.nextAmp >= 0 && this.nextAmp < to) {
      const amp = this.nextAmp;
      const semi = text.indexOf(';', amp);
      if (semi < 0 || semi >= to || semi - amp > 12) throw new Undecided('an unfinished reference');
      const name = text.slice(amp + 1, semi);
      let resolved = PREDEFINED[name];
      if (resolved === undefined) {
        const code = /^#[0-9]{1,7}$/.test(name) ? Number(name.slice(1)) : /^#x[0-9A-Fa-f]{1,6}$/.test(name) ? parseInt(name.slice(2), 16) : NaN;
        const takenChar = code === 9 || code === 10 || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
        if (!takenChar) throw new Undecided(`the reference &${name.slice(0, 12)};`);
        resolved = String.fromCodePoint(code);
      }
      if (decode) out += text.slice(at, amp) + resolved;
      at = semi + 1;
      this.nextAmp = text.indexOf('&', at);
    }
    return decode ? out + text.slice(at, to) : undefined;
  }

  /** A comment (anything else after `<!` is left to the strict reader). */
  private comment(lt: number): void {
    const { text } = this;
    if (!text.startsWith('<!--', lt)) throw new Undecided('a DOCTYPE, CDATA section or other declaration');
    const end = text.indexOf('-->', lt + 4);
    if (end < 0) throw new Undecided('an unfinished comment');
    const dashes = text.indexOf('--', lt + 4);
    const bang = text.indexOf('<!', lt + 4);
    if (dashes < end || (bang >= 0 && bang < end)) throw new Undecided('"--" or "<!" inside a comment');
    this.i = end + 3;
  }

  /** Where the last name read by {@link name} had its colon (-1: none). */
  private colon = -1;

  /** A name from `at`: returns where it ends (its colon, if any, in {@link colon}). */
  private name(at: number): number {
    const { text } = this;
    if (!isNameStart(text.charCodeAt(at))) throw new Undecided('a name the scan does not read');
    let k = at + 1;
    let colon = -1;
    for (;; k++) {
      const c = text.charCodeAt(k);
      if (isNameChar(c)) continue;
      if (c === COLON && colon < 0 && isNameStart(text.charCodeAt(k + 1))) {
        colon = k;
        continue;
      }
      break;
    }
    this.colon = colon;
    return k;
  }

  private lookup(prefix: string): string | undefined {
    for (let k = this.prefixes.length - 1; k >= 0; k--) if (this.prefixes[k] === prefix) return this.uris[k];
    return undefined;
  }

  /** The namespace bound to the prefix `text[start, end)` ('' when empty), without copying it. */
  private lookupAt(start: number, end: number): string | undefined {
    const length = end - start;
    for (let k = this.prefixes.length - 1; k >= 0; k--) {
      const prefix = this.prefixes[k]!;
      if (prefix.length === length && (length === 0 || this.text.startsWith(prefix, start))) return this.uris[k];
    }
    return undefined;
  }

  private startTag(lt: number): void {
    const { text } = this;
    const nameEnd = this.name(lt + 1);
    const colon = this.colon;
    const mark = this.prefixes.length;
    let attributes: string[] | undefined;
    let k = nameEnd;
    let selfClosing = false;
    for (;;) {
      let c = text.charCodeAt(k);
      const spaced = isSpace(c);
      while (isSpace(c)) c = text.charCodeAt(++k);
      if (c === GT) {
        k++;
        break;
      }
      if (c === SLASH && text.charCodeAt(k + 1) === GT) {
        selfClosing = true;
        k += 2;
        break;
      }
      if (!spaced) throw new Undecided('a start tag the scan does not read');
      const attributeEnd = this.name(k);
      const attributeName = text.slice(k, attributeEnd);
      k = attributeEnd;
      while (isSpace(text.charCodeAt(k))) k++;
      if (text.charCodeAt(k) !== EQUALS) throw new Undecided('an attribute without a value');
      k++;
      while (isSpace(text.charCodeAt(k))) k++;
      const quote = text.charCodeAt(k);
      if (quote !== DQUOTE && quote !== SQUOTE) throw new Undecided('an unquoted attribute value');
      const valueEnd = text.indexOf(quote === DQUOTE ? '"' : "'", k + 1);
      if (valueEnd < 0) throw new Undecided('an unfinished attribute value');
      const lessThan = text.indexOf('<', k + 1);
      if (lessThan >= 0 && lessThan < valueEnd) throw new Undecided('"<" in an attribute value');
      if (attributeName === 'xmlns' || attributeName.startsWith('xmlns:')) {
        const value = text.slice(k + 1, valueEnd);
        const prefix = attributeName === 'xmlns' ? '' : attributeName.slice(6);
        if (value === '' || /[\s&]/.test(value) || prefix === 'xml' || prefix === 'xmlns') throw new Undecided('a namespace declaration the scan does not read');
        for (let b = mark; b < this.prefixes.length; b++) if (this.prefixes[b] === prefix) throw new Undecided('a namespace declared twice on one element');
        this.prefixes.push(prefix);
        this.uris.push(value);
      } else {
        this.references(k + 1, valueEnd, false);
        (attributes ??= []).push(attributeName);
      }
      k = valueEnd + 1;
    }
    if (attributes) this.checkAttributes(attributes);
    const localStart = colon < 0 ? lt + 1 : colon + 1;
    if (colon >= 0 && text.charCodeAt(lt + 1) === 120 && (localNameIs(text, lt + 1, colon, 'xml') || localNameIs(text, lt + 1, colon, 'xmlns'))) {
      throw new Undecided('an element in a reserved prefix');
    }
    const namespace = this.lookupAt(lt + 1, colon < 0 ? lt + 1 : colon);
    if (namespace === undefined && colon >= 0) throw new Undecided('an unbound prefix');
    this.depth++;
    if (this.depth > this.maxDepth) throw new Undecided(`nesting deeper than ${this.maxDepth}`);
    this.nameStarts[this.depth] = lt + 1;
    this.nameEnds[this.depth] = nameEnd;
    this.marks[this.depth] = mark;
    const go = this.visitor.start(namespace ?? null, text, localStart, nameEnd, this.depth);
    if (go !== true) throw new Undecided(go);
    this.i = k;
    if (selfClosing) this.close();
  }

  /** No attribute twice, by name or by namespace and local name; every prefix bound. */
  private checkAttributes(names: string[]): void {
    if (names.length > 32) throw new Undecided('more attributes than the scan reads');
    const expanded: string[] = [];
    for (let a = 0; a < names.length; a++) {
      const name = names[a]!;
      for (let b = 0; b < a; b++) if (names[b] === name) throw new Undecided('an attribute given twice');
      const colon = name.indexOf(':');
      if (colon < 0) continue;
      const uri = this.lookup(name.slice(0, colon));
      if (uri === undefined) throw new Undecided(`the unbound prefix ${name.slice(0, colon)}`);
      const key = `${uri} ${name.slice(colon + 1)}`;
      if (expanded.includes(key)) throw new Undecided('an attribute given twice');
      expanded.push(key);
    }
  }

  private endTag(lt: number): void {
    const { text } = this;
    if (this.depth === 0) throw new Undecided('an end tag outside the document element');
    // The name must be the start tag's, character for character, and end there.
    const openStart = this.nameStarts[this.depth]!;
    const length = this.nameEnds[this.depth]! - openStart;
    const from = lt + 2;
    for (let c = 0; c < length; c++) {
      if (text.charCodeAt(from + c) !== text.charCodeAt(openStart + c)) throw new Undecided('an end tag that does not match its start tag');
    }
    let k = from + length;
    let c = text.charCodeAt(k);
    while (isSpace(c)) c = text.charCodeAt(++k);
    if (c !== GT) throw new Undecided('an end tag that does not match its start tag');
    this.i = k + 1;
    this.close();
  }

  private close(): void {
    this.visitor.end(this.depth);
    const mark = this.marks[this.depth]!;
    if (this.prefixes.length > mark) {
      this.prefixes.length = mark;
      this.uris.length = mark;
    }
    this.depth--;
  }
}

/**
 * Scans `text` (a whole document, decoded, without a byte order mark), telling `visitor` what it
 * meets. Returns undefined when the whole document was read, or why the scan stopped (the document
 * is then for the strict reader to accept or refuse).
 */
export function scanXml(text: string, visitor: XmlScanVisitor, maxDepth: number): string | undefined {
  try {
    new Scan(text, visitor, maxDepth).run();
    return undefined;
  } catch (error) {
    if (error instanceof Undecided) return error.reason;
    throw error;
  }
}