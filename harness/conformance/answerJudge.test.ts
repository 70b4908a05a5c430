import { test, expect } from '@playwright/test';
import { requireSchemaRoot } from '../../simulators/kit/contracts/schemaRoot.js';
import type { JournalEntry } from '../../simulators/kit/journal/exchange.js';
import { judgeAnswer, type JudgeContext } from './answerJudge.js';

const RESPONDER = 'urn:riv:clinicalprocess:healthcond:certificate:CertificateStatusUpdateForCareResponder:3';
const CORE = 'urn:riv:clinicalprocess:healthcond:certificate:3';

function response(result: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><r:CertificateStatusUpdateForCareResponse xmlns:r="${RESPONDER}" xmlns:core="${CORE}"><r:result>${result}</r:result></r:CertificateStatusUpdateForCareResponse></soap:Body></soap:Envelope>`;
}

/** The journal entry callSoap records for one answer. */
function entry(over: Partial<JournalEntry>): JournalEntry {
  return {
    id: 7,
    side: 'outbound',
    fromParty: 'webcert',
    toParty: 'journal',
    operation: 'CertificateStatusUpdateForCare',
    method: 'POST',
    url: 'http://127.0.0.1:1/x',
    startedAt: 0,
    durationMs: 40,
    outcome: 'ok',
    httpStatus: 200,
    resultCode: 'OK',
    eventCode: 'SIGNAT',
    certificateId: 'c1',
    responseBody: response('<core:resultCode>OK</core:resultCode>'),
    ...over,
  };
}

let context: JudgeContext;
test.beforeAll(() => {
  context = { answerBoundMs: 1_000, schemaRoot: requireSchemaRoot() };
});

const judge = (over: Partial<JournalEntry>) => {
  const j = judgeAnswer(entry(over), 'SIGNAT of f', context);
  return { answer: j.answer, reaction: j.reaction, notStored: j.notStored, breaksContract: j.breaksContract };
};

test('OK, and INFO with a text: stored, nothing to say', () => {
  expect(judge({})).toEqual({ answer: 'OK', reaction: 'stored', notStored: [], breaksContract: [] });
  const info = judge({ resultCode: 'INFO', message: 'Redan mottagen', responseBody: response('<core:resultCode>INFO</core:resultCode><core:resultText>Redan mottagen</core:resultText>') });
  expect(info).toEqual({ answer: 'INFO: Redan mottagen', reaction: 'stored', notStored: [], breaksContract: [] });
});

test('INFO without resultText breaks the ResultType rule', () => {
  const j = judge({ resultCode: 'INFO', responseBody: response('<core:resultCode>INFO</core:resultCode>') });
  expect(j.breaksContract).toEqual(['INFO without resultText (ResultType: INFO must say more in resultText)']);
});

test('ERROR TECHNICAL_ERROR: not stored now, but keeps to the semantics (Webcert resends)', () => {
  const j = judge({ outcome: 'error', resultCode: 'ERROR', errorId: 'TECHNICAL_ERROR', message: 'databasen nere', responseBody: response('<core:resultCode>ERROR</core:resultCode><core:resultText>databasen nere</core:resultText><core:errorId>TECHNICAL_ERROR</core:errorId>') });
  expect(j).toEqual({
    answer: 'ERROR TECHNICAL_ERROR: databasen nere',
    reaction: 'resend',
    notStored: ['ERROR TECHNICAL_ERROR: databasen nere: temporarily unable, not stored now; Webcert would resend'],
    breaksContract: [],
  });
});

test('ERROR with any other errorId: the update is lost for good', () => {
  const j = judge({ outcome: 'error', resultCode: 'ERROR', errorId: 'VALIDATION_ERROR', message: 'okänt intyg', responseBody: response('<core:resultCode>ERROR</core:resultCode><core:resultText>okänt intyg</core:resultText><core:errorId>VALIDATION_ERROR</core:errorId>') });
  expect(j.reaction).toBe('lost');
  expect(j.breaksContract).toEqual(['ERROR VALIDATION_ERROR: okänt intyg: Webcert gives the update up for good (only TECHNICAL_ERROR is resent)']);
});

test('an answer that is not a valid response, one over the bound, and none at all', () => {
  const invalid = judge({ responseBody: response('<core:resultCode>FINE</core:resultCode>'), resultCode: undefined, message: 'answer has no result' });
  expect(invalid.breaksContract[0]).toMatch(/^the answer is not a valid CertificateStatusUpdateForCareResponse: .*resultCode/);
  const slow = judge({ durationMs: 1_234 });
  expect(slow.breaksContract).toEqual(['answered after 1234 ms, over the bound of 1000 ms']);
  const none = judge({ outcome: 'transport-error', errorId: 'TIMEOUT', httpStatus: undefined, responseBody: undefined, durationMs: 1_001 });
  expect(none).toEqual({ answer: 'no answer (TIMEOUT)', reaction: 'resend', notStored: ['no answer within the bound of 1000 ms; Webcert would resend'], breaksContract: ['no answer within the bound of 1000 ms'] });
});

test('a SOAP Fault calling a valid message invalid loses the update; another Fault is resent', () => {
  const fault = (text: string) =>
    `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>${text}</faultstring></soap:Fault></soap:Body></soap:Envelope>`;
  const unmarshalling = judge({ outcome: 'error', httpStatus: 500, resultCode: undefined, responseBody: fault('Unmarshalling Error: cvc-complex-type') });
  expect(unmarshalling.reaction).toBe('lost');
  expect(unmarshalling.breaksContract).toHaveLength(1);
  const other = judge({ outcome: 'error', httpStatus: 500, resultCode: undefined, responseBody: fault('NullPointerException') });
  expect(other).toMatchObject({ answer: 'SOAP Fault soap:Client: NullPointerException', reaction: 'resend', breaksContract: [] });
});
