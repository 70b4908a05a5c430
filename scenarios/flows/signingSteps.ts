/** Steps that bring a draft to the moment of signing through the signing service. */
import { expect, type Page } from '@playwright/test';
import type { Topology } from '../../harness/topology/startTopology.js';
import type { JournalUser } from '../../simulators/journal/launch/journalUser.js';
import type { AdminClient } from '../fixtures/adminClient.js';
import { createLisjpDraft } from './statusFlowSteps.js';
import { fillLisjp, launchFromJournal } from './webcertPages.js';
import { expectUrl, certificatePage } from './pageWaits.js';

/** Creates a draft, launches it from the journal, logs in with the eID app and fills it in. Returns its id. */
export async function draftReadyToSign(page: Page, topology: Topology | AdminClient, journalUser: JournalUser): Promise<string> {
  const id = await createLisjpDraft(journalUser);
  await launchFromJournal(page, topology, id, { enhet: 'TSTNMT2321000156-INT2' });
  await page.getByRole('button', { name: /^SITHS eID på annan enhet/ }).click();
  await expectUrl(page, certificatePage(id));
  await fillLisjp(page);
  return id;
}

/** What Webcert shows after a failed signing: the "Signering misslyckades" dialog on the certificate. */
export async function expectSigningFailed(page: Page, id: string): Promise<void> {
  await expectUrl(page, new RegExp(`/certificate/${id}/sign/error$`), { timeout: 20_000 });
  await expect(page.getByRole('alertdialog')).toContainText('Signering misslyckades');
  // Webcert's words (sklintyg/frontend SignCertificateError.tsx).
  await expect(page.getByRole('alertdialog')).toContainText('Intyget har inte signerats. Detta beror på ett tekniskt fel eller att signeringen avbrutits.');
}
