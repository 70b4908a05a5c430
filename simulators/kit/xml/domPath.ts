/**
 * Namespace-aware path readers over a parsed DOM, with errors that name the missing part. Typed
 * structurally so that elements from @xmldom/xmldom and from the platform DOM both fit.
 */

/** The part of a DOM node these readers use. */
export interface XmlNode {
  readonly nodeType: number;
  readonly namespaceURI?: string | null;
  readonly localName?: string | null;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: { readonly length: number; item(index: number): XmlNode | null };
}

const ELEMENT_NODE = 1;

/** `{namespace}localName` of a node, for messages. */
export function qualifiedName(node: XmlNode): string {
  return `{${node.namespaceURI ?? ''}}${node.localName ?? node.nodeName}`;
}

/** The element children of `parent` named `{namespace}localName`. */
export function children(parent: XmlNode, namespace: string, localName: string): XmlNode[] {
  const out: XmlNode[] = [];
  for (let i = 0; i < parent.childNodes.length; i++) {
    const c = parent.childNodes.item(i);
    if (c && c.nodeType === ELEMENT_NODE && c.namespaceURI === namespace && c.localName === localName) {
      out.push(c);
    }
  }
  return out;
}

/** The first element child `{namespace}localName` of `parent`, if any. */
export function child(parent: XmlNode, namespace: string, localName: string): XmlNode | undefined {
  return children(parent, namespace, localName)[0];
}

/**
 * The element at the end of `path` (each step `[namespace, localName]`) below `parent`.
 * @throws Error naming the missing step and the message part being read.
 */
export function requiredPath(parent: XmlNode, what: string, ...path: [string, string][]): XmlNode {
  let node = parent;
  const walked: string[] = [];
  for (const [ns, name] of path) {
    walked.push(name);
    const next = child(node, ns, name);
    if (!next) {
      throw new Error(`${what}: element ${walked.join('/')} is missing ({${ns}}${name} not found).`);
    }
    node = next;
  }
  return node;
}

/** Text of the element at `path`, or undefined when any step is missing. */
export function optionalText(parent: XmlNode, ...path: [string, string][]): string | undefined {
  let node: XmlNode | undefined = parent;
  for (const [ns, name] of path) {
    node = node ? child(node, ns, name) : undefined;
  }
  return node ? (node.textContent ?? '').trim() : undefined;
}

/**
 * Text of the element at `path`.
 * @throws Error naming the missing element.
 */
export function requiredText(parent: XmlNode, what: string, ...path: [string, string][]): string {
  return (requiredPath(parent, what, ...path).textContent ?? '').trim();
}

/**
 * Checks that `node` is the element `{namespace}localName`.
 * @throws Error saying which element was expected and which was found.
 */
export function expectElement(node: XmlNode, namespace: string, localName: string): void {
  if (node.nodeType !== ELEMENT_NODE || node.namespaceURI !== namespace || node.localName !== localName) {
    throw new Error(`Expected element {${namespace}}${localName}, got ${qualifiedName(node)}.`);
  }
}
