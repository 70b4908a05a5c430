/**
 * The deep-integration launch parameters with Webcert's effect (webcert-surfaces.md §3.1), each
 * changed once: what the user sees, and what crosses the wire (the launch itself in the traffic
 * journal, the status updates to the journal system). The error redirects not reached here are in
 * launchAndFakeSign.spec.ts (missing-parameter, auth-exception-user-already-active,
 * login.medarbetaruppdrag), patientStates.spec.ts (pu-problem, auth-exception-sekretessmarkering)
 * and launchRedirects.spec.ts (auth-exception-subscription, unknown).
 */
import type { Browser, Page } from '@playwright/test';
import type { Topology } from '../../harness/topology/startTopology.js';
import { expect, test } from '../fixtures/topologyFixtures.js';
import { confirmNewDraft, openDialog, statusUpdates } from './lifecycleSteps.js';
import { advance, DOCTOR, exchanges, signOnCertificatePage, UNIT } from './sendSteps.js';
import { createLisjpDraft } from './statusFlowSteps.js';
import { fakeLogin, fillLisjp, launchFromJournal, webcertUrl } from './webcertPages.js';
import { expectUrl, certificatePage } from './pageWaits.js';

/** Webcert's ContactSupportMessage, its link as plain text (sklintyg/frontend ContactSupportMessage.tsx). */
const SUPPORT = 'Om problemet kvarstår, kontakta i första hand din lokala IT-avdelning och i andra hand Inera Support.';

test.use({ topologyConfig: { admin: {} } });
// Each test takes one or two users through login, launch and often the form.
test.slow();

const SIBLING_UNIT = 'TSTNMT2321000156-1077';
const OTHER_PROVIDER_DOCTOR = 'TSTNMT2321000156-1093';
const OTHER_PROVIDER_UNIT = 'TSTNMT2321000156-G2U1';
const FRIDA = '197705232382';
const UNKNOWN_TO_PU = { personId: '199001012385', fornamn: 'Okänd', efternamn: 'Okändsson' };

/** A fresh browser, fake-logged in as `hsaId` on `unit`, launched from the journal with `params`. */
async function launchedAs(browser: Browser, topology: Topology, id: string, params: Record<string, string>, hsaId = DOCTOR, unit = UNIT): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await fakeLogin(page, topology, hsaId, unit);
  await launchFromJournal(page, topology, id, { enhet: unit, ...params });
  return page;
}

/** The launch's request body (the parameters as posted) as the traffic journal holds it. */
async function launchBody(topology: Topology, id: string): Promise<URLSearchParams> {
  const [launch] = await exchanges(topology, { operation: 'Djupintegrationsstart', certificateId: id });
  expect(launch, 'the launch is in the traffic journal').toBeDefined();
  return new URLSearchParams(launch!.requestBody ?? '');
}

test.describe('startparametrar från journalsystemet', { tag: ['@launch', '@LISJP'] }, () => {
  test('sjf=true: en läkare hos en annan vårdgivare får läsa intyget men inte ändra eller signera det', async ({ browser, topology, journalUser }) => {
    const id = await createLisjpDraft(journalUser, undefined, 'vk-sjf');
    const page = await launchedAs(browser, topology, id, { sjf: 'true' }, OTHER_PROVIDER_DOCTOR, OTHER_PROVIDER_UNIT);
    await expect(page.locator('#patient')).toHaveText('Tolvan Tolvansson – 19121212-1212');
    await expect(page.locator('#andring-nekad')).toHaveText('Intyget är utfärdat på en annan vårdenhet än den du är inloggad på.');
    await expect(page.getByRole('button', { name: 'Signera intyget' })).toHaveCount(0);
    await expect(page.getByLabel('Diagnoskod (ICD-10-SE)')).toBeDisabled();
    expect((await launchBody(topology, id)).get('sjf')).toBe('true');
    await page.context().close();
  });

  test('alternatePatientSSn på ett utkast: utkastet flyttas till journalens nummer, användaren ser det, journalen får ANDRAT med det nya numret', async ({ browser, topology, journalUser }) => {
    const id = await createLisjpDraft(journalUser, undefined, 'vk-alt-utkast');
    const page = await launchedAs(browser, topology, id, { alternatePatientSSn: '19770523-2382' });
    await expect(page.locator('#patient')).toContainText('19770523-2382');
    await expect(page.locator('#patient-nytt-personnummer-rubrik')).toHaveText('Patientens personnummer har ändrats');
    await expect(page.locator('#patient-nytt-personnummer-detalj')).toHaveText('Utkastet har uppdaterats från 19121212-1212 till 19770523-2382.');
    // Webcert holds ANDRAT back a while to merge a burst of saves into one.
    await advance(topology, '10m');
    const updates = await statusUpdates(topology, id);
    expect(updates.map((u) => u.eventCode)).toEqual(['SKAPAT', 'ANDRAT']);
    expect(updates[1]!.xml).toContain(`<types:extension>${FRIDA}</types:extension>`);
    expect(updates[0]!.xml).toContain('<types:extension>191212121212</types:extension>');
    await page.context().close();
  });

  test('alternatePatientSSn på ett signerat intyg: visas för användaren, och förnyelsen skapas på det nya numret', async ({ page, browser, topology, journalUser }) => {
    const id = await createLisjpDraft(journalUser, undefined, 'vk-alt-signerat');
    await fakeLogin(page, topology);
    await launchFromJournal(page, topology, id, { enhet: UNIT });
    await fillLisjp(page);
    await signOnCertificatePage(page, id);
    const later = await launchedAs(browser, topology, id, { alternatePatientSSn: FRIDA });
    await expect(later.locator('#patient-nytt-personnummer-rubrik')).toHaveText('Patientens personnummer har ändrats');
    await expect(later.locator('#patient-nytt-personnummer-detalj')).toHaveText('Journalsystemet anger 19770523-2382; intyget är utfärdat på 19121212-1212.');
    const dialog = await openDialog(later, 'Förnya', 'Förnya intyg');
    const renewal = await confirmNewDraft(later, dialog, 'Förnya', id);
    await expect(later.locator('#patient')).toContainText('19770523-2382');
    await advance(topology, '1m');
    const [skapat] = await statusUpdates(topology, renewal);
    expect(skapat).toMatchObject({ eventCode: 'SKAPAT' });
    expect(skapat!.xml).toContain(`<types:extension>${FRIDA}</types:extension>`);
    await later.context().close();
  });

  test('responsibleHospName visas; patientens namn och adress tas ur PU först, annars ur startparametrarna', async ({ browser, topology, journalUser }) => {
    const known = await createLisjpDraft(journalUser, undefined, 'vk-namn-pu');
    const params = { responsibleHospName: 'Doktor Ansvarig', fornamn: 'Journalnamn', efternamn: 'Journalsson', postadress: 'Journalgatan 1', postnummer: '11111', postort: 'Journalby' };
    const onKnown = await launchedAs(browser, topology, known, params);
    await expect(onKnown.locator('#ansvarig-lakare')).toHaveText('Ansvarig läkare: Doktor Ansvarig');
    await expect(onKnown.locator('#patient')).toHaveText('Tolvan Tolvansson – 19121212-1212');
    await expect(onKnown.locator('#patient')).toHaveAttribute('data-namnkalla', 'PU');
    await onKnown.context().close();

    const unknown = await createLisjpDraft(journalUser, UNKNOWN_TO_PU, 'vk-namn-params');
    const onUnknown = await launchedAs(browser, topology, unknown, params);
    await expect(onUnknown.locator('#patient')).toHaveText('Journalnamn Journalsson – 19900101-2385');
    await expect(onUnknown.locator('#patient')).toHaveAttribute('data-namnkalla', 'PARAMS');
    await expect(onUnknown.locator('#patientadress')).toHaveText('Journalgatan 1, 11111 Journalby');
    // The address is taken only when all three parts are given.
    await onUnknown.context().close();
    const partial = await launchedAs(browser, topology, unknown, { fornamn: 'Journalnamn', efternamn: 'Journalsson', postadress: 'Journalgatan 1' });
    await expect(partial.locator('#patientadress')).toHaveAttribute('data-adresskalla', 'INTYG');
    expect((await launchBody(topology, known)).get('responsibleHospName')).toBe('Doktor Ansvarig');
    await partial.context().close();
  });

  for (const [param, value, text] of [
    ['inaktivEnhet', 'true', 'Enheten är markerad som inaktiv i journalsystemet, vilket innebär att viss funktionalitet ej är tillgänglig.'],
    ['kopieringOK', 'false', 'Journalsystemet har angett att intyg inte får kopieras (kopieringOK=false), så intyget kan inte förnyas eller användas som mall här.'],
  ] as const) {
    test(`${param}=${value} på en annan enhets utkast: läsbart, men ändring och signering nekas med Webcerts besked`, async ({ browser, topology, journalUser }) => {
      const id = await createLisjpDraft(journalUser, undefined, `vk-${param}`);
      const page = await launchedAs(browser, topology, id, { [param]: value }, DOCTOR, SIBLING_UNIT);
      await expect(page.locator('#andring-nekad')).toHaveText(text);
      await expect(page.locator('#signering-nekad')).toHaveText(text);
      const save = await page.request.post(new URL(`/api/certificate/${id}`, page.url()).href, { data: { values: {} } });
      expect(save.status()).toBe(403);
      expect(await save.json()).toMatchObject({ errorCode: param === 'inaktivEnhet' ? 'INACTIVE_UNIT' : 'RENEW_FALSE' });
      await page.context().close();
    });
  }

  test('avliden=true tas emot utan verkan; den äldre GET-starten fungerar', async ({ page, topology, journalUser }) => {
    const id = await createLisjpDraft(journalUser, undefined, 'vk-avliden');
    await fakeLogin(page, topology);
    await page.goto(await webcertUrl(topology, `/visa/intyg/${id}?enhet=${UNIT}&avliden=true`));
    await expectUrl(page, certificatePage(id));
    await expect(page.getByRole('button', { name: 'Signera intyget' })).toBeVisible();
    await expect(page.locator('body')).not.toContainText(/avliden/i);
    const [launch] = await exchanges(topology, { operation: 'Djupintegrationsstart', certificateId: id });
    expect(launch).toMatchObject({ httpStatus: 303, outcome: 'ok' });
  });

  test('launchId måste vara ett UUID; ett intyg som inte finns ger integration.nocontent', async ({ page, topology, journalUser }) => {
    const id = await createLisjpDraft(journalUser, undefined, 'vk-launchid');
    await fakeLogin(page, topology);
    await launchFromJournal(page, topology, id, { enhet: UNIT, launchId: 'inte-ett-uuid' });
    await expect(page.locator('#fel-kod')).toHaveText('missing-parameter');
    // Webcert's front end shows its unknown internal problem for missing-parameter (ErrorPage.tsx, UnknownInternalProblem.tsx).
    await expect(page.locator('#fel-rubrik')).toHaveText('Intyget kunde inte visas');
    await expect(page.locator('#fel-text')).toHaveText(`Prova att ladda om sidan. ${SUPPORT}`);
    await launchFromJournal(page, topology, '00000000-0000-4000-8000-000000000000', { enhet: UNIT });
    await expect(page.locator('#fel-kod')).toHaveText('integration.nocontent');
    await expect(page.locator('#fel-rubrik')).toHaveText('Intyget gick inte att läsa in');
    await expect(page.locator('#fel-text')).toHaveText(`Intygsutkastet är raderat och kan därför inte längre visas. ${SUPPORT}`);
  });

  test('journalsystemet avslutar användarens session: POST /api/v1/session/invalidate och GET /visa/anvandare/logout/now', async ({ browser, topology, journalUser }) => {
    const id = await createLisjpDraft(journalUser, undefined, 'vk-session');
    const launchId = '6f1c2b0e-4d7a-4b8e-9a51-3c2d1e0f9a77';
    const page = await launchedAs(browser, topology, id, { launchId });
    await expect(page.locator('#patient')).toBeVisible();
    // Another user's HSA-ID does not end the session; Webcert answers 204 either way.
    const wrongUser = await fetch(await webcertUrl(topology, `/api/v1/session/invalidate`), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ launchId, userHsaId: 'TSTNMT2321000156-1085' }) });
    expect(wrongUser.status).toBe(204);
    await page.reload();
    await expect(page.locator('#patient')).toBeVisible();
    const ended = await fetch(await webcertUrl(topology, `/api/v1/session/invalidate`), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ launchId, userHsaId: DOCTOR }) });
    expect(ended.status).toBe(204);
    await page.reload();
    await expect(page.locator('#fel-kod')).toHaveText('auth-exception-resource');
    await expect(page.locator('#fel-rubrik')).toHaveText('Behörighet saknas');
    await expect(page.locator('#fel-text')).toHaveText('Du saknar behörighet för att komma åt sidan. För att få hjälp, kontakta i första hand din lokala IT-avdelning och i andra hand Inera Support.');
    await page.context().close();

    const again = await launchedAs(browser, topology, id, {});
    await expect(again.locator('#patient')).toBeVisible();
    await again.goto(await webcertUrl(topology, `/visa/anvandare/logout/now`));
    await expect(again.locator('#utloggad')).toHaveText('Du är utloggad från Webcert.');
    await again.goto(await webcertUrl(topology, `/certificate/${id}/`));
    await expect(again.locator('#fel-kod')).toHaveText('auth-exception-resource');
    await again.context().close();
  });
});
