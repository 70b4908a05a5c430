/**
 * The launch parameters that govern a signed certificate's functions, as Webcert applies them:
 * `kopieringOK=false` and `inaktivEnhet=true` refuse renew, and the user reads why under the
 * button; Webcert's API refuses the same with the same words. `avliden=true` is accepted and
 * changes nothing here: Webcert keeps it but takes a patient's death from PU
 * (sklintyg/webcert PatientDetailsResolverImpl.isAvliden reads PU only).
 */
import { expect, test } from '../fixtures/topologyFixtures.js';
import { advance } from './sendSteps.js';
import { confirmNewDraft, functionButton, launchedInNewSession, openDialog, refusalShown, signedLisjpFromJournal, statusUpdates } from './lifecycleSteps.js';

test.use({ topologyConfig: { admin: {} } });
test.describe.configure({ timeout: 180_000 });

const RENEW_FALSE = 'Journalsystemet har angett att intyg inte får kopieras (kopieringOK=false), så intyget kan inte förnyas eller användas som mall här.';
const INACTIVE_UNIT = 'Enheten är markerad som inaktiv i journalsystemet, vilket innebär att viss funktionalitet ej är tillgänglig.';

test.describe('LISJP: startparametrarna styr funktionerna', { tag: ['@lifecycle', '@LISJP'] }, () => {
  test('kopieringOK=false och inaktivEnhet=true vägrar förnya med skälet synligt; avliden=true tas emot och ändrar inget', async ({ page, browser, topology, journalUser }) => {
    const id = await signedLisjpFromJournal(page, topology, journalUser);
    // Launched with the defaults, every function is offered.
    for (const label of ['Skicka till Försäkringskassan', 'Förnya', 'Ersätt', 'Makulera']) await expect(functionButton(page, label)).toBeEnabled();

    await test.step('kopieringOK=false: förnya vägras, ersätt, skicka och makulera går (eget intyg)', async () => {
      const p = await launchedInNewSession(browser, topology, id, { kopieringOK: 'false' });
      await expect(functionButton(p, 'Förnya')).toBeDisabled();
      await expect(functionButton(p, 'Förnya')).toHaveAccessibleDescription(RENEW_FALSE);
      await expect(refusalShown(p, 'Förnya')).toHaveText(RENEW_FALSE);
      await expect(refusalShown(p, 'Förnya')).toBeVisible();
      for (const label of ['Skicka till Försäkringskassan', 'Ersätt', 'Makulera']) await expect(functionButton(p, label)).toBeEnabled();
      const renew = await p.request.post(new URL(`/api/certificate/${id}/renew`, p.url()).href, { data: {} });
      expect(renew.status()).toBe(403);
      expect(await renew.json()).toEqual({ errorCode: 'RENEW_FALSE', message: RENEW_FALSE });
      await p.context().close();
    });

    await test.step('inaktivEnhet=true: förnya och ersätt vägras med Webcerts text, skicka och makulera går', async () => {
      const p = await launchedInNewSession(browser, topology, id, { inaktivEnhet: 'true' });
      await expect(p.locator('#inaktiv-enhet')).toContainText(INACTIVE_UNIT);
      for (const label of ['Förnya', 'Ersätt']) {
        await expect(functionButton(p, label)).toBeDisabled();
        await expect(refusalShown(p, label)).toHaveText(INACTIVE_UNIT);
      }
      for (const label of ['Skicka till Försäkringskassan', 'Makulera']) await expect(functionButton(p, label)).toBeEnabled();
      const renew = await p.request.post(new URL(`/api/certificate/${id}/renew`, p.url()).href, { data: {} });
      expect(renew.status()).toBe(403);
      expect(await renew.json()).toEqual({ errorCode: 'INACTIVE_UNIT', message: INACTIVE_UNIT });
      await p.context().close();
    });

    await test.step('avliden=true: startas som vanligt, alla funktioner erbjuds och förnya ger ett utkast med FRLANG', async () => {
      const p = await launchedInNewSession(browser, topology, id, { avliden: 'true', ref: 'vk-avliden' });
      for (const label of ['Skicka till Försäkringskassan', 'Förnya', 'Ersätt', 'Makulera']) await expect(functionButton(p, label)).toBeEnabled();
      await expect(p.locator('.orsak')).toHaveCount(0);
      const renewal = await confirmNewDraft(p, await openDialog(p, 'Förnya', 'Förnya intyg'), 'Förnya', id);
      await advance(topology, '1m');
      const [skapat] = await statusUpdates(topology, renewal);
      expect(skapat).toMatchObject({ eventCode: 'SKAPAT', ref: 'vk-avliden' });
      expect(skapat!.xml).toMatch(new RegExp(`<types:code>FRLANG</types:code>.*<types:extension>${id}</types:extension>`));
      await p.context().close();
    });
  });
});
