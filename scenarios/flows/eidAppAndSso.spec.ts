/**
 * The eID app waiting for a person (a PIN typed on the app's page), single sign-on in the same
 * browser, and Net iD as it was before 2023-06-30 in Internet Explorer 11.
 */
import { CARD_PIN } from '../../harness/topology/cardSetup.js';
import { expect, test } from '../fixtures/topologyFixtures.js';
import { cardBrowserContext, expectLoggedIn, loginAtIdp } from './identitySteps.js';

test.describe('eID-appen och SSO', { tag: ['@login'] }, () => {
  test('appen väntar på användaren: PIN-kod i appen, sedan inloggad', async ({ page, context, topology }) => {
    topology.identity!.eidApp.app.configure({ mode: 'manual' });
    await loginAtIdp(page, topology, 'SITHS eID på annan enhet');
    await expect(page.locator('#status')).toContainText('SITHS eID-appen');

    const app = await context.newPage(); // the app on the other device
    await app.goto(topology.identity!.eidApp.endpoints.app!);
    await expect(app.getByRole('heading', { name: 'Legitimering' })).toBeVisible();
    await app.getByLabel('PIN-kod').fill(CARD_PIN);
    await app.getByRole('button', { name: 'Legitimera' }).click();
    await expectLoggedIn(page, 'Ajla Doktor');
  });

  test('SSO: en andra inloggning i samma webbläsare kräver ingen ny legitimering', async ({ page, topology }) => {
    await loginAtIdp(page, topology, 'SITHS eID på annan enhet');
    await expectLoggedIn(page, 'Ajla Doktor');
    const orders = topology.journal.count({ side: 'outbound', fromParty: 'idp', operation: 'eID StartOrder' });
    await page.goto(`${topology.webcert!.url}/saml2/authenticate/siths`);
    await expectLoggedIn(page, 'Ajla Doktor');
    expect(topology.journal.count({ side: 'outbound', fromParty: 'idp', operation: 'eID StartOrder' })).toBe(orders);
    expect(topology.journal.count({ side: 'inbound', toParty: 'webcert', operation: 'SAML Response', outcome: 'ok' })).toBe(2);
  });
});

test.describe('Net iD i Internet Explorer 11, före 2023-06-30', { tag: ['@login'] }, () => {
  test.use({ topologyConfig: { clock: { mode: 'manual', start: Date.parse('2023-05-15T09:00:00+02:00') } } });

  test('inloggning med kortet via Net iD', async ({ browser, topology }) => {
    const context = await cardBrowserContext(browser, topology, { userAgent: 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko' });
    const page = await context.newPage();
    await loginAtIdp(page, topology, 'Net iD (äldre)');
    await expectLoggedIn(page, 'Ajla Doktor');
    await context.close();
  });
});
