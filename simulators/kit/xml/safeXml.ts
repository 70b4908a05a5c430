/**
 * A safe XML parser for everything that arrives over the wire: no DTDs, no entities beyond the
 * five predefined ones, a size limit, and well-formedness errors that say where and what, so
 * bad input gets a clear answer instead of a crash or an XXE.
 */
import { DOMParser, type Document } from '@xmldom/xmldom';

/** Why a document was refused. */
export type XmlInputProblem = 'empty' | 'too-large' | 'dtd-forbidden' | 'malformed';

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
}

/** Default size limit for one XML document: 1 MiB, far above any real RIV-TA message. */
export const DEFAULT_MAX_XML_BYTES = 1024 * 1024;

/**
 * Parses `xml` into a namespace-aware DOM, refusing DTDs (and with them every external or
 * custom entity), documents over the size limit and anything not well-formed.
 *
 * @throws {XmlInputError} with a message that names the problem and what to do.
 */
export function parseXmlSafely(xml: string | Buffer, options: SafeXmlOptions = {}): Document {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_XML_BYTES;
  const bytes = typeof xml === 'string' ? Buffer.byteLength(xml, 'utf8') : xml.length;
  if (bytes > maxBytes) {
    throw new XmlInputError(
      'too-large',
      `XML document is ${bytes} bytes, over the limit of ${maxBytes} bytes; send a smaller message`,
    );
  }
  // One byte order mark before the content is allowed by XML and sent by some SOAP stacks.
  const text = (typeof xml === 'string' ? xml : xml.toString('utf8')).replace(/^\uFEFF/, '');
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
  return doc;
}
