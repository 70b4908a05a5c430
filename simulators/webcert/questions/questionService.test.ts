/**
 * Marking a handled question unhandled again (ArendeServiceImpl.openArendeAsUnhandled) and the
 * events and counts it gives, with a real certificate store; the sender only records.
 */
import { expect, test } from '@playwright/test';
import { VirtualClock } from '../../kit/clock/virtualClock.js';
import type { CertificateSender } from '../certificatesender/certificateSender.js';
import { CertificateActionError, CertificateStore } from '../drafts/certificateStore.js';
import { lisjpDraft, testDoctor, testUnit } from '../message/certificateFixtures.js';
import { arendeCounts, offersReopen } from './arende.js';
import { QuestionService } from './questionService.js';

function setup() {
  const clock = new VirtualClock({ start: Date.parse('2026-03-02T09:00:00+01:00') });
  const events: { code: string; by?: string; mottagna: number[]; skickade: number[] }[] = [];
  const store = new CertificateStore(clock, (c, code, by) => {
    const counts = arendeCounts(c.arenden ?? []);
    events.push({ code, by, mottagna: Object.values(counts.mottagnaFragor), skickade: Object.values(counts.skickadeFragor) });
  });
  const sent: string[] = [];
  const sender = { sendMessageToRecipient: (_c: unknown, payload: string) => void sent.push(payload) } as unknown as CertificateSender;
  const questions = new QuestionService({ clock, store, sender, actingUser: () => ({ staff: testDoctor(), unit: testUnit() }), recipientLogicalAddress: 'FKORG' });
  const d = lisjpDraft();
  store.create({ id: d.id, typeCode: d.typeCode, typeVersion: d.typeVersion, unit: d.unit, issuedBy: d.issuedBy, patient: d.patient, answers: d.answers });
  // Signing proper is not the point here: a signature stand-in, as the signing service would leave one.
  store.require(d.id).signature = { document: '<intyg/>', xml: '<ds:Signature/>', signerCertificatePem: '' };
  store.sign(d.id);
  events.length = 0;
  const fromFk = (meddelandeId: string, svarPaId?: string) =>
    questions.receive({ meddelandeId, certificateId: d.id, amne: 'OVRIGT', meddelande: 'Fråga', skickatTidpunkt: clock.now(), part: 'FKASSA', svarPaId });
  return { id: d.id, store, questions, events, sent, fromFk };
}

test('a handled question from the recipient is unhandled again: HANFRFM, ejBesvarade again; Webcert offers it again', () => {
  const { id, store, questions, events, fromFk } = setup();
  fromFk('fk-1');
  questions.markHandled(id, 'fk-1', 'doc');
  expect(offersReopen(store.require(id).arenden![0]!, store.require(id).arenden!)).toBe(true);
  expect(questions.reopen(id, 'fk-1', 'doc').status).toBe('PENDING_INTERNAL_ACTION');
  expect(events.map((e) => [e.code, e.mottagna])).toEqual([['NYFRFM', [1, 1, 0, 0]], ['HANFRFM', [1, 0, 0, 1]], ['HANFRFM', [1, 1, 0, 0]]]);
  expect(events[2]!.by).toBe('doc');
  expect(offersReopen(store.require(id).arenden![0]!, store.require(id).arenden!)).toBe(false);
});

test('one the doctor answered stays closed (FS-011): refused, no event; a KOMPLT is not offered', () => {
  const { id, store, questions, events, fromFk } = setup();
  fromFk('fk-1');
  questions.answer(id, 'fk-1', 'Svar', 'doc');
  const before = events.length;
  expect(() => questions.reopen(id, 'fk-1', 'doc')).toThrow(new CertificateActionError('INVALID_STATE', 'FS-011: Cant revert status for question fk-1'));
  expect(events.length).toBe(before);
  const all = store.require(id).arenden!;
  expect(offersReopen(all.find((a) => a.meddelandeId === 'fk-1')!, all)).toBe(false);
  expect(offersReopen({ ...all[0]!, amne: 'KOMPLT', meddelandeId: 'k' }, all)).toBe(false);
  expect(() => questions.reopen(id, 'nope')).toThrow(/has no question nope/);
});

test('a question from care: unhandled again waits for the recipient, or is answered again once it has an answer; HANFRFV each time', () => {
  const { id, questions, events, fromFk, sent } = setup();
  const q = questions.ask(id, 'KONTKT', 'Ring mig', 'doc');
  questions.markHandled(id, q.meddelandeId, 'doc');
  expect(questions.reopen(id, q.meddelandeId, 'doc').status).toBe('PENDING_EXTERNAL_ACTION');
  fromFk('fk-svar', q.meddelandeId);
  questions.markHandled(id, q.meddelandeId, 'doc');
  expect(questions.reopen(id, q.meddelandeId, 'doc').status).toBe('ANSWERED');
  expect(events.map((e) => [e.code, e.skickade])).toEqual([
    ['NYFRFV', [1, 1, 0, 0]], ['HANFRFV', [1, 0, 0, 1]], ['HANFRFV', [1, 1, 0, 0]],
    ['NYSVFM', [1, 0, 1, 0]], ['HANFRFV', [1, 0, 0, 1]], ['HANFRFV', [1, 0, 1, 0]],
  ]);
  // Reopening sends nothing to the recipient: only the question went.
  expect(sent).toHaveLength(1);
  expect(questions.certificateOf(q.meddelandeId)?.id).toBe(id);
  expect(questions.certificateOf('fk-svar')?.id).toBe(id);
  expect(questions.certificateOf('nope')).toBeUndefined();
});
