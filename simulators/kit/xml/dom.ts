/**
 * Small namespace-aware helpers for reading a parsed DOM (children by namespace and local name,
 * trimmed text), so protocol code reads like the contract it implements.
 */
import type { Element, Node } from '@xmldom/xmldom';

const ELEMENT_NODE = 1;

/** Element children of `parent`, optionally only those with the given namespace and local name. */
export function childElements(parent: Node, namespace?: string | null, localName?: string): Element[] {
  const result: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== ELEMENT_NODE) continue;
    const el = n as Element;
    if (namespace !== undefined && el.namespaceURI !== namespace) continue;
    if (localName !== undefined && el.localName !== localName) continue;
    result.push(el);
  }
  return result;
}

/** The first element child with this namespace and local name, or undefined. */
export function childElement(parent: Node, namespace: string | null, localName: string): Element | undefined {
  return childElements(parent, namespace, localName)[0];
}

/** Trimmed text of the first matching child, or undefined when absent. */
export function childText(parent: Node, namespace: string | null, localName: string): string | undefined {
  const el = childElement(parent, namespace, localName);
  return el ? (el.textContent ?? '').trim() : undefined;
}

/** Walks a path of local names in one namespace: `pathElement(intyg, NS, 'patient', 'person-id')`. */
export function pathElement(start: Node, namespace: string | null, ...localNames: string[]): Element | undefined {
  let current: Node | undefined = start;
  for (const name of localNames) {
    if (!current) return undefined;
    current = childElement(current, namespace, name);
  }
  return current as Element | undefined;
}

/** First descendant element (document order) with this namespace and local name. */
export function firstDescendant(root: Node, namespace: string, localName: string): Element | undefined {
  const list = (root as Element).getElementsByTagNameNS?.(namespace, localName);
  return list && list.length > 0 ? (list.item(0) ?? undefined) : undefined;
}
