/**
 * The lean envelope scan: what it reads equals what the strict reader and the DOM give, and it
 * leaves every input it cannot vouch for (every bad input the kit refuses among them) to the strict
 * reader, which then gives the refusal.
 */
import { test, expect } from '@playwright/test';
import { DEFAULT_MAX_XML_DEPTH } from '../xml/safeXml.js';
import { buildEnvelope, LOGICAL_ADDRESS_NS, SOAP11_NS } from './envelope.js';
import { ANY_NAMESPACE, envelopePlan, scanEnvelope, type FieldPaths } from './envelopeScan.js';
import { compareScanWithDom, mutate, seededRandom } from './testing/scanEquivalence.js';

const NS = 'urn:samverkan:test:OrderResponder:1';
const CORE = 'urn:samverkan:test:core:1';
const LA = 'TSTNMT2321000156-ALFA';

const PATHS: FieldPaths = {
  id: [[NS, 'order'], [CORE, 'id'], [CORE, 'extension']],
  person: [[NS, 'order'], [CORE, 'patient'], [CORE, 'person-id']],
  note: [[NS, 'note']],
  whole: [[NS, 'order'], [CORE, 'patient']],
  missing: [[NS, 'order'], [CORE, 'nothing']],
  // In any namespace, as a lenient reader takes them; the same elements also as named steps above.
  anyId: [[NS, 'order'], [ANY_NAMESPACE, 'id'], [ANY_NAMESPACE, 'extension']],
  anyPerson: [[NS, 'order'], [ANY_NAMESPACE, 'patient'], [CORE, 'person-id']],
};
const plan = (overrides: { maxBytes?: number; requireLogicalAddress?: boolean } = {}) =>
  envelopePlan({ requestNs: NS, requestElement: 'Order', requireLogicalAddress: true, maxBytes: 64 * 1024, maxDepth: DEFAULT_MAX_XML_DEPTH, fields: PATHS, ...overrides });

const ORDER =
  `<o:Order xmlns:o="${NS}" xmlns:c="${CORE}">` +
  `<o:order><c:id><c:root>1.2.3</c:root><c:extension>c-1</c:extension></c:id>` +
  `<c:patient><c:person-id>19121212-1212</c:person-id><c:name>Tolvan</c:name></c:patient></o:order>` +
  `<o:order><c:id><c:extension>second, not read</c:extension></c:id></o:order>` +
  `<o:note>Vårdkontakt &amp; återbesök</o:note></o:Order>`;
const valid = (payload = ORDER, la: string | null = LA) => buildEnvelope(payload, la ?? undefined);

function agrees(input: string | Buffer) {
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  return compareScanWithDom(bytes, plan(), PATHS);
}

test.describe('lean envelope scan', () => {
  test('reads the LogicalAddress and each field as the DOM does: first child at each step, textContent, references resolved', () => {
    const scanned = scanEnvelope(Buffer.from(valid()), plan());
    expect(scanned).toEqual({
      kind: 'scanned',
      text: valid(),
      logicalAddress: LA,
      fields: { id: 'c-1', person: '19121212-1212', note: 'Vårdkontakt & återbesök', whole: '19121212-1212Tolvan', missing: undefined, anyId: 'c-1', anyPerson: '19121212-1212' },
    });
    expect(agrees(valid())).toEqual({ kind: 'agrees' });
  });

  test('valid variants are read, and read as the DOM reads them', () => {
    const variants = [
      valid().replace(/c:/g, 'core:').replace('xmlns:c=', 'xmlns:core='),
      valid(`<Order xmlns="${NS}"><order><id xmlns="${CORE}"><extension>c-2</extension></id></order><note/></Order>`),
      valid(ORDER.replace('c-1', ' c-&#49;&#x32; ').replace('Tolvan', 'Tol<!-- comment -->van')),
      valid(ORDER.replace('<o:note>', '<o:note xml:lang="sv" kind=\'a&amp;b\'  >')),
      valid(ORDER, `  ${LA}\n`),
      `\n<soap:Envelope xmlns:soap="${SOAP11_NS}"><soap:Header><x:Other xmlns:x="urn:x"><y/></x:Other><a:LogicalAddress xmlns:a="${LOGICAL_ADDRESS_NS}">${LA}</a:LogicalAddress></soap:Header>\n<soap:Body>text<!-- c -->${ORDER}</soap:Body></soap:Envelope>\n<!-- after -->\n`,
      `<?xml version='1.0' standalone="yes" ?><soap:Envelope xmlns:soap="${SOAP11_NS}"><soap:Header><a:LogicalAddress xmlns:a="${LOGICAL_ADDRESS_NS}">${LA}</a:LogicalAddress></soap:Header><soap:Body>${ORDER}</soap:Body></soap:Envelope >`.replace('</soap:Envelope >', '</soap:Envelope>'),
    ];
    for (const variant of variants) expect(agrees(variant), variant).toEqual({ kind: 'agrees' });
    // An element of the same local name in another namespace first: the step in any namespace takes
    // it, the named step the next one (one element may stand for both).
    const otherFirst = valid(ORDER.replace('<c:id>', '<x:id xmlns:x="urn:x"><extension>x-1</extension></x:id><c:id>').replace('<c:patient>', '<patient><c:person-id>none</c:person-id></patient><c:patient>'));
    expect(agrees(otherFirst)).toEqual({ kind: 'agrees' });
    expect((scanEnvelope(Buffer.from(otherFirst), plan()) as unknown as { fields: Record<string, string> }).fields).toMatchObject({ id: 'c-1', anyId: 'x-1', person: '19121212-1212', anyPerson: 'none' });
    // A byte order mark, and Latin-1 where the declaration says so.
    expect(agrees(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(valid())]))).toEqual({ kind: 'agrees' });
    const latin1 = Buffer.from(valid().replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'), 'latin1');
    expect(agrees(latin1)).toEqual({ kind: 'agrees' });
    expect((scanEnvelope(latin1, plan()) as unknown as { fields: { note: string } }).fields.note).toBe('Vårdkontakt & återbesök');
  });

  test('every input the kit refuses, and whatever the scan does not read, is left to the strict reader', () => {
    const [head, tail] = valid().split('Tolvan') as [string, string];
    const undecided: Array<[string, string | Buffer]> = [
      ['malformed', '<soap:Envelope'],
      ['empty', ''],
      ['XXE', `<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>`],
      ['DOCTYPE in a comment', valid().replace('<o:note>', '<!-- <!DOCTYPE x> --><o:note>')],
      ['too large', valid(ORDER.replace('Tolvan', 'x'.repeat(70_000)))],
      ['SOAP 1.2', `<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body>${ORDER}</e:Body></e:Envelope>`],
      ['wrong request element', valid(`<x:Other xmlns:x="urn:other"/>`)],
      ['wrong request namespace', valid(ORDER.replace(`xmlns:o="${NS}"`, 'xmlns:o="urn:riv:wrong:Responder:1"'))],
      ['no LogicalAddress', valid(ORDER, null)],
      ['empty LogicalAddress', valid(ORDER, '  ')],
      ['invalid UTF-8', Buffer.concat([Buffer.from(head), Buffer.from([0x76, 0xe5, 0x72, 0x64]), Buffer.from(tail)])],
      ['UTF-16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(valid(), 'utf16le')])],
      ['two Bodies', valid().replace(/<soap:Body>(.*)<\/soap:Body>/, '<soap:Body>$1</soap:Body><soap:Body>$1</soap:Body>')],
      ['two Headers', valid().replace('<soap:Body>', '<soap:Header/><soap:Body>')],
      ['Header after Body', valid().replace(/(<soap:Header>.*<\/soap:Header>)(<soap:Body>.*<\/soap:Body>)/, '$2$1')],
      ['stray element in the Envelope', valid().replace('<soap:Body>', '<x/><soap:Body>')],
      ['two request elements', valid(ORDER + ORDER)],
      ['101 levels', `${head}${'<x>'.repeat(100)}${'</x>'.repeat(100)}${tail}`],
      ['100,000 levels', `${head}${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}${tail}`],
      ['CDATA', valid().replace('Tolvan', '<![CDATA[Tolvan]]>')],
      ['processing instruction', valid().replace('<o:note>', '<?x y?><o:note>')],
      ['unknown entity', valid().replace('Tolvan', '&nbsp;')],
      ['character reference to NUL', valid().replace('Tolvan', '&#0;')],
      ['control character', valid().replace('Tolvan', 'Tol\u0001van')],
      ['carriage return in a field', valid().replace('c-1', 'c-1\r\n')],
      ['unbound prefix', valid().replace('<c:name>Tolvan</c:name>', '<q:name>Tolvan</q:name>')],
      ['mismatched end tag', valid().replace('</c:name>', '</c:nam>')],
      ['attribute twice', valid().replace('<o:note>', '<o:note a="1" a="2">')],
      ['same attribute by namespace', valid().replace('<o:note>', '<o:note o:a="1" xmlns:p="' + NS + '" p:a="2">')],
      ['undeclared prefix', valid().replace('<o:note>', '<o:note xmlns:p="">')],
      ['text after the document', `${valid()}text`],
      ['second document element', `${valid()}<x/>`],
      ['"<" in an attribute', valid().replace('<o:note>', '<o:note a="<">')],
      ['"]]>" in text', valid().replace('Tolvan', 'a]]>b')],
    ];
    for (const [name, input] of undecided) {
      const result = agrees(input);
      expect(result.kind, name).toBe('undecided');
    }
  });

  test('3,000 near-valid messages: whatever the scan reads, the strict reader reads the same', () => {
    const random = seededRandom(20261201);
    const seeds = [valid(), valid(`<Order xmlns="${NS}"><order><id xmlns="${CORE}"><extension>e</extension></id></order></Order>`)];
    const counts = { agrees: 0, undecided: 0 };
    for (let i = 0; i < 3000; i++) {
      let text = seeds[i % seeds.length]!;
      for (let m = random() < 0.7 ? 1 : 2; m > 0; m--) text = mutate(text, random);
      counts[agrees(text).kind]++;
    }
    // Both outcomes occur, so the comparison covered accepted mutants too.
    expect(counts.agrees).toBeGreaterThan(300);
    expect(counts.undecided).toBeGreaterThan(300);
  });
});
