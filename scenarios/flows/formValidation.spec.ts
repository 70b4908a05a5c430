/**
 * The validation a doctor meets in the draft forms of dödsbevis, dödsorsaksintyg and LISJP, in
 * Chromium: Webcert's messages under the question, questions that appear and disappear with the
 * answers, "Visa vad som saknas", and "Signera intyget" only for a complete draft.
 */
import type { Page } from '@playwright/test';
import { expect, steg, test } from '../fixtures/topologyFixtures.js';
import { fillSteps, TYPE_FORM_STEPS } from './typeForms.js';
import { expectReadyToSign, fakeLogin, fillLisjp, launchFromJournal } from './webcertPages.js';
import type { JournalUser } from '../../simulators/journal/launch/journalUser.js';
import type { Topology } from '../../harness/topology/startTopology.js';
import { expectUrl, certificatePage } from './pageWaits.js';

const TOLVAN = { personId: '191212121212', fornamn: 'Tolvan', efternamn: 'Tolvansson' };

async function openDraft(page: Page, topology: Topology, journalUser: JournalUser, typeCode: string): Promise<void> {
  const outcome = await journalUser.createDraft({ typeCode, patient: TOLVAN });
  const id = (outcome as { certificateId: string }).certificateId;
  await fakeLogin(page, topology);
  await launchFromJournal(page, topology, id, { enhet: 'TSTNMT2321000156-INT2' });
  await expectUrl(page, certificatePage(id));
}

/** The messages shown under a question. */
const messagesOf = (page: Page, field: string) => page.locator(`#fel-${field} .fel:visible`);

test.describe('validering i utkastet', { tag: ['@lifecycle'] }, () => {
  test('dödsbevis: dödsdatum, osäkert dödsdatum, undersökning och vad som saknas', { tag: ['@DB'] }, async ({ page, topology, journalUser }) => {
    await steg('Ett dödsbevisutkast skapas i journalen och öppnas i Webcert', () => openDraft(page, topology, journalUser, 'DB'));
    await steg('Tomt utkast: Signera är avstängd; Visa vad som saknas pekar ut identitet och dödsdatum', async () => {
      await expect(page.getByRole('button', { name: 'Signera intyget' })).toBeDisabled();
      await page.getByRole('button', { name: 'Visa vad som saknas' }).click();
      await expect(messagesOf(page, 'identitet')).toHaveText(['Ange ett svar.']);
      await expect(messagesOf(page, 'dodsdatumSakert')).toHaveText(['Välj ett alternativ.']);
    });

    await steg('Säkert dödsdatum: ett framtida datum nekas, ett tidigare tas emot', async () => {
      await page.getByRole('group', { name: 'Dödsdatum' }).getByRole('radio', { name: 'Säkert', exact: true }).check();
      await page.getByLabel('Datum', { exact: true }).fill('2026-03-05');
      await expect(messagesOf(page, 'dodsdatum')).toHaveText(['Ange dagens eller ett tidigare datum.']);
      await page.getByLabel('Datum', { exact: true }).fill('2026-03-01');
      await expect(messagesOf(page, 'dodsdatum')).toHaveCount(0);
    });

    await steg('Ej säkert dödsdatum: år, månad och anträffad död; anträffad före dödsdatum nekas', async () => {
      // "Ej säkert" asks for year and month and the date the body was found instead.
      await page.getByRole('group', { name: 'Dödsdatum' }).getByRole('radio', { name: 'Ej säkert', exact: true }).check();
      await expect(page.getByLabel('Datum', { exact: true })).toBeHidden();
      await page.getByLabel('Ungefärligt datum, år').selectOption('2026');
      await page.getByLabel('Ungefärligt datum, månad').selectOption('03');
      await page.getByLabel('Anträffad död').fill('2026-02-20');
      await expect(messagesOf(page, 'antraffatDod')).toHaveText(['Ange ett datum, samma som eller senare än "Dödsdatum".']);
      await page.getByRole('group', { name: 'Dödsdatum' }).getByRole('radio', { name: 'Säkert', exact: true }).check();
    });

    await steg('Formuläret fylls i; en undersökning mer än fyra veckor före döden nekas, en senare tas emot', async () => {
      await fillSteps(page, TYPE_FORM_STEPS.DB!);
      await expectReadyToSign(page);
      await page.getByRole('group', { name: 'Har yttre undersökning av kroppen genomförts?' }).getByRole('radio', { name: 'Nej, den avlidne undersökt kort före döden' }).check();
      await page.getByLabel('Undersökningsdatum').fill('2026-01-15');
      await expect(messagesOf(page, 'undersokningDatum')).toHaveText(['Ange ett datum, samma som eller tidigare än fyra veckor före döden.']);
      await expect(page.getByRole('button', { name: 'Signera intyget' })).toBeDisabled();
      await page.getByLabel('Undersökningsdatum').fill('2026-02-25');
    });
    await expectReadyToSign(page);
  });

  test('dödsorsaksintyg: skada/förgiftning och datum för dödsorsaken', { tag: ['@DOI'] }, async ({ page, topology, journalUser }) => {
    await steg('Ett dödsorsaksintygsutkast skapas i journalen och öppnas i Webcert', () => openDraft(page, topology, journalUser, 'DOI'));
    await steg('Formuläret fylls i; skada/förgiftning Ja kräver orsak, datum och beskrivning', async () => {
      await fillSteps(page, TYPE_FORM_STEPS.DOI!);
      await expectReadyToSign(page);
      await page.getByRole('group', { name: 'Dödsfall i samband med skada/förgiftning?' }).getByRole('radio', { name: 'Ja' }).check();
      await expect(page.getByRole('group', { name: 'Ange orsak och eventuell avsikt' })).toBeVisible();
      await expect(page.locator('#sparstatus')).toHaveText(/Obligatoriska uppgifter saknas: Ange orsak och eventuell avsikt, Datum för skada\/förgiftning, Kort beskrivning/);
      await page.getByRole('button', { name: 'Visa vad som saknas' }).click();
      await expect(messagesOf(page, 'forgiftningOrsak')).toHaveText(['Välj ett alternativ.']);
    });
    await steg('Dödsorsakens debut efter dödsdatum nekas; med Nej och ett tidigare datum är utkastet klart', async () => {
      await page.getByLabel('Den terminala dödsorsaken var, ungefärlig debut').fill('2026-03-02');
      await expect(messagesOf(page, 'terminalDodsorsakDatum')).toHaveText(['Ange ett datum, samma som eller tidigare än "Dödsdatum".']);
      await page.getByRole('group', { name: 'Dödsfall i samband med skada/förgiftning?' }).getByRole('radio', { name: 'Nej' }).check();
      await page.getByLabel('Den terminala dödsorsaken var, ungefärlig debut').fill('2026-02-28');
    });
    await expectReadyToSign(page);
  });

  test('LISJP: psykisk diagnos, smittbärarpenning och sjukskrivningsperioder', { tag: ['@LISJP'] }, async ({ page, topology, journalUser }) => {
    await steg('Ett LISJP-utkast skapas i journalen och öppnas i Webcert', () => openDraft(page, topology, journalUser, 'LISJP'));
    await steg('Formuläret fylls i; en psykisk diagnos med tre positioner och överlappande perioder nekas', async () => {
      await fillLisjp(page);
      await page.getByLabel('Diagnoskod (ICD-10-SE)').fill('F32');
      await expect(messagesOf(page, 'diagnos')).toHaveText(['Ange diagnosrad med minst fyra positioner på en psykisk diagnos.']);
      await page.getByLabel('Diagnoskod (ICD-10-SE)').fill('F32.1');
      await page.getByLabel('50 procent, från och med').fill('2026-03-10');
      await page.getByLabel('50 procent, till och med').fill('2026-03-20');
      await expect(messagesOf(page, 'sjukskrivning')).toHaveText(['Ange sjukskrivningsperioder som inte överlappar varandra.']);
    });
    await steg('Deltidssjukskrivning frågar om arbetstid; smittbärarpenning döljer frågorna Webcert hoppar över', async () => {
      // Partial sick leave asks about working hours.
      await expect(page.getByRole('group', { name: /arbetstiden förläggs på annat sätt/ })).toBeVisible();
      await page.getByLabel('50 procent', { exact: true }).uncheck();
      await expect(page.getByRole('group', { name: /arbetstiden förläggs på annat sätt/ })).toBeHidden();
      await expectReadyToSign(page);
      // Smittbärarpenning: the questions Webcert skips disappear, the draft stays complete.
      await page.getByLabel(/^Avstängning enligt smittskyddslagen/).check();
      await expect(page.getByRole('group', { name: /I relation till vilken sysselsättning/ })).toBeHidden();
    });
    await expectReadyToSign(page);
  });
});
