/**
 * The SOAP client's answer scan: for every answer it reads, the result (and the payload, parsed on
 * demand) equals what the DOM reading gives; every other answer goes to the DOM reading unchanged.
 */
import { test, expect } from '@playwright/test';
import { scanAnswer } from './answerScan.js';
import { buildEnvelope, SOAP11_NS } from './envelope.js';
import { CORE_NS, errorResult, resultXml } from './resultType.js';
import { readAnswer, readAnswerDom } from './soapClient.js';
import { soapFaultEnvelope } from './soapFault.js';
import { mutate, seededRandom } from './testing/scanEquivalence.js';

const NS = 'urn:riv:clinicalprocess:healthcond:certificate:CertificateStatusUpdateForCareResponder:3';
const answer = (inner: string) => buildEnvelope(`<tns:CertificateStatusUpdateForCareResponse xmlns:tns="${NS}">${inner}</tns:CertificateStatusUpdateForCareResponse>`);
const OK_ANSWER = answer(resultXml(NS, { resultCode: 'OK' }));
const ERROR_ANSWER = answer(resultXml(NS, errorResult('VALIDATION_ERROR', 'Intyg & <patient> saknas')));

/** What a caller sees of an outcome, the payload serialised. */
function seen(outcome: ReturnType<typeof readAnswer>) {
  const { payload, ...rest } = outcome;
  return { ...rest, payload: payload?.toString() };
}

function agrees(body: string): 'scanned' | 'undecided' {
  const scanned = scanAnswer(body);
  expect(seen(readAnswer(200, body)), body).toEqual(seen(readAnswerDom(200, body)));
  return scanned.kind;
}

test.describe('SOAP answer scan', () => {
  test('reads the result of a usual answer as the DOM does, and parses the payload only when asked', () => {
    expect(scanAnswer(OK_ANSWER)).toEqual({ kind: 'scanned', result: { resultCode: 'OK' } });
    expect(scanAnswer(ERROR_ANSWER)).toEqual({ kind: 'scanned', result: { resultCode: 'ERROR', errorId: 'VALIDATION_ERROR', resultText: 'Intyg & <patient> saknas' } });
    const outcome = readAnswer(200, ERROR_ANSWER);
    expect(outcome.result).toEqual(readAnswerDom(200, ERROR_ANSWER).result);
    expect(outcome.payload?.localName).toBe('CertificateStatusUpdateForCareResponse');
    for (const body of [OK_ANSWER, ERROR_ANSWER]) expect(agrees(body)).toBe('scanned');
  });

  test('valid variants are read as the DOM reads them', () => {
    const variants = [
      answer(`<tns:intygs-id><x:root xmlns:x="urn:x">1</x:root></tns:intygs-id>${resultXml(NS, { resultCode: 'INFO', resultText: '' })}`),
      answer(`<result xmlns="${NS}"><resultCode xmlns="${CORE_NS}"> OK </resultCode><c:errorId xmlns:c="${CORE_NS}"></c:errorId></result>`),
      answer(`<tns:result><c:resultCode xmlns:c="${CORE_NS}">ER<!-- x -->ROR</c:resultCode><c:resultText xmlns:c="${CORE_NS}">a<b>b</b>&#99;</c:resultText></tns:result><tns:result><c:resultCode xmlns:c="${CORE_NS}">OK</c:resultCode></tns:result>`),
      answer(`<tns:result><c:resultCode xmlns:c="urn:other">OK</c:resultCode><c:resultCode xmlns:c="${CORE_NS}">INFO</c:resultCode><c:resultCode xmlns:c="${CORE_NS}">ERROR</c:resultCode></tns:result>`),
      `\uFEFF<s:Envelope xmlns:s="${SOAP11_NS}"><s:Header><h/></s:Header><s:Body>${OK_ANSWER.replace(/^.*<soap:Body>|<\/soap:Body>.*$/g, '')}</s:Body></s:Envelope>`,
    ];
    for (const variant of variants) expect(agrees(variant), variant).toBe('scanned');
  });

  test('faults, odd shapes and whatever the scan does not read are left to the DOM reading', () => {
    const undecided = [
      soapFaultEnvelope({ faultcode: 'soap:Server', faultstring: 'down' }),
      OK_ANSWER.replace('</soap:Body>', '<soap:Fault><faultcode>soap:Client</faultcode><faultstring>x</faultstring></soap:Fault></soap:Body>'),
      answer(''),
      answer(`<tns:result xmlns:tns="${NS}"/>`),
      answer(`<tns:result xmlns:tns="${NS}"><c:resultCode xmlns:c="${CORE_NS}"> </c:resultCode></tns:result>`),
      OK_ANSWER.replace(/<soap:Body>.*<\/soap:Body>/, '<soap:Body/>'),
      '',
      'not xml',
      '<html><body>502 Bad Gateway</body></html>',
      OK_ANSWER.replace('OK', '<![CDATA[OK]]>'),
      `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "OK">]>${OK_ANSWER.replace(/^<\?xml[^>]*>/, '').replace('>OK<', '>&e;<')}`,
      OK_ANSWER.replace('</soap:Body>', '</soap:Body><soap:Body/>'),
      OK_ANSWER + 'trailing',
      OK_ANSWER.replace('OK', 'O\rK'),
    ];
    for (const body of undecided) expect(agrees(body), body).toBe('undecided');
  });

  test('3,000 mutated answers: whatever the scan reads, the DOM reading reads the same', () => {
    const random = seededRandom(20261202);
    const seeds = [OK_ANSWER, ERROR_ANSWER, soapFaultEnvelope({ faultcode: 'soap:Client', faultstring: 'bad' })];
    const counts = { scanned: 0, undecided: 0 };
    for (let i = 0; i < 3000; i++) {
      let text = seeds[i % seeds.length]!;
      for (let m = random() < 0.7 ? 1 : 2; m > 0; m--) text = mutate(text, random);
      counts[agrees(text)]++;
    }
    expect(counts.scanned).toBeGreaterThan(300);
    expect(counts.undecided).toBeGreaterThan(300);
  });
});
