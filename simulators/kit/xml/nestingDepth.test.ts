import { test, expect } from '@playwright/test';
import { findDepthOverflow } from './nestingDepth.js';

const nested = (depth: number, inner = 'x') => `${'<e>'.repeat(depth)}${inner}${'</e>'.repeat(depth)}`;

test.describe('nesting depth, counted before parsing', () => {
  test('exactly at the limit passes; one more is reported where it opens', () => {
    expect(findDepthOverflow(nested(100), 100)).toBeUndefined();
    expect(findDepthOverflow(nested(101), 100)).toEqual({ depth: 101, line: 1, column: 301 });
    expect(findDepthOverflow(`<root>\n  <a>\n    <b>`, 2)).toEqual({ depth: 3, line: 3, column: 5 });
  });

  test('siblings, empty elements and end tags do not add depth', () => {
    const wide = `<r>${'<a x="1"/><b></b>'.repeat(10_000)}</r>`;
    expect(findDepthOverflow(wide, 2)).toBeUndefined();
    expect(findDepthOverflow(wide, 1)).toEqual({ depth: 2, line: 1, column: 14 });
  });

  test('comments, CDATA, processing instructions and quoted ">" or "/>" are not tags', () => {
    const text =
      '<?xml version="1.0"?><!-- <a><b><c> --><r a=">" b="/>" c=\'<x>\'>' +
      '<![CDATA[<a><b><c><d>]]><?pi <a><b>?><s/></r>';
    expect(findDepthOverflow(text, 1)).toBeUndefined();
    expect(findDepthOverflow(text, 0)).toEqual({ depth: 1, line: 1, column: 40 });
  });

  test('a 100,000-deep document is found at level 101, without reading the rest', () => {
    const deep = nested(100_000);
    expect(findDepthOverflow(deep, 100)).toEqual({ depth: 101, line: 1, column: 301 });
  });

  test('text that ends inside a tag, comment or declaration is left to the parser', () => {
    for (const text of ['<a><b', '<a><!-- open', '<a><![CDATA[x', '<a><?pi', '<a></b', '<a x="1>']) {
      expect(findDepthOverflow(text, 0 + 5), text).toBeUndefined();
    }
  });
});

test('bytes are scanned like text, so a deep document is refused before it is decoded', () => {
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n<r a="å>">${nested(101, 'Åsa')}</r>`;
  // Level 101 is the 100th <e>, after `<r a="å>">` on line 2: column 308 in characters, 309 in bytes.
  expect(findDepthOverflow(text, 100)).toEqual({ depth: 101, line: 2, column: 308 });
  expect(findDepthOverflow(Buffer.from(text), 100)).toEqual({ depth: 101, line: 2, column: 309 });
  expect(findDepthOverflow(Buffer.from(text), 102)).toBeUndefined();
  expect(findDepthOverflow(text, 102)).toBeUndefined();
  expect(findDepthOverflow(new Uint8Array(Buffer.from(nested(5))), 4)).toEqual({ depth: 5, line: 1, column: 13 });
});
