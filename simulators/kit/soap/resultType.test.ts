import { test, expect } from '@playwright/test';
import { parseXmlSafely } from '../xml/safeXml.js';
import { CORE_NS, errorResult, OK, readResult, resultXml } from './resultType.js';

const RESPONDER_NS = 'urn:riv:clinicalprocess:healthcond:certificate:CertificateStatusUpdateForCareResponder:3';

test.describe('RIV-TA ResultType', () => {
  const roundTrip = (xml: string) => readResult(parseXmlSafely(xml).documentElement!);

  test('OK serialises to a result element with the core namespace and reads back', () => {
    const xml = resultXml(RESPONDER_NS, OK);
    expect(xml).toBe(
      `<tns:result xmlns:tns="${RESPONDER_NS}" xmlns:core="${CORE_NS}"><core:resultCode>OK</core:resultCode></tns:result>`,
    );
    expect(roundTrip(xml)).toEqual({ resultCode: 'OK' });
  });

  test('ERROR with errorId and escaped text reads back exactly', () => {
    const result = errorResult('VALIDATION_ERROR', 'personnummer <saknas> & intygs-id fel');
    const xml = resultXml(RESPONDER_NS, result);
    expect(xml).toContain('<core:resultText>personnummer &lt;saknas&gt; &amp; intygs-id fel</core:resultText><core:errorId>VALIDATION_ERROR</core:errorId>');
    expect(roundTrip(xml)).toEqual({ resultCode: 'ERROR', errorId: 'VALIDATION_ERROR', resultText: 'personnummer <saknas> & intygs-id fel' });
  });

  test('INFO with text and no errorId', () => {
    expect(roundTrip(resultXml(RESPONDER_NS, { resultCode: 'INFO', resultText: 'redan mottaget' }))).toEqual({
      resultCode: 'INFO',
      resultText: 'redan mottaget',
    });
  });

  test('a result without resultCode is refused; an unknown code is kept for reporting', () => {
    expect(() => roundTrip(`<r xmlns:core="${CORE_NS}"><core:resultText>x</core:resultText></r>`)).toThrow(
      'result element has no core:resultCode',
    );
    expect(roundTrip(`<r xmlns:core="${CORE_NS}"><core:resultCode>MAYBE</core:resultCode></r>`)).toEqual({ resultCode: 'MAYBE' });
  });

  test('a resultCode outside the core namespace is not read', () => {
    expect(() => roundTrip(`<r><resultCode>OK</resultCode></r>`)).toThrow('result element has no core:resultCode');
  });
});
