/**
 * Bad input to every SOAP endpoint gets an answer that says what was wrong (a SOAP Fault, or a
 * ResultType ERROR where the real party answers that way), the party keeps serving, and the
 * traffic journal has the attempt.
 */
import { readResult } from '../../simulators/kit/soap/resultType.js';
import { SOAP11_NS } from '../../simulators/kit/soap/envelope.js';
import { readSoapFault } from '../../simulators/kit/soap/soapFault.js';
import { childElement, childElements } from '../../simulators/kit/xml/dom.js';
import { parseXmlSafely } from '../../simulators/kit/xml/safeXml.js';
import { expect, test } from '../fixtures/topologyFixtures.js';
import { createLisjpDraft } from './statusFlowSteps.js';

const envelope = (payload: string, header = '<soap:Header><add:LogicalAddress xmlns:add="urn:riv:itintegration:registry:1">TSTNMT2321000156-INT2</add:LogicalAddress></soap:Header>') =>
  `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP11_NS}">${header}<soap:Body>${payload}</soap:Body></soap:Envelope>`;

const CSUFC = 'urn:riv:clinicalprocess:healthcond:certificate:CertificateStatusUpdateForCareResponder:3';
const CDC = 'urn:riv:clinicalprocess:healthcond:certificate:CreateDraftCertificateResponder:3';

/** The bad inputs, each with a word the answer must contain. */
const BAD_INPUTS = (ns: string, element: string) => [
  { name: 'trasig XML', body: `<soap:Envelope xmlns:soap="${SOAP11_NS}"><soap:Body><x:${element} xmlns:x="${ns}"></soap:Body>`, expect: 'not well-formed' },
  { name: 'fel namnrymd', body: envelope(`<x:${element} xmlns:x="urn:riv:wrong:Responder:1"/>`), expect: 'expected {' + ns + '}' },
  { name: 'LogicalAddress saknas', body: envelope(`<x:${element} xmlns:x="${ns}"/>`, '<soap:Header/>'), expect: 'LogicalAddress' },
  { name: 'DTD med extern entitet (XXE)', body: `<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${envelope(`<x:${element} xmlns:x="${ns}">&xxe;</x:${element}>`)}`, expect: 'DOCTYPE' },
  { name: 'för stor', body: envelope(`<x:${element} xmlns:x="${ns}"><!--${'x'.repeat(1_100_000)}--></x:${element}>`), expect: 'over the limit' },
  { name: 'SOAP 1.2', body: `<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body/></e:Envelope>`, expect: 'SOAP 1.1' },
];

/**
 * Inputs a real CXF stack refuses though each is close to a valid message: made from a message the
 * simulators really sent (`valid`) by changing its `ref`, its Body or its nesting.
 */
const STRICT_XML_INPUTS = [
  {
    // A journal system writing Latin-1 ("vårdkontakt") into a message it calls UTF-8.
    name: 'ogiltig UTF-8 i ref',
    body: (valid: string) => {
      const [before, after] = splitAtRef(valid);
      return Buffer.concat([Buffer.from(before), Buffer.from('v\xe5rdkontakt', 'latin1'), Buffer.from(after)]);
    },
    expect: 'not valid UTF-8',
  },
  {
    name: 'två soap:Body',
    body: (valid: string) => valid.replace(/<(\w+):Body>(.*)<\/\1:Body>/s, '<$1:Body>$2</$1:Body><$1:Body>$2</$1:Body>'),
    expect: '2 Body elements',
  },
  {
    name: '100 000 nivåer djupt i ett textfält',
    body: (valid: string) => {
      const [before, after] = splitAtRef(valid);
      return `${before}${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}${after}`;
    },
    expect: 'deeper than 100',
  },
];

/** The message split around the text of its `ref` element. */
function splitAtRef(xml: string): [string, string] {
  const m = /(<(\w+):ref>)[^<]*(<\/\2:ref>)/.exec(xml);
  if (!m) throw new Error('the message has no ref element to change');
  return [xml.slice(0, m.index + m[1]!.length), xml.slice(m.index + m[0].length - m[3]!.length)];
}

async function post(url: string, body: string | Buffer) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8' }, body: typeof body === 'string' ? body : new Uint8Array(body) });
  const text = await res.text();
  const doc = parseXmlSafely(text, { maxBytes: 10_000_000 });
  const fault = readSoapFault(doc);
  const payload = childElements(childElement(doc.documentElement!, SOAP11_NS, 'Body')!)[0]!;
  const resultEl = fault ? undefined : childElements(payload).find((e) => e.localName === 'result');
  const certificateId = childElements(payload).find((e) => e.localName === 'intygs-id')?.textContent ?? undefined;
  return { status: res.status, fault, result: resultEl ? readResult(resultEl) : undefined, certificateId };
}

test.describe('felaktig indata till SOAP-tjänsterna', { tag: ['@robustness'] }, () => {
  for (const bad of BAD_INPUTS(CSUFC, 'CertificateStatusUpdateForCare')) {
    test(`journalsystemets CertificateStatusUpdateForCare: ${bad.name} ger SOAP Fault`, async ({ topology, journalUser }) => {
      const url = topology.journalSystem!.endpoints.certificateStatusUpdateForCare!;
      const answer = await post(url, bad.body);
      expect(answer.status).toBe(500);
      expect(answer.fault?.faultcode).toBe('soap:Client');
      expect(answer.fault?.faultstring).toContain(bad.expect);
      // The attempt is in the journal, and the receiver still takes real updates.
      const recorded = topology.journal.query({ side: 'inbound', toParty: 'journal', operation: 'CertificateStatusUpdateForCare' });
      expect(recorded.at(-1)).toMatchObject({ outcome: 'error', httpStatus: 500, errorId: 'soap:Client' });
      const id = await createLisjpDraft(journalUser);
      await topology.webcert!.sender.idle();
      expect(topology.journalSystem!.inbox.list({ certificateId: id, eventCode: 'SKAPAT' })).toHaveLength(1);
    });
  }

  for (const bad of BAD_INPUTS(CDC, 'CreateDraftCertificate')) {
    test(`Webcerts CreateDraftCertificate: ${bad.name} ger ResultType ERROR`, async ({ topology, journalUser }) => {
      const answer = await post(topology.webcert!.endpoints.createDraftCertificate!, bad.body);
      // Webcert's CXF setup turns faults into ordinary responses with resultCode ERROR.
      expect(answer.status).toBe(200);
      expect(answer.result).toMatchObject({ resultCode: 'ERROR', errorId: 'VALIDATION_ERROR' });
      expect(answer.result?.resultText).toContain(bad.expect);
      const recorded = topology.journal.query({ side: 'inbound', toParty: 'webcert', operation: 'CreateDraftCertificate' });
      expect(recorded.at(-1)).toMatchObject({ outcome: 'error', resultCode: 'ERROR', errorId: 'VALIDATION_ERROR' });
      await createLisjpDraft(journalUser);
    });
  }

  for (const bad of STRICT_XML_INPUTS) {
    test(`journalsystemets CertificateStatusUpdateForCare: ${bad.name} ger SOAP Fault, som hos CXF`, async ({ topology, journalUser }) => {
      const id = await createLisjpDraft(journalUser, undefined, 'vardkontakt-4711');
      await topology.webcert!.sender.idle();
      const sent = topology.journal.query({ side: 'inbound', toParty: 'journal', operation: 'CertificateStatusUpdateForCare', certificateId: id });
      const valid = sent.at(-1)!.requestBody!;
      const answer = await post(topology.journalSystem!.endpoints.certificateStatusUpdateForCare!, bad.body(valid));
      expect(answer.status).toBe(500);
      expect(answer.fault?.faultcode).toBe('soap:Client');
      expect(answer.fault?.faultstring).toContain(bad.expect);
      // Nothing was filed; the attempt is in the journal; the receiver still takes real updates.
      expect(topology.journalSystem!.inbox.list({ certificateId: id })).toHaveLength(1);
      const recorded = topology.journal.query({ side: 'inbound', toParty: 'journal', operation: 'CertificateStatusUpdateForCare' });
      expect(recorded.at(-1)).toMatchObject({ outcome: 'error', httpStatus: 500, errorId: 'soap:Client' });
      expect(recorded.at(-1)!.message).toContain(bad.expect);
      const next = await createLisjpDraft(journalUser);
      await topology.webcert!.sender.idle();
      expect(topology.journalSystem!.inbox.list({ certificateId: next, eventCode: 'SKAPAT' })).toHaveLength(1);
    });

    test(`Webcerts CreateDraftCertificate: ${bad.name} ger ResultType ERROR, som CXF-omskrivningen`, async ({ topology, journalUser }) => {
      await createLisjpDraft(journalUser, undefined, 'vardkontakt-4711');
      const sent = topology.journal.query({ side: 'outbound', fromParty: 'journal', operation: 'CreateDraftCertificate' });
      const valid = sent.at(-1)!.requestBody!;
      const answer = await post(topology.webcert!.endpoints.createDraftCertificate!, bad.body(valid));
      expect(answer.status).toBe(200);
      expect(answer.result).toMatchObject({ resultCode: 'ERROR', errorId: 'VALIDATION_ERROR' });
      expect(answer.result?.resultText).toContain(bad.expect);
      expect(answer.certificateId).toBeUndefined();
      const recorded = topology.journal.query({ side: 'inbound', toParty: 'webcert', operation: 'CreateDraftCertificate' });
      expect(recorded.at(-1)).toMatchObject({ outcome: 'error', resultCode: 'ERROR', errorId: 'VALIDATION_ERROR' });
      await createLisjpDraft(journalUser);
    });
  }

  test('ett svar som inte är SOAP från journalsystemet: Webcert skickar om', async ({ topology, journalUser }) => {
    topology.faults.add({ party: 'journal', operation: 'CertificateStatusUpdateForCare', effect: { kind: 'httpStatus', status: 502, body: '<html>Bad gateway</html>' }, times: 1 });
    const id = await createLisjpDraft(journalUser);
    await topology.webcert!.sender.idle();
    await topology.clock.advanceBy(60_000);
    await topology.webcert!.sender.idle();
    const n = topology.webcert!.sender.list(id)[0]!;
    expect(n.attempts.map((a) => a.verdict)).toEqual(['RESEND', 'SUCCESS']);
    expect(n.attempts[0]!.reason).toContain('HTTP 502');
  });
});
