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

async function post(url: string, body: string) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8' }, body });
  const text = await res.text();
  const doc = parseXmlSafely(text, { maxBytes: 10_000_000 });
  const fault = readSoapFault(doc);
  const payload = childElements(childElement(doc.documentElement!, SOAP11_NS, 'Body')!)[0]!;
  const resultEl = fault ? undefined : childElements(payload).find((e) => e.localName === 'result');
  return { status: res.status, fault, result: resultEl ? readResult(resultEl) : undefined };
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
