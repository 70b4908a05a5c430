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
import { expect, steg, test } from '../fixtures/topologyFixtures.js';
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
    test(`journalsystemets CertificateStatusUpdateForCare: ${bad.name} ger SOAP Fault`, async ({ admin, journalUser }) => {
      await steg(`${bad.name} skickas till journalsystemets statusmottagare: SOAP Fault soap:Client, försöket finns i trafiken`, async () => {
        const url = await admin.endpoint('journal', 'certificateStatusUpdateForCare');
        const answer = await post(url, bad.body);
        expect(answer.status).toBe(500);
        expect(answer.fault?.faultcode).toBe('soap:Client');
        expect(answer.fault?.faultstring).toContain(bad.expect);
        // The attempt is in the journal, and the receiver still takes real updates.
        const recorded = (await admin.journal({ side: 'inbound', toParty: 'journal', operation: 'CertificateStatusUpdateForCare' }, { bodies: true }));
        expect(recorded.at(-1)).toMatchObject({ outcome: 'error', httpStatus: 500, errorId: 'soap:Client' });
      });
      await steg('Mottagaren tar fortfarande emot riktiga statusuppdateringar', async () => {
        const id = await createLisjpDraft(journalUser);
        await admin.settle();
        expect((await admin.statusUpdates({ certificateId: id, eventCode: 'SKAPAT' }))).toHaveLength(1);
      });
    });
  }

  for (const bad of BAD_INPUTS(CDC, 'CreateDraftCertificate')) {
    test(`Webcerts CreateDraftCertificate: ${bad.name} ger ResultType ERROR`, async ({ admin, journalUser }) => {
      await steg(`${bad.name} skickas till Webcerts CreateDraftCertificate: ResultType ERROR VALIDATION_ERROR; Webcert svarar sedan som vanligt`, async () => {
        const answer = await post(await admin.endpoint('webcert', 'createDraftCertificate'), bad.body);
        // Webcert's CXF setup turns faults into ordinary responses with resultCode ERROR.
        expect(answer.status).toBe(200);
        expect(answer.result).toMatchObject({ resultCode: 'ERROR', errorId: 'VALIDATION_ERROR' });
        expect(answer.result?.resultText).toContain(bad.expect);
        const recorded = (await admin.journal({ side: 'inbound', toParty: 'webcert', operation: 'CreateDraftCertificate' }, { bodies: true }));
        expect(recorded.at(-1)).toMatchObject({ outcome: 'error', resultCode: 'ERROR', errorId: 'VALIDATION_ERROR' });
        await createLisjpDraft(journalUser);
      });
    });
  }

  for (const bad of STRICT_XML_INPUTS) {
    test(`journalsystemets CertificateStatusUpdateForCare: ${bad.name} ger SOAP Fault, som hos CXF`, async ({ admin, journalUser }) => {
      await steg(`En giltig statusuppdatering ändras (${bad.name}) och skickas till journalsystemet: SOAP Fault, inget arkiveras, mottagaren tar fortfarande emot`, async () => {
        const id = await createLisjpDraft(journalUser, undefined, 'vardkontakt-4711');
        await admin.settle();
        const sent = (await admin.journal({ side: 'inbound', toParty: 'journal', operation: 'CertificateStatusUpdateForCare', certificateId: id }, { bodies: true }));
        const valid = sent.at(-1)!.requestBody!;
        const answer = await post(await admin.endpoint('journal', 'certificateStatusUpdateForCare'), bad.body(valid));
        expect(answer.status).toBe(500);
        expect(answer.fault?.faultcode).toBe('soap:Client');
        expect(answer.fault?.faultstring).toContain(bad.expect);
        // Nothing was filed; the attempt is in the journal; the receiver still takes real updates.
        expect((await admin.statusUpdates({ certificateId: id }))).toHaveLength(1);
        const recorded = (await admin.journal({ side: 'inbound', toParty: 'journal', operation: 'CertificateStatusUpdateForCare' }, { bodies: true }));
        expect(recorded.at(-1)).toMatchObject({ outcome: 'error', httpStatus: 500, errorId: 'soap:Client' });
        expect(recorded.at(-1)!.message).toContain(bad.expect);
        const next = await createLisjpDraft(journalUser);
        await admin.settle();
        expect((await admin.statusUpdates({ certificateId: next, eventCode: 'SKAPAT' }))).toHaveLength(1);
      });
    });

    test(`Webcerts CreateDraftCertificate: ${bad.name} ger ResultType ERROR, som CXF-omskrivningen`, async ({ admin, journalUser }) => {
      await steg(`Ett giltigt CreateDraftCertificate ändras (${bad.name}) och skickas till Webcert: ResultType ERROR, inget utkast, Webcert svarar sedan som vanligt`, async () => {
        await createLisjpDraft(journalUser, undefined, 'vardkontakt-4711');
        const sent = (await admin.journal({ side: 'outbound', fromParty: 'journal', operation: 'CreateDraftCertificate' }, { bodies: true }));
        const valid = sent.at(-1)!.requestBody!;
        const answer = await post(await admin.endpoint('webcert', 'createDraftCertificate'), bad.body(valid));
        expect(answer.status).toBe(200);
        expect(answer.result).toMatchObject({ resultCode: 'ERROR', errorId: 'VALIDATION_ERROR' });
        expect(answer.result?.resultText).toContain(bad.expect);
        expect(answer.certificateId).toBeUndefined();
        const recorded = (await admin.journal({ side: 'inbound', toParty: 'webcert', operation: 'CreateDraftCertificate' }, { bodies: true }));
        expect(recorded.at(-1)).toMatchObject({ outcome: 'error', resultCode: 'ERROR', errorId: 'VALIDATION_ERROR' });
        await createLisjpDraft(journalUser);
      });
    });
  }

  test('ett svar som inte är SOAP från journalsystemet: Webcert skickar om', async ({ admin, journalUser }) => {
    const id = await steg('Journalsystemets framsida svarar en gång 502 med HTML; ett utkast skapas', async () => {
      await admin.addFault({ party: 'journal', operation: 'CertificateStatusUpdateForCare', effect: { kind: 'httpStatus', status: 502, body: '<html>Bad gateway</html>' }, times: 1 });
      return createLisjpDraft(journalUser);
    });
    await steg('Webcert skickar om efter en minut och lyckas; första försöket noteras med HTTP 502', async () => {
      await admin.settle();
      await admin.advance(60_000);
      await admin.settle();
      const n = (await admin.notifications(id))[0]!;
      expect(n.attempts.map((a) => a.verdict)).toEqual(['RESEND', 'SUCCESS']);
      expect(n.attempts[0]!.reason).toContain('HTTP 502');
    });
  });
});
