/**
 * Unticking "Hanterad": a handled question goes back to unhandled, in Chromium, observed on
 * the wire (ArendeServiceImpl.openArendeAsUnhandled, NotificationServiceImpl.getHandelseV3). A
 * question from Försäkringskassan marked handled without an answer is open again (HANFRFM, counted
 * ejBesvarade again); a question from care goes back to waiting for the recipient, or to answered
 * once it has an answer (HANFRFV each time); one from FK that the doctor answered stays closed
 * (FS-011: no checkbox, and Webcert's REST route refuses). A KOMPLT is marked handled only after
 * Webcert's confirmation dialog, and then shows no checkbox. The journal system gets each event with
 * the counters a hand count gives, XSD-valid, with the user as hanteratAv; nothing goes to FK.
 */
import { adminOf } from '../fixtures/adminClient.js';
import { requireSchemaRoot } from '../../simulators/kit/contracts/schemaRoot.js';
import { validateSoapMessage } from '../../simulators/kit/contracts/xsdValidator.js';
import { expect, test } from '../fixtures/topologyFixtures.js';
import { answerInUi, fkSends, questionOnPage, signedLisjpSentToFk, statusUpdateFacts, type Counts } from './questionSteps.js';
import { admin } from './sendSteps.js';
import { settle } from './statusFlowSteps.js';

test.use({ topologyConfig: { admin: {} } });

const Z: Counts = [0, 0, 0, 0];
const DOCTOR = 'TSTNMT2321000156-1079';

test.describe('en hanterad fråga markeras som ej hanterad', { tag: ['@questions', '@LISJP'] }, () => {
  test('FK:s fråga och vårdens fråga öppnas igen; en besvarad fråga från FK förblir hanterad; journalen får HANFRFM/HANFRFV med räknarna tillbaka', async ({ page, topology, journalUser }) => {
    test.setTimeout(180_000);
    const schemaRoot = requireSchemaRoot();
    const id = await signedLisjpSentToFk(page, topology, journalUser, 'vk-qa-reopen', DOCTOR);
    const certPage = () => page.goto(new URL(`/certificate/${id}/`, page.url()).href);
    const handled = (q: ReturnType<typeof questionOnPage>) => q.getByRole('checkbox', { name: 'Hanterad' });
    const anyTicked = page.getByRole('checkbox', { name: 'Hanterad', checked: true });

    // FK asks; the doctor marks it handled without answering, then unhandled again: it is open, and can be answered.
    const fkQuestion = await fkSends(topology, { certificateId: id, amne: 'OVRIGT', meddelande: 'Hur går det för patienten?', sistaDatumForSvar: '2026-12-20' });
    await certPage();
    const fromFk = questionOnPage(page, 'OVRIGT');
    await expect(handled(fromFk)).not.toBeChecked();
    await handled(fromFk).click();
    await expect(questionOnPage(page, 'OVRIGT').locator('.arendestatus')).toHaveText('Hanterad');
    await expect(handled(questionOnPage(page, 'OVRIGT'))).toBeChecked();
    await handled(questionOnPage(page, 'OVRIGT')).click();
    await expect(questionOnPage(page, 'OVRIGT').locator('.arendestatus')).toHaveText('Ej besvarad');
    await expect(questionOnPage(page, 'OVRIGT').getByLabel('Svar')).toBeVisible();
    await expect(handled(questionOnPage(page, 'OVRIGT'))).not.toBeChecked();
    await expect(anyTicked).toHaveCount(0);

    // The doctor asks; handled and unhandled again it waits for FK; once FK has answered, unhandled again it is answered.
    await page.locator('#ny-fraga').getByLabel('Ämne').selectOption('KONTKT');
    await page.locator('#ny-fraga').getByLabel('Meddelande').fill('Ring mig om patienten.');
    await page.getByRole('button', { name: 'Skicka fråga' }).click();
    const fromCare = () => questionOnPage(page, 'KONTKT');
    await handled(fromCare()).click();
    await expect(fromCare().locator('.arendestatus')).toHaveText('Hanterad');
    await expect(handled(fromCare())).toBeChecked();
    await handled(fromCare()).click();
    await expect(fromCare().locator('.arendestatus')).toHaveText('Väntar på svar från mottagaren');
    await expect(handled(fromCare())).not.toBeChecked();
    await settle(topology, 60_000);
    const asked = await admin<{ meddelandeId: string }[]>(topology, `/recipients/FKASSA/inbox?kind=SendMessageToRecipient&certificateId=${id}`);
    await fkSends(topology, { certificateId: id, amne: 'KONTKT', meddelande: 'Vi ringer i morgon.', svarPa: asked[0]!.meddelandeId });
    await certPage();
    await expect(fromCare().locator('.arendestatus')).toHaveText('Besvarad');
    await handled(fromCare()).click();
    await expect(fromCare().locator('.arendestatus')).toHaveText('Hanterad');
    await expect(handled(fromCare())).toBeChecked();
    await handled(fromCare()).click();
    await expect(fromCare().locator('.arendestatus')).toHaveText('Besvarad');
    await expect(handled(fromCare())).not.toBeChecked();
    await expect(fromCare()).toContainText('Svar från Försäkringskassan: Vi ringer i morgon.');

    // The doctor answers FK's question: it is closed for good (FS-011); no checkbox, and the REST route refuses.
    await answerInUi(page, 'OVRIGT', 'Bättre, tack.');
    await expect(questionOnPage(page, 'OVRIGT').getByRole('checkbox')).toHaveCount(0);
    const refused = await page.request.post(new URL(`/api/question/${fkQuestion}/handle`, page.url()).href, { data: { handled: false } });
    expect(refused.status()).toBe(409);
    expect(await refused.json()).toEqual({ errorCode: 'INVALID_STATE', message: `FS-011: Cant revert status for question ${fkQuestion}` });
    await certPage();
    await expect(questionOnPage(page, 'OVRIGT').locator('.arendestatus')).toHaveText('Hanterad');

    // A KOMPLT asks first (Webcert's confirmation dialog): cancelled, nothing changes; confirmed, it is
    // handled for good and shows no checkbox.
    await fkSends(topology, { certificateId: id, amne: 'KOMPLT', meddelande: 'Komplettera diagnosen.', sistaDatumForSvar: '2026-12-30', komplettering: [{ frageId: '6', text: 'Ange diagnos' }] });
    await certPage();
    const komplt = () => questionOnPage(page, 'KOMPLT');
    const confirm = page.getByRole('dialog', { name: 'Markera som hanterad' });
    await expect(confirm).toBeHidden();
    await handled(komplt()).click();
    await expect(confirm).toBeVisible();
    await expect(confirm).toContainText('När ett intyg markeras som hanterad kan detta inte ångras senare.');
    await expect(handled(komplt())).not.toBeChecked();
    await confirm.getByRole('button', { name: 'Avbryt' }).click();
    await expect(confirm).toBeHidden();
    await expect(handled(komplt())).not.toBeChecked();
    await expect(komplt().locator('.arendestatus')).toHaveText('Ej besvarad');
    await handled(komplt()).click();
    await confirm.getByRole('button', { name: 'Markera som hanterad' }).click();
    await expect(komplt().locator('.arendestatus')).toHaveText('Hanterad');
    await expect(komplt().getByRole('checkbox')).toHaveCount(0);
    await settle(topology, 60_000);

    // The journal system: each event with the counters a hand count gives ([totalt, ejBesvarade, besvarade, hanterade]).
    type Row = [string, Counts, Counts, string?, string?];
    const expected: Row[] = [
      ['SKAPAT', Z, Z], ['SIGNAT', Z, Z], ['SKICKA', Z, Z],
      ['NYFRFM', Z, [1, 1, 0, 0], 'OVRIGT', '2026-12-20'],
      ['HANFRFM', Z, [1, 0, 0, 1]], // handled
      ['HANFRFM', Z, [1, 1, 0, 0]], // unhandled again: HANFRFM, not a new NYFRFM
      ['NYFRFV', [1, 1, 0, 0], [1, 1, 0, 0]],
      ['HANFRFV', [1, 0, 0, 1], [1, 1, 0, 0]], // handled
      ['HANFRFV', [1, 1, 0, 0], [1, 1, 0, 0]], // unhandled again: waiting for FK
      ['NYSVFM', [1, 0, 1, 0], [1, 1, 0, 0]],
      ['HANFRFV', [1, 0, 0, 1], [1, 1, 0, 0]], // handled
      ['HANFRFV', [1, 0, 1, 0], [1, 1, 0, 0]], // unhandled again: answered
      ['HANFRFM', [1, 0, 1, 0], [1, 0, 0, 1]], // the doctor's answer; the refused reopen sent nothing
      ['NYFRFM', [1, 0, 1, 0], [2, 1, 0, 1], 'KOMPLT', '2026-12-30'],
      ['HANFRFM', [1, 0, 1, 0], [2, 0, 0, 2]], // the KOMPLT, once confirmed; the cancelled dialog sent nothing
    ];
    const received = await adminOf(topology).statusUpdates({ certificateId: id });
    expect(received.map((u): Row => {
      const f = statusUpdateFacts(u.xml);
      return [f.code, f.skickade, f.mottagna, ...(f.amne ? [f.amne] : []), ...(f.sista ? [f.sista] : [])] as Row;
    })).toEqual(expected);
    for (const i of [4, 5, 7, 8, 10, 11, 14]) expect(received[i]!.handledBy, `${i}: ${received[i]!.eventCode}`).toBe(DOCTOR);
    for (const u of received) expect(validateSoapMessage(u.xml, 'CertificateStatusUpdateForCare', 'request', schemaRoot), u.eventCode).toEqual({ valid: true, errors: [] });
    // Marking handled or unhandled is Webcert's own business: FK got only the question and the answer.
    const toFk = await admin<{ meddelandeId: string; amne: string; svarPa?: string }[]>(topology, `/recipients/FKASSA/inbox?kind=SendMessageToRecipient&certificateId=${id}`);
    expect(toFk.map((m) => [m.amne, m.svarPa ?? null])).toEqual([['KONTKT', null], ['OVRIGT', fkQuestion]]);
  });
});
