/**
 * The two error redirects of the deep-integration launch (webcert-surfaces.md §3.1) that need a
 * party behind Webcert to misbehave: `auth-exception-subscription` (the subscription check after
 * login, against the subscription source that ServiceNow is in production) and `unknown` (a
 * failure Webcert does not handle: intyg-proxy-service answering PU's lookup with an HTTP error).
 * Observed as a user and the journal system see them: the URL and text of Webcert's error page, and
 * the launch and the login in the traffic journal through the admin API.
 */
import type { Browser, Page } from '@playwright/test';
import type { Topology } from '../../harness/topology/startTopology.js';
import { expect, test } from '../fixtures/topologyFixtures.js';
import { expectErrorPage, WEBCERT_TEXTS } from './patientSteps.js';
import { admin, exchanges, TOLVAN, UNIT } from './sendSteps.js';
import { createLisjpDraft } from './statusFlowSteps.js';
import { fakeLogin, launchFromJournal } from './webcertPages.js';
import { expectUrl, certificatePage } from './pageWaits.js';

test.use({ topologyConfig: { admin: {} } });
// Each test takes a user through the IdP login or the launch, some twice.
test.slow();

/** The care provider of the default units (Region Testland). */
const REGION_TESTLAND = 'TSTNMT2321000156-1002';

/** Webcert's AuthorizationProblemSubscription page, as it reads. */
const SUBSCRIPTION_PAGE = {
  title: 'Abonnemang saknas för Webcert',
  text: 'För att kunna skapa konto behöver du först teckna kundavtal med Inera och beställa abonnemang för Webcert. Läs mer om Webcert och hur du beställer abonnemang på Ineras webbplats. När du beställt abonnemang återvänder du till den här sidan för att skapa ditt konto i Webcert.',
};

/** A fresh browser that starts the draft from the journal, not logged in, and logs in with the eID app. */
async function launchAndLogIn(browser: Browser, topology: Topology, id: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await launchFromJournal(page, topology, id, { enhet: UNIT });
  // Not logged in: Webcert sends the browser to the IdP; the login decides where it ends.
  await page.getByRole('button', { name: /^SITHS eID på annan enhet/ }).click();
  return page;
}

/** Webcert's SAML logins (the ACS) in the traffic journal, oldest first. */
async function samlLogins(topology: Topology) {
  return exchanges(topology, { side: 'inbound', toParty: 'webcert', operation: 'SAML Response' });
}

test.describe('startens felsidor: abonnemang och oväntat fel', { tag: ['@launch', '@login', '@LISJP'] }, () => {
  test('dagens Webcert: en start från journalen kontrolleras inte mot abonnemang, även när vårdgivaren saknar ett', async ({ browser, topology, journalUser }) => {
    const id = await createLisjpDraft(journalUser, undefined, 'vk-abonnemang-1');
    expect(await admin(topology, '/webcert/subscriptions', { method: 'PUT', body: { careProvidersWithoutSubscription: [REGION_TESTLAND] } })).toEqual({
      careProvidersWithoutSubscription: [REGION_TESTLAND],
      check: 'standalone',
    });
    const page = await launchAndLogIn(browser, topology, id);
    await expectUrl(page, certificatePage(id));
    await expect(page.locator('#patient')).toHaveText('Tolvan Tolvansson – 19121212-1212');
    const [login] = await samlLogins(topology);
    expect(login).toMatchObject({ outcome: 'ok' });
    await page.context().close();
  });

  test('abonnemangskrav för alla inloggningar (SUBSCRIPTION_REQUIRED): vårdgivaren utan abonnemang → auth-exception-subscription; utan svar från abonnemangstjänsten släpps användaren in', async ({ browser, topology, journalUser }) => {
    const id = await createLisjpDraft(journalUser, undefined, 'vk-abonnemang-2');
    await admin(topology, '/webcert/subscriptions', { method: 'PUT', body: { careProvidersWithoutSubscription: [REGION_TESTLAND], check: 'all-logins' } });

    const refused = await launchAndLogIn(browser, topology, id);
    await expectErrorPage(refused, 'auth-exception-subscription', SUBSCRIPTION_PAGE.title, SUBSCRIPTION_PAGE.text);
    const [launch] = await exchanges(topology, { operation: 'Djupintegrationsstart', certificateId: id });
    expect(launch?.message, 'the launch itself sent the browser to the login').toMatch(/POST launch → \/saml2\/authenticate\/siths$/);
    const [login] = await samlLogins(topology);
    expect(login).toMatchObject({ outcome: 'error', httpStatus: 303 });
    expect(login!.message).toContain(`every care provider of the user (${REGION_TESTLAND}) lacks a Webcert subscription`);
    await refused.context().close();

    // The subscription service cannot be asked: Webcert logs it and lets the user in.
    await admin(topology, '/faults', { body: { party: 'webcert', operation: 'ServiceNowSubscription', effect: { kind: 'reset' }, times: 1 } });
    const admitted = await launchAndLogIn(browser, topology, id);
    await expectUrl(admitted, certificatePage(id));
    expect((await samlLogins(topology)).map((e) => e.outcome)).toEqual(['error', 'ok']);
    await admitted.context().close();
  });

  test('intyg-proxy-service svarar med ett HTTP-fel på PU-uppslaget vid start → unknown; nästa start går igenom', async ({ browser, topology, journalUser }) => {
    const id = await createLisjpDraft(journalUser, undefined, 'vk-okant-fel');
    await admin(topology, '/faults', {
      body: { party: 'webcert', operation: 'GetPerson', match: { personId: TOLVAN.personId }, effect: { kind: 'httpStatus', status: 502, body: '<html><body>Proxy Error</body></html>' }, times: 1 },
    });
    const page = await (await browser.newContext()).newPage();
    await fakeLogin(page, topology);
    await launchFromJournal(page, topology, id, { enhet: UNIT });
    await expectErrorPage(page, 'unknown', 'Intyget kunde inte visas', WEBCERT_TEXTS.puProblemPage);
    const [failed] = await exchanges(topology, { operation: 'Djupintegrationsstart', certificateId: id });
    expect(failed).toMatchObject({ outcome: 'error', httpStatus: 303 });
    expect(failed!.message).toMatch(/POST launch → \/error\?reason=unknown \(unexpected failure: intyg-proxy-service answered HTTP 502/);
    await page.context().close();

    // The proxy answers again: the same launch in a new session opens the draft.
    const again = await (await browser.newContext()).newPage();
    await fakeLogin(again, topology);
    await launchFromJournal(again, topology, id, { enhet: UNIT });
    await expectUrl(again, certificatePage(id));
    await again.context().close();
  });
});
