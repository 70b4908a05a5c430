/**
 * The whole chain in Chromium: launch from the journal system, SAML login at the SITHS IdP with
 * the eID app, fill an LISJP draft, sign it through the signing service (sign-time login, card
 * signature, ECDSA signer certificate), and the journal system receives SKAPAT, ANDRAT, SIGNAT.
 */
import { readCertificate } from '../../simulators/kit/pki/certificateInfo.js';
import { expect, steg, test } from '../fixtures/topologyFixtures.js';
import { verifySignedCertificate } from './messageChecks.js';
import { createLisjpDraft, settle } from './statusFlowSteps.js';
import { fillLisjp, launchFromJournal } from './webcertPages.js';
import { expectUrl, clickAndAwaitLoad, certificatePage } from './pageWaits.js';

test.describe('signering med SITHS eID-appen och underskriftstjänsten', { tag: ['@sign', '@login', '@launch', '@LISJP'] }, () => {
  test('start från journalen → inloggning → LISJP → signering: signaturen verifieras, journalen får SKAPAT, ANDRAT, SIGNAT', async ({ page, topology, admin, journalUser }) => {
    const id = await steg('Journalsystemet skapar ett LISJP-utkast', () => createLisjpDraft(journalUser, undefined, 'vk-sign-1'));
    await steg('Utkastet öppnas från journalen; användaren loggar in med eID-appen och fyller i det', async () => {
      await launchFromJournal(page, topology, id, { enhet: 'TSTNMT2321000156-INT2' });
      // Not logged in: Webcert sends the browser to the IdP, then back to the launch.
      await page.getByRole('button', { name: /^SITHS eID på annan enhet/ }).click();
      await expectUrl(page, certificatePage(id));
      await fillLisjp(page);
      await settle(topology, 6 * 60_000); // the autosave's ANDRAT leaves at the next 5-minute tick
    });

    await steg('Användaren signerar: signaturen verifieras, undertecknaren är läkarens EC-certifikat', async () => {
      await clickAndAwaitLoad(page, page.getByRole('button', { name: 'Signera intyget' }), certificatePage(id), { timeout: 20_000 });
      await expect(page.locator('#intygsstatus')).toHaveText('Intyget är signerat', { timeout: 20_000 });

      const c = (await admin.certificate(id));
      expect(verifySignedCertificate(c.signature!.document, c.signature!.xml)).toMatchObject({ valid: true });
      const signer = readCertificate(c.signature!.signerCertificatePem);
      expect(signer.subjectSerialNumber).toBe('TSTNMT2321000156-1079');
      expect(signer.publicKey.asymmetricKeyType).toBe('ec');
      expect(c.signature!.xml).toContain('http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256');
      await expect(page.locator('#signatur')).toContainText('Signerat av: Ajla Doktor');
    });

    await steg('Journalsystemet får SKAPAT, ANDRAT och SIGNAT; kortet signerade vid inloggning och underskrift', async () => {
      await settle(topology, 10 * 60_000);
      expect((await admin.statusUpdates({ certificateId: id })).map((u) => u.eventCode)).toEqual(['SKAPAT', 'ANDRAT', 'SIGNAT']);
      expect((await admin.statusUpdates({ certificateId: id, eventCode: 'SIGNAT' }))[0]).toMatchObject({ ref: 'vk-sign-1', handledBy: 'TSTNMT2321000156-1079' });
      // The sign-time authentication went to the IdP's sign entity and the card signed there too.
      expect(await admin.journalCount({ side: 'inbound', toParty: 'webcert', operation: 'DSS SignResponse', outcome: 'ok' })).toBe(1);
      expect(await admin.journalCount({ fromParty: 'eid-app', toParty: 'siths-card', outcome: 'ok' })).toBe(2);
    });
  });
});
