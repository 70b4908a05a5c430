/**
 * Login to Webcert at the SITHS IdP by each method, in Chromium; every SAML Response is also
 * accepted by samlify acting as an independent SP in Webcert's place.
 */
import { expect, steg, test } from '../fixtures/topologyFixtures.js';
import { cardBrowserContext, expectLoggedIn, idpEntityId, loginAtIdp, samlifyReading } from './identitySteps.js';

// samlify checks the assertion's validity against the wall clock, so virtual time starts now.
test.use({ topologyConfig: { clock: { mode: 'manual', start: Date.now() } } });

test.describe('inloggning i Webcert via SITHS IdP', { tag: ['@login'] }, () => {
  for (const method of ['SITHS eID på annan enhet', 'SITHS eID på denna enhet'] as const) {
    test(`${method}: eID-appen godkänner, Webcert loggar in, samlify godkänner svaret`, async ({ page, topology, admin }) => {
      await steg(`Användaren loggar in i Webcert med ${method}`, async () => {
        await loginAtIdp(page, topology, method);
        await expectLoggedIn(page, 'Ajla Doktor');
      });
      await steg('samlify godkänner SAML-svaret som Webcert fick; IdP:n startade en order i eID-appen som signerade på kortet', async () => {
        const reading = await samlifyReading(topology);
        expect(reading.extract.attributes['http://sambi.se/attributes/1/employeeHsaId']).toBe('TSTNMT2321000156-1079');
        const device = method.endsWith('annan enhet') ? 'other-device' : 'same-device';
        expect(reading.samlContent).toContain(`<saml2:AuthnContextClassRef>http://id.sambi.se/loa/loa3</saml2:AuthnContextClassRef>`);
        expect(reading.extract.attributes['urn:identityProviderForSign']).toBe(`${await idpEntityId(topology)}/sign/sithseid-${device}`);
        // The IdP started an order at the eID app, and the app signed the challenge on the card.
        expect(await admin.journalCount({ side: 'outbound', fromParty: 'idp', toParty: 'eid-app', operation: 'eID StartOrder', outcome: 'ok' })).toBe(1);
        expect(await admin.journalCount({ fromParty: 'eid-app', toParty: 'siths-card', outcome: 'ok' })).toBe(1);
      });
    });
  }

  test('SITHS-kort över dubbelriktad TLS: HSA-id läses ur klientcertifikatet', async ({ browser, topology }) => {
    const context = await cardBrowserContext(browser, topology);
    const page = await context.newPage();
    await steg('Användaren loggar in med SITHS-kortet över dubbelriktad TLS', async () => {
      await loginAtIdp(page, topology, 'SITHS-kort på denna enhet');
      await expectLoggedIn(page, 'Ajla Doktor');
    });
    await steg('samlify godkänner SAML-svaret; underskrift hänvisas till IdP:ns kortentitet', async () => {
      const reading = await samlifyReading(topology);
      expect(reading.extract.attributes['urn:identityProviderForSign']).toBe(`${await idpEntityId(topology)}/sign`);
    });
    await context.close();
  });

  test('SITHS-kort utan klientcertifikat: IdP:n säger varför', async ({ browser, topology }) => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await steg('Användaren väljer SITHS-kort utan att ha något klientcertifikat', () => loginAtIdp(page, topology, 'SITHS-kort på denna enhet'));
    await steg('IdP:n säger att inget kort hittades; ingen är inloggad', async () => {
      await expect(page.locator('body')).toContainText(/kort|certifikat/i);
      await expect(page.locator('body')).toContainText('Inget SITHS-kort hittades. Sätt i kortet, välj certifikatet när webbläsaren frågar, och försök igen.');
      await expect(page.locator('#inloggad-som')).toHaveCount(0);
    });
    await context.close();
  });
});

test.describe('Net iD (äldre metod)', { tag: ['@login'] }, () => {
  test('i Chromium efter 2023-06-30 nekas Net iD med en förklaring', async ({ page, topology }) => {
    await steg('Användaren väljer Net iD i Chromium', () => loginAtIdp(page, topology, 'Net iD (äldre)'));
    await steg('IdP:n förklarar att stödet för Net iD upphörde 2023-06-30', () => expect(page.locator('body')).toContainText('Stödet för Net iD upphörde 2023-06-30'));
  });
});
