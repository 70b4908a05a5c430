/**
 * For tests: holds the lean envelope scan to the strict reader. A request the scan reads whole must
 * be one the strict reader and `readEnvelope` accept, with the same text, request element,
 * LogicalAddress and field texts as the DOM gives (first child at each step, `textContent`); a
 * request the scan leaves undecided makes no claim. Also a seeded mutator of messages, to put many
 * near-valid inputs to both.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Element } from '@xmldom/xmldom';
import { childElement, childElements } from '../../xml/dom.js';
import { DEFAULT_MAX_XML_BYTES, DEFAULT_MAX_XML_DEPTH, readXmlSafely } from '../../xml/safeXml.js';
import { readEnvelope } from '../envelope.js';
import { ANY_NAMESPACE, envelopePlan, scanEnvelope, type EnvelopePlan, type FieldPaths, type ScannedFields } from '../envelopeScan.js';

/**
 * The text of each field as the DOM readers find it: first matching child at each step (of that
 * local name in any namespace for {@link ANY_NAMESPACE}).
 */
export function domFields(payload: Element, paths: FieldPaths): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, steps] of Object.entries(paths)) {
    let at: Element | undefined = payload;
    for (const [ns, local] of steps) at = !at ? undefined : ns === ANY_NAMESPACE ? childElements(at).find((e) => e.localName === local) : childElement(at, ns, local);
    out[name] = at ? (at.textContent ?? '') : undefined;
  }
  return out;
}

/**
 * What the scan made of `bytes`: `undecided` (with its reason), or `agrees` after checking every
 * claim against the strict reader.
 * @throws Error describing the first disagreement.
 */
export function compareScanWithDom(bytes: Buffer, plan: EnvelopePlan, paths: FieldPaths): { kind: 'undecided'; reason: string } | { kind: 'agrees' } {
  const scanned = scanEnvelope(bytes, plan);
  if (scanned.kind === 'undecided') return scanned;
  const show = () => JSON.stringify(bytes.toString('utf8').slice(0, 400));
  let read: ReturnType<typeof readXmlSafely>;
  let envelope: ReturnType<typeof readEnvelope>;
  try {
    read = readXmlSafely(bytes, { maxBytes: plan.maxBytes, maxDepth: plan.maxDepth });
    envelope = readEnvelope(read.doc);
  } catch (error) {
    throw new Error(`the scan read a request the strict reader refuses (${(error as Error).message}): ${show()}`);
  }
  const { payload, logicalAddress } = envelope;
  const claims: Array<[string, unknown, unknown]> = [
    ['text', scanned.text, read.text],
    ['request element', plan.requestNs + ' ' + plan.requestElement, `${payload.namespaceURI} ${payload.localName}`],
    ['LogicalAddress', scanned.logicalAddress, logicalAddress],
    ['fields', JSON.stringify(scanned.fields), JSON.stringify(domFields(payload, paths))],
  ];
  if (plan.requireLogicalAddress && !logicalAddress) claims.push(['LogicalAddress required', 'present', 'absent']);
  for (const [what, lean, strict] of claims) {
    if (lean !== strict) throw new Error(`the scan and the DOM disagree on ${what}: ${JSON.stringify(lean)} against ${JSON.stringify(strict)} for ${show()}`);
  }
  return { kind: 'agrees' };
}

/** A deterministic generator in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Small pieces of XML, good and bad, that a mutation inserts. */
const PIECES = [
  '<', '>', '&', '&amp;', '&lt;', '&#x41;', '&#65;', '&#0;', '&#x1F600;', '&bogus;', '&#xD;', '"', "'", '=', ':', '/', '</x>', '<x>', '<x/>',
  '<p:x xmlns:p="urn:p"/>', '<q:x/>', ' ', '\n', '\r', '\r\n', '\t', '\u0001', '\u0085', '\uFFFE', ']]>', '<!-- c -->', '<!--->', '<!-- a--b -->',
  '<![CDATA[z]]>', '<?pi x?>', '<!DOCTYPE d>', ' xmlns:q="urn:q"', ' xmlns=""', ' xmlns:q=""', ' a="1"', ' a="1" a="2"', " b='<'", ' xml:lang="sv"',
  'ä', '😀', '\uFEFF', 'x', 'text', '  ', '-', '.', '1',
];

/** One random change to `text`: a deletion, an insertion of a piece, a swap, a copy of a slice, or a cut. */
export function mutate(text: string, random: () => number): string {
  let at = Math.floor(random() * (text.length + 1));
  // Half the time at a tag boundary, where a change more often leaves a document that is still valid.
  if (random() < 0.5) {
    const boundary = text.indexOf('>', at);
    if (boundary >= 0) at = boundary + 1;
  }
  const pick = random();
  if (pick < 0.25) return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 3));
  if (pick < 0.7) return text.slice(0, at) + PIECES[Math.floor(random() * PIECES.length)]! + text.slice(at);
  if (pick < 0.8) {
    const other = Math.floor(random() * text.length);
    const [a, b] = at < other ? [at, other] : [other, at];
    return b >= text.length ? text : text.slice(0, a) + text[b] + text.slice(a + 1, b) + text[a] + text.slice(b + 1);
  }
  if (pick < 0.95) {
    const length = 1 + Math.floor(random() * 60);
    const from = Math.floor(random() * Math.max(1, text.length - length));
    return text.slice(0, at) + text.slice(from, from + length) + text.slice(at);
  }
  return text.slice(0, at);
}

/** The two readings of one request: from the scan's fields and from the DOM. */
export interface LeanAndDomReadings<T> {
  lean: T;
  dom: T;
}

/**
 * Holds an operation's reading of the scan's fields to its DOM reading. Each of `variants` must be
 * read whole by the scan and read the same both ways; then `mutants` seeded mutations of `valid`
 * (one or two changes each) must be either left undecided by the scan or read the same both ways,
 * with at least `minEach` of each kind, so both paths are exercised.
 * @throws Error naming the first request read differently, or a kind that came short.
 */
export function checkLeanReadingEqualsDom<T>(options: {
  valid: string;
  variants: string[];
  bothReadings: (xml: string) => LeanAndDomReadings<T> | undefined;
  seed: number;
  mutants: number;
  minEach: number;
}): void {
  const same = (readings: LeanAndDomReadings<T>, xml: string) => {
    if (!isDeepStrictEqual(readings.lean, readings.dom)) {
      throw new Error(`the lean reading ${JSON.stringify(readings.lean)} differs from the DOM's ${JSON.stringify(readings.dom)} for ${JSON.stringify(xml.slice(0, 400))}`);
    }
  };
  for (const xml of options.variants) {
    const readings = options.bothReadings(xml);
    if (!readings) throw new Error(`the scan left a variant undecided: ${JSON.stringify(xml.slice(0, 400))}`);
    same(readings, xml);
  }
  const random = seededRandom(options.seed);
  const counts = { read: 0, undecided: 0 };
  for (let i = 0; i < options.mutants; i++) {
    let xml = options.valid;
    for (let m = random() < 0.7 ? 1 : 2; m > 0; m--) xml = mutate(xml, random);
    const readings = options.bothReadings(xml);
    if (!readings) {
      counts.undecided++;
      continue;
    }
    counts.read++;
    same(readings, xml);
  }
  if (counts.read < options.minEach || counts.undecided < options.minEach) {
    throw new Error(`of ${options.mutants} mutants ${counts.read} were read and ${counts.undecided} left undecided; at least ${options.minEach} of each were expected`);
  }
}

/**
 * An operation's two readers as one function for {@link checkLeanReadingEqualsDom}: the request
 * scanned with a plan of `operation.fields` (the default size and depth bounds, LogicalAddress
 * required), then read from the fields and from the DOM's payload; undefined when the scan leaves
 * it undecided.
 */
export function leanAndDomReader<T>(
  operation: { requestNs: string; requestElement: string; fields: FieldPaths },
  fromFields: (fields: ScannedFields) => T,
  fromPayload: (payload: Element) => T,
): (xml: string) => LeanAndDomReadings<T> | undefined {
  const plan = envelopePlan({ ...operation, requireLogicalAddress: true, maxBytes: DEFAULT_MAX_XML_BYTES, maxDepth: DEFAULT_MAX_XML_DEPTH });
  return (xml) => {
    const scanned = scanEnvelope(Buffer.from(xml), plan);
    if (scanned.kind === 'undecided') return undefined;
    return { lean: fromFields(scanned.fields), dom: fromPayload(readEnvelope(readXmlSafely(xml).doc).payload) };
  };
}

/** A RIV-TA id element (`root` and `extension` in prefix `types`) named `name` in prefix `ns2`, for test requests. */
export const idElement = (name: string, extension: string): string =>
  `<ns2:${name}><types:root>1.2.3</types:root><types:extension>${extension}</types:extension></ns2:${name}>`;
