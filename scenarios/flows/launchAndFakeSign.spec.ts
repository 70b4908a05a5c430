/**
 * Deep-integration launch from the journal system into the Webcert simulator, in Chromium, with
 * Webcert's fake login (quick local use): fill an LISJP draft, sign it, and the journal receives
 * SKAPAT and SIGNAT. Launch refusals show Webcert's error pages.
 */
import { verifyIntygSignature } from '../../simulators/kit/dsig/intygSignature.js';
import { expect, steg, test } from '../fixtures/topologyFixtures.js';
import { registerCertificateSent } from './messageChecks.js';
import { createLisjpDraft, settle } from './statusFlowSteps.js';
import { fakeLogin, fillLisjp, launchFromJournal, launchPageUrl } from './webcertPages.js';
import { expectUrl, clickAndAwaitLoad, certificatePage } from './pageWaits.js';

test.describe('djupintegration med fejkinloggning', { tag: ['@launch', '@LISJP'] }, () => {
  test('starta från journalen, fyll i LISJP, signera: journalen får SKAPAT och SIGNAT', async ({ page, admin, journalUser }) => {
    const id = await steg('Journalsystemet skapar ett LISJP-utkast', () => createLisjpDraft(journalUser, undefined, 'vk-launch-1'));
    await steg('Läkaren loggar in och startar utkastet från journalen', async () => {
      await fakeLogin(page, admin);
      await launchFromJournal(page, admin, id, { enhet: 'TSTNMT2321000156-INT2' });
      await expectUrl(page, certificatePage(id));
      await expect(page.locator('#patient')).toHaveText('Tolvan Tolvansson – 19121212-1212');
    });
    await steg('Läkaren fyller i LISJP och signerar', async () => {
      await fillLisjp(page);
      await clickAndAwaitLoad(page, page.getByRole('button', { name: 'Signera intyget' }), certificatePage(id));
      await expect(page.locator('#intygsstatus')).toHaveText('Intyget är signerat');
    });
    await steg('Journalsystemet får SKAPAT och SIGNAT; Webcert har formulärets svar', async () => {
      await settle(admin, 10 * 60_000);
      expect((await admin.statusUpdates({ certificateId: id })).map((u) => u.eventCode)).toEqual(['SKAPAT', 'SIGNAT']);
      expect((await admin.certificate(id)).answers.map((s) => s.id)).toEqual(['1', '28', '29', '6', '35', '17', '32', '39', '40']);
    });
  });

  test('parametrar i adressen vid POST ger missing-parameter', async ({ page, admin, journalUser }) => {
    const id = await steg('Journalsystemet skapar ett LISJP-utkast; läkaren loggar in', async () => {
      const id = await createLisjpDraft(journalUser);
      await fakeLogin(page, admin);
      return id;
    });
    await steg('Starten postas med enhet i adressen: Webcert svarar missing-parameter', async () => {
      await page.goto(await launchPageUrl(admin, id));
      await page.locator('#oppna').evaluate((form: HTMLFormElement) => { form.action += '?enhet=TSTNMT2321000156-INT2'; });
      await page.getByRole('button', { name: 'Öppna intyget i Webcert' }).click();
      await expect(page.locator('#fel-kod')).toHaveText('missing-parameter');
    });
  });

  test('en andra start i samma session stoppas', async ({ page, admin, journalUser }) => {
    const id = await steg('Journalsystemet skapar ett LISJP-utkast; läkaren loggar in och startar det', async () => {
      const id = await createLisjpDraft(journalUser);
      await fakeLogin(page, admin);
      await launchFromJournal(page, admin, id, { enhet: 'TSTNMT2321000156-INT2' });
      await expect(page.locator('#patient')).toBeVisible();
      return id;
    });
    await steg('En andra start i samma session: Webcert ber användaren stänga fönstren', async () => {
      await launchFromJournal(page, admin, id, { enhet: 'TSTNMT2321000156-INT2' });
      await expect(page.locator('#fel-text')).toContainText('Ett problem med sessionen för Webcert har uppstått. Stäng de fönster eller flikar som är öppnade sedan tidigare och försök igen.');
    });
  });

  test('utan enhet får en användare med flera uppdrag välja vårdenhet', async ({ page, admin, journalUser }) => {
    const id = await steg('Journalsystemet skapar ett LISJP-utkast; läkaren loggar in och startar det utan enhet', async () => {
      const id = await createLisjpDraft(journalUser);
      await fakeLogin(page, admin);
      await launchFromJournal(page, admin, id);
      return id;
    });
    await steg('Webcert låter läkaren välja vårdenhet och öppnar utkastet', async () => {
      await expect(page.getByRole('heading', { name: 'Välj vårdenhet' })).toBeVisible();
      await page.getByRole('link', { name: /Vårdcentralen Samverkan/ }).click();
      await expectUrl(page, certificatePage(id));
    });
  });

  test('enhet utan medarbetaruppdrag ger login.medarbetaruppdrag', async ({ page, admin, journalUser }) => {
    const id = await steg('Journalsystemet skapar ett LISJP-utkast; läkaren loggar in', async () => {
      const id = await createLisjpDraft(journalUser);
      await fakeLogin(page, admin);
      return id;
    });
    await steg('Start på en enhet utan uppdrag: login.medarbetaruppdrag', async () => {
      await launchFromJournal(page, admin, id, { enhet: 'TSTNMT2321000156-9999' });
      await expect(page.locator('#fel-kod')).toHaveText('login.medarbetaruppdrag');
    });
  });
});

test('fejksigneringens signatur verifieras med node:crypto över kanonisk SignedInfo', { tag: ['@sign', '@LISJP'] }, async ({ page, admin, journalUser }) => {
  const id = await steg('Läkaren fyller i ett LISJP från journalen och signerar med fejksignering', async () => {
    const id = await createLisjpDraft(journalUser);
    await fakeLogin(page, admin);
    await launchFromJournal(page, admin, id, { enhet: 'TSTNMT2321000156-INT2' });
    await fillLisjp(page);
    await page.getByRole('button', { name: 'Signera intyget' }).click();
    await expect(page.locator('#signatur')).toContainText('Signerat av: webcert.samverkan.test');
    return id;
  });
  await steg('Signaturen i RegisterCertificate till Intygstjänsten verifieras; ett ändrat tecken bryter den', async () => {
    const sent = await registerCertificateSent(admin, id);
    expect(verifyIntygSignature(sent)).toMatchObject({ valid: true, certificateId: id });
    expect(sent).toContain('Akut bronkit');
    // Changing one character of the signed document breaks the signature.
    expect(verifyIntygSignature(sent.replace('Akut bronkit', 'Akut bronkiT'))).toMatchObject({ valid: false, problem: expect.stringContaining('changed after signing') });
  });
});
