/**
 * The eID app waiting for a person (a PIN typed on the app's page), single sign-on in the same
 * browser, and Net iD as it was before 2023-06-30 in Internet Explorer 11.
 */
import { CARD_PIN } from '../../harness/topology/cardSetup.js';
import { expect, steg, test } from '../fixtures/topologyFixtures.js';
import { cardBrowserContext, expectLoggedIn, loginAtIdp } from './identitySteps.js';

test.describe('eID-appen och SSO', { tag: ['@login'] }, () => {
  test('appen väntar på användaren: PIN-kod i appen, sedan inloggad', async ({ page, context, topology, admin }) => {
    await steg('eID-appen väntar på användaren; inloggningen startas och sidan hänvisar till appen', async () => {
      await admin.eidApp({ mode: 'manual' });
      await loginAtIdp(page, topology, 'SITHS eID på annan enhet');
      await expect(page.locator('#status')).toContainText('SITHS eID-appen');
    });
    await steg('Användaren anger PIN-koden i appen och blir inloggad', async () => {
      const app = await context.newPage(); // the app on the other device
      await app.goto(await admin.endpoint('eidApp', 'app'));
      await expect(app.getByRole('heading', { name: 'Legitimering' })).toBeVisible();
      await app.getByLabel('PIN-kod').fill(CARD_PIN);
      await app.getByRole('button', { name: 'Legitimera' }).click();
      await expectLoggedIn(page, 'Ajla Doktor');
    });
  });

  test('SSO: en andra inloggning i samma webbläsare kräver ingen ny legitimering', async ({ page, topology, admin }) => {
    const orders = await steg('Användaren loggar in med SITHS eID', async () => {
      await loginAtIdp(page, topology, 'SITHS eID på annan enhet');
      await expectLoggedIn(page, 'Ajla Doktor');
      return admin.journalCount({ side: 'outbound', fromParty: 'idp', operation: 'eID StartOrder' });
    });
    await steg('En andra inloggning i samma webbläsare: ingen ny order till eID-appen, Webcert fick två godkända SAML-svar', async () => {
      await page.goto(`${await admin.endpoint('webcert', 'base')}/saml2/authenticate/siths`);
      await expectLoggedIn(page, 'Ajla Doktor');
      expect(await admin.journalCount({ side: 'outbound', fromParty: 'idp', operation: 'eID StartOrder' })).toBe(orders);
      expect(await admin.journalCount({ side: 'inbound', toParty: 'webcert', operation: 'SAML Response', outcome: 'ok' })).toBe(2);
    });
  });
});

test.describe('Net iD i Internet Explorer 11, före 2023-06-30', { tag: ['@login'] }, () => {
  test.use({ topologyConfig: { clock: { mode: 'manual', start: Date.parse('2023-05-15T09:00:00+02:00') } } });

  test('inloggning med kortet via Net iD', async ({ browser, topology }) => {
    const context = await cardBrowserContext(browser, topology, { userAgent: 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko' });
    const page = await context.newPage();
    await steg('Användaren loggar in med kortet via Net iD i Internet Explorer 11', async () => {
      await loginAtIdp(page, topology, 'Net iD (äldre)');
      await expectLoggedIn(page, 'Ajla Doktor');
    });
    await context.close();
  });
});
