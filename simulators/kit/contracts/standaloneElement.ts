/**
 * Serialising one element out of a larger document (e.g. the payload inside `soap:Body`) as a
 * document of its own, without losing the namespace declarations it inherits from its ancestors.
 */

import { XMLSerializer } from '@xmldom/xmldom';
import type { Element } from '@xmldom/xmldom';

const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const ELEMENT_NODE = 1;

/**
 * The namespace declarations in scope at `element` that come from its ancestors (the nearest
 * declaration of a prefix wins), as attribute name (`xmlns` or `xmlns:p`) → namespace URI.
 */
export function inheritedNamespaceDeclarations(element: Element): Map<string, string> {
  const found = new Map<string, string>();
  let node = element.parentNode as Element | null;
  while (node !== null && node.nodeType === ELEMENT_NODE) {
    const attributes = node.attributes;
    for (let i = 0; i < attributes.length; i++) {
      const attr = attributes.item(i);
      if (attr === null) continue;
      const isDeclaration = attr.name === 'xmlns' || attr.name.startsWith('xmlns:');
      if (isDeclaration && !found.has(attr.name)) found.set(attr.name, attr.value);
    }
    node = node.parentNode as Element | null;
  }
  return found;
}

/**
 * `element` as a standalone XML document string: a deep copy carrying every namespace declaration
 * it inherits from its ancestors (so prefixes used in content, e.g. in `xsi:type` values, still
 * resolve). Declarations already on the element are kept as they are.
 *
 * The copy is not made (a whole `intyg` cloned node by node cost more than its serialising,
 * docs/decisions/0033-replay-cpu.md): the inherited declarations are put on `element` itself for
 * the serialising and taken off again, which gives the same text. An element in a default
 * namespace is still copied, since the serialiser then looks at its ancestors.
 */
export function serializeStandalone(element: Element): string {
  const inherited = [...inheritedNamespaceDeclarations(element)].filter(([name]) => !element.hasAttribute(name));
  if (element.namespaceURI && element.prefix == null) return serializeCopy(element, inherited);
  for (const [name, uri] of inherited) element.setAttributeNS(XMLNS_NS, name, uri);
  try {
    return new XMLSerializer().serializeToString(element);
  } finally {
    for (const [name] of inherited) element.removeAttribute(name);
  }
}

/** {@link serializeStandalone} by way of a deep copy (exported for the tests). */
export function serializeCopy(element: Element, inherited = [...inheritedNamespaceDeclarations(element)].filter(([name]) => !element.hasAttribute(name))): string {
  const copy = element.cloneNode(true) as Element;
  for (const [name, uri] of inherited) copy.setAttributeNS(XMLNS_NS, name, uri);
  return new XMLSerializer().serializeToString(copy);
}
