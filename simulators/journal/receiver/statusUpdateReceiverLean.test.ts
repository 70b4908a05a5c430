/**
 * The journal system's status-update receiver on the lean path (bounded scan, no msw, group commit)
 * answers exactly as on the path it had before (xmldom, msw, one insert per exchange): the same
 * status and body, the same journal row, the same inbox entry, for valid updates, for every bad
 * input of scenarios/flows/soapBadInput.spec.ts, under fault rules, and for 250 mutated messages.
 */
import { test, expect } from '@playwright/test';
import { VirtualClock } from '../../kit/clock/virtualClock.js';
import type { FaultEffect } from '../../kit/faults/faultRule.js';
import { FaultRules } from '../../kit/faults/faultRules.js';
import type { JournalEntry } from '../../kit/journal/exchange.js';
import { TrafficJournal } from '../../kit/journal/trafficJournal.js';
import { CALLER_HEADER } from '../../kit/network/exchangeNotes.js';
import { PartyServer } from '../../kit/network/partyServer.js';
import { buildEnvelope, SOAP11_NS } from '../../kit/soap/envelope.js';
import { envelopePlan } from '../../kit/soap/envelopeScan.js';
import { soapOperationHandler } from '../../kit/soap/soapOperation.js';
import { compareScanWithDom, mutate, seededRandom } from '../../kit/soap/testing/scanEquivalence.js';
import { DEFAULT_MAX_XML_BYTES, DEFAULT_MAX_XML_DEPTH } from '../../kit/xml/safeXml.js';
import { lisjpDraft } from '../../webcert/message/certificateFixtures.js';
import { buildCertificateStatusUpdate } from '../../webcert/message/statusUpdateMessage.js';
import { STATUS_UPDATE_FIELDS } from '../message/statusUpdateFields.js';
import { StatusUpdateInbox, type ReceivedStatusUpdate } from './statusUpdateInbox.js';
import { STATUS_UPDATE_NS, STATUS_UPDATE_PATH, statusUpdateReceiverSpec } from './statusUpdateReceiver.js';

const START = Date.parse('2026-03-02T08:00:00Z');

/** One receiver: its listener, journal, inbox and fault rules. */
interface Side {
  server: PartyServer;
  journal: TrafficJournal;
  inbox: StatusUpdateInbox;
  faults: FaultRules;
}

async function start(lean: boolean): Promise<Side> {
  const clock = new VirtualClock({ mode: 'manual', start: START });
  const journal = TrafficJournal.open({ path: ':memory:' });
  const inbox = new StatusUpdateInbox();
  const faults = new FaultRules();
  const spec = statusUpdateReceiverSpec({ inbox, clock, faults });
  const server = await PartyServer.start({ party: 'journal', clock, journal, handlers: [soapOperationHandler(lean ? spec : { ...spec, lean: undefined })] });
  return { server, journal, inbox, faults };
}

let lean: Side;
let strict: Side;
test.beforeAll(async () => {
  [lean, strict] = await Promise.all([start(true), start(false)]);
  expect(statusUpdateReceiverSpec({ inbox: lean.inbox, clock: new VirtualClock({ mode: 'manual' }) }).lean).toBeDefined();
});
test.afterAll(async () => {
  for (const side of [lean, strict]) {
    await side?.server.stop();
    side?.journal.close();
  }
});

/** What a client and a reader of the journal and the inbox see of one exchange, without ids, ports and times. */
async function exchange(side: Side, body: string | Buffer): Promise<unknown> {
  const before = side.journal.query().at(-1)?.id ?? 0;
  const inboxBefore = side.inbox.list().length;
  let answer: unknown;
  try {
    const res = await fetch(`${side.server.url}${STATUS_UPDATE_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', [CALLER_HEADER]: 'webcert' },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
    answer = { status: res.status, contentType: res.headers.get('content-type'), body: await res.text() };
  } catch (error) {
    answer = { failed: String((error as { cause?: { code?: string } }).cause?.code ?? error) };
  }
  const rows = side.journal.query({ afterId: before }).map(({ id: _id, durationMs: _d, url, requestHeaders, ...row }: JournalEntry) => ({
    ...row,
    path: new URL(url).pathname,
    requestHeaders: { ...requestHeaders, host: undefined },
  }));
  const filed = side.inbox.list().slice(inboxBefore).map(({ seq: _s, ...item }: ReceivedStatusUpdate) => item);
  return { answer, rows, filed };
}

async function expectSame(name: string, body: string | Buffer): Promise<unknown> {
  const [onLean, onStrict] = [await exchange(lean, body), await exchange(strict, body)];
  expect(onLean, name).toEqual(onStrict);
  return onLean;
}

const certificate = lisjpDraft();
const update = (overrides: Partial<Parameters<typeof buildCertificateStatusUpdate>[0]> = {}) =>
  buildEnvelope(buildCertificateStatusUpdate({ certificate, eventCode: 'SKAPAT', eventTime: START, ref: 'vardkontakt-4711', ...overrides }), certificate.unit.hsaId);

/** The message split around the text of its `ref` element (as soapBadInput.spec.ts makes its inputs). */
function splitAtRef(xml: string): [string, string] {
  const m = /(<(\w+):ref>)[^<]*(<\/\2:ref>)/.exec(xml)!;
  return [xml.slice(0, m.index + m[1]!.length), xml.slice(m.index + m[0].length - m[3]!.length)];
}

const envelope = (payload: string, header = '<soap:Header><add:LogicalAddress xmlns:add="urn:riv:itintegration:registry:1">TSTNMT2321000156-INT2</add:LogicalAddress></soap:Header>') =>
  `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP11_NS}">${header}<soap:Body>${payload}</soap:Body></soap:Envelope>`;
const el = 'CertificateStatusUpdateForCare';

test('valid updates: the same answer, journal row and inbox entry on both paths', async () => {
  const valid: Array<[string, string | Buffer]> = [
    ['SKAPAT', update()],
    ['SIGNAT with hanteratAv and questions', update({ eventCode: 'SIGNAT', handledBy: 'TSTNMT2321000156-1079', questionsSent: { totalt: 2, ejBesvarade: 1, besvarade: 1, hanterade: 0 } })],
    ['NYFRFM with amne and a date', update({ eventCode: 'NYFRFM', amne: 'KOMPLT', sistaDatumForSvar: '2026-03-20' })],
    ['ref with entities and spaces', update({ ref: ' a & b <c> "d" ' })],
    ['spaces around ids, a dash in the person id', update().replace(/<types:extension>([^<]*)</g, '<types:extension> $1\n<').replace('191212121212', '19121212-1212')],
    ['empty ref', update({ ref: '' })],
    ['other prefixes', update().replace(/\bcore:/g, 'c3:').replace('xmlns:core=', 'xmlns:c3=')],
    ['pretty-printed with a comment', update().replace(/></g, '>\n  <').replace('<tns:intyg>', '<!-- intyg -->\n<tns:intyg>')],
    ['byte order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(update())])],
    ['LogicalAddress with whitespace', update().replace(/(<add:LogicalAddress[^>]*>)/, '$1 \n')],
    ['CDATA in ref (read by the DOM)', update().replace(/(<(\w+):ref>)[^<]*/, '$1<![CDATA[r & d]]>')],
  ];
  for (const [name, body] of valid) {
    const seen = (await expectSame(name, body)) as { answer: { status: number }; filed: unknown[] };
    expect(seen.answer.status, name).toBe(200);
    expect(seen.filed, name).toHaveLength(1);
  }
});

test('bad input of soapBadInput.spec.ts, and contract errors: the same refusal on both paths', async () => {
  const [before, after] = splitAtRef(update());
  const bad: Array<[string, string | Buffer]> = [
    ['trasig XML', `<soap:Envelope xmlns:soap="${SOAP11_NS}"><soap:Body><x:${el} xmlns:x="${STATUS_UPDATE_NS}"></soap:Body>`],
    ['fel namnrymd', envelope(`<x:${el} xmlns:x="urn:riv:wrong:Responder:1"/>`)],
    ['LogicalAddress saknas', envelope(`<x:${el} xmlns:x="${STATUS_UPDATE_NS}"/>`, '<soap:Header/>')],
    ['DTD med extern entitet (XXE)', `<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${envelope(`<x:${el} xmlns:x="${STATUS_UPDATE_NS}">&xxe;</x:${el}>`)}`],
    ['för stor', envelope(`<x:${el} xmlns:x="${STATUS_UPDATE_NS}"><!--${'x'.repeat(1_100_000)}--></x:${el}>`)],
    ['SOAP 1.2', `<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body/></e:Envelope>`],
    ['ogiltig UTF-8 i ref', Buffer.concat([Buffer.from(before), Buffer.from('v\xe5rdkontakt', 'latin1'), Buffer.from(after)])],
    ['två soap:Body', update().replace(/<(\w+):Body>(.*)<\/\1:Body>/s, '<$1:Body>$2</$1:Body><$1:Body>$2</$1:Body>')],
    ['100 000 nivåer djupt i ett textfält', `${before}${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}${after}`],
    ['an empty request element', envelope(`<x:${el} xmlns:x="${STATUS_UPDATE_NS}"/>`)],
    ['tidpunkt missing', update().replace(/<core:tidpunkt>[^<]*<\/core:tidpunkt>/, '')],
    ['a count that is not a whole number', update().replace(/<core:totalt>0<\/core:totalt>/, '<core:totalt>1.5</core:totalt>')],
    ['empty LogicalAddress', update().replace(/(<add:LogicalAddress[^>]*>)[^<]*/, '$1 ')],
  ];
  for (const [name, body] of bad) {
    const seen = (await expectSame(name, body)) as { answer: { status: number }; filed: unknown[]; rows: unknown[] };
    expect(seen.answer.status, name).toBe(500);
    expect(seen.filed, name).toEqual([]);
    expect(seen.rows, name).toHaveLength(1);
  }
});

test('fault rules: the same answer on both paths, and nothing filed', async () => {
  const effects: FaultEffect[] = [
    { kind: 'result', resultCode: 'ERROR', errorId: 'TECHNICAL_ERROR' },
    { kind: 'result', resultCode: 'INFO', resultText: 'redan mottagen' },
    { kind: 'soapFault' },
    { kind: 'httpStatus', status: 503 },
    { kind: 'delay', ms: 5 },
    { kind: 'reset' },
  ];
  for (const effect of effects) {
    for (const side of [lean, strict]) side.faults.add({ party: 'journal', operation: 'CertificateStatusUpdateForCare', effect, times: 1, match: { eventCode: 'SIGNAT' } });
    await expectSame(JSON.stringify(effect), update({ eventCode: 'SIGNAT' }));
  }
  // A rule matched on the facts: the lean facts match where the DOM's do.
  for (const side of [lean, strict]) side.faults.add({ party: 'journal', operation: 'CertificateStatusUpdateForCare', effect: { kind: 'soapFault' }, match: { personId: certificate.patient.personId, certificateId: certificate.id } });
  const seen = (await expectSame('matched on person and certificate', update())) as { answer: { status: number } };
  expect(seen.answer.status).toBe(500);
  for (const side of [lean, strict]) side.faults.clear();
});

test('250 mutated messages: the same answers on both paths; the scan never reads what the strict reader refuses', async () => {
  test.setTimeout(180_000);
  const random = seededRandom(4711);
  const seeds = [update(), update({ eventCode: 'NYFRFM', amne: 'KOMPLT', handledBy: 'TSTNMT2321000156-1079' })];
  const plan = envelopePlan({ requestNs: STATUS_UPDATE_NS, requestElement: el, requireLogicalAddress: true, maxBytes: DEFAULT_MAX_XML_BYTES, maxDepth: DEFAULT_MAX_XML_DEPTH, fields: STATUS_UPDATE_FIELDS });
  let read = 0;
  for (let i = 0; i < 250; i++) {
    const text = mutate(seeds[i % 2]!, random);
    if (compareScanWithDom(Buffer.from(text), plan, STATUS_UPDATE_FIELDS).kind === 'agrees') read++;
    await expectSame(`mutant ${i}: ${text.slice(0, 200)}`, text);
  }
  expect(read).toBeGreaterThan(25);
});
