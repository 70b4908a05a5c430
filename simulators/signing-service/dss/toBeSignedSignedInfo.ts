/**
 * Sweden Connect's check of an XML sign task (its `XMLTBSDataProcessor`): ToBeSignedBytes must be
 * a `ds:SignedInfo` whose SignatureMethod is the requested signature algorithm and which has at
 * least one Reference.
 */
import type { Element } from '@xmldom/xmldom';
import { childElement, childElements } from '../../kit/xml/dom.js';
import { parseXmlSafely } from '../../kit/xml/safeXml.js';
import { DS_NS } from './dssNames.js';
import { reasonOf } from './dssProblems.js';

/**
 * Checks the SignedInfo inside `toBeSignedBase64`.
 * @returns undefined when it is acceptable, else what is wrong.
 */
export function checkToBeSignedSignedInfo(toBeSignedBase64: string, signatureAlgorithm: string): string | undefined {
  if (toBeSignedBase64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(toBeSignedBase64)) {
    return 'ToBeSignedBytes is not valid base64.';
  }
  const bytes = Buffer.from(toBeSignedBase64, 'base64');
  let root: Element;
  try {
    root = parseXmlSafely(bytes, { maxBytes: 256 * 1024 }).documentElement as Element;
  } catch (error) {
    return `ToBeSignedBytes is not an XML ds:SignedInfo: ${reasonOf(error)}.`;
  }
  if (root.namespaceURI !== DS_NS || root.localName !== 'SignedInfo') {
    return `ToBeSignedBytes holds {${root.namespaceURI ?? ''}}${root.localName}, but an XML sign task must carry the canonical ds:SignedInfo.`;
  }
  const method = childElement(root, DS_NS, 'SignatureMethod')?.getAttribute('Algorithm') ?? undefined;
  if (method !== signatureAlgorithm) {
    return `the SignedInfo's SignatureMethod is ${method ?? '(missing)'}, but RequestedSignatureAlgorithm is ${signatureAlgorithm}; they must be the same.`;
  }
  if (childElements(root, DS_NS, 'Reference').length === 0) {
    return 'the SignedInfo has no ds:Reference; there would be nothing the signature covers.';
  }
  return undefined;
}
