/**
 * LISJP, dödsbevis and dödsorsaksintyg through the whole chain in Chromium, as signing.spec.ts
 * does for the first slice: CreateDraftCertificate from the journal, launch, SAML login at the
 * SITHS IdP with the eID app, the full form filled in, signature through the signing service
 * (sign-time login, card signature, ECDSA signer certificate). The signature verifies, the journal
 * gets SKAPAT, ANDRAT, SIGNAT, and every message is valid against the real XSD.
 */
import { requireSchemaRoot } from '../../simulators/kit/contracts/schemaRoot.js';
import { readCertificate } from '../../simulators/kit/pki/certificateInfo.js';
import { expect, steg, test } from '../fixtures/topologyFixtures.js';
import { invalidMessages, validateAsRegisterCertificate, verifySignedCertificate } from './messageChecks.js';
import { settle } from './statusFlowSteps.js';
import { fillTypeForm } from './typeForms.js';
import { launchFromJournal } from './webcertPages.js';
import { expectUrl, clickAndAwaitLoad, certificatePage } from './pageWaits.js';

const schemaRoot = requireSchemaRoot();
const HANS = { personId: '195206172339', fornamn: 'Hans', efternamn: 'Persson' };

test.describe('signering genom underskriftstjänsten per intygstyp', { tag: ['@sign', '@login', '@lifecycle'] }, () => {

  for (const typeCode of ['LISJP', 'DB', 'DOI']) {
    test(`${typeCode}: start från journalen → inloggning med eID-appen → formuläret → signering med kortet`, { tag: [`@${typeCode}`] }, async ({ page, topology, admin, journalUser }) => {
      test.setTimeout(180_000);
      const id = await steg(`Journalsystemet skapar ett ${typeCode}-utkast`, async () => {
        const outcome = await journalUser.createDraft({ typeCode, patient: HANS, ref: `vk-sign-${typeCode}` });
        expect(outcome).toMatchObject({ kind: 'answer', resultCode: typeCode === 'DOI' ? 'INFO' : 'OK' });
        return (outcome as { certificateId: string }).certificateId;
      });
      await steg('Utkastet öppnas från journalen; användaren loggar in med eID-appen och fyller i formuläret', async () => {
        await launchFromJournal(page, topology, id, { enhet: 'TSTNMT2321000156-INT2' });
        await page.getByRole('button', { name: /^SITHS eID på annan enhet/ }).click();
        await expectUrl(page, certificatePage(id));
        await fillTypeForm(page, typeCode);
        await settle(topology, 6 * 60_000); // the autosave's ANDRAT leaves at the next 5-minute tick
      });

      await steg('Användaren signerar med kortet; signaturen verifieras och intyget är schemavalidt', async () => {
        await clickAndAwaitLoad(page, page.getByRole('button', { name: 'Signera intyget' }), certificatePage(id), { timeout: 30_000 });
        await expect(page.locator('#intygsstatus')).toHaveText('Intyget är signerat', { timeout: 30_000 });
        await expect(page.locator('#signatur')).toContainText('Signerat av: Ajla Doktor');

        const c = (await admin.certificate(id));
        expect(verifySignedCertificate(c.signature!.document, c.signature!.xml)).toMatchObject({ valid: true });
        expect(readCertificate(c.signature!.signerCertificatePem).publicKey.asymmetricKeyType).toBe('ec');
        expect(validateAsRegisterCertificate(c.signature!.document, schemaRoot)).toEqual({ valid: true, errors: [] });
      });

      await steg('Journalsystemet får sina händelser; alla meddelanden på tråden är schemavalida', async () => {
        await settle(topology, 10 * 60_000);
        // DB and DOI go to Skatteverket / Socialstyrelsen the moment they are signed: SKICKA.
        const events = ['SKAPAT', 'ANDRAT', 'SIGNAT', ...(typeCode === 'LISJP' ? [] : ['SKICKA'])];
        expect((await admin.statusUpdates({ certificateId: id })).map((u) => u.eventCode)).toEqual(events);
        expect(await admin.journalCount({ side: 'inbound', toParty: 'webcert', operation: 'DSS SignResponse', outcome: 'ok' })).toBe(1);
        expect(invalidMessages(await admin.journal({}, { bodies: true }), schemaRoot)).toEqual([]);
      });
    });
  }
});
