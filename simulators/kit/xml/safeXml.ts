/**
 * A safe XML parser for everything that arrives over the wire: no DTDs, no entities beyond the
 * five predefined ones, a size limit, bytes read strictly in their declared encoding, a nesting
 * depth limit checked before any DOM is built, and well-formedness errors that say where and
 * what, so bad input gets a clear answer at once instead of a crash, a stall or an XXE.
 * Every XML reader of the kit and the simulators goes through here.
 */
import { DOMParser, type Document } from '@xmldom/xmldom';
import { findDepthOverflow } from './nestingDepth.js';
import { checkXmlBytes, XmlEncodingError, type CheckedXmlBytes } from './xmlEncoding.js';

/** Why a document was refused. */
export type XmlInputProblem = 'empty' | 'too-large' | 'bad-encoding' | 'dtd-forbidden' | 'too-deep' | 'malformed';

/** Thrown for input that is not acceptable XML; `message` is meant for the sender. */
export class XmlInputError extends Error {
  constructor(
    readonly problem: XmlInputProblem,
    message: string,
  ) {
    super(message);
    this.name = 'XmlInputError';
  }
}

export interface SafeXmlOptions {
  /** Largest accepted document in bytes (UTF-8). Default 1 MiB. */
  maxBytes?: number;
  /** Deepest accepted element nesting (the document element is level 1). Default 100. */
  maxDepth?: number;
}

/** Default size limit for one XML document: 1 MiB, far above any real RIV-TA message. */
export const DEFAULT_MAX_XML_BYTES = 1024 * 1024;

/**
 * Default nesting limit: 100 levels, Apache CXF's default (`org.apache.cxf.stax.maxElementDepth`),
 * so a simulator refuses what a real CXF endpoint refuses. RIV-TA, SAML and DSS messages stay
 * far below it (a CertificateStatusUpdateForCare in its envelope is about 10 deep).
 */
export const DEFAULT_MAX_XML_DEPTH = 100;

/** A parsed document and the text it was parsed from (decoded, without a byte order mark). */
export interface ReadXml {
  doc: Document;
  text: string;
}

function refuseTooDeep(input: string | Uint8Array, maxDepth: number): void {
  const overflow = findDepthOverflow(input, maxDepth);
  if (overflow) {
    throw new XmlInputError(
      'too-deep',
      `XML document nests elements deeper than ${maxDepth} levels (level ${overflow.depth} opens at line ${overflow.line}, column ${overflow.column}); ` +
        'the limit (as in Apache CXF) keeps a crafted document from stalling the parser: send a flatter document',
    );
  }
}

/**
 * Parses `xml` into a namespace-aware DOM, refusing DTDs (and with them every external or
 * custom entity), documents over the size limit, bytes not valid in the declared encoding,
 * nesting deeper than the limit and anything not well-formed.
 *
 * Give the bytes as received (a Buffer) wherever there are bytes: only then can bad encoding be
 * told from text, because a string has already been decoded.
 *
 * @throws {XmlInputError} with a message that names the problem and what to do.
 */
export function parseXmlSafely(xml: string | Buffer, options: SafeXmlOptions = {}): Document {
  return readXmlSafely(xml, options).doc;
}

/**
 * {@link parseXmlSafely}, also handing back the decoded text (for a caller that files or signs
 * the message as received).
 *
 * @throws {XmlInputError} with a message that names the problem and what to do.
 */
export function readXmlSafely(xml: string | Buffer, options: SafeXmlOptions = {}): ReadXml {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_XML_BYTES;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_XML_DEPTH;
  const bytes = typeof xml === 'string' ? Buffer.byteLength(xml, 'utf8') : xml.length;
  if (bytes > maxBytes) {
    throw new XmlInputError(
      'too-large',
      `XML document is ${bytes} bytes, over the limit of ${maxBytes} bytes; send a smaller message`,
    );
  }
  // Bytes are checked as bytes: their encoding first (invalid UTF-8 is never turned into U+FFFD),
  // then their nesting, so a document built to stall the parser is refused before it is decoded.
  let text: string;
  if (typeof xml === 'string') {
    text = xml;
  } else {
    let checked: CheckedXmlBytes;
    try {
      checked = checkXmlBytes(xml);
    } catch (error) {
      if (error instanceof XmlEncodingError) throw new XmlInputError('bad-encoding', error.message);
      throw error;
    }
    refuseTooDeep(checked.content, maxDepth);
    text = checked.content.toString(checked.encoding);
  }
  // One byte order mark before the content is allowed by XML and sent by some SOAP stacks.
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') {
    throw new XmlInputError('empty', 'XML document is empty; send a SOAP envelope');
  }
  // Refuse any document type declaration before the parser sees it: it is the only way in for
  // external entities (XXE), entity expansion ("billion laughs") and external DTD fetches.
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    throw new XmlInputError(
      'dtd-forbidden',
      'XML document contains a DOCTYPE or ENTITY declaration; DTDs and entities are not allowed in RIV-TA messages, remove them',
    );
  }
  // Counted in one pass before the DOM is built: a deeply nested document costs xmldom seconds.
  if (typeof xml === 'string') refuseTooDeep(text, maxDepth);
  const problems: string[] = [];
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') problems.push(String(message).split('\n')[0] ?? String(message));
    },
  });
  let doc: Document;
  try {
    doc = parser.parseFromString(text, 'text/xml');
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new XmlInputError('malformed', `XML document is not well-formed: ${reason}`);
  }
  if (problems.length > 0 || !doc.documentElement) {
    throw new XmlInputError(
      'malformed',
      `XML document is not well-formed: ${problems[0] ?? 'no root element'}`,
    );
  }
  return { doc, text };
}
