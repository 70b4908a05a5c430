/**
 * Steps for a signed certificate's functions in Webcert's UI (send, renew, replace, revoke, create
 * from template) and for what the other parties saw, through the wire only: the traffic journal,
 * the journal system's inbox, the recipients' inboxes and the sick-leave chain, all by the admin
 * API, and Intygstjänsten's sick-leave page.
 */
import { adminOf } from '../fixtures/adminClient.js';
import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import type { Topology } from '../../harness/topology/startTopology.js';
import type { JournalUser } from '../../simulators/journal/launch/journalUser.js';
import { requireSchemaRoot } from '../../simulators/kit/contracts/schemaRoot.js';
import { invalidMessages } from './messageChecks.js';
import { admin, exchanges, signOnCertificatePage, TOLVAN, UNIT } from './sendSteps.js';
import { createLisjpDraft } from './statusFlowSteps.js';
import { fakeLogin, fillLisjp, launchFromJournal } from './webcertPages.js';
import { expectUrl, certificatePage } from './pageWaits.js';

/**
 * An LISJP from the journal: CreateDraftCertificate, fake login (as `doctorHsaId`, default the
 * directory's first doctor), launch with `params` (besides `enhet`), filled in and signed on the
 * certificate page. Returns its id; the page stays on it.
 */
export async function signedLisjpFromJournal(page: Page, topology: Topology, journalUser: JournalUser, params: Record<string, string> = {}, ref = 'vk-lisjp-1', doctorHsaId?: string): Promise<string> {
  const id = await createLisjpDraft(journalUser, TOLVAN, ref);
  await fakeLogin(page, topology, doctorHsaId);
  await launchFromJournal(page, topology, id, { enhet: UNIT, ...params });
  await expectUrl(page, certificatePage(id));
  await fillLisjp(page);
  await signOnCertificatePage(page, id);
  return id;
}

/**
 * Opens `id` in Webcert in a browser context of its own, as a new launch from the journal with
 * `params` (besides `enhet`): Webcert keeps one launch per session, so each set of launch
 * parameters needs a session of its own. Returns the certificate's page.
 */
export async function launchedInNewSession(browser: Browser, topology: Topology, id: string, params: Record<string, string>): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await fakeLogin(page, topology);
  await launchFromJournal(page, topology, id, { enhet: UNIT, ...params });
  await expectUrl(page, certificatePage(id));
  return page;
}

/** The text the page shows under a refused function's button (its accessible description). */
export function refusalShown(page: Page, label: string): Locator {
  return page.getByRole('toolbar', { name: 'Intygets funktioner' }).locator('.funktion').filter({ has: page.getByRole('button', { name: label, exact: true }) }).locator('.orsak');
}

/**
 * "Skicka till {recipient}" on the open certificate page: opens the dialog, confirms, and waits
 * for the page Webcert shows next, which says the certificate is being sent (or is sent).
 */
export async function sendFromPage(page: Page, recipient = 'Försäkringskassan'): Promise<void> {
  const label = `Skicka till ${recipient}`;
  const dialog = await openDialog(page, label, label);
  await dialog.getByRole('button', { name: label, exact: true }).click();
  await expect(page.locator('#skickastatus')).toHaveText(new RegExp(`^Intyget (skickas|är skickat) till ${recipient}$`));
}

/** The toolbar button of a function ("Förnya", "Ersätt" …). */
export function functionButton(page: Page, label: string): Locator {
  return page.getByRole('toolbar', { name: 'Intygets funktioner' }).getByRole('button', { name: label, exact: true });
}

/** Opens a function's dialog and returns it. */
export async function openDialog(page: Page, button: string, title: string): Promise<Locator> {
  await functionButton(page, button).click();
  const dialog = page.getByRole('dialog', { name: title });
  await expect(dialog).toBeVisible();
  return dialog;
}

/**
 * Confirms a dialog that makes a new draft ("Förnya", "Ersätt", "Skapa dödsorsaksintyg") and
 * returns the new draft's id from the page Webcert opens.
 */
export async function confirmNewDraft(page: Page, dialog: Locator, confirm: string, originalId: string): Promise<string> {
  await dialog.getByRole('button', { name: confirm, exact: true }).click();
  await expect(page).not.toHaveURL(new RegExp(`/certificate/${originalId}/$`));
  const id = /\/certificate\/([0-9a-f-]{36})\/$/.exec(page.url())?.[1];
  if (!id) throw new Error(`no new draft opened after "${confirm}": ${page.url()}`);
  return id;
}

/** The status updates the journal system received for a certificate (event code and payload), in the order of their events' times. */
export function statusUpdates(topology: Topology, id: string): Promise<{ eventCode: string; xml: string; ref?: string }[]> {
  return adminOf(topology).statusUpdates({ certificateId: id });
}

/** The patient's sick-leave chain as Intygstjänsten counts it for Rehabstöd (admin API). */
export async function sickLeaveChain(topology: Topology, personId = TOLVAN.personId): Promise<{ counted: string[]; leftOut: string[] }> {
  const report = await admin<{ counted: { certificateId: string }[]; leftOut: { certificateId: string; reason: string; by?: string }[] }>(topology, `/intygstjanst/sjukfall/${personId}`);
  return { counted: report.counted.map((c) => c.certificateId), leftOut: report.leftOut.map((l) => `${l.certificateId} ${l.reason}${l.by ? ` ${l.by}` : ''}`) };
}

/** The certificate ids in a table of Intygstjänsten's sick-leave page (its address from the admin API's `/parties`) ("Ingår i sjukfallet" or "Ingår inte i sjukfallet"). */
export async function sickLeavePageIds(page: Page, topology: Topology, table: 'Ingår i sjukfallet' | 'Ingår inte i sjukfallet', personId = TOLVAN.personId): Promise<string[]> {
  const parties = await admin<Record<string, Record<string, string>>>(topology, '/parties');
  const pageUrl = parties.intygstjanst?.sickLeavePage;
  if (!pageUrl) throw new Error(`the admin API's /parties names no sick-leave page for Intygstjänsten: ${JSON.stringify(parties.intygstjanst)}`);
  const url = pageUrl.replace('{personnummer}', personId);
  await page.goto(url);
  await expect(page.getByRole('heading', { name: /^Sjukfall för/ })).toBeVisible();
  return page.getByRole('table', { name: table }).locator('tr[data-intyg]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.intyg!));
}

/** Every RIV-TA message in the traffic journal about these certificates that is not valid against the real XSD (none is the goal). */
export async function invalidMessagesAbout(topology: Topology, ids: readonly string[]): Promise<{ problems: string[]; operations: string[] }> {
  const entries = (await Promise.all(ids.map((certificateId) => exchanges(topology, { certificateId })))).flat();
  return { problems: invalidMessages(entries, requireSchemaRoot()), operations: [...new Set(entries.map((e) => e.operation))].sort() };
}
