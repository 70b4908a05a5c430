/**
 * The ten certificate types of the user forum's statistics, each through the same path in
 * Chromium: CreateDraftCertificate v3 from the journal, deep-integration launch with Webcert's
 * fake login, the type's form filled in, fake signing. What crosses the wire is valid against the
 * real schemas: CreateDraftCertificate request and answer, every status update (carrying the
 * certificate's answers), and the signed `intyg` as RegisterCertificate v3 carries it.
 */
import { requireSchemaRoot } from '../../simulators/kit/contracts/schemaRoot.js';
import { expect, steg, test } from '../fixtures/topologyFixtures.js';
import { invalidMessages, svarIds, validateAsRegisterCertificate, verifySignedCertificate } from './messageChecks.js';
import { settle } from './statusFlowSteps.js';
import { fillTypeForm } from './typeForms.js';
import { fakeLogin, launchFromJournal } from './webcertPages.js';
import { expectUrl, clickAndAwaitLoad, certificatePage } from './pageWaits.js';

const schemaRoot = requireSchemaRoot();
const TOLVAN = { personId: '191212121212', fornamn: 'Tolvan', efternamn: 'Tolvansson' };

/** The ten types of the user forum's statistics (April/May 2022). */
const FORUM_STATISTICS_TYPES = ['AG1-14', 'AG7804', 'DB', 'DOI', 'LISJP', 'LUAE_FS', 'LUAE_NA', 'LUSE', 'TSTRK1007', 'TSTRK1031'];
/** Of those, the types Webcert sends to their recipient the moment they are signed (SIGNERA_SKICKA_DIREKT). */
const SENT_ON_SIGNING = new Set(['DB', 'DOI']);

/** The answers each type's filled form sends (svar id, `#instans`), in Webcert's order. */
const EXPECTED_SVAR: Record<string, string[]> = {
  LISJP: ['1#1', '28#1', '29', '6', '35', '17', '32#1', '39', '40#1'],
  AG7804: ['1#1', '28#1', '29', '100', '6', '35', '17', '32#1', '39', '40#1'],
  'AG1-14': ['10#1', '1#1', '2', '3', '5', '6', '7'],
  DB: ['1', '2', '3', '4', '5', '6', '7'],
  DOI: ['1', '2', '3', '4', '8', '9#1', '11', '12', '13'],
  LUSE: ['1#1', '2', '3', '5', '6', '7', '45', '9', '17', '22'],
  LUAE_NA: ['1#1', '2', '3', '5', '6', '7', '45', '9', '17', '22'],
  LUAE_FS: ['1#1', '2', '3', '6', '15', '16'],
  TSTRK1007: ['1#1', '2', '3', '4', '5', '6', '7', '8', '10', '12', '14', '15', '16', '17', '20', '21', '22', '23', '24', '25', '26', '27', '28', '29', '30', '31', '33#1'],
  TSTRK1031: ['1#1', '2', '205', '35', '18', '207', '206', '33#1'],
};

test.describe('de tio intygstyperna i forumets statistik', { tag: ['@lifecycle', '@create-draft', '@sign'] }, () => {

  for (const typeCode of FORUM_STATISTICS_TYPES) {
    test(`${typeCode}: skapas med CreateDraftCertificate, fylls i och signeras; varje meddelande är schemavalidt`, { tag: [`@${typeCode}`] }, async ({ page, topology, admin, journalUser }) => {
      test.setTimeout(180_000);
      const id = await steg(`Journalsystemet skapar ett ${typeCode}-utkast med CreateDraftCertificate`, async () => {
        const outcome = await journalUser.createDraft({ typeCode, patient: TOLVAN, ref: `vk-${typeCode}` });
        // Webcert warns (INFO) about a DOI without a dödsbevis; every other type is plain OK here.
        expect(outcome).toMatchObject(typeCode === 'DOI'
          ? { kind: 'answer', resultCode: 'INFO', resultText: 'Det finns inget dödsbevis i nuläget inom vårdgivaren. Dödsorsaksintyget bör alltid skapas efter dödsbeviset.' }
          : { kind: 'answer', resultCode: 'OK' });
        return (outcome as { certificateId: string }).certificateId;
      });

      await steg('Utkastet öppnas från journalen, fylls i och signeras i Webcert', async () => {
        await fakeLogin(page, topology);
        await launchFromJournal(page, topology, id, { enhet: 'TSTNMT2321000156-INT2' });
        await expectUrl(page, certificatePage(id));
        await fillTypeForm(page, typeCode);
        await clickAndAwaitLoad(page, page.getByRole('button', { name: 'Signera intyget' }), certificatePage(id));
        await expect(page.locator('#intygsstatus')).toHaveText('Intyget är signerat');
      });

      await steg('Journalsystemet får SKAPAT och SIGNAT med intygets svar; varje meddelande är schemavalidt och signaturen håller', async () => {
        await settle(topology, 10 * 60_000);
        const updates = (await admin.statusUpdates({ certificateId: id }));
        // DB and DOI go to their recipient the moment they are signed (SIGNERA_SKICKA_DIREKT): SKICKA.
        const sentOnSigning = SENT_ON_SIGNING.has(typeCode);
        expect(updates.map((u) => u.eventCode)).toEqual(sentOnSigning ? ['SKAPAT', 'SIGNAT', 'SKICKA'] : ['SKAPAT', 'SIGNAT']);
        expect(updates[1]).toMatchObject({ typeCode, ref: `vk-${typeCode}` });
        expect(svarIds(updates[1]!.xml)).toEqual(EXPECTED_SVAR[typeCode]);

        expect(invalidMessages(await admin.journal({}, { bodies: true }), schemaRoot)).toEqual([]);
        const signed = (await admin.certificate(id)).signature!;
        expect(validateAsRegisterCertificate(signed.document, schemaRoot)).toEqual({ valid: true, errors: [] });
        expect(verifySignedCertificate(signed.document, signed.xml)).toMatchObject({ valid: true });
      });
    });
  }
});
