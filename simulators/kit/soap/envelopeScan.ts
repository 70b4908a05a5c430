/**
 * Reading a RIV-TA request on the hot path without a DOM (docs/decisions/0016-lean-soap-path.md):
 * one bounded scan of the envelope (`boundedXmlScan.ts`) that checks what the strict reader and
 * `readEnvelope` check and picks out only what the operation asked for: the LogicalAddress header
 * and the text of a few elements below the request element.
 *
 * The scan answers only for a request it could read whole and that the operation takes (one
 * Header at most, first; one Body holding exactly the expected request element; a LogicalAddress
 * when required). Anything else, valid or not, is "undecided" and goes to the strict reader and
 * the DOM, which give the same answer they always gave; the tests hold both paths to the same
 * answers for the same input.
 */
import { checkXmlBytes, type CheckedXmlBytes } from '../xml/xmlEncoding.js';
import { scanXml } from '../xml/boundedXmlScan.js';
import { localNameIs, type XmlScanVisitor } from '../xml/xmlScanVisitor.js';
import { LOGICAL_ADDRESS_NS, SOAP11_NS } from './envelope.js';

/**
 * One step below the request element: `[namespace, localName]`. The namespace {@link ANY_NAMESPACE}
 * takes the first child of that local name in any namespace (or none), as a lenient DOM reader does
 * with `childElements(parent).find((e) => e.localName === name)`.
 */
export type FieldStep = readonly [string, string];

/** The namespace of a {@link FieldStep} that matches an element of that local name in any namespace. */
export const ANY_NAMESPACE = '*';

/**
 * The elements an operation reads, by name: each a path of steps below the request element. Each
 * step takes the first child of that name, as the DOM readers do (`childElement`, `requiredPath`).
 */
export type FieldPaths = Record<string, readonly FieldStep[]>;

/**
 * What the scan read: each field's text content (all text below the element, references resolved,
 * not trimmed: `textContent`), or undefined when the element is not there.
 */
export type ScannedFields = Readonly<Record<string, string | undefined>>;

/** What an operation expects, prepared once (see {@link envelopePlan}). */
export interface EnvelopePlan {
  readonly requestNs: string;
  readonly requestElement: string;
  readonly requireLogicalAddress: boolean;
  readonly maxBytes: number;
  readonly maxDepth: number;
  readonly fieldNames: readonly string[];
  /** The tree of the paths, from the request element. */
  readonly root: PathNode;
  /** How many nodes the tree has (the root is node 0). */
  readonly nodeCount: number;
}

interface PathNode {
  /** Number of the node in its plan, 0 for the root. */
  index: number;
  namespace: string;
  localName: string;
  children: PathNode[];
  /** Fields (numbers in `fieldNames`) that end at this element. */
  fields: number[];
}

/** A request the scan read whole. */
export interface ScannedEnvelope {
  kind: 'scanned';
  /** The document as text (decoded in its declared encoding, without a byte order mark). */
  text: string;
  /** Trimmed text of the LogicalAddress header; undefined when absent or empty. */
  logicalAddress?: string;
  fields: ScannedFields;
}

/** A request the scan leaves to the strict reader, and why. */
export interface UndecidedEnvelope {
  kind: 'undecided';
  reason: string;
}

/** Prepares the scan of one operation's requests. */
export function envelopePlan(options: {
  requestNs: string;
  requestElement: string;
  requireLogicalAddress: boolean;
  maxBytes: number;
  maxDepth: number;
  fields: FieldPaths;
}): EnvelopePlan {
  let nodeCount = 0;
  const node = (namespace: string, localName: string): PathNode => ({ index: nodeCount++, namespace, localName, children: [], fields: [] });
  const root = node(options.requestNs, options.requestElement);
  const fieldNames = Object.keys(options.fields);
  fieldNames.forEach((name, field) => {
    let at = root;
    for (const [ns, local] of options.fields[name]!) {
      let next = at.children.find((c) => c.namespace === ns && c.localName === local);
      if (!next) at.children.push((next = node(ns, local)));
      at = next;
    }
    if (at === root) throw new Error(`field ${name}: a path needs at least one step below the request element`);
    at.fields.push(field);
  });
  return {
    requestNs: options.requestNs,
    requestElement: options.requestElement,
    requireLogicalAddress: options.requireLogicalAddress,
    maxBytes: options.maxBytes,
    maxDepth: options.maxDepth,
    fieldNames,
    root,
    nodeCount,
  };
}

/** Where an open element stands in the envelope. */
const enum Place {
  Other,
  Envelope,
  Header,
  Body,
  LogicalAddress,
  Request,
}

/** The envelope's shape and the fields, followed element by element. */
class EnvelopeVisitor implements XmlScanVisitor {
  private readonly places: Place[] = [];
  /**
   * Per depth below the request element: the path nodes the open element stands for, if it is on a
   * path (more than one when a step in {@link ANY_NAMESPACE} and a named one both take it).
   */
  private readonly nodes: Array<readonly PathNode[] | undefined> = [];
  private readonly rootNodes: readonly PathNode[];
  /** Per depth: a number for the open element, so a node can tell whether this parent met it already. */
  private readonly serials: number[] = [];
  private serial = 0;
  /** Per node: the serial of the parent element that already has a child of this name. */
  private readonly metUnder: Int32Array;
  private header = false;
  private body = false;
  private request = false;
  private logicalAddressSeen = false;
  /** Fields (numbers; -1 for the LogicalAddress) being captured, and the depth each started at. */
  private readonly capturing: number[] = [];
  private readonly capturingDepth: number[] = [];
  readonly values: Array<string | undefined>;
  logicalAddress?: string;

  constructor(private readonly plan: EnvelopePlan) {
    this.values = new Array<string | undefined>(plan.fieldNames.length).fill(undefined);
    this.metUnder = new Int32Array(plan.nodeCount).fill(-1);
    this.rootNodes = [plan.root];
  }

  get wantsText(): boolean {
    return this.capturing.length > 0;
  }

  text(value: string): void {
    for (const field of this.capturing) {
      if (field < 0) this.logicalAddress += value;
      else this.values[field] += value;
    }
  }

  start(ns: string | null, text: string, localStart: number, localEnd: number, depth: number): true | string {
    this.serials[depth] = this.serial++;
    this.nodes[depth] = undefined;
    if (depth > 3) {
      this.places[depth] = Place.Other;
      if (this.nodes[depth - 1] !== undefined) this.follow(ns, text, localStart, localEnd, depth);
      return true;
    }
    const is = (namespace: string, name: string) => ns === namespace && localNameIs(text, localStart, localEnd, name);
    const parent = depth > 1 ? this.places[depth - 1]! : undefined;
    let place = Place.Other;
    if (depth === 1) {
      if (!is(SOAP11_NS, 'Envelope')) return 'the document element is not a SOAP 1.1 Envelope';
      place = Place.Envelope;
    } else if (parent === Place.Envelope) {
      if (is(SOAP11_NS, 'Header') && !this.header && !this.body) {
        this.header = true;
        place = Place.Header;
      } else if (is(SOAP11_NS, 'Body') && !this.body) {
        this.body = true;
        place = Place.Body;
      } else {
        return 'the Envelope holds other than one Header and then one Body';
      }
    } else if (parent === Place.Header) {
      if (is(LOGICAL_ADDRESS_NS, 'LogicalAddress') && !this.logicalAddressSeen) {
        this.logicalAddressSeen = true;
        this.logicalAddress = '';
        this.capture(-1, depth);
        place = Place.LogicalAddress;
      }
    } else if (parent === Place.Body) {
      if (this.request) return 'the Body holds more than one element';
      if (!is(this.plan.requestNs, this.plan.requestElement)) return 'the Body holds another element than the request';
      this.request = true;
      place = Place.Request;
      this.nodes[depth] = this.rootNodes;
    }
    this.places[depth] = place;
    return true;
  }

  /** Below the request element, under an element on a path: the path nodes it is the first child of its name for. */
  private follow(ns: string | null, text: string, localStart: number, localEnd: number, depth: number): void {
    const parentSerial = this.serials[depth - 1]!;
    let taken: PathNode[] | undefined;
    for (const parent of this.nodes[depth - 1]!) {
      for (const node of parent.children) {
        if ((node.namespace !== ns && node.namespace !== ANY_NAMESPACE) || !localNameIs(text, localStart, localEnd, node.localName)) continue;
        if (this.metUnder[node.index] === parentSerial) continue; // not the first of its name: the DOM readers skip it
        this.metUnder[node.index] = parentSerial;
        (taken ??= []).push(node);
        for (const field of node.fields) {
          this.values[field] = '';
          this.capture(field, depth);
        }
      }
    }
    this.nodes[depth] = taken;
  }

  private capture(field: number, depth: number): void {
    this.capturing.push(field);
    this.capturingDepth.push(depth);
  }

  end(depth: number): void {
    while (this.capturing.length > 0 && this.capturingDepth[this.capturingDepth.length - 1] === depth) {
      this.capturing.pop();
      this.capturingDepth.pop();
    }
    this.nodes[depth] = undefined;
  }

  /** Why the request is not one the operation takes as it stands, or undefined. */
  incomplete(): string | undefined {
    if (!this.body || !this.request) return 'the Body holds no request element';
    const la = this.logicalAddress?.trim();
    this.logicalAddress = la || undefined;
    if (this.plan.requireLogicalAddress && !this.logicalAddress) return 'no LogicalAddress';
    return undefined;
  }

  /** The fields by name. */
  fields(): ScannedFields {
    const out: Record<string, string | undefined> = {};
    this.plan.fieldNames.forEach((name, field) => {
      out[name] = this.values[field];
    });
    return out;
  }
}

/**
 * Reads the request in `bytes` as `plan` says, or says why it leaves it to the strict reader: a
 * size over the limit, bytes not valid in their encoding, anything the bounded scan does not take,
 * an envelope of another shape, another request element, a missing LogicalAddress. `utf8Text`,
 * when given, is `bytes` decoded as UTF-8 (saves decoding them again).
 */
export function scanEnvelope(bytes: Buffer, plan: EnvelopePlan, utf8Text?: string): ScannedEnvelope | UndecidedEnvelope {
  if (bytes.length > plan.maxBytes) return { kind: 'undecided', reason: 'over the size limit' };
  let checked: CheckedXmlBytes;
  try {
    checked = checkXmlBytes(bytes);
  } catch {
    return { kind: 'undecided', reason: 'bytes not valid in their encoding' };
  }
  // Valid UTF-8 without a byte order mark decodes to the text the caller may already have.
  const reuse = utf8Text !== undefined && checked.encoding === 'utf8' && checked.content.length === bytes.length;
  let text = reuse ? utf8Text : checked.content.toString(checked.encoding);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const visitor = new EnvelopeVisitor(plan);
  const reason = scanXml(text, visitor, plan.maxDepth) ?? visitor.incomplete();
  if (reason !== undefined) return { kind: 'undecided', reason };
  return { kind: 'scanned', text, logicalAddress: visitor.logicalAddress, fields: visitor.fields() };
}
