/**
 * Intygstjänsten's message responders over the network, with a care system and Försäkringskassan
 * behind it as plain SOAP stubs: what it forwards, what it stores (and shows in its API), and its
 * refusals in the real validators' words (unknown certificate, a meddelande-id it already holds,
 * an answer to a message it does not hold, another patient).
 */
import { test, expect } from '@playwright/test';
import { VirtualClock } from '../kit/clock/virtualClock.js';
import { CONTRACTS, SEND_MESSAGE_TO_CARE_RESPONDER_NS, SEND_MESSAGE_TO_RECIPIENT_RESPONDER_NS } from '../kit/contracts/contracts.js';
import { requireSchemaRoot } from '../kit/contracts/schemaRoot.js';
import { validateSoapMessage } from '../kit/contracts/xsdValidator.js';
import { TrafficJournal } from '../kit/journal/trafficJournal.js';
import { PartyServer } from '../kit/network/partyServer.js';
import { buildEnvelope } from '../kit/soap/envelope.js';
import { OK, type Result } from '../kit/soap/resultType.js';
import { callSoap } from '../kit/soap/soapClient.js';
import { soapOperationHandler } from '../kit/soap/soapOperation.js';
import { FORSAKRINGSKASSAN } from '../recipients/recipientProfiles.js';
import { buildSendMessageToCare, type MessageToCare } from '../recipients/questionSender.js';
import { signedDb, testDoctor, testUnit } from '../webcert/message/certificateFixtures.js';
import type { Certificate } from '../webcert/model/certificate.js';
import { buildSendMessageToRecipient } from '../webcert/questions/sendMessageToRecipientMessage.js';
import type { Arende } from '../webcert/questions/arende.js';
import { INTYGSTJANST_LOGICAL_ADDRESS } from './intygstjanstContext.js';
import { IntygstjanstSimulator } from './intygstjanstSimulator.js';

const clock = new VirtualClock({ start: Date.parse('2026-03-02T09:00:00+01:00') });
const by = { staff: testDoctor(), unit: testUnit() };
let journal: TrafficJournal;
let it: IntygstjanstSimulator;
let care: PartyServer;
let fk: PartyServer;
/** What the stubs answer next (default OK), and what they got. */
let careAnswer: Result;
const got: { party: string; messageId?: string }[] = [];

function stub(party: string, operation: 'SendMessageToCare' | 'SendMessageToRecipient', path: string) {
  const ns = operation === 'SendMessageToCare' ? SEND_MESSAGE_TO_CARE_RESPONDER_NS : SEND_MESSAGE_TO_RECIPIENT_RESPONDER_NS;
  return PartyServer.start({
    party, clock, journal,
    handlers: [soapOperationHandler({
      party, operation, path, requestNs: ns, requestElement: operation, responseNs: ns, responseElement: `${operation}Response`,
      badInput: 'resultType', requireLogicalAddress: true, facts: () => ({}),
      handle: ({ payload }) => {
        got.push({ party, messageId: payload.getElementsByTagNameNS(ns, 'meddelande-id')[0]?.textContent ?? undefined });
        return { result: party === 'webcert' ? careAnswer : OK };
      },
    })],
  });
}

test.beforeEach(async () => {
  journal = TrafficJournal.open({ path: ':memory:' });
  careAnswer = OK;
  got.length = 0;
  care = await stub('webcert', 'SendMessageToCare', '/services/send-message-to-care/v2.0');
  fk = await stub('forsakringskassan', 'SendMessageToRecipient', CONTRACTS.SendMessageToRecipient.endpointPath);
  it = await IntygstjanstSimulator.start({
    clock, journal, recipientTimeoutMs: 2_000, maxMessages: 5,
    routeRecipient: (la) => (la === 'FKORG' ? { url: fk.url, party: 'forsakringskassan' } : undefined),
    routeCare: () => ({ url: `${care.url}/services/send-message-to-care/v2.0`, party: 'webcert' }),
  });
});
test.afterEach(async () => {
  await it.stop();
  await care.stop();
  await fk.stop();
  journal.close();
});

let seq = 0;
/** A LISJP-like certificate Intygstjänsten holds, sent to FKASSA unless told otherwise. */
function held(sent = true): Certificate {
  const c: Certificate = { ...signedDb(), id: `11110000-0000-4000-8000-${String(++seq).padStart(12, '0')}` };
  it.repository.add({
    certificateId: c.id, typeCode: 'LISJP', moduleId: 'lisjp', typeVersion: '1.3', personId: c.patient.personId, unitHsaId: c.unit.hsaId,
    document: '', revoked: false, relations: [],
    states: [{ state: 'RECEIVED', target: 'HSVARD', at: clock.now() }, ...(sent ? [{ state: 'SENT' as const, target: 'FKASSA', at: clock.now() }] : [])],
  });
  return c;
}

const call = async (operation: 'SendMessageToCare' | 'SendMessageToRecipient', payload: string) => {
  const url = operation === 'SendMessageToCare' ? it.endpoints.sendMessageToCare! : it.endpoints.sendMessageToRecipient!;
  const o = await callSoap({ url, envelope: buildEnvelope(payload, INTYGSTJANST_LOGICAL_ADDRESS), fromParty: 'x', toParty: 'intygstjanst', operation, timeoutMs: 5_000, clock });
  return o.kind === 'answer' ? { body: o.body, result: o.result } : { body: '', result: undefined };
};
const fromFk = (c: Certificate, m: Partial<MessageToCare> & { meddelandeId: string }, personId = c.patient.personId) =>
  call('SendMessageToCare', buildSendMessageToCare({ certificateId: c.id, amne: 'OVRIGT', meddelande: 'Fråga', personId, logiskAdressMottagare: c.unit.hsaId, ...m }, FORSAKRINGSKASSAN, clock.now()));
const fromCare = (c: Certificate, arende: Partial<Arende> & { meddelandeId: string }, answered?: Arende) =>
  call('SendMessageToRecipient', buildSendMessageToRecipient(c, { amne: 'OVRIGT', meddelande: 'Svar', skickatAv: 'WC', skickatTidpunkt: clock.now(), status: 'CLOSED', ...arende }, answered, by, 'FKORG'));

test('a question from FK and the answer from care are forwarded, stored and shown; a repeated meddelande-id is refused and goes nowhere', async () => {
  const c = held();
  const asked = await fromFk(c, { meddelandeId: 'fk-1', sistaDatumForSvar: '2026-03-20' });
  expect(asked.result).toEqual(OK);
  expect(validateSoapMessage(asked.body, 'SendMessageToCare', 'response', requireSchemaRoot()).valid).toBe(true);
  const question: Arende = { meddelandeId: 'fk-1', amne: 'OVRIGT', meddelande: 'Fråga', skickatAv: 'FK', skickatTidpunkt: clock.now(), status: 'CLOSED' };
  expect((await fromCare(c, { meddelandeId: 'wc-1', svarPaId: 'fk-1' }, question)).result).toEqual(OK);
  expect(got).toEqual([{ party: 'webcert', messageId: 'fk-1' }, { party: 'forsakringskassan', messageId: 'wc-1' }]);

  const stored = it.messages.list({ certificateId: c.id });
  expect(stored).toMatchObject([
    { seq: 1, direction: 'SendMessageToCare', meddelandeId: 'fk-1', amne: 'OVRIGT', personId: c.patient.personId, logiskAdressMottagare: c.unit.hsaId, storedAt: clock.now() },
    { seq: 2, direction: 'SendMessageToRecipient', meddelandeId: 'wc-1', amne: 'OVRIGT', svarPa: 'fk-1', logiskAdressMottagare: 'FKORG' },
  ]);
  // What is stored is what crossed the wire to the receiver.
  const forwarded = journal.query({ side: 'outbound', fromParty: 'intygstjanst', operation: 'SendMessageToCare', certificateId: c.id })[0]!;
  expect(forwarded.requestBody).toContain(stored[0]!.document);
  expect(validateSoapMessage(buildEnvelope(stored[0]!.document, 'x'), 'SendMessageToCare', 'request', requireSchemaRoot())).toEqual({ valid: true, errors: [] });
  expect(await (await fetch(`${it.endpoints.messagesApi}?certificateId=${c.id}&direction=SendMessageToRecipient`)).json()).toMatchObject([{ meddelandeId: 'wc-1' }]);
  expect((await fetch(`${it.endpoints.messagesApi}?direction=nope`)).status).toBe(400);

  expect((await fromFk(c, { meddelandeId: 'fk-1' })).result).toEqual({
    resultCode: 'ERROR', errorId: 'VALIDATION_ERROR',
    resultText: `Validation of SendMessageToCare failed for message with question id fk-1 and certificate id ${c.id}. [MEDDELANDE_ID_NOT_UNIQUE_ERROR, Meddelande-id is not a GUID]`,
  });
  expect((await fromCare(c, { meddelandeId: 'wc-1', svarPaId: 'fk-1' }, question)).result).toEqual({ resultCode: 'ERROR', errorId: 'VALIDATION_ERROR', resultText: '[MeddelandeId is not globally unique]' });
  expect(got).toHaveLength(2);
  expect(it.messages.list()).toHaveLength(2);
});

test('unknown certificate, another patient, a certificate never sent, answers and reminders about messages it does not hold: the real answers', async () => {
  const unknown: Certificate = { ...signedDb(), id: 'ffff0000-0000-4000-8000-000000000000' };
  const failed = (ids: string, id: string, c = unknown) => `Validation of SendMessageToCare failed for message with question id ${id} and certificate id ${c.id}. [${ids}]`;
  expect((await fromFk(unknown, { meddelandeId: 'u-1' })).result).toEqual({ resultCode: 'ERROR', errorId: 'VALIDATION_ERROR', resultText: failed('CERTIFICATE_NOT_FOUND_ERROR', 'u-1') });
  expect((await fromCare(unknown, { meddelandeId: 'u-2' })).result).toEqual({ resultCode: 'ERROR', errorId: 'APPLICATION_ERROR', resultText: 'Intyg does not exist' });

  const c = held();
  expect((await fromFk(c, { meddelandeId: 'p-1' }, '191212121212')).result).toMatchObject({ resultText: failed('CIVIC_REGISTRATION_NUMBER_INCONSISTENCY_ERROR', 'p-1', c) });
  expect((await fromFk(c, { meddelandeId: 'a-1', svarPa: 'nobody' })).result).toMatchObject({ resultText: failed('REFERENCED_MESSAGE_NOT_FOUND_ERROR', 'a-1', c) });
  expect((await fromFk(c, { meddelandeId: 'r-1', amne: 'PAMINN', paminnelseMeddelandeId: 'nobody' })).result).toMatchObject({ resultText: failed('REFERENCED_MESSAGE_NOT_FOUND_ERROR', 'r-1', c) });
  expect((await fromCare(c, { meddelandeId: 'a-2', svarPaId: 'nobody' }, { meddelandeId: 'nobody', amne: 'OVRIGT', meddelande: '?', skickatAv: 'FK', skickatTidpunkt: 0, status: 'CLOSED' })).result)
    .toEqual({ resultCode: 'ERROR', errorId: 'VALIDATION_ERROR', resultText: '[SvarPa Meddelande does not exist]' });
  const notSent = held(false);
  expect((await fromCare(notSent, { meddelandeId: 'n-1' })).result).toEqual({ resultCode: 'ERROR', errorId: 'VALIDATION_ERROR', resultText: '[Certificate is not sent to recipient]' });
  expect(got).toEqual([]);
  expect(it.messages.list()).toEqual([]);
});

test('a message the receiver refuses is not stored; the store keeps the newest within its bound', async () => {
  const c = held();
  careAnswer = { resultCode: 'ERROR', errorId: 'VALIDATION_ERROR', resultText: 'nej' };
  expect((await fromFk(c, { meddelandeId: 'x-0' })).result).toEqual(careAnswer);
  expect(it.messages.list()).toEqual([]);
  careAnswer = OK;
  for (let i = 1; i <= 7; i++) expect((await fromFk(c, { meddelandeId: `x-${i}` })).result).toEqual(OK);
  expect(it.messages.list().map((m) => m.meddelandeId)).toEqual(['x-3', 'x-4', 'x-5', 'x-6', 'x-7']);
});
