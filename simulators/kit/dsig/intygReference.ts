/**
 * The `ds:Reference` of a certificate signature as Webcert writes it (PartialSignatureFactory,
 * webcert-surfaces.md §1.2): `URI=""`, SHA-256, and the transforms enveloped-signature → XSLT
 * (namespace stripping, the stylesheet inlined) → XPath Filter 2.0 intersect → XPath Filter 2.0
 * subtract → exc-c14n, declared with their real algorithm URIs. Reading one back checks that it
 * is exactly that chain, since only that chain is computed here (see intygTransforms.ts).
 */
import type { Element } from '@xmldom/xmldom';
import { childElement, childElements } from '../xml/dom.js';
import { xmlEscape } from '../xml/xmlText.js';
import { ALGORITHMS, DSIG_NS } from './algorithms.js';

/** Transform algorithm URIs of the chain. */
export const INTYG_TRANSFORMS = {
  envelopedSignature: ALGORITHMS.envelopedSignature,
  xslt: 'http://www.w3.org/TR/1999/REC-xslt-19991116',
  xpathFilter2: 'http://www.w3.org/2002/06/xmldsig-filter2',
  excC14n: ALGORITHMS.excC14n,
} as const;

/** Namespace of the Filter 2.0 `XPath` element. */
export const XPATH_FILTER2_NS = 'http://www.w3.org/2002/06/xmldsig-filter2';
/** XSLT 1.0 namespace. */
export const XSLT_NS = 'http://www.w3.org/1999/XSL/Transform';

/** The `subtract` expression: the metadata that may change after signing. */
export const SUBTRACT_METADATA_XPATH =
  "//*[local-name() = 'skickatTidpunkt']|//*[local-name() = 'relation']|//*[local-name() = 'status']|//*[local-name() = 'underskrift']";

/** A certificate id that can stand inside the XPath literal (no quote, no markup). */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/** The `intersect` expression for a certificate id. */
export function intersectIntygXPath(certificateId: string): string {
  if (!SAFE_ID.test(certificateId)) {
    throw new Error(`certificate id "${certificateId}" cannot be written into the signature's XPath filter; use letters, digits and . _ : - (a UUID)`);
  }
  return `//extension[text()='${certificateId}']/../..`;
}

/**
 * A stylesheet that strips every namespace and prefix from elements, copies attributes, and
 * strips whitespace-only text: the XSLT step of the chain.
 */
export const STRIP_NAMESPACES_XSLT =
  `<xsl:stylesheet xmlns:xsl="${XSLT_NS}" version="1.0"><xsl:output indent="no" omit-xml-declaration="yes"/>` +
  '<xsl:strip-space elements="*"/>' +
  '<xsl:template match="*"><xsl:element name="{local-name()}"><xsl:apply-templates select="@*|node()"/></xsl:element></xsl:template>' +
  '<xsl:template match="@*"><xsl:copy/></xsl:template></xsl:stylesheet>';

/** The `ds:Reference` element (prefix `ds`, declared by an enclosing element) for a certificate. */
export function intygReferenceXml(certificateId: string, digestBase64: string): string {
  const filter = (kind: 'intersect' | 'subtract', xpath: string) =>
    `<ds:Transform Algorithm="${INTYG_TRANSFORMS.xpathFilter2}"><dsf:XPath xmlns:dsf="${XPATH_FILTER2_NS}" Filter="${kind}">${xmlEscape(xpath)}</dsf:XPath></ds:Transform>`;
  return (
    '<ds:Reference URI=""><ds:Transforms>' +
    `<ds:Transform Algorithm="${INTYG_TRANSFORMS.envelopedSignature}"/>` +
    `<ds:Transform Algorithm="${INTYG_TRANSFORMS.xslt}">${STRIP_NAMESPACES_XSLT}</ds:Transform>` +
    filter('intersect', intersectIntygXPath(certificateId)) +
    filter('subtract', SUBTRACT_METADATA_XPATH) +
    `<ds:Transform Algorithm="${INTYG_TRANSFORMS.excC14n}"/>` +
    `</ds:Transforms><ds:DigestMethod Algorithm="${ALGORITHMS.sha256}"/><ds:DigestValue>${digestBase64}</ds:DigestValue></ds:Reference>`
  );
}

const noSpace = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, '');

/**
 * Whether `stylesheet` is a namespace-stripping stylesheet of the known shape: strip-space on
 * every element, one template for elements that writes `{local-name()}` (or `{local-name(.)}`)
 * with no namespace and applies templates to attributes and children, one that copies
 * attributes, and nothing else but `xsl:output`. Webcert's own stylesheet has that shape.
 */
export function isNamespaceStrippingStylesheet(stylesheet: Element): boolean {
  if (stylesheet.namespaceURI !== XSLT_NS || !['stylesheet', 'transform'].includes(stylesheet.localName ?? '')) return false;
  if (stylesheet.getAttribute('version') !== '1.0') return false;
  let elementTemplate = false;
  let attributeTemplate = false;
  let stripSpace = false;
  for (const child of childElements(stylesheet)) {
    if (child.namespaceURI !== XSLT_NS) return false;
    switch (child.localName) {
      case 'output':
        break;
      case 'strip-space':
        if (noSpace(child.getAttribute('elements')) !== '*') return false;
        stripSpace = true;
        break;
      case 'template': {
        const match = noSpace(child.getAttribute('match'));
        const body = childElements(child);
        if (match === '*' && body.length === 1 && body[0]!.localName === 'element' && body[0]!.namespaceURI === XSLT_NS) {
          const el = body[0]!;
          if (el.hasAttribute('namespace') || el.hasAttribute('use-attribute-sets')) return false;
          if (!['{local-name()}', '{local-name(.)}'].includes(noSpace(el.getAttribute('name')))) return false;
          const apply = childElements(el);
          if (apply.length !== 1 || apply[0]!.localName !== 'apply-templates' || apply[0]!.namespaceURI !== XSLT_NS) return false;
          if (!['@*|node()', 'node()|@*'].includes(noSpace(apply[0]!.getAttribute('select')))) return false;
          elementTemplate = true;
        } else if (match === '@*' && body.length === 1 && body[0]!.localName === 'copy' && body[0]!.namespaceURI === XSLT_NS && childElements(body[0]!).length === 0) {
          attributeTemplate = true;
        } else {
          return false;
        }
        break;
      }
      default:
        return false;
    }
  }
  return elementTemplate && attributeTemplate && stripSpace;
}

/** A Reference read back: the certificate it covers and its digest, or why it is not usable. */
export type IntygReferenceReading =
  | { ok: true; certificateId: string; digestValue: string }
  | { ok: false; problem: string };

/** Checks that `reference` is Webcert's certificate Reference and reads what it covers. */
export function readIntygReference(reference: Element): IntygReferenceReading {
  const fail = (problem: string): IntygReferenceReading => ({ ok: false, problem: `the signature's Reference ${problem}` });
  if (reference.getAttribute('URI') !== '') return fail(`has URI "${reference.getAttribute('URI') ?? '(none)'}"; Webcert's certificate signature uses URI="" over the whole message`);
  const transforms = childElement(reference, DSIG_NS, 'Transforms');
  const list = transforms ? childElements(transforms, DSIG_NS, 'Transform') : [];
  const algorithms = list.map((t) => t.getAttribute('Algorithm') ?? '');
  const expected = [INTYG_TRANSFORMS.envelopedSignature, INTYG_TRANSFORMS.xslt, INTYG_TRANSFORMS.xpathFilter2, INTYG_TRANSFORMS.xpathFilter2, INTYG_TRANSFORMS.excC14n];
  if (algorithms.length !== expected.length || algorithms.some((a, i) => a !== expected[i])) {
    return fail(
      `has the transforms [${algorithms.join(', ')}]; the certificate signature needs exactly enveloped-signature, XSLT, XPath Filter 2.0 intersect, XPath Filter 2.0 subtract, exc-c14n (webcert-surfaces.md §1.2)`,
    );
  }
  const stylesheet = childElements(list[1]!)[0];
  if (!stylesheet || !isNamespaceStrippingStylesheet(stylesheet)) {
    return fail('has an XSLT transform that is not the namespace-stripping stylesheet; no other stylesheet is run here');
  }
  const filterOf = (t: Element) => {
    const xp = childElements(t, XPATH_FILTER2_NS, 'XPath');
    return xp.length === 1 ? { filter: xp[0]!.getAttribute('Filter'), xpath: xp[0]!.textContent ?? '' } : undefined;
  };
  const intersect = filterOf(list[2]!);
  const m = intersect?.filter === 'intersect' ? /^\/\/extension\[text\(\)='([^']+)'\]\/\.\.\/\.\.$/.exec(noSpace(intersect.xpath)) : null;
  if (!m) return fail("has a first XPath Filter 2.0 that is not intersect //extension[text()='{intygs-id}']/../..");
  const subtract = filterOf(list[3]!);
  if (subtract?.filter !== 'subtract' || noSpace(subtract.xpath) !== noSpace(SUBTRACT_METADATA_XPATH)) {
    return fail(`has a second XPath Filter 2.0 that is not subtract ${SUBTRACT_METADATA_XPATH}`);
  }
  const digestMethod = childElement(reference, DSIG_NS, 'DigestMethod')?.getAttribute('Algorithm');
  if (digestMethod !== ALGORITHMS.sha256) return fail(`has DigestMethod ${digestMethod ?? '(none)'}; SHA-256 (${ALGORITHMS.sha256}) is expected`);
  const digestValue = noSpace(childElement(reference, DSIG_NS, 'DigestValue')?.textContent);
  if (!digestValue) return fail('has no DigestValue');
  return { ok: true, certificateId: m[1]!, digestValue };
}
