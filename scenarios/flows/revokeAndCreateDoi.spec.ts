/**
 * Revoking in Webcert's UI with the forum's dialog (its texts compared, character for character,
 * with the minutes held in forum-dialogs-2022-05-30.txt) and the two reasons it offers, followed on
 * the wire to Intygstjänsten, Försäkringskassan, the journal system and the sick-leave chain; and
 * "Skapa dödsorsaksintyg" from a signed dödsbevis, offered outside deep integration only.
 */
import { expect, test } from '../fixtures/topologyFixtures.js';
import { forumDialogLines, shownDialogLines } from './forumDialogs.js';
import { confirmNewDraft, sendFromPage, functionButton, invalidMessagesAbout, openDialog, sickLeaveChain, signedLisjpFromJournal, statusUpdates } from './lifecycleSteps.js';
import { admin, advance, createDbDraft, exchanges, fillDodsbevis, journalSystemEvents, recipientInbox, signOnCertificatePage, UNIT } from './sendSteps.js';
import { fillTypeForm } from './typeForms.js';
import { fakeLogin, launchFromJournal, webcertUrl } from './webcertPages.js';

test.use({ topologyConfig: { admin: {} } });
test.describe.configure({ timeout: 180_000 });

test.describe('makulera i Webcert', { tag: ['@send', '@lifecycle', '@LISJP'] }, () => {
  test('dialogerna "Ersätt intyg" och "Makulera intyg" visar forumets texter tecken för tecken; "Annat allvarligt fel" når Försäkringskassan; MAKULE; intyget lämnar sjukfallet', async ({ page, topology, journalUser }) => {
    const id = await signedLisjpFromJournal(page, topology, journalUser);
    await advance(topology, '1m');
    await sendFromPage(page);
    await advance(topology, '1m');
    await page.reload();
    await expect(page.locator('#skickastatus')).toHaveText('Intyget är skickat till Försäkringskassan');

    const replace = await openDialog(page, 'Ersätt', 'Ersätt intyg');
    expect(await shownDialogLines(replace)).toEqual(forumDialogLines('Ersätt intyg'));
    await replace.getByRole('button', { name: 'Avbryt' }).click();
    await expect(replace).toBeHidden();

    const revoke = await openDialog(page, 'Makulera', 'Makulera intyg');
    expect(await shownDialogLines(revoke)).toEqual(forumDialogLines('Makulera intyg'));
    const confirm = revoke.getByRole('button', { name: 'Makulera', exact: true });
    await expect(confirm).toBeDisabled();
    await revoke.getByRole('radio', { name: 'Annat allvarligt fel' }).check();
    // "Annat allvarligt fel" asks for the error in the user's words before it can be confirmed.
    await expect(confirm).toBeDisabled();
    await revoke.getByLabel('Ange orsaken till felet.').fill('Fel sjukskrivningsperiod angiven');
    await confirm.click();
    await expect(page.locator('#intygsstatus')).toHaveText('Intyget är makulerat');
    await advance(topology, '1m');

    expect(await recipientInbox(topology, 'FKASSA', id, 'RevokeCertificate')).toMatchObject([{ meddelande: expect.stringContaining('Fel sjukskrivningsperiod angiven') }]);
    const [atFk] = await exchanges(topology, { side: 'inbound', toParty: 'forsakringskassan', operation: 'RevokeCertificate', certificateId: id });
    expect(atFk).toMatchObject({ fromParty: 'intygstjanst', logicalAddress: 'FKORG', resultCode: 'OK' });
    expect(await admin(topology, `/intygstjanst/certificates/${id}`)).toMatchObject({ revoked: true });
    expect(await journalSystemEvents(topology, id)).toEqual(['SKAPAT', 'SIGNAT', 'SKICKA', 'MAKULE']);
    expect(await sickLeaveChain(topology)).toEqual({ counted: [], leftOut: [`${id} REVOKED`] });
    for (const label of ['Förnya', 'Ersätt', 'Makulera']) await expect(functionButton(page, label)).toHaveCount(0);
    const check = await invalidMessagesAbout(topology, [id]);
    expect(check.problems).toEqual([]);
    expect(check.operations).toEqual(expect.arrayContaining(['RegisterCertificate', 'SendCertificateToRecipient', 'RevokeCertificate', 'CertificateStatusUpdateForCare']));
  });

  test('"Intyget har utfärdats på fel patient" utan förtydligande: ett osänt intyg makuleras i Intygstjänsten, ingen mottagare får något', async ({ page, topology, journalUser }) => {
    const id = await signedLisjpFromJournal(page, topology, journalUser);
    await advance(topology, '1m');
    const revoke = await openDialog(page, 'Makulera', 'Makulera intyg');
    // Not sent: the question names no recipient.
    await expect(revoke.locator('.dialogfraga')).toHaveText('Ange varför du makulerar intyget:');
    await revoke.getByRole('radio', { name: 'Intyget har utfärdats på fel patient' }).check();
    await expect(revoke.getByLabel('Förtydliga vid behov')).toBeVisible();
    await revoke.getByRole('button', { name: 'Makulera', exact: true }).click();
    await expect(page.locator('#intygsstatus')).toHaveText('Intyget är makulerat');
    await advance(topology, '1m');

    const toIt = await exchanges(topology, { side: 'outbound', fromParty: 'webcert', toParty: 'intygstjanst', certificateId: id });
    expect(toIt.map((e) => [e.operation, e.resultCode])).toEqual([['RegisterCertificate', 'OK'], ['RevokeCertificate', 'OK']]);
    expect(await exchanges(topology, { side: 'inbound', toParty: 'forsakringskassan', certificateId: id })).toEqual([]);
    expect(await admin(topology, `/intygstjanst/certificates/${id}`)).toMatchObject({ revoked: true });
    expect(await journalSystemEvents(topology, id)).toEqual(['SKAPAT', 'SIGNAT', 'MAKULE']);
    expect((await invalidMessagesAbout(topology, [id])).problems).toEqual([]);
  });
});

test.describe('dödsorsaksintyg utifrån dödsbevis', { tag: ['@send', '@lifecycle', '@DB', '@DOI'] }, () => {
  test('"Skapa dödsorsaksintyg" finns utanför djupintegration: ett DOI-utkast med dödsbevisets gemensamma uppgifter, signerat till Socialstyrelsen', async ({ page, browser, topology, journalUser }) => {
    const db = await createDbDraft(journalUser, 'vk-db-doi');
    await fakeLogin(page, topology);
    await launchFromJournal(page, topology, db, { enhet: UNIT });
    await fillDodsbevis(page);
    await signOnCertificatePage(page, db);
    await advance(topology, '1m');
    // Deep integration: a DB is not renewed, and a DOI is made from it only in Webcert itself.
    await expect(functionButton(page, 'Ersätt')).toBeEnabled();
    await expect(functionButton(page, 'Förnya')).toHaveCount(0);
    await expect(functionButton(page, 'Skapa dödsorsaksintyg')).toHaveCount(0);

    const standalone = await (await browser.newContext()).newPage();
    await fakeLogin(standalone, topology, undefined, UNIT, false);
    await standalone.goto(await webcertUrl(topology, `/certificate/${db}/`));
    const doi = await confirmNewDraft(standalone, await openDialog(standalone, 'Skapa dödsorsaksintyg', 'Skapa dödsorsaksintyg'), 'Skapa dödsorsaksintyg', db);
    await expect(standalone.getByRole('heading', { name: 'Dödsorsaksintyg' })).toBeVisible();
    await expect(standalone.getByLabel('Identiteten styrkt genom')).toHaveValue('Körkort');
    await expect(standalone.getByLabel(/^Kommun/)).toHaveValue('Testby');
    await expect(standalone.locator('#relationer')).toHaveCount(0);

    await fillTypeForm(standalone, 'DOI');
    await signOnCertificatePage(standalone, doi);
    await advance(topology, '1m');
    // Signed, a DOI goes to Socialstyrelsen at once (through Intygstjänsten).
    const [atSos] = await exchanges(topology, { side: 'inbound', toParty: 'socialstyrelsen', operation: 'RegisterCertificate', certificateId: doi });
    expect(atSos).toMatchObject({ fromParty: 'intygstjanst', resultCode: 'OK' });
    expect(await recipientInbox(topology, 'SOS', doi)).toMatchObject([{ kind: 'RegisterCertificate' }]);
    expect(await journalSystemEvents(topology, doi)).toEqual(['SKAPAT', 'SIGNAT', 'SKICKA']);
    const [skapat] = await statusUpdates(topology, doi);
    expect(skapat!.xml).not.toContain('<core:relation>');
    expect((await invalidMessagesAbout(topology, [db, doi])).problems).toEqual([]);
  });
});
