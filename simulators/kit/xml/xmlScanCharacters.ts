/**
 * The characters, names, references and XML declaration the bounded scan (`boundedXmlScan.ts`)
 * takes; anything else leaves the document to the strict reader.
 */

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const S = ' \t\r\n';
export const XML_DECL = new RegExp(
  `^<\\?xml[${S}]+version[${S}]*=[${S}]*(?:"1\\.0"|'1\\.0')` +
    `(?:[${S}]+encoding[${S}]*=[${S}]*(?:"[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?` +
    `(?:[${S}]+standalone[${S}]*=[${S}]*(?:"(?:yes|no)"|'(?:yes|no)'))?[${S}]*\\?>`,
);
/** Characters the scan does not take anywhere: C0 controls but tab/LF/CR, DEL and C1, U+FFFE/U+FFFF. */
export const UNTAKEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/;
export const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

/** Character codes the scan looks for. */
export const GT = 62;
export const SLASH = 47;
export const BANG = 33;
export const QUESTION = 63;
export const EQUALS = 61;
export const DQUOTE = 34;
export const SQUOTE = 39;
export const COLON = 58;

export const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
export const isNameStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
export const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46;
