/**
 * Reproductions of signing incidents (user forum 2022-05-30 §2, and the failures a region must
 * recognise): what the user sees, and the traffic that explains it, attached to the report.
 */
import type { Page, TestInfo } from '@playwright/test';
import type { AdminClient } from '../fixtures/adminClient.js';
import { expect, steg, test } from '../fixtures/topologyFixtures.js';
import { draftReadyToSign, expectSigningFailed } from '../flows/signingSteps.js';
import { clickAndAwaitLoad, certificatePage } from '../flows/pageWaits.js';

/** The note Webcert wrote on the last DSS SignResponse it received. */
async function lastSignResponse(admin: AdminClient) {
  return admin.lastExchange({ side: 'inbound', toParty: 'webcert', operation: 'DSS SignResponse' });
}

/** Attaches what the user saw and the signing traffic (with Webcert's and the service's notes). */
async function evidence(page: Page, admin: AdminClient, testInfo: TestInfo, name: string): Promise<void> {
  await testInfo.attach(`${name} – vad användaren ser`, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
  const lines = (await admin.journal())
    .filter((e) => /DSS|SAML|eID|signeringshash/.test(e.operation))
    .map((e) => `${e.side.padEnd(8)} ${e.fromParty} -> ${e.toParty}  ${e.operation}  ${e.outcome}${e.httpStatus ? ` ${e.httpStatus}` : ''}${e.message ? `\n           ${e.message}` : ''}`);
  await testInfo.attach(`${name} – trafiken som förklarar`, { body: lines.join('\n'), contentType: 'text/plain' });
}

// Each test may go to whichever worker is free: run one after another on one worker, these five were
// the main job's tail while the other worker had nothing left (docs/decisions/0040-event-driven-waits.md).
// Every test gets a topology as new either way.
test.describe.configure({ mode: 'parallel' });

test.describe('incidenter vid signering', { tag: ['@sign', '@incident', '@LISJP'] }, () => {
  test('SITHS eID-klienten är inte installerad: användaren får veta varför', async ({ page, topology, admin, journalUser }, testInfo) => {
    const id = await steg('Ett LISJP-utkast skapas i journalen, öppnas i Webcert och fylls i', () => draftReadyToSign(page, topology, journalUser));
    await steg('eID-klienten saknas; användaren signerar och väntar', async () => {
      await admin.eidApp({ mode: 'notInstalled' });
      await page.getByRole('button', { name: 'Signera intyget' }).click();
      await expect(page.locator('#underskriftstext')).toContainText('Intyg utfärdat för 19121212-1212');
      await admin.advance(10_000); // the app never picks the order up
    });
    await steg('Sidan säger att SITHS eID-appen inte startade', async () => {
      await expect(page.locator('#status')).toHaveText('SITHS eID-appen startade inte. Kontrollera att den är installerad.');
      await evidence(page, admin, testInfo, 'eID-klient saknas');
    });
    await steg('Användaren avbryter: signeringen misslyckas, Webcert får user-cancel', async () => {
      await page.getByRole('button', { name: 'Avbryt' }).click();
      await expectSigningFailed(page, id);
      const response = await lastSignResponse(admin);
      expect(response.message).toContain('user-cancel');
    });
  });

  test('underskriftstjänstens certifikat har gått ut: signeringen misslyckas, trafiken visar varför', async ({ page, topology, admin, journalUser }, testInfo) => {
    const id = await steg('Ett LISJP-utkast skapas i journalen, öppnas i Webcert och fylls i', () => draftReadyToSign(page, topology, journalUser));
    await steg('Underskriftstjänstens certifikat går ut; användaren signerar och signeringen misslyckas', async () => {
      await admin.signingServiceCertificate('expire');
      await page.getByRole('button', { name: 'Signera intyget' }).click();
      await expectSigningFailed(page, id);
      await evidence(page, admin, testInfo, 'utgånget certifikat');
    });
    await steg('Trafiken visar varför: tjänsten vägrar signera, Webcert avvisar svarets undertecknare; utkastet är osignerat', async () => {
      const webcertSaw = await lastSignResponse(admin);
      expect(webcertSaw.outcome).toBe('error');
      const serviceSaid = (await admin.journal({ fromParty: 'signing-service', operation: 'DSS SignResponse' })).at(-1);
      expect(`${serviceSaid?.message ?? ''} ${webcertSaw.message ?? ''}`).toMatch(/expired|gått ut|GeneralError|not one of the signing service certificates/);
      // The service refused because its own certificate expired; Webcert then refused the answer's signer.
      expect(serviceSaid!.message).toContain('it refuses to sign with an expired certificate');
      expect(webcertSaw.message).toContain('not one of the signing service certificates in the metadata loaded at start-up');
      expect((await admin.certificate(id)).status).toBe('DRAFT_COMPLETE');
    });
  });

  test('certifikatet byttes utan att Webcerts metadata uppdaterades: avvisas tills Webcert läser in ny metadata', async ({ page, topology, admin, journalUser }, testInfo) => {
    const id = await steg('Ett LISJP-utkast skapas i journalen, öppnas i Webcert och fylls i', () => draftReadyToSign(page, topology, journalUser));
    await steg('Underskriftstjänsten byter certifikat; Webcert avvisar svaret med det nya', async () => {
      await admin.signingServiceCertificate('rotate');
      await page.getByRole('button', { name: 'Signera intyget' }).click();
      await expectSigningFailed(page, id);
      await evidence(page, admin, testInfo, 'bytt certifikat');
      const webcertSaw = await lastSignResponse(admin);
      expect(webcertSaw.message).toContain('not one of the signing service certificates in the metadata loaded at start-up');
    });
    await steg('Webcert läser in tjänstens nya metadata; signeringen går igenom', async () => {
      // The fix in production: a new metadata file and a Webcert restart; here, the same configuration step.
      await admin.reloadSigningMetadata();
      await page.goto(`${await admin.endpoint('webcert', 'base')}/certificate/${id}/`);
      await clickAndAwaitLoad(page, page.getByRole('button', { name: 'Signera intyget' }), certificatePage(id), { timeout: 20_000 });
      await expect(page.locator('#intygsstatus')).toHaveText('Intyget är signerat', { timeout: 20_000 });
    });
  });

  test('användaren avbryter i eID-appen', async ({ page, topology, admin, journalUser }, testInfo) => {
    const id = await steg('Ett LISJP-utkast skapas i journalen, öppnas i Webcert och fylls i', () => draftReadyToSign(page, topology, journalUser));
    await steg('Användaren avbryter i eID-appen: signeringen misslyckas, Webcert får user-cancel', async () => {
      await admin.eidApp({ mode: 'cancel' });
      await page.getByRole('button', { name: 'Signera intyget' }).click();
      await expectSigningFailed(page, id);
      await evidence(page, admin, testInfo, 'avbrutet');
      expect((await lastSignResponse(admin)).message).toContain('user-cancel');
    });
  });

  test('ett manipulerat SignResponse avvisas', async ({ page, topology, admin, journalUser }, testInfo) => {
    const id = await steg('Ett LISJP-utkast skapas i journalen, öppnas i Webcert och fylls i', () => draftReadyToSign(page, topology, journalUser));
    const webcertUrl = await admin.endpoint('webcert', 'base');
    await page.route(`${webcertUrl}/api/signature/signservice/v1/response`, async (route) => {
      const form = new URLSearchParams(route.request().postData() ?? '');
      const xml = Buffer.from(form.get('EidSignResponse')!, 'base64').toString('utf8');
      // Swap the signature value for another one of the same length: the response signature no longer matches.
      const tampered = xml.replace(/(<csig:Base64Signature[^>]*>)([A-Za-z0-9+/]{8})/, (_m, tag: string, head: string) => `${tag}${head.split('').reverse().join('')}`);
      expect(tampered).not.toBe(xml);
      form.set('EidSignResponse', Buffer.from(tampered, 'utf8').toString('base64'));
      await route.continue({ postData: form.toString() });
    });
    await steg('Ett manipulerat SignResponse avvisas av Webcert; utkastet har ingen signatur', async () => {
      await page.getByRole('button', { name: 'Signera intyget' }).click();
      await expectSigningFailed(page, id);
      await evidence(page, admin, testInfo, 'manipulerat svar');
      expect((await lastSignResponse(admin)).message).toContain('DSS_SIGNATURE_RESPONSE_INVALID');
      expect((await admin.certificate(id)).signature).toBeUndefined();
    });
  });
});
