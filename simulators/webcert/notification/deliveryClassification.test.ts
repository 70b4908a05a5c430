/**
 * Every row of webcert-surfaces.md §4.5 (NotificationPostProcessingService) that concerns the
 * outcome of one delivery. The two rows about exceptions while building the message or during a
 * redelivery are not outcomes of a call and are outside classifyDelivery.
 */
import { test, expect } from '@playwright/test';
import type { SoapCallOutcome } from '../../kit/soap/soapClient.js';
import type { Result } from '../../kit/soap/resultType.js';
import { classifyDelivery } from './deliveryClassification.js';

const answer = (result: Result): SoapCallOutcome => ({ kind: 'answer', status: 200, body: '<soap/>', result });
const fault = (faultstring: string, faultcode = 'soap:Server'): SoapCallOutcome => ({
  kind: 'answer',
  status: 500,
  body: '<soap/>',
  fault: { faultcode, faultstring },
});

test.describe('delivery classification (§4.5)', () => {
  test('resultCode OK → SUCCESS', () => {
    expect(classifyDelivery(answer({ resultCode: 'OK' }))).toEqual({ verdict: 'SUCCESS', reason: 'OK' });
  });

  test('resultCode INFO → SUCCESS, text kept', () => {
    expect(classifyDelivery(answer({ resultCode: 'INFO', resultText: 'redan mottagen' }))).toEqual({
      verdict: 'SUCCESS',
      reason: 'INFO: redan mottagen',
    });
  });

  test('ERROR + TECHNICAL_ERROR → RESEND', () => {
    expect(classifyDelivery(answer({ resultCode: 'ERROR', errorId: 'TECHNICAL_ERROR', resultText: 'db nere' }))).toEqual({
      verdict: 'RESEND',
      reason: 'ERROR TECHNICAL_ERROR: db nere',
    });
  });

  test('ERROR + VALIDATION_ERROR / APPLICATION_ERROR / REVOKED → FAILURE (no retry)', () => {
    for (const errorId of ['VALIDATION_ERROR', 'APPLICATION_ERROR', 'REVOKED'] as const) {
      expect(classifyDelivery(answer({ resultCode: 'ERROR', errorId, resultText: 'nej' }))).toEqual({
        verdict: 'FAILURE',
        reason: `ERROR ${errorId}: nej`,
      });
    }
  });

  test('ERROR without errorId → FAILURE', () => {
    expect(classifyDelivery(answer({ resultCode: 'ERROR' }))).toEqual({ verdict: 'FAILURE', reason: 'ERROR (no errorId): ' });
  });

  test('exception while sending: timeout and connection trouble → RESEND', () => {
    for (const code of ['TIMEOUT', 'ECONNREFUSED', 'ECONNRESET']) {
      const c = classifyDelivery({ kind: 'transport-error', code, message: `Ping to x: ${code}` });
      expect(c).toEqual({ verdict: 'RESEND', reason: `transport failure (${code}): Ping to x: ${code}` });
    }
  });

  test('exception while sending: an ordinary SOAP fault → RESEND', () => {
    expect(classifyDelivery(fault('NullPointerException'))).toEqual({
      verdict: 'RESEND',
      reason: 'SOAP fault soap:Server: NullPointerException',
    });
  });

  test('SOAP fault with "Marshalling Error" or "Unmarshalling Error" (schema invalid) → FAILURE', () => {
    for (const text of ['Marshalling Error: cvc-complex-type.2.4.b', 'Unmarshalling Error: cvc-pattern-valid: x']) {
      expect(classifyDelivery(fault(text, 'soap:Client'))).toEqual({
        verdict: 'FAILURE',
        reason: `SOAP fault about the message itself (schema-invalid): ${text}`,
      });
    }
  });

  test('an answer that cannot be read as the response (e.g. HTTP 500 plain text) → RESEND', () => {
    expect(
      classifyDelivery({ kind: 'answer', status: 502, body: 'Bad Gateway', unreadable: 'answer is not a SOAP message' }),
    ).toEqual({ verdict: 'RESEND', reason: 'HTTP 502 without a readable result: answer is not a SOAP message' });
  });
});
