/**
 * The draft page's autosave in Chromium, with the page's clock in the test's hand
 * (`page.clock`) and the first save held on the wire (`page.route`): once the page says the
 * draft is saved, no save leaves it until the next edit, however the edits fell around a save in
 * flight; and a save Webcert refuses as a concurrent modification (409) is shown, not swallowed.
 *
 * These pin a race that made "Signera intyget" do nothing under load: one more autosave left the
 * page after it said "sparat", reached Webcert after the reloaded page had read the draft's
 * version, and the reloaded page's save before signing then got 409.
 */
import type { Page, Route } from '@playwright/test';
import { expect, SCENARIO_PAGE_TIMINGS, test } from '../fixtures/topologyFixtures.js';
import { createLisjpDraft } from './statusFlowSteps.js';
import { fakeLogin, fillLisjp, launchFromJournal } from './webcertPages.js';
import { expectUrl, certificatePage } from './pageWaits.js';
import { UNIT } from './sendSteps.js';

const DEBOUNCE_MS = SCENARIO_PAGE_TIMINGS.autosaveDebounceMs;
/** Both of the page's words for a saved draft: with questions missing, and ready to sign. */
const SAVED = 'Utkastet är sparat';
const CONCURRENT = 'Utkastet har samtidigt ändrats av en annan användare och kunde därför inte sparas. Ladda om sidan och försök igen.';

/** The values of every save the page started (its `fetch` calls to the save URL), in order. */
function savesStarted(page: Page): Promise<Record<string, string>[]> {
  return page.evaluate(() => (window as unknown as { __saves: Record<string, string>[] }).__saves);
}

/** Counts the page's saves as it starts them: a call of fetch is synchronous in the page, a request event is not. */
async function recordSaves(page: Page, id: string): Promise<void> {
  await page.addInitScript((saveUrl) => {
    const w = window as unknown as { __saves: unknown[] };
    w.__saves = [];
    const original = window.fetch.bind(window);
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input) === saveUrl && init?.method === 'POST') w.__saves.push((JSON.parse(String(init.body)) as { values: unknown }).values);
      return original(input, init);
    };
  }, `/api/certificate/${id}`);
}

/** Holds the first save on the wire until the returned function is called; later saves pass. */
async function holdFirstSave(page: Page, id: string): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let first = true;
  await page.route(new RegExp(`/api/certificate/${id}$`), async (route: Route) => {
    if (first && route.request().method() === 'POST') {
      first = false;
      await released;
    }
    await route.continue();
  });
  return release;
}

/** A fake-logged-in doctor on a new LISJP draft's page, the page's clock paused. */
async function draftPage(page: Page, topology: Parameters<typeof fakeLogin>[1], journalUser: Parameters<typeof createLisjpDraft>[0], ref: string): Promise<string> {
  const id = await createLisjpDraft(journalUser, undefined, ref);
  await recordSaves(page, id);
  await page.clock.install();
  await fakeLogin(page, topology);
  await launchFromJournal(page, topology, id, { enhet: UNIT });
  await expectUrl(page, certificatePage(id));
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
  return id;
}

/**
 * Lets the held first save through; then the page says saved, exactly one save more left it, with
 * the last edit (Aktivitetsbegränsning), and none follows however long the page waits.
 */
async function releaseAndExpectOneSaveMore(page: Page, release: () => void): Promise<void> {
  release();
  await expect(page.locator('#sparstatus')).toContainText(SAVED);
  await page.clock.runFor(10 * DEBOUNCE_MS);
  const saves = await savesStarted(page);
  expect(saves).toHaveLength(2);
  expect(saves[1]).toMatchObject({ 'aktivitetsbegransning': 'Klarar inte fysiskt arbete.' });
}

test.describe('autosparning av utkast', { tag: ['@autosave', '@LISJP'] }, () => {
  test('ändringar medan en sparning pågår: en sparning till, med alla ändringar, och sedan ingen efter "sparat"', async ({ page, topology, journalUser }) => {
    const id = await draftPage(page, topology, journalUser, 'vk-autosave-1');
    const release = await holdFirstSave(page, id);

    await page.getByLabel('Diagnos', { exact: true }).fill('Akut bronkit');
    await page.clock.runFor(DEBOUNCE_MS); // the first save leaves and is held
    await page.getByLabel(/^Funktionsnedsättning/).fill('Hosta');
    await page.clock.runFor(DEBOUNCE_MS); // its debounce fires while the first save is in flight
    await page.getByLabel(/^Aktivitetsbegränsning/).fill('Klarar inte fysiskt arbete.');
    await page.clock.runFor(DEBOUNCE_MS); // and this one too
    expect(await savesStarted(page)).toHaveLength(1);

    await releaseAndExpectOneSaveMore(page, release);
  });

  test('en ändring vars väntetid inte gått ut när sparningen efter den pågående börjar: ingen sparning efter "sparat"', async ({ page, topology, journalUser }) => {
    const id = await draftPage(page, topology, journalUser, 'vk-autosave-2');
    const release = await holdFirstSave(page, id);

    await page.getByLabel('Diagnos', { exact: true }).fill('Akut bronkit');
    await page.clock.runFor(DEBOUNCE_MS); // the first save leaves and is held
    await page.getByLabel(/^Funktionsnedsättning/).fill('Hosta');
    await page.clock.runFor(DEBOUNCE_MS); // a second save is asked for while the first is in flight
    await page.getByLabel(/^Aktivitetsbegränsning/).fill('Klarar inte fysiskt arbete.'); // its debounce still pending
    expect(await savesStarted(page)).toHaveLength(1);

    await releaseAndExpectOneSaveMore(page, release);
  });

  test('utkastet har sparats från en annan flik: "Signera intyget" visar att det ändrats samtidigt och signerar inte', async ({ page, topology, journalUser, admin }) => {
    const id = await createLisjpDraft(journalUser, undefined, 'vk-autosave-3');
    await fakeLogin(page, topology);
    await launchFromJournal(page, topology, id, { enhet: UNIT });
    await expectUrl(page, certificatePage(id));
    await fillLisjp(page);
    // Another tab of the same user saves the draft: the version this page holds is no longer the draft's.
    const { version } = await admin.certificate(id);
    const other = await page.request.post(new URL(`/api/certificate/${id}`, page.url()).href, { data: { version, values: {} } });
    expect(other.status()).toBe(200);

    await page.getByRole('button', { name: 'Signera intyget' }).click();
    const dialog = page.getByRole('alertdialog');
    await expect(dialog).toContainText(CONCURRENT);
    await expect(page.getByRole('button', { name: 'Signera intyget' })).toBeDisabled();
    expect((await admin.certificate(id)).status).not.toBe('SIGNED');

    await dialog.getByRole('button', { name: 'Ladda om intyget' }).click();
    await expect(page.getByRole('alertdialog')).toHaveCount(0);
    await expect(page.locator('#intygsstatus')).toHaveText('Utkast, uppgifter saknas');
  });

  test('en autosparning som Webcert vägrar för att utkastet ändrats samtidigt visas för användaren', async ({ page, topology, journalUser, admin }) => {
    const id = await createLisjpDraft(journalUser, undefined, 'vk-autosave-4');
    await fakeLogin(page, topology);
    await launchFromJournal(page, topology, id, { enhet: UNIT });
    await expectUrl(page, certificatePage(id));
    const { version } = await admin.certificate(id);
    expect((await page.request.post(new URL(`/api/certificate/${id}`, page.url()).href, { data: { version, values: {} } })).status()).toBe(200);

    await page.getByLabel('Diagnos', { exact: true }).fill('Akut bronkit');
    await expect(page.getByRole('alertdialog')).toContainText(CONCURRENT);
    await expect(page.locator('#sparstatus')).not.toContainText(SAVED);
  });
});
