import { test, expect } from '@playwright/test';
import { DEFAULT_MAX_XML_BYTES, DEFAULT_MAX_XML_DEPTH, parseXmlSafely, readXmlSafely, XmlInputError } from './safeXml.js';

function refusal(xml: string | Buffer, maxBytes?: number, maxDepth?: number): XmlInputError {
  try {
    parseXmlSafely(xml, { ...(maxBytes === undefined ? {} : { maxBytes }), ...(maxDepth === undefined ? {} : { maxDepth }) });
  } catch (error) {
    expect(error).toBeInstanceOf(XmlInputError);
    return error as XmlInputError;
  }
  throw new Error('expected the document to be refused');
}

const XXE = `<?xml version="1.0"?>
<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<foo>&xxe;</foo>`;

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<lolz>&lol9;</lolz>`;

test.describe('safe XML parser', () => {
  test('an XXE payload is refused before parsing, and the file is never read', () => {
    const e = refusal(XXE);
    expect(e.problem).toBe('dtd-forbidden');
    expect(e.message).toBe(
      'XML document contains a DOCTYPE or ENTITY declaration; DTDs and entities are not allowed in RIV-TA messages, remove them',
    );
    expect(e.message).not.toContain('root:');
  });

  test('a billion-laughs payload is refused as a DTD', () => {
    expect(refusal(BILLION_LAUGHS).problem).toBe('dtd-forbidden');
  });

  test('DOCTYPE in any case, and a stray ENTITY declaration, are refused', () => {
    expect(refusal('<!doctype html><html/>').problem).toBe('dtd-forbidden');
    expect(refusal('<a><!ENTITY x "y"></a>').problem).toBe('dtd-forbidden');
  });

  test('the five predefined entities and character references still work', () => {
    const doc = parseXmlSafely('<a t="&quot;x&quot;">&lt;b&gt; &amp; &apos;c&apos; &#229;</a>');
    expect(doc.documentElement?.textContent).toBe("<b> & 'c' å");
    expect(doc.documentElement?.getAttribute('t')).toBe('"x"');
  });

  test('documents over the size limit are refused with both sizes in the message', () => {
    const xml = `<a>${'x'.repeat(200)}</a>`;
    const e = refusal(xml, 100);
    expect(e.problem).toBe('too-large');
    expect(e.message).toBe('XML document is 207 bytes, over the limit of 100 bytes; send a smaller message');
    expect(refusal(Buffer.from(xml), 100).message).toContain('207 bytes');
  });

  test('the size limit counts UTF-8 bytes, not characters; the default is 1 MiB', () => {
    expect(DEFAULT_MAX_XML_BYTES).toBe(1_048_576);
    const xml = `<a>${'å'.repeat(50)}</a>`; // 57 characters, 107 bytes
    expect(refusal(xml, 100).message).toContain('is 107 bytes');
    expect(parseXmlSafely(xml, { maxBytes: 107 }).documentElement?.textContent).toBe('å'.repeat(50));
    expect(refusal(`<a>${'x'.repeat(DEFAULT_MAX_XML_BYTES)}</a>`).problem).toBe('too-large');
  });

  test('empty and blank input get their own message', () => {
    for (const input of ['', '   \n\t', Buffer.alloc(0)]) {
      const e = refusal(input);
      expect(e.problem).toBe('empty');
      expect(e.message).toBe('XML document is empty; send a SOAP envelope');
    }
  });

  test('malformed XML is refused with a message that says what is wrong', () => {
    const cases: Array<[string, string]> = [
      ['<soap:Envelope xmlns:soap="urn:x"><soap:Body></soap:Envelope>', 'Opening and ending tag mismatch: "soap:Body" != "soap:Envelope"'],
      ['this is not xml', 'missing root element'],
      ['<a><b>', 'unclosed xml tag(s): a, b'],
      ['<a x="1" x="2"/>', 'Attribute x redefined'],
      ['<a>&nbsp;</a>', 'entity not found:&nbsp;'],
      ['<p:a/>', 'prefix is non-null and namespace is null'],
    ];
    for (const [xml, reason] of cases) {
      const e = refusal(xml);
      expect(e.problem, xml).toBe('malformed');
      expect(e.message, xml).toMatch(/^XML document is not well-formed: /);
      expect(e.message, xml).toContain(reason);
    }
  });

  // Was a bug (safeXml.ts:45), fixed: a UTF-8 byte order mark is allowed before the XML declaration (XML 1.0
  // §4.3.3, F.1) and some SOAP stacks send one, but the decoded text keeps U+FEFF and xmldom
  // refuses it ("processing instruction at position 1 is an xml declaration which is only at the
  // start of the document"; without a declaration: "Unexpected content outside root element").
  // The fix: strip one leading U+FEFF after decoding.
  test('a UTF-8 byte order mark before the declaration is accepted', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<?xml version="1.0" encoding="UTF-8"?><a>ok</a>')]);
    expect(parseXmlSafely(body).documentElement?.textContent).toBe('ok');
  });

  // Was a defect: a Buffer was decoded leniently, so invalid bytes became U+FFFD in the text.
  test('bytes that are not valid UTF-8 are refused, before any parsing', () => {
    const e = refusal(Buffer.concat([Buffer.from('<a>v'), Buffer.from([0xe5]), Buffer.from('rd</a>')]));
    expect(e.problem).toBe('bad-encoding');
    expect(e.message).toMatch(/^XML document is not valid UTF-8: the bytes E5 72 64 3C at offset 4 \(line 1\)/);
    // A declared Latin-1 document is read as Latin-1, and the decoded text is handed back.
    const latin1 = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>v'), Buffer.from([0xe5]), Buffer.from('rd</a>')]);
    const read = readXmlSafely(latin1);
    expect(read.doc.documentElement?.textContent).toBe('vård');
    expect(read.text).toBe('<?xml version="1.0" encoding="ISO-8859-1"?><a>vård</a>');
  });

  // Was a defect: 100,000 nested elements inside one field took xmldom about 4 s and were accepted.
  test('nesting deeper than the limit (100, as Apache CXF) is refused before the DOM is built', () => {
    expect(DEFAULT_MAX_XML_DEPTH).toBe(100);
    const nested = (n: number) => `<r>${'<x>'.repeat(n - 1)}${'</x>'.repeat(n - 1)}</r>`;
    expect(parseXmlSafely(nested(100)).documentElement?.localName).toBe('r');
    const e = refusal(nested(100_000));
    expect(e.problem).toBe('too-deep');
    expect(e.message).toBe(
      'XML document nests elements deeper than 100 levels (level 101 opens at line 1, column 301); ' +
        'the limit (as in Apache CXF) keeps a crafted document from stalling the parser: send a flatter document',
    );
    expect(refusal(nested(4), undefined, 3).message).toContain('deeper than 3 levels');
    expect(parseXmlSafely(nested(4), { maxDepth: 4 }).documentElement?.localName).toBe('r');
  });

  test('namespaces, prefixes and local names are preserved', () => {
    const doc = parseXmlSafely(
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
        '<p:Req xmlns:p="urn:riv:test:1" xmlns="urn:default"><child>v</child></p:Req></soap:Body></soap:Envelope>',
    );
    const env = doc.documentElement!;
    expect(env.namespaceURI).toBe('http://schemas.xmlsoap.org/soap/envelope/');
    expect(env.localName).toBe('Envelope');
    expect(env.prefix).toBe('soap');
    const req = doc.getElementsByTagNameNS('urn:riv:test:1', 'Req').item(0)!;
    expect(req.nodeName).toBe('p:Req');
    const child = doc.getElementsByTagNameNS('urn:default', 'child').item(0)!;
    expect(child.textContent).toBe('v');
  });

  test('a Buffer is read as UTF-8', () => {
    const doc = parseXmlSafely(Buffer.from('<?xml version="1.0" encoding="UTF-8"?><namn>Åsa Öberg</namn>', 'utf8'));
    expect(doc.documentElement?.textContent).toBe('Åsa Öberg');
  });
});
