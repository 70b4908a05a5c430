/**
 * An LISJP through its lifecycle in Webcert's UI, observed on the wire: sent to Försäkringskassan
 * through Intygstjänsten (SKICKA to the journal), renewed (a new draft with FRLANG to it; the
 * original stays in the sick-leave chain), replaced (ERSATT; the original leaves the sick-leave
 * chain only once the replacement is signed, and cannot be replaced again), and every message
 * valid against the real XSD.
 */
import { expect, test } from '../fixtures/topologyFixtures.js';
import { admin, advance, exchanges, journalSystemEvents, recipientInbox, signOnCertificatePage } from './sendSteps.js';
import { confirmNewDraft, sendFromPage, functionButton, invalidMessagesAbout, openDialog, sickLeaveChain, sickLeavePageIds, signedLisjpFromJournal, statusUpdates } from './lifecycleSteps.js';
import { expectReadyToSign } from './webcertPages.js';
import { expectUrl, certificatePage } from './pageWaits.js';

test.use({ topologyConfig: { admin: {} } });
// Two signings through the UI in most of these: under a shared machine's load they need more than the default minute.
test.describe.configure({ timeout: 180_000 });

const IT_ADDRESS = '5565594230';

test.describe('LISJP: skicka, förnya, ersätt', { tag: ['@send', '@lifecycle', '@LISJP'] }, () => {
  test('skickas till Försäkringskassan från Webcert: via Intygstjänsten till Försäkringskassans inkorg, SKICKA till journalen', async ({ page, topology, journalUser }) => {
    const id = await signedLisjpFromJournal(page, topology, journalUser);
    await advance(topology, '1m');
    await sendFromPage(page);
    await advance(topology, '1m');
    await page.reload();
    await expect(page.locator('#skickastatus')).toHaveText('Intyget är skickat till Försäkringskassan');
    await expect(functionButton(page, 'Skicka till Försäkringskassan')).toHaveCount(0);

    const toIt = await exchanges(topology, { side: 'outbound', fromParty: 'webcert', toParty: 'intygstjanst', certificateId: id });
    expect(toIt.map((e) => [e.operation, e.resultCode, e.logicalAddress])).toEqual([
      ['RegisterCertificate', 'OK', IT_ADDRESS],
      ['SendCertificateToRecipient', 'OK', IT_ADDRESS],
    ]);
    expect(toIt[1]!.requestBody).toContain('<types:code>FKASSA</types:code>');
    const [atFk] = await exchanges(topology, { side: 'inbound', toParty: 'forsakringskassan', operation: 'RegisterCertificate', certificateId: id });
    expect(atFk).toMatchObject({ fromParty: 'intygstjanst', logicalAddress: 'FKORG', resultCode: 'OK' });
    expect(await recipientInbox(topology, 'FKASSA', id)).toMatchObject([{ kind: 'RegisterCertificate' }]);
    expect(await admin(topology, `/intygstjanst/certificates/${id}`)).toMatchObject({ typeCode: 'LISJP', states: [{ state: 'RECEIVED' }, { state: 'SENT', target: 'FKASSA' }] });
    const events = await journalSystemEvents(topology, id);
    expect(events).toContain('SKICKA');
    expect(events.indexOf('SKICKA')).toBeGreaterThan(events.indexOf('SIGNAT'));
    expect(await invalidMessagesAbout(topology, [id])).toMatchObject({ problems: [] });
  });

  test('förnya: ett nytt utkast med FRLANG till originalet och SKAPAT till journalen; båda intygen ligger kvar i sjukfallet', async ({ page, context, topology, journalUser }) => {
    const original = await signedLisjpFromJournal(page, topology, journalUser, { ref: 'vk-fornya' });
    const dialog = await openDialog(page, 'Förnya', 'Förnya intyg');
    const renewal = await confirmNewDraft(page, dialog, 'Förnya', original);
    await expect(page.getByRole('heading', { name: 'Läkarintyg för sjukpenning' })).toBeVisible();
    await expect(page.locator('#relationer')).toContainText('Förnyar ett tidigare intyg');
    // The renewal leaves out the period, the basis and the prognosis: the doctor fills them in anew.
    await expect(page.getByLabel('100 procent, från och med')).toHaveValue('');
    await expect(page.getByLabel('Ange yrke och arbetsuppgifter')).toHaveValue('Lagerarbetare, tunga lyft');
    await advance(topology, '1m');

    const [skapat] = await statusUpdates(topology, renewal);
    expect(skapat).toMatchObject({ eventCode: 'SKAPAT', ref: 'vk-fornya' });
    expect(skapat!.xml).toMatch(new RegExp(`<core:relation><core:typ><types:code>FRLANG</types:code>.*<types:extension>${original}</types:extension></core:intygs-id></core:relation>`));

    // Signed, the renewal joins the sick-leave chain and the original stays in it.
    await page.getByLabel('Min undersökning av patienten, datum').fill('2026-03-02');
    await page.getByLabel('100 procent, från och med').fill('2026-03-16');
    await page.getByLabel('100 procent, till och med').fill('2026-03-29');
    await page.getByRole('group', { name: /^Prognos för arbetsförmåga/ }).getByLabel(/efter denna sjukskrivning/).check();
    await expectReadyToSign(page);
    await signOnCertificatePage(page, renewal);
    await advance(topology, '1m');
    expect(await sickLeaveChain(topology)).toEqual({ counted: [original, renewal], leftOut: [] });
    const rehab = await context.newPage();
    expect(await sickLeavePageIds(rehab, topology, 'Ingår i sjukfallet')).toEqual([original, renewal]);

    const renewalRegistered = (await exchanges(topology, { side: 'outbound', operation: 'RegisterCertificate', certificateId: renewal }))[0]!;
    expect(renewalRegistered.requestBody).toContain(`<types:code>FRLANG</types:code>`);
    const check = await invalidMessagesAbout(topology, [original, renewal]);
    expect(check.problems).toEqual([]);
    expect(check.operations).toEqual(expect.arrayContaining(['CertificateStatusUpdateForCare', 'CreateDraftCertificate', 'RegisterCertificate']));
  });

  test('ersätt: originalet lämnar sjukfallet först när ersättaren är signerad, och kan inte ersättas igen', async ({ page, context, topology, journalUser }) => {
    const original = await signedLisjpFromJournal(page, topology, journalUser);
    await advance(topology, '1m');
    const rehab = await context.newPage();
    expect(await sickLeavePageIds(rehab, topology, 'Ingår i sjukfallet')).toEqual([original]);

    const dialog = await openDialog(page, 'Ersätt', 'Ersätt intyg');
    const replacement = await confirmNewDraft(page, dialog, 'Ersätt', original);
    await expect(page.locator('#relationer')).toContainText('Ersätter ett tidigare intyg');
    // The replacement starts with the original's answers; the doctor corrects one.
    await expect(page.getByLabel('Diagnos', { exact: true })).toHaveValue('Akut bronkit');
    await page.getByLabel('Diagnos', { exact: true }).fill('Akut bronkit, utdragen');
    await expectReadyToSign(page);
    await advance(topology, '1m');
    const [skapat] = await statusUpdates(topology, replacement);
    expect(skapat!.eventCode).toBe('SKAPAT');
    expect(skapat!.xml).toMatch(new RegExp(`<types:code>ERSATT</types:code>.*<types:extension>${original}</types:extension>`));

    // A draft replaces nothing yet in the sick-leave chain; it already stops a second replacement.
    expect(await sickLeaveChain(topology)).toEqual({ counted: [original], leftOut: [] });
    await page.goto(new URL(`/certificate/${original}/`, page.url()).href);
    await expect(functionButton(page, 'Ersätt')).toBeDisabled();
    await expect(functionButton(page, 'Ersätt')).toHaveAccessibleDescription('Intyget har blivit ersatt av ett senare intyg.');
    await expect(page.locator('#relationer')).toContainText('Ersatt av ett nytt intyg (utkast)');

    await signOnCertificatePage(page, replacement);
    await advance(topology, '1m');
    expect(await sickLeaveChain(topology)).toEqual({ counted: [replacement], leftOut: [`${original} ERSATT ${replacement}`] });
    expect(await sickLeavePageIds(rehab, topology, 'Ingår i sjukfallet')).toEqual([replacement]);
    expect(await sickLeavePageIds(rehab, topology, 'Ingår inte i sjukfallet')).toEqual([original]);

    await page.goto(new URL(`/certificate/${original}/`, page.url()).href);
    await expect(functionButton(page, 'Ersätt')).toHaveAccessibleDescription('Intyget har blivit ersatt av ett senare intyg.');
    await expect(functionButton(page, 'Förnya')).toHaveAccessibleDescription('Intyget har blivit ersatt av ett senare intyg.');
    await expect(functionButton(page, 'Skicka till Försäkringskassan')).toHaveCount(0);
    const again = await page.request.post(new URL(`/api/certificate/${original}/replace`, page.url()).href, { data: {} });
    expect(again.status()).toBe(409);
    expect(await again.json()).toEqual({ errorCode: 'INVALID_STATE_REPLACED', message: 'Intyget har blivit ersatt av ett senare intyg.' });
    expect((await invalidMessagesAbout(topology, [original, replacement])).problems).toEqual([]);
  });

  test('ersätt från en sida som visades innan intyget ersattes: Webcert vägrar och säger varför', async ({ page, context, topology, journalUser }) => {
    const original = await signedLisjpFromJournal(page, topology, journalUser);
    const stale = await context.newPage();
    await stale.goto(page.url());
    await confirmNewDraft(page, await openDialog(page, 'Ersätt', 'Ersätt intyg'), 'Ersätt', original);

    const dialog = await openDialog(stale, 'Ersätt', 'Ersätt intyg');
    await dialog.getByRole('button', { name: 'Ersätt', exact: true }).click();
    const refusal = stale.getByRole('alertdialog', { name: 'Funktionen är inte giltig' });
    await expect(refusal).toBeVisible();
    await expect(refusal.locator('#dialog-fel-orsak')).toHaveText('Intyget har blivit ersatt av ett senare intyg.');
    await expectUrl(stale, certificatePage(original));
  });
});
