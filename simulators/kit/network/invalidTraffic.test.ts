/** What an invalid attempt leaves in the journal: a short, printable excerpt of the raw input. */
import { expect, test } from '@playwright/test';
import { excerpt } from './invalidTraffic.js';
import { requestTarget } from './inboundExchange.js';

test('excerpt: printable ASCII kept, CR/LF and other bytes escaped, cut with an ellipsis', () => {
  expect(excerpt('GET http://[ HTTP/1.1\r\nHost: x\r\n\r\n')).toBe('GET http://[ HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n');
  expect(excerpt(Buffer.from([0x16, 0x03, 0x01, 0x5c, 0xff, 0x41]))).toBe('\\x16\\x03\\x01\\x5c\\xffA');
  expect(excerpt('a'.repeat(1000))).toBe(`${'a'.repeat(120)}…`);
  expect(excerpt('a'.repeat(120))).toBe('a'.repeat(120));
  expect(excerpt(Buffer.alloc(900_000, 0)).length).toBeLessThan(130);
});

test('request targets: paths and http(s) URLs are served, anything else is refused', () => {
  const base = 'http://127.0.0.1:4711';
  expect(requestTarget('/a/b?c=1', base)).toEqual({ path: '/a/b?c=1' });
  expect(requestTarget('//[', base)).toEqual({ path: '//[' });
  expect(requestTarget('http://evil.example/faults?x', base)).toEqual({ path: '/faults?x', host: 'evil.example' });
  for (const raw of ['http://[', 'https://a b/', '*', 'evil.example:443', 'ftp://x/', '']) {
    expect(requestTarget(raw, base), raw).toMatchObject({ problem: expect.stringContaining('is neither a path nor an http(s) URL') });
  }
});

test('request targets: a plain path, taken without parsing, is what URL parsing gives', () => {
  const base = 'http://127.0.0.1:4711';
  const plain = ['/', '/clinicalprocess/healthcond/certificate/CertificateStatusUpdateForCare/3/rivtabp21', '//x', '/a..b/c_d~e-f', '/a/', '/x.y/z'];
  for (const raw of plain) expect(requestTarget(raw, base), raw).toEqual({ path: new URL(`${base}${raw}`).pathname });
  // Dot segments and characters URL parsing changes are parsed.
  expect(requestTarget('/a/../b', base)).toEqual({ path: '/b' });
  expect(requestTarget('/a/./b', base)).toEqual({ path: '/a/b' });
  expect(requestTarget('/ä', base)).toEqual({ path: '/%C3%A4' });
});
