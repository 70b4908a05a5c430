/**
 * What Webcert's certificate signature covers (webcert-surfaces.md §1.2): the node set its
 * Reference transforms leave of the message, written out as exclusive c14n writes it.
 *
 * The Reference runs enveloped-signature → XSLT (strip every namespace and prefix, strip
 * whitespace-only text) → XPath Filter 2.0 `intersect` (the `intyg` whose
 * `intygs-id/extension` is the certificate id) → XPath Filter 2.0 `subtract` (`skickatTidpunkt`,
 * `relation`, `status`, `underskrift`) → exc-c14n. No XSLT or Filter 2.0 engine is needed for
 * that one chain: this module computes the same node set directly on the DOM, step by step, so
 * a message signed by a real Webcert and one signed here digest the same way
 * (docs/decisions/0012-signature-inside-the-message.md says what is exact).
 */
import type { Document, Element, Node } from '@xmldom/xmldom';

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;
const PI = 7;
const COMMENT = 8;
const DOCUMENT = 9;
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Local names the `subtract` filter removes: metadata that may change after signing. */
export const UNSIGNED_METADATA = ['skickatTidpunkt', 'relation', 'status', 'underskrift'] as const;

/** Thrown when a document holds something the transform chain cannot be computed for here. */
export class IntygTransformError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntygTransformError';
  }
}

/** A child as the XSLT output has it: merged text, or an element. */
type StrippedChild = { text: string } | { element: Element };

const isWhitespace = (s: string) => /^[ \t\r\n]*$/.test(s);

/**
 * Children of `parent` as they come out of the first two transforms: the enveloped signature and
 * comments are gone (the node set is turned into octets without them, so the text around them
 * joins up), whitespace-only text is stripped (`xsl:strip-space elements="*"`), processing
 * instructions are dropped (no template outputs them), and text that ends up side by side is one
 * text node when the XSLT output is read again.
 */
function strippedChildren(parent: Node, signature: Node | undefined): StrippedChild[] {
  // Stage 1: runs of text between elements and processing instructions.
  const stage1: (StrippedChild | { pi: true })[] = [];
  let run: string | undefined;
  const endRun = () => {
    if (run !== undefined) stage1.push({ text: run });
    run = undefined;
  };
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n === signature || n.nodeType === COMMENT) continue;
    if (n.nodeType === TEXT || n.nodeType === CDATA) {
      run = (run ?? '') + ((n as unknown as { data: string }).data ?? '');
    } else if (n.nodeType === ELEMENT) {
      endRun();
      stage1.push({ element: n as Element });
    } else if (n.nodeType === PI) {
      endRun();
      stage1.push({ pi: true });
    }
  }
  endRun();
  // Stage 2: strip-space, drop processing instructions, join text that became adjacent.
  const out: StrippedChild[] = [];
  for (const item of stage1) {
    if ('pi' in item) continue;
    if ('text' in item) {
      if (isWhitespace(item.text)) continue;
      const last = out[out.length - 1];
      if (last && 'text' in last) last.text += item.text;
      else out.push({ text: item.text });
    } else {
      out.push(item);
    }
  }
  return out;
}

/** The elements `//extension[text()='{id}']/../..` selects in the stripped document. */
function selectIntyg(doc: Document, certificateId: string, signature: Node | undefined): Node[] {
  const selected: Node[] = [];
  const visit = (el: Element) => {
    const children = strippedChildren(el, signature);
    if (el.localName === 'extension' && children.some((c) => 'text' in c && c.text === certificateId)) {
      const grand = el.parentNode?.parentNode;
      if (grand && (grand.nodeType === ELEMENT || grand.nodeType === DOCUMENT) && !selected.includes(grand)) selected.push(grand);
    }
    for (const c of children) if ('element' in c) visit(c.element);
  };
  if (doc.documentElement && doc.documentElement !== signature) visit(doc.documentElement);
  return selected;
}

function isInside(node: Node, ancestor: Node): boolean {
  for (let n: Node | null = node.parentNode; n; n = n.parentNode) if (n === ancestor) return true;
  return false;
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
const escapeAttribute = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\t/g, '&#x9;').replace(/\n/g, '&#xA;').replace(/\r/g, '&#xD;');

/**
 * One element of the node set in exclusive canonical form, under its local name (the XSLT
 * stripped every namespace from elements; attributes keep theirs, as `xsl:copy` does, and are
 * declared where they are used, as exclusive c14n does).
 */
function writeElement(el: Element, signature: Node | undefined, declared: Map<string, string>, out: string[]): void {
  if ((UNSIGNED_METADATA as readonly string[]).includes(el.localName ?? '')) return;
  const attributes: { ns: string; local: string; qname: string; value: string }[] = [];
  const declarations = new Map<string, string>();
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i)!;
    if (a.namespaceURI === XMLNS_NS || a.name === 'xmlns' || a.name.startsWith('xmlns:')) continue;
    const ns = a.namespaceURI ?? '';
    if (ns !== '' && ns !== XML_NS) {
      if (!a.prefix) throw new IntygTransformError(`attribute ${a.name} has a namespace but no prefix`);
      if (declared.get(a.prefix) !== ns) declarations.set(a.prefix, ns);
    }
    attributes.push({ ns, local: a.localName ?? a.name, qname: a.name, value: a.value });
  }
  attributes.sort((x, y) => (x.ns === y.ns ? (x.local < y.local ? -1 : x.local > y.local ? 1 : 0) : x.ns < y.ns ? -1 : 1));
  const name = el.localName ?? el.nodeName;
  out.push(`<${name}`);
  for (const [prefix, ns] of [...declarations].sort(([a], [b]) => (a < b ? -1 : 1))) out.push(` xmlns:${prefix}="${escapeAttribute(ns)}"`);
  for (const a of attributes) out.push(` ${a.qname}="${escapeAttribute(a.value)}"`);
  out.push('>');
  const inner = declarations.size ? new Map([...declared, ...declarations]) : declared;
  for (const c of strippedChildren(el, signature)) {
    if ('text' in c) out.push(escapeText(c.text));
    else writeElement(c.element, signature, inner, out);
  }
  out.push(`</${name}>`);
}

/** What {@link signedIntygOctets} found. */
export interface SignedIntygSelection {
  /** UTF-8 of the canonical node set: the bytes whose SHA-256 is the DigestValue. */
  octets: Buffer;
  /** The elements the `intersect` filter selected (normally exactly one `intyg`). */
  selected: Node[];
}

/**
 * The octets Webcert's Reference yields for `doc`: the `intyg` with intygs-id extension
 * `certificateId`, without namespaces, whitespace-only text, comments, the enveloped `signature`
 * and the unsigned metadata, in exclusive canonical form.
 * @throws {IntygTransformError} when an attribute carries a namespace without a prefix.
 */
export function signedIntygOctets(doc: Document, certificateId: string, signature?: Node): SignedIntygSelection {
  const selected = selectIntyg(doc, certificateId, signature);
  // Nested selections add nothing: the intersection is the union of the selected subtrees.
  const roots = selected.filter((s) => !selected.some((other) => other !== s && isInside(s, other)));
  const out: string[] = [];
  for (const root of roots) {
    const start = root.nodeType === DOCUMENT ? (root as Document).documentElement : (root as Element);
    if (start && start !== signature) writeElement(start, signature, new Map(), out);
  }
  return { octets: Buffer.from(out.join(''), 'utf8'), selected };
}
