/**
 * Deep-integration launch from the journal system into the Webcert simulator, in Chromium, with
 * Webcert's fake login (quick local use): fill an LISJP draft, sign it, and the journal receives
 * SKAPAT and SIGNAT. Launch refusals show Webcert's error pages.
 */
import { expect, test } from '../fixtures/topologyFixtures.js';
import { createLisjpDraft, settle } from './statusFlowSteps.js';
import { fakeLogin, fillLisjp, launchFromJournal } from './webcertPages.js';

test.describe('djupintegration med fejkinloggning', { tag: ['@launch', '@LISJP'] }, () => {
  test('starta från journalen, fyll i LISJP, signera: journalen får SKAPAT och SIGNAT', async ({ page, topology, journalUser }) => {
    const id = await createLisjpDraft(journalUser, undefined, 'vk-launch-1');
    await fakeLogin(page, topology);
    await launchFromJournal(page, topology, id, { enhet: 'TSTNMT2321000156-INT2' });
    await expect(page).toHaveURL(new RegExp(`/certificate/${id}/$`));
    await expect(page.locator('#patient')).toHaveText('Tolvan Tolvansson – 19121212-1212');
    await fillLisjp(page);
    await page.getByRole('button', { name: 'Signera intyget' }).click();
    await expect(page.locator('#intygsstatus')).toHaveText('Intyget är signerat');
    await settle(topology, 10 * 60_000);
    expect(topology.journalSystem!.inbox.list({ certificateId: id }).map((u) => u.eventCode)).toEqual(['SKAPAT', 'SIGNAT']);
    expect(topology.webcert!.store.get(id)!.answers.map((s) => s.id)).toEqual(['1', '28', '29', '6', '35', '17', '32', '39', '40']);
  });

  test('parametrar i adressen vid POST ger missing-parameter', async ({ page, topology, journalUser }) => {
    const id = await createLisjpDraft(journalUser);
    await fakeLogin(page, topology);
    await page.goto(topology.journalSystem!.endpoints.launchPage!.replace('{intygsId}', id));
    await page.locator('#oppna').evaluate((form: HTMLFormElement) => { form.action += '?enhet=TSTNMT2321000156-INT2'; });
    await page.getByRole('button', { name: 'Öppna intyget i Webcert' }).click();
    await expect(page.locator('#fel-kod')).toHaveText('missing-parameter');
  });

  test('en andra start i samma session stoppas', async ({ page, topology, journalUser }) => {
    const id = await createLisjpDraft(journalUser);
    await fakeLogin(page, topology);
    await launchFromJournal(page, topology, id, { enhet: 'TSTNMT2321000156-INT2' });
    await expect(page.locator('#patient')).toBeVisible();
    await launchFromJournal(page, topology, id, { enhet: 'TSTNMT2321000156-INT2' });
    await expect(page.locator('#fel-text')).toContainText('Stäng de fönster eller flikar');
  });

  test('utan enhet får en användare med flera uppdrag välja vårdenhet', async ({ page, topology, journalUser }) => {
    const id = await createLisjpDraft(journalUser);
    await fakeLogin(page, topology);
    await launchFromJournal(page, topology, id);
    await expect(page.getByRole('heading', { name: 'Välj vårdenhet' })).toBeVisible();
    await page.getByRole('link', { name: /Vårdcentralen Samverkan/ }).click();
    await expect(page).toHaveURL(new RegExp(`/certificate/${id}/$`));
  });

  test('enhet utan medarbetaruppdrag ger login.medarbetaruppdrag', async ({ page, topology, journalUser }) => {
    const id = await createLisjpDraft(journalUser);
    await fakeLogin(page, topology);
    await launchFromJournal(page, topology, id, { enhet: 'TSTNMT2321000156-9999' });
    await expect(page.locator('#fel-kod')).toHaveText('login.medarbetaruppdrag');
  });
});

test('fejksigneringens signatur verifieras med node:crypto över kanonisk SignedInfo', { tag: ['@sign', '@LISJP'] }, async ({ page, topology, journalUser }) => {
  const { verifyStoredSignature } = await import('../../simulators/webcert/signing/certificateSignature.js');
  const id = await createLisjpDraft(journalUser);
  await fakeLogin(page, topology);
  await launchFromJournal(page, topology, id, { enhet: 'TSTNMT2321000156-INT2' });
  await fillLisjp(page);
  await page.getByRole('button', { name: 'Signera intyget' }).click();
  await expect(page.locator('#signatur')).toContainText('Signerat av: webcert.samverkan.test');
  const c = topology.webcert!.store.get(id)!;
  expect(verifyStoredSignature(c.signature!.document, c.signature!.xml)).toMatchObject({ valid: true });
  expect(c.signature!.document).toContain('Akut bronkit');
  // Changing one character of the signed document breaks the signature.
  expect(verifyStoredSignature(c.signature!.document.replace('Akut bronkit', 'Akut bronkiT'), c.signature!.xml)).toMatchObject({ valid: false, problem: expect.stringContaining('changed after signing') });
});
