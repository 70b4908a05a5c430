import { test, expect } from '@playwright/test';
import { isUtf8 } from 'node:buffer';
import { declaredEncoding, decodeXmlBytes, firstInvalidUtf8, XmlEncodingError } from './xmlEncoding.js';

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

function refusal(input: Buffer): string {
  try {
    decodeXmlBytes(input);
  } catch (error) {
    expect(error).toBeInstanceOf(XmlEncodingError);
    return (error as Error).message;
  }
  throw new Error('expected the bytes to be refused');
}

test.describe('XML bytes to text', () => {
  test('valid UTF-8 is decoded; a UTF-8 byte order mark is dropped', () => {
    expect(decodeXmlBytes(bytes('<a>Åsa Öberg 𝄞</a>'))).toBe('<a>Åsa Öberg 𝄞</a>');
    expect(decodeXmlBytes(bytes([0xef, 0xbb, 0xbf], '<?xml version="1.0" encoding="UTF-8"?><a/>'))).toBe('<?xml version="1.0" encoding="UTF-8"?><a/>');
  });

  // Was a defect: the bytes were decoded leniently, so a Latin-1 "å" in a message that says
  // UTF-8 was filed as U+FFFD. It is refused, naming the bytes and where they are.
  test('a Latin-1 byte in a UTF-8 document is refused with its offset and line', () => {
    const input = bytes('<?xml version="1.0" encoding="UTF-8"?>\n<ref>v', [0xe5], 'rdkontakt</ref>');
    expect(refusal(input)).toBe(
      'XML document is not valid UTF-8: the bytes E5 72 64 6B at offset 45 (line 2) are not a UTF-8 sequence; ' +
        'send the text encoded as UTF-8 as its XML declaration says',
    );
    expect(refusal(bytes('<a>', [0xc3, 0x28], '</a>'))).toBe(
      'XML document is not valid UTF-8: the bytes C3 28 3C 2F at offset 3 (line 1) are not a UTF-8 sequence; ' +
        'send the text encoded as UTF-8, or name its real encoding in the XML declaration',
    );
  });

  test('overlong forms, surrogates, code points above U+10FFFF and cut-off sequences are not UTF-8', () => {
    const cases: Array<[number[], number]> = [
      [[0xc0, 0x80], 0], // overlong NUL
      [[0xe0, 0x80, 0x80], 0], // overlong
      [[0xed, 0xa0, 0x80], 0], // UTF-16 surrogate D800
      [[0xf4, 0x90, 0x80, 0x80], 0], // U+110000
      [[0xf5, 0x80, 0x80, 0x80], 0],
      [[0x41, 0xe2, 0x82], 1], // cut off at the end
      [[0x41, 0x80], 1], // lone continuation byte
      [[0xe2, 0x82, 0xac, 0xff], 3], // € then an impossible byte
    ];
    for (const [b, at] of cases) {
      expect(firstInvalidUtf8(Buffer.from(b)), b.join(',')).toBe(at);
      expect(isUtf8(Buffer.from(b)), b.join(',')).toBe(false);
    }
    for (const ok of ['€', '𝄞', 'å', '\u{10FFFF}', '\uD7FF', '\uE000']) {
      expect(firstInvalidUtf8(Buffer.from(ok)), ok).toBe(-1);
    }
  });

  test('the encoding the XML declaration names is honoured for ISO-8859-1 and US-ASCII', () => {
    expect(declaredEncoding(bytes("<?xml version='1.0' encoding='iso-8859-1'?><a/>"))).toBe('iso-8859-1');
    expect(declaredEncoding(bytes('<?xml version="1.0"?><a encoding="x"/>'))).toBeUndefined();
    expect(declaredEncoding(bytes('<a/>'))).toBeUndefined();
    expect(decodeXmlBytes(bytes('<?xml version="1.0" encoding="ISO-8859-1"?><a>v', [0xe5], 'rd</a>'))).toBe(
      '<?xml version="1.0" encoding="ISO-8859-1"?><a>vård</a>',
    );
    expect(decodeXmlBytes(bytes('<?xml version="1.0" encoding="US-ASCII"?><a>x</a>'))).toContain('<a>x</a>');
    expect(refusal(bytes('<?xml version="1.0" encoding="US-ASCII"?><a>', [0xe5], '</a>'))).toBe(
      'XML document declares encoding "US-ASCII" but byte E5 at offset 44 (line 1) is not ASCII; send it as UTF-8',
    );
  });

  test('UTF-16 and encodings not read here are refused with what to send instead', () => {
    expect(refusal(Buffer.from('\uFEFF<a/>', 'utf16le'))).toBe(
      'XML document starts with a UTF-16 byte order mark; send it encoded as UTF-8, ISO-8859-1 or US-ASCII (UTF-8 preferred)',
    );
    expect(refusal(bytes('<?xml version="1.0" encoding="Shift_JIS"?><a/>'))).toBe(
      'XML document declares encoding "Shift_JIS", which the simulators do not read; send it as UTF-8, ISO-8859-1 or US-ASCII (UTF-8 preferred)',
    );
  });
});
