/** Page steps for the Webcert simulator's UI and the journal's launch page. */
import { expect, type Page } from '@playwright/test';
import type { Topology } from '../../harness/topology/startTopology.js';
import { adminOf, type AdminClient } from '../fixtures/adminClient.js';

/** Logs the browser in with Webcert's fake login (no SITHS). */
export async function fakeLogin(page: Page, topology: Topology | AdminClient, hsaId = 'TSTNMT2321000156-1079', unit = 'TSTNMT2321000156-INT2', deepIntegration = true): Promise<void> {
  await page.goto(await adminOf(topology).endpoint('webcert', 'welcome'));
  await page.getByLabel('Användare och vårdenhet').selectOption(`${hsaId}|${unit}`);
  if (deepIntegration) await page.getByLabel('Djupintegration').check();
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page.getByRole('status')).toHaveText(`Inloggad som ${hsaId}`);
}

/** Opens the journal's launch page for a certificate and posts it to Webcert. */
export async function launchFromJournal(page: Page, topology: Topology | AdminClient, certificateId: string, params: Record<string, string> = {}): Promise<void> {
  const url = new URL(await launchPageUrl(topology, certificateId));
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  await page.goto(url.href);
  await page.getByRole('button', { name: 'Öppna intyget i Webcert' }).click();
}

/**
 * Fills every LISJP question a sick-leave certificate needs (full sick leave) and waits for the
 * autosave; `button` is the draft's main button the user's role gets.
 */
export async function fillLisjp(page: Page, button: 'Signera intyget' | 'Markera klart för signering' = 'Signera intyget'): Promise<void> {
  await page.getByLabel('Min undersökning av patienten, datum').fill('2026-03-02');
  await page.getByLabel('Nuvarande arbete', { exact: true }).check();
  await page.getByLabel('Ange yrke och arbetsuppgifter').fill('Lagerarbetare, tunga lyft');
  await page.getByLabel('Diagnoskod (ICD-10-SE)').fill('J20');
  await page.getByLabel('Diagnos', { exact: true }).fill('Akut bronkit');
  await page.getByLabel(/^Funktionsnedsättning/).fill('Nedsatt kondition, hosta vid ansträngning.');
  await page.getByLabel(/^Aktivitetsbegränsning/).fill('Klarar inte fysiskt arbete.');
  await page.getByLabel('100 procent, från och med').fill('2026-03-02');
  await page.getByLabel('100 procent, till och med').fill('2026-03-15');
  await page.getByRole('group', { name: /^Prognos för arbetsförmåga/ }).getByLabel(/efter denna sjukskrivning/).check();
  await page.getByLabel('Inte aktuellt').check();
  await expectReadyToSign(page, button);
}

/** Waits for the autosave to report the draft complete, with "Signera intyget" (or the role's `button`) enabled. */
export async function expectReadyToSign(page: Page, button = 'Signera intyget'): Promise<void> {
  await expect(page.locator('#sparstatus')).toHaveText('Utkastet är sparat och klart att signera.');
  await expect(page.getByRole('button', { name: button })).toBeEnabled();
}

/** The journal's launch page for a certificate (the simulated journal system's `/oppna/{intygsId}`). */
export async function launchPageUrl(topology: Topology | AdminClient, certificateId: string): Promise<string> {
  return (await adminOf(topology).endpoint('journal', 'launchPage')).replace('{intygsId}', encodeURIComponent(certificateId));
}

/** A page of the Webcert simulator, e.g. `webcertUrl(topology, `/certificate/${id}/`)`. */
export async function webcertUrl(topology: Topology | AdminClient, path: string): Promise<string> {
  return new URL(path, await adminOf(topology).endpoint('webcert', 'base')).href;
}
