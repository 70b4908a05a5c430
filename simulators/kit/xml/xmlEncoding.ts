/**
 * Turning the bytes of an XML document into text, strictly: the encoding its XML declaration
 * names (UTF-8 when it names none, XML 1.0 §4.3.3), and bytes that are not valid in that encoding
 * refused with where they are, never replaced by U+FFFD. A Java SOAP stack (Apache CXF with
 * Woodstox) refuses such a message the same way; decoding it leniently would file corrupt text.
 */

import { isUtf8 } from 'node:buffer';

/** Why bytes could not be read as XML text; `message` is meant for the sender. */
export class XmlEncodingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlEncodingError';
  }
}

/** Encodings read here, by the names an XML declaration may give them (case-insensitive). */
const SUPPORTED = 'UTF-8, ISO-8859-1 or US-ASCII';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/**
 * Offset of the first byte that does not begin a well-formed UTF-8 sequence (Unicode 15, table
 * 3-7: no overlong forms, no surrogates, nothing above U+10FFFF, no cut-off sequence), or -1.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let more: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) more = 1;
    else if (b === 0xe0) [more, lo] = [2, 0xa0];
    else if (b === 0xed) [more, hi] = [2, 0x9f];
    else if (b >= 0xe1 && b <= 0xef) more = 2;
    else if (b === 0xf0) [more, lo] = [3, 0x90];
    else if (b === 0xf4) [more, hi] = [3, 0x8f];
    else if (b >= 0xf1 && b <= 0xf3) more = 3;
    else return i;
    if (i + more >= n) return i;
    const second = bytes[i + 1]!;
    if (second < lo || second > hi) return i;
    for (let k = 2; k <= more; k++) {
      const c = bytes[i + k]!;
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += more + 1;
  }
  return -1;
}

/** `offset N (line L)` for a byte offset: lines counted by LF bytes before it. */
function where(bytes: Uint8Array, offset: number): string {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return `offset ${offset} (line ${line})`;
}

function hex(bytes: Uint8Array, offset: number, count: number): string {
  return Array.from(bytes.subarray(offset, offset + count), (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

/** The encoding named by the XML declaration at the start of `bytes` (after any BOM), if any. */
export function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 256)).toString('latin1');
  const m = /^<\?xml[ \t\r\n][^?]*?encoding[ \t\r\n]*=[ \t\r\n]*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/.exec(head);
  return m?.[2];
}

/** Bytes found readable: the content (without a UTF-8 byte order mark) and how to decode it. */
export interface CheckedXmlBytes {
  content: Buffer;
  encoding: 'utf8' | 'latin1';
}

/**
 * Checks the bytes of an XML document without decoding them: a UTF-8 byte order mark is set
 * aside, the declared encoding (default UTF-8) must be UTF-8, ISO-8859-1 or US-ASCII, and every
 * byte sequence must be valid in it.
 *
 * @throws {XmlEncodingError} naming the offending bytes and where they are, or the encoding that
 *   cannot be read.
 */
export function checkXmlBytes(input: Uint8Array): CheckedXmlBytes {
  if (startsWith(input, [0xff, 0xfe]) || startsWith(input, [0xfe, 0xff])) {
    throw new XmlEncodingError(
      `XML document starts with a UTF-16 byte order mark; send it encoded as ${SUPPORTED} (UTF-8 preferred)`,
    );
  }
  const bytes = startsWith(input, UTF8_BOM) ? input.subarray(UTF8_BOM.length) : input;
  const content = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const declared = declaredEncoding(bytes);
  const name = (declared ?? 'UTF-8').toUpperCase().replace(/_/g, '-');
  if (name === 'UTF-8' || name === 'UTF8') {
    if (!isUtf8(content)) {
      const at = firstInvalidUtf8(bytes);
      const detail = at < 0 ? '' : `: the bytes ${hex(bytes, at, 4)} at ${where(bytes, at)} are not a UTF-8 sequence`;
      throw new XmlEncodingError(
        `XML document is not valid UTF-8${detail}; send the text encoded as UTF-8` +
          (declared === undefined ? ', or name its real encoding in the XML declaration' : ' as its XML declaration says'),
      );
    }
    return { content, encoding: 'utf8' };
  }
  if (name === 'ISO-8859-1' || name === 'LATIN1' || name === 'ISO8859-1') return { content, encoding: 'latin1' };
  if (name === 'US-ASCII' || name === 'ASCII') {
    const at = bytes.findIndex((b) => b > 0x7f);
    if (at >= 0) {
      throw new XmlEncodingError(
        `XML document declares encoding "${declared}" but byte ${hex(bytes, at, 1)} at ${where(bytes, at)} is not ASCII; send it as UTF-8`,
      );
    }
    return { content, encoding: 'latin1' };
  }
  throw new XmlEncodingError(
    `XML document declares encoding "${declared}", which the simulators do not read; send it as ${SUPPORTED} (UTF-8 preferred)`,
  );
}

/**
 * The text of an XML document given as bytes, checked by {@link checkXmlBytes} first.
 * @throws {XmlEncodingError} as {@link checkXmlBytes}.
 */
export function decodeXmlBytes(input: Uint8Array): string {
  const { content, encoding } = checkXmlBytes(input);
  return content.toString(encoding);
}
