/**
 * Reproductions of signing incidents (user forum 2022-05-30 §2, and the failures a region must
 * recognise): what the user sees, and the traffic that explains it, attached to the report.
 */
import type { Page, TestInfo } from '@playwright/test';
import type { Topology } from '../../harness/topology/startTopology.js';
import { readDssServiceMetadata } from '../../simulators/webcert/signing/dssMetadata.js';
import { expect, test } from '../fixtures/topologyFixtures.js';
import { draftReadyToSign, expectSigningFailed } from '../flows/signingSteps.js';

/** Attaches what the user saw and the signing traffic (with Webcert's and the service's notes). */
async function evidence(page: Page, topology: Topology, testInfo: TestInfo, name: string): Promise<void> {
  await testInfo.attach(`${name} – vad användaren ser`, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
  const lines = topology.journal
    .query({ withoutBodies: true })
    .filter((e) => /DSS|SAML|eID|signeringshash/.test(e.operation))
    .map((e) => `${e.side.padEnd(8)} ${e.fromParty} -> ${e.toParty}  ${e.operation}  ${e.outcome}${e.httpStatus ? ` ${e.httpStatus}` : ''}${e.message ? `\n           ${e.message}` : ''}`);
  await testInfo.attach(`${name} – trafiken som förklarar`, { body: lines.join('\n'), contentType: 'text/plain' });
}

test.describe('incidenter vid signering', { tag: ['@sign', '@incident', '@LISJP'] }, () => {
  test('SITHS eID-klienten är inte installerad: användaren får veta varför', async ({ page, topology, journalUser }, testInfo) => {
    const id = await draftReadyToSign(page, topology, journalUser);
    topology.identity!.eidApp.app.configure({ mode: 'notInstalled' });
    await page.getByRole('button', { name: 'Signera intyget' }).click();
    await expect(page.locator('#underskriftstext')).toContainText('Intyg utfärdat för 19121212-1212');
    await topology.clock.advanceBy(10_000); // the app never picks the order up
    await expect(page.locator('#status')).toHaveText('SITHS eID-appen startade inte. Kontrollera att den är installerad.');
    await evidence(page, topology, testInfo, 'eID-klient saknas');
    await page.getByRole('button', { name: 'Avbryt' }).click();
    await expectSigningFailed(page, id);
    const response = topology.journal.query({ side: 'inbound', toParty: 'webcert', operation: 'DSS SignResponse' }).at(-1)!;
    expect(response.message).toContain('user-cancel');
  });

  test('underskriftstjänstens certifikat har gått ut: signeringen misslyckas, trafiken visar varför', async ({ page, topology, journalUser }, testInfo) => {
    const id = await draftReadyToSign(page, topology, journalUser);
    await topology.identity!.signingService.certificateAction('expire');
    await page.getByRole('button', { name: 'Signera intyget' }).click();
    await expectSigningFailed(page, id);
    await evidence(page, topology, testInfo, 'utgånget certifikat');
    const webcertSaw = topology.journal.query({ side: 'inbound', toParty: 'webcert', operation: 'DSS SignResponse' }).at(-1)!;
    expect(webcertSaw.outcome).toBe('error');
    const serviceSaid = topology.journal.query({ fromParty: 'signing-service', operation: 'DSS SignResponse' }).at(-1);
    expect(`${serviceSaid?.message ?? ''} ${webcertSaw.message ?? ''}`).toMatch(/expired|gått ut|GeneralError|not one of the signing service certificates/);
    // The service refused because its own certificate expired; Webcert then refused the answer's signer.
    expect(serviceSaid!.message).toContain('it refuses to sign with an expired certificate');
    expect(webcertSaw.message).toContain('not one of the signing service certificates in the metadata loaded at start-up');
    expect(topology.webcert!.store.get(id)!.status).toBe('DRAFT_COMPLETE');
  });

  test('certifikatet byttes utan att Webcerts metadata uppdaterades: avvisas tills Webcert läser in ny metadata', async ({ page, topology, journalUser }, testInfo) => {
    const id = await draftReadyToSign(page, topology, journalUser);
    const signing = topology.identity!.signingService;
    await signing.certificateAction('rotate');
    await page.getByRole('button', { name: 'Signera intyget' }).click();
    await expectSigningFailed(page, id);
    await evidence(page, topology, testInfo, 'bytt certifikat');
    const webcertSaw = topology.journal.query({ side: 'inbound', toParty: 'webcert', operation: 'DSS SignResponse' }).at(-1)!;
    expect(webcertSaw.message).toContain('not one of the signing service certificates in the metadata loaded at start-up');

    // The fix in production: a new metadata file and a Webcert restart; here, the same configuration step.
    topology.webcert!.configureSigning({ ...topology.webcert!.signingConfig!, service: readDssServiceMetadata(signing.metadataXml()) });
    await page.goto(`${topology.webcert!.url}/certificate/${id}/`);
    await page.getByRole('button', { name: 'Signera intyget' }).click();
    await expect(page.locator('#intygsstatus')).toHaveText('Intyget är signerat', { timeout: 20_000 });
  });

  test('användaren avbryter i eID-appen', async ({ page, topology, journalUser }, testInfo) => {
    const id = await draftReadyToSign(page, topology, journalUser);
    topology.identity!.eidApp.app.configure({ mode: 'cancel' });
    await page.getByRole('button', { name: 'Signera intyget' }).click();
    await expectSigningFailed(page, id);
    await evidence(page, topology, testInfo, 'avbrutet');
    expect(topology.journal.query({ side: 'inbound', toParty: 'webcert', operation: 'DSS SignResponse' }).at(-1)!.message).toContain('user-cancel');
  });

  test('ett manipulerat SignResponse avvisas', async ({ page, topology, journalUser }, testInfo) => {
    const id = await draftReadyToSign(page, topology, journalUser);
    await page.route(`${topology.webcert!.url}/api/signature/signservice/v1/response`, async (route) => {
      const form = new URLSearchParams(route.request().postData() ?? '');
      const xml = Buffer.from(form.get('EidSignResponse')!, 'base64').toString('utf8');
      // Swap the signature value for another one of the same length: the response signature no longer matches.
      const tampered = xml.replace(/(<csig:Base64Signature[^>]*>)([A-Za-z0-9+/]{8})/, (_m, tag: string, head: string) => `${tag}${head.split('').reverse().join('')}`);
      expect(tampered).not.toBe(xml);
      form.set('EidSignResponse', Buffer.from(tampered, 'utf8').toString('base64'));
      await route.continue({ postData: form.toString() });
    });
    await page.getByRole('button', { name: 'Signera intyget' }).click();
    await expectSigningFailed(page, id);
    await evidence(page, topology, testInfo, 'manipulerat svar');
    expect(topology.journal.query({ side: 'inbound', toParty: 'webcert', operation: 'DSS SignResponse' }).at(-1)!.message).toContain('DSS_SIGNATURE_RESPONSE_INVALID');
    expect(topology.webcert!.store.get(id)!.signature).toBeUndefined();
  });
});
