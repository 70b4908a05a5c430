/** What a journal-system user sees: received status updates in the journal's view, in Chromium. */
import { expect, steg, test } from '../fixtures/topologyFixtures.js';
import { createLisjpDraft, settle } from './statusFlowSteps.js';

test('journalsystemet visar SKAPAT och SIGNAT med journalens referens', { tag: ['@status', '@LISJP'] }, async ({ page, admin, journalUser }, testInfo) => {
  const id = await steg('Journalsystemet skapar ett LISJP-utkast med sin referens', () => createLisjpDraft(journalUser, undefined, 'vardkontakt-98765'));
  await steg('Läkaren sparar och signerar i Webcert', async () => {
    await admin.act(id, 'save', { answers: [{ id: '1', delsvar: [{ id: '1.2', value: '2026-03-02' }] }] });
    await admin.act(id, 'sign', { by: 'TSTNMT2321000156-1079' });
    await settle(admin, 10 * 60_000);
  });

  await steg('Journalsystemets vy visar SKAPAT och SIGNAT med referensen', async () => {
    await page.goto(await admin.endpoint('journal', 'inbox'));
    await expect(page.getByRole('heading', { name: 'Mottagna statusuppdateringar' })).toBeVisible();
    await expect(page.locator('#antal')).toHaveText('2 mottagna');
    const signat = page.locator('tr[data-event="SIGNAT"]');
    await expect(signat).toContainText(id);
    await expect(signat).toContainText('vardkontakt-98765');
    await expect(page.locator('tr[data-event="SKAPAT"]')).toContainText('191212121212');
    await testInfo.attach('journalsystemets vy', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
  });
});
