/** What a journal-system user sees: received status updates in the journal's view, in Chromium. */
import { expect, test } from '../fixtures/topologyFixtures.js';
import { createLisjpDraft, settle } from './statusFlowSteps.js';

test('journalsystemet visar SKAPAT och SIGNAT med journalens referens', { tag: ['@status', '@LISJP'] }, async ({ page, topology, journalUser }, testInfo) => {
  const id = await createLisjpDraft(journalUser, undefined, 'vardkontakt-98765');
  topology.webcert!.store.save(id, [{ id: '1', delsvar: [{ id: '1.2', value: '2026-03-02' }] }]);
  topology.webcert!.store.sign(id, 'TSTNMT2321000156-1079');
  await settle(topology, 10 * 60_000);

  await page.goto(topology.journalSystem!.endpoints.inbox!);
  await expect(page.getByRole('heading', { name: 'Mottagna statusuppdateringar' })).toBeVisible();
  await expect(page.locator('#antal')).toHaveText('2 mottagna');
  const signat = page.locator('tr[data-event="SIGNAT"]');
  await expect(signat).toContainText(id);
  await expect(signat).toContainText('vardkontakt-98765');
  await expect(page.locator('tr[data-event="SKAPAT"]')).toContainText('191212121212');
  await testInfo.attach('journalsystemets vy', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
});
