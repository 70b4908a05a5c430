/**
 * Questions and answers between Försäkringskassan and the doctor, through Intygstjänsten, in
 * Chromium, observed on the wire: every subject from FK (NYFRFM with ämne and last answer date),
 * answers in the UI (HANFRFM), a question from care (NYFRFV) answered by FK (NYSVFM) and marked
 * handled (HANFRFV), a KOMPLT answered by a complement that is sent and closes it (HANFRFM); the
 * journal system gets every event in order with the counters a hand count gives, every message
 * XSD-valid. Intygstjänsten holds every question and answer it passed on, as it crossed the wire,
 * and refuses a meddelande-id it already holds and a certificate it does not hold. After an outage that ends in FAILURE,
 * ListCertificatesForCareWithQA returns what the journal missed.
 */
import { requireSchemaRoot } from '../../simulators/kit/contracts/schemaRoot.js';
import { validateSoapMessage } from '../../simulators/kit/contracts/xsdValidator.js';
import { adminOf } from '../fixtures/adminClient.js';
import { expect, test } from '../fixtures/topologyFixtures.js';
import { answerInUi, catchUp, fkSends, questionOnPage, sendMessageToCareAtIntygstjanst, signedLisjpSentToFk, statusUpdateFacts, type Counts } from './questionSteps.js';
import { admin, exchanges, UNIT } from './sendSteps.js';
import { settle } from './statusFlowSteps.js';
import { clickAndAwaitLoad, certificatePage } from './pageWaits.js';

test.use({ topologyConfig: { admin: {} } });

const TOLVAN = '191212121212';
const Z: Counts = [0, 0, 0, 0];

test.describe('frågor och svar med Försäkringskassan', { tag: ['@questions', '@LISJP'] }, () => {
  test('FK:s frågor besvaras i Webcert, en komplettering stänger KOMPLT; journalen får varje händelse med rätt räknare; efter FAILURE hämtar journalen det missade', async ({ page, topology, journalUser }) => {
    test.setTimeout(180_000);
    const schemaRoot = requireSchemaRoot();
    const id = await signedLisjpSentToFk(page, topology, journalUser, 'vk-qa-1');

    const certPage = () => page.goto(new URL(`/certificate/${id}/`, page.url()).href);
    // FK asks about every subject but KOMPLT; the doctor answers each on the certificate page.
    for (const [amne, sista] of [['OVRIGT', '2026-12-20'], ['AVSTMN', '2026-12-21'], ['KONTKT', '2026-12-22']] as const) {
      await fkSends(topology, { certificateId: id, amne, meddelande: `Fråga om ${amne}`, sistaDatumForSvar: sista });
      await certPage();
      await expect(questionOnPage(page, amne)).toContainText(`Svara senast: ${sista}`);
      await answerInUi(page, amne, `Svar om ${amne}`);
    }
    // The doctor asks; FK answers it; the doctor marks it handled.
    await page.locator('#ny-fraga').getByLabel('Ämne').selectOption('OVRIGT');
    await page.locator('#ny-fraga').getByLabel('Meddelande').fill('Har patienten kontaktat er?');
    await page.getByRole('button', { name: 'Skicka fråga' }).click();
    await settle(topology, 60_000);
    const fromCare = await admin<{ meddelandeId: string; amne: string; svarPa?: string }[]>(topology, `/recipients/FKASSA/inbox?kind=SendMessageToRecipient&certificateId=${id}`);
    expect(fromCare.map((m) => [m.amne, m.svarPa === undefined])).toEqual([['OVRIGT', false], ['AVSTMN', false], ['KONTKT', false], ['OVRIGT', true]]);
    await fkSends(topology, { certificateId: id, amne: 'OVRIGT', meddelande: 'Ja, i går.', svarPa: fromCare[3]!.meddelandeId });
    await certPage();
    const careQuestion = page.locator('article.arende', { hasText: 'Har patienten kontaktat er?' });
    await expect(careQuestion).toContainText('Svar från Försäkringskassan: Ja, i går.');
    await expect(careQuestion.getByRole('checkbox', { name: 'Hanterad' })).not.toBeChecked();
    await careQuestion.getByRole('checkbox', { name: 'Hanterad' }).click();
    await expect(page.locator('article.arende', { hasText: 'Har patienten kontaktat er?' }).locator('.arendestatus')).toHaveText('Hanterad');
    await expect(careQuestion.getByRole('checkbox', { name: 'Hanterad' })).toBeChecked();

    // KOMPLT, and a reminder about it; the doctor complements, signs, and the complement goes to FK.
    const komplt = await fkSends(topology, { certificateId: id, amne: 'KOMPLT', meddelande: 'Komplettera diagnosen.', sistaDatumForSvar: '2026-12-30', komplettering: [{ frageId: '6', text: 'Ange diagnos' }] });
    await fkSends(topology, { certificateId: id, amne: 'PAMINN', meddelande: 'Påminnelse om komplettering.', paminnelseMeddelandeId: komplt });
    await certPage();
    await expect(questionOnPage(page, 'KOMPLT').getByRole('checkbox', { name: 'Hanterad' })).not.toBeChecked();
    await page.getByRole('button', { name: 'Komplettera' }).click();
    await expect(page.locator('#relationer a', { hasText: 'Kompletterar ett tidigare intyg' })).toHaveAttribute('href', `/certificate/${id}/`);
    const complement = /\/certificate\/([^/]+)\/$/.exec(page.url())![1]!;
    await clickAndAwaitLoad(page, page.getByRole('button', { name: 'Signera intyget' }), certificatePage(complement));
    await expect(page.locator('#intygsstatus')).toHaveText('Intyget är signerat');
    await settle(topology, 60_000);
    await certPage();
    await expect(questionOnPage(page, 'KOMPLT')).toContainText('Hanterad');
    // A handled KOMPLT cannot be unhandled: Webcert shows no checkbox, only the status.
    await expect(questionOnPage(page, 'KOMPLT').getByRole('checkbox')).toHaveCount(0);
    expect((await admin<{ kind: string }[]>(topology, `/recipients/FKASSA/inbox?kind=RegisterCertificate&certificateId=${complement}`)).length).toBe(1);

    // The journal system got every event in order, with the counters counted by hand.
    type Row = [string, Counts, Counts, string?, string?];
    const expected: Row[] = [
      ['SKAPAT', Z, Z], ['SIGNAT', Z, Z], ['SKICKA', Z, Z],
      ['NYFRFM', Z, [1, 1, 0, 0], 'OVRIGT', '2026-12-20'], ['HANFRFM', Z, [1, 0, 0, 1]],
      ['NYFRFM', Z, [2, 1, 0, 1], 'AVSTMN', '2026-12-21'], ['HANFRFM', Z, [2, 0, 0, 2]],
      ['NYFRFM', Z, [3, 1, 0, 2], 'KONTKT', '2026-12-22'], ['HANFRFM', Z, [3, 0, 0, 3]],
      ['NYFRFV', [1, 1, 0, 0], [3, 0, 0, 3]], ['NYSVFM', [1, 0, 1, 0], [3, 0, 0, 3]], ['HANFRFV', [1, 0, 0, 1], [3, 0, 0, 3]],
      ['NYFRFM', [1, 0, 0, 1], [4, 1, 0, 3], 'KOMPLT', '2026-12-30'], ['NYFRFM', [1, 0, 0, 1], [4, 1, 0, 3], 'PAMINN'],
      ['HANFRFM', [1, 0, 0, 1], [4, 0, 0, 4]],
    ];
    const received = await adminOf(topology).statusUpdates({ certificateId: id });
    const facts = (xml: string): Row => {
      const f = statusUpdateFacts(xml);
      return [f.code, f.skickade, f.mottagna, ...(f.amne ? [f.amne] : []), ...(f.sista ? [f.sista] : [])] as Row;
    };
    expect(received.map((u) => facts(u.xml))).toEqual(expected);
    const complementEvents = await adminOf(topology).statusUpdates({ certificateId: complement });
    expect(complementEvents.map((u) => u.eventCode)).toEqual(['SKAPAT', 'SIGNAT', 'SKICKA']);
    expect(complementEvents[0]!.xml).toMatch(new RegExp(`<[^>]*relation>[\\s\\S]*KOMPLT[\\s\\S]*${id}`));

    // Intygstjänsten kept every question and answer it passed on (and only those), as they crossed the wire to it and on.
    const held = await adminOf(topology).intygstjanstMessages(id);
    const passed: Awaited<ReturnType<typeof exchanges>> = [];
    for (const operation of ['SendMessageToCare', 'SendMessageToRecipient']) {
      passed.push(...(await exchanges(topology, { operation, side: 'inbound', toParty: 'intygstjanst', certificateId: id })));
    }
    expect(passed.every((e) => e.resultCode === 'OK')).toBe(true);
    // Webcert's answers go on its queue, so the order across directions is not fixed: compared as sets.
    expect(held.map((m) => `${m.direction} ${m.meddelandeId}`).sort()).toEqual(passed.map((e) => `${e.operation} ${e.messageId}`).sort());
    const amnen = (direction: string) => held.filter((m) => m.direction === direction).map((m) => m.amne).sort();
    expect(amnen('SendMessageToCare')).toEqual(['AVSTMN', 'KOMPLT', 'KONTKT', 'OVRIGT', 'OVRIGT', 'PAMINN']);
    expect(amnen('SendMessageToRecipient')).toEqual(['AVSTMN', 'KONTKT', 'OVRIGT', 'OVRIGT']);
    for (const m of held) {
      const wire = passed.find((e) => e.messageId === m.meddelandeId)!.requestBody!;
      expect(wire, m.meddelandeId).toMatch(new RegExp(`amne>\\s*<[^>]*code>${m.amne}<`));
      expect(wire, m.meddelandeId).toContain(`logiskAdressMottagare>${m.logiskAdressMottagare}<`);
      if (m.svarPa) expect(wire, m.meddelandeId).toMatch(new RegExp(`svarPa>\\s*<[^>]*meddelande-id>${m.svarPa}<`));
      const forwarded = await exchanges(topology, { operation: m.direction, side: 'outbound', fromParty: 'intygstjanst', messageId: m.meddelandeId });
      expect(forwarded.map((e) => e.requestBody!.includes(m.document)), m.meddelandeId).toEqual([true]);
    }
    expect(held.find((m) => m.amne === 'PAMINN')?.paminnelseMeddelandeId).toBe(komplt);
    // A meddelande-id Intygstjänsten holds is refused there, in its words, and Webcert never sees it.
    const again = await admin<{ result?: { resultCode: string; errorId?: string; resultText?: string } }>(topology, '/recipients/FKASSA/messages', { body: { certificateId: id, amne: 'OVRIGT', meddelande: 'Samma id igen', meddelandeId: komplt } });
    expect(again.result).toEqual({ resultCode: 'ERROR', errorId: 'VALIDATION_ERROR', resultText: `Validation of SendMessageToCare failed for message with question id ${komplt} and certificate id ${id}. [MEDDELANDE_ID_NOT_UNIQUE_ERROR, Meddelande-id is not a GUID]` });
    expect(await exchanges(topology, { operation: 'SendMessageToCare', side: 'outbound', fromParty: 'intygstjanst', messageId: komplt })).toHaveLength(1);
    expect((await adminOf(topology).intygstjanstMessages(id)).length).toBe(held.length);
    // A certificate Intygstjänsten does not hold: refused there, in its words; nothing goes on to Webcert.
    const unknownId = 'ffffffff-0000-4000-8000-000000000001';
    const stray = await sendMessageToCareAtIntygstjanst(topology, { meddelandeId: 'okant-intyg-1', certificateId: unknownId, personId: TOLVAN, unit: UNIT });
    expect(validateSoapMessage(stray.request, 'SendMessageToCare', 'request', schemaRoot)).toEqual({ valid: true, errors: [] });
    expect(validateSoapMessage(stray.answer, 'SendMessageToCare', 'response', schemaRoot)).toEqual({ valid: true, errors: [] });
    expect(stray.result).toEqual({ resultCode: 'ERROR', errorId: 'VALIDATION_ERROR', resultText: `Validation of SendMessageToCare failed for message with question id okant-intyg-1 and certificate id ${unknownId}. [CERTIFICATE_NOT_FOUND_ERROR]` });
    expect(await exchanges(topology, { operation: 'SendMessageToCare', side: 'outbound', fromParty: 'intygstjanst', messageId: 'okant-intyg-1' })).toEqual([]);
    expect(await adminOf(topology).intygstjanstMessages(unknownId)).toEqual([]);

    // An outage: the journal system refuses everything (VALIDATION_ERROR → FAILURE); a question and its answer are missed.
    const rule = await admin<{ id: string }>(topology, '/faults', { body: { party: 'journal', operation: 'CertificateStatusUpdateForCare', effect: { kind: 'result', resultCode: 'ERROR', errorId: 'VALIDATION_ERROR', resultText: 'Driftstopp' } } });
    await fkSends(topology, { certificateId: id, amne: 'OVRIGT', meddelande: 'En fråga till under driftstoppet', sistaDatumForSvar: '2027-01-05' });
    await certPage();
    await answerInUi(page, 'OVRIGT', 'Svar under driftstoppet');
    await settle(topology, 60_000);
    await admin(topology, `/faults/${rule.id}`, { method: 'DELETE' });
    const failed = (await exchanges(topology, { operation: 'CertificateStatusUpdateForCare', side: 'outbound', certificateId: id })).filter((e) => e.resultCode === 'ERROR');
    expect(failed.map((e) => statusUpdateFacts(e.requestBody!).code)).toEqual(['NYFRFM', 'HANFRFM']);
    expect((await admin<{ eventCode: string }[]>(topology, `/journal-system/status-updates?certificateId=${id}`)).length).toBe(expected.length);

    // The catch-up call: XSD-valid, every event Webcert sent, so what the journal is missing is exactly the two that failed.
    const answer = await catchUp(topology, TOLVAN, UNIT);
    expect(validateSoapMessage(answer, 'ListCertificatesForCareWithQA', 'response', schemaRoot)).toEqual({ valid: true, errors: [] });
    const item = new RegExp(`<tns:item>(?:(?!</tns:item>)[\\s\\S])*?<types:extension>${id}</types:extension>[\\s\\S]*?</tns:item>`).exec(answer)?.[0] ?? '';
    const listed = [...item.matchAll(/<tns:handelse>([\s\S]*?)<\/tns:handelse>/g)].map((m) => [/code>([^<]+)</.exec(m[1]!)![1], /tidpunkt>([^<]+)</.exec(m[1]!)![1]]);
    const tidpunkt = (xml: string) => /<core:tidpunkt>([^<]+)</.exec(xml)![1];
    const had = new Set(received.map((u) => `${u.eventCode}@${tidpunkt(u.xml)}`));
    const missing = listed.filter(([code, at]) => !had.has(`${code}@${at}`));
    expect(missing).toEqual(failed.map((e) => [statusUpdateFacts(e.requestBody!).code, tidpunkt(e.requestBody!)]));
    expect(listed.length).toBe(expected.length + 2);
    expect(statusUpdateFacts(item).mottagna).toEqual([5, 0, 0, 5]);
    expect(statusUpdateFacts(item).skickade).toEqual([1, 0, 0, 1]);
    expect(item).toContain('<tns:ref>vk-qa-1</tns:ref>');
    // Every question, answer and status update that crossed the wire is valid against the real XSD.
    const crossed: [string, Awaited<ReturnType<typeof exchanges>>][] = [];
    for (const operation of ['SendMessageToCare', 'SendMessageToRecipient', 'CertificateStatusUpdateForCare']) {
      crossed.push([operation, [...(await exchanges(topology, { operation, side: 'outbound', certificateId: id, limit: '5' })), ...(await exchanges(topology, { operation, side: 'outbound', certificateId: complement, limit: '5' }))]]);
    }
    for (const [operation, sent] of crossed) {
      expect(sent.length, operation).toBeGreaterThan(0);
      for (const e of sent) expect(validateSoapMessage(e.requestBody!, operation as never, 'request', schemaRoot), `${operation} ${e.messageId}`).toEqual({ valid: true, errors: [] });
    }

  });
});
