/**
 * CreateDraftCertificate v3 and Webcert's uniqueness rules for dödsbevis (DB, unique per patient
 * nationally) and dödsorsaksintyg (DOI, unique within the care provider), with Webcert's texts:
 * ERROR within the care provider (same unit or another), and for DB also from another care
 * provider once signed; INFO when the earlier draft (or DOI) belongs to another care provider.
 * Three journal users: one on each of the region's two units, one at a private care provider.
 */
import { requireSchemaRoot } from '../../simulators/kit/contracts/schemaRoot.js';
import type { JournalUser } from '../../simulators/journal/launch/journalUser.js';
import { defaultDirectory } from '../../harness/topology/defaultDirectory.js';
import type { AdminClient } from '../fixtures/adminClient.js';
import { expect, steg, test, type JournalUserIdentity } from '../fixtures/topologyFixtures.js';
import { invalidMessages } from './messageChecks.js';

const schemaRoot = requireSchemaRoot();
const TOLVAN = { personId: '191212121212', fornamn: 'Tolvan', efternamn: 'Tolvansson' };

type Directory = ReturnType<typeof defaultDirectory>;
const PRIVATE_UNIT: Directory['careUnits'][number] = {
  hsaId: 'TSTNMT2321000156-PRIV', name: 'Privatkliniken Annanstans', arbetsplatskod: '5555555555', postadress: 'Annangatan 9',
  postnummer: '54321', postort: 'Annanstad', telefonnummer: '0105555555', careProvider: { hsaId: 'TSTNMT2321000156-PRVG', name: 'Privatvård AB' },
};
const PRIVATE_DOCTOR: Directory['staff'][number] = {
  hsaId: 'TSTNMT2321000156-1200', fullName: 'Otto Privatläkare', commissions: [PRIVATE_UNIT.hsaId], role: 'LAKARE',
};

function directoryWithPrivateCareProvider() {
  const directory = defaultDirectory();
  directory.careUnits.push(PRIVATE_UNIT);
  directory.staff.push(PRIVATE_DOCTOR);
  return directory;
}

test.use({ topologyConfig: { directory: directoryWithPrivateCareProvider() } });

/** A journal user (doctor Ajla Doktor unless told) creating drafts on `unit`. */
function userOn(journalUserFor: (identity: JournalUserIdentity) => Promise<JournalUser>, unit: { hsaId: string; name: string }, doctor = { hsaId: 'TSTNMT2321000156-1079', fullName: 'Ajla Doktor' }): Promise<JournalUser> {
  return journalUserFor({ user: doctor, unit });
}

const ACUTE = { hsaId: 'TSTNMT2321000156-1077', name: 'Akutmottagningen Testby' };
const PRIVATE = { hsaId: PRIVATE_UNIT.hsaId, name: PRIVATE_UNIT.name };
const privateDoctor = { hsaId: PRIVATE_DOCTOR.hsaId, fullName: PRIVATE_DOCTOR.fullName };

/** Signs a draft in Webcert (the rules only look at the status): saved, marked ready, signed. */
async function signInWebcert(admin: AdminClient, id: string): Promise<void> {
  await admin.act(id, 'save', { by: 'TSTNMT2321000156-1079', answers: [{ id: '1', delsvar: [{ id: '1.1', value: 'Körkort' }] }] });
  await admin.act(id, 'ready', { by: 'TSTNMT2321000156-1079' });
  await admin.act(id, 'sign', { by: 'TSTNMT2321000156-1079' });
}

/** Every CreateDraftCertificate request and answer (OK, INFO and ERROR alike) is valid against the real XSD. */
async function expectValidCreateDraftMessages(admin: AdminClient): Promise<void> {
  const exchanges = await admin.journal({ operation: 'CreateDraftCertificate' }, { bodies: true });
  expect(exchanges.length).toBeGreaterThanOrEqual(4);
  expect(invalidMessages(exchanges, schemaRoot)).toEqual([]);
}

const idOf = (outcome: unknown) => (outcome as { certificateId: string }).certificateId;

test.describe('CreateDraftCertificate: unika intyg som i Webcert', { tag: ['@create-draft', '@lifecycle'] }, () => {
  test('dödsbevisutkast: ERROR på samma och annan enhet inom vårdgivaren, INFO från annan vårdgivare', { tag: ['@DB'] }, async ({ admin, journalUser, journalUserFor }) => {
    await steg('Dödsbevisutkast skapas på samma enhet, annan enhet och hos annan vårdgivare: ERROR, ERROR, INFO', async () => {
      expect(await journalUser.createDraft({ typeCode: 'DB', patient: TOLVAN })).toMatchObject({ resultCode: 'OK' });
      expect(await journalUser.createDraft({ typeCode: 'DB', patient: TOLVAN })).toMatchObject({
        resultCode: 'ERROR', errorId: 'APPLICATION_ERROR',
        resultText: 'Det finns ett utkast på dödsbevis för detta personnummer. Du kan inte skapa ett nytt utkast men kan däremot välja att fortsätta med det befintliga utkastet.',
      });
      expect(await (await userOn(journalUserFor, ACUTE)).createDraft({ typeCode: 'DB', patient: TOLVAN })).toMatchObject({
        resultCode: 'ERROR', errorId: 'APPLICATION_ERROR',
        resultText: 'Det finns ett utkast på dödsbevis för detta personnummer på annan vårdenhet. Du kan inte skapa ett nytt utkast men kan däremot välja att fortsätta med det befintliga utkastet.',
      });
      const elsewhere = await (await userOn(journalUserFor, PRIVATE, privateDoctor)).createDraft({ typeCode: 'DB', patient: TOLVAN });
      expect(elsewhere).toMatchObject({
        kind: 'answer', resultCode: 'INFO', unitHsaId: PRIVATE_UNIT.hsaId,
        resultText: 'Det finns ett utkast på dödsbevis för detta personnummer hos annan vårdgivare. Senast skapade dödsbevis är det som gäller. Om du fortsätter och lämnar in dödsbeviset så blir det därför detta dödsbevis som gäller.',
      });
      expect(idOf(elsewhere)).toMatch(/^[0-9a-f-]{36}$/);
      expect((await admin.certificates({ typeCode: 'DB' })).map((c) => c.unit.hsaId)).toEqual(['TSTNMT2321000156-INT2', PRIVATE_UNIT.hsaId]);
    });
    await steg('Varje CreateDraftCertificate-anrop och svar är schemavalidt', () => expectValidCreateDraftMessages(admin));
  });

  test('signerat dödsbevis: ERROR överallt, även hos annan vårdgivare; efter makulering går det igen', { tag: ['@DB'] }, async ({ admin, journalUser, journalUserFor }) => {
    await steg('Ett dödsbevis signeras; nya utkast nekas överallt; efter makulering går det igen', async () => {
      const db = idOf(await journalUser.createDraft({ typeCode: 'DB', patient: TOLVAN }));
      await signInWebcert(admin, db);
      expect(await journalUser.createDraft({ typeCode: 'DB', patient: TOLVAN })).toMatchObject({
        resultCode: 'ERROR', errorId: 'APPLICATION_ERROR',
        resultText: 'Det finns ett signerat dödsbevis för detta personnummer. Du kan inte skapa ett nytt dödsbevis men kan däremot välja att ersätta det befintliga dödsbeviset.',
      });
      expect(await (await userOn(journalUserFor, ACUTE)).createDraft({ typeCode: 'DB', patient: TOLVAN })).toMatchObject({
        resultCode: 'ERROR',
        resultText: 'Det finns ett signerat dödsbevis för detta personnummer på annan vårdenhet. Du kan inte skapa ett nytt dödsbevis men kan däremot välja att ersätta det befintliga dödsbeviset.',
      });
      expect(await (await userOn(journalUserFor, PRIVATE, privateDoctor)).createDraft({ typeCode: 'DB', patient: TOLVAN })).toMatchObject({
        resultCode: 'ERROR', errorId: 'APPLICATION_ERROR',
        resultText: 'Det finns ett signerat dödsbevis för detta personnummer hos annan vårdgivare. Det är inte möjligt att skapa ett nytt dödsbevis.',
      });
      await admin.act(db, 'revoke', { by: 'TSTNMT2321000156-1079' });
      expect(await journalUser.createDraft({ typeCode: 'DB', patient: TOLVAN })).toMatchObject({ resultCode: 'OK' });
    });
    await steg('Varje CreateDraftCertificate-anrop och svar är schemavalidt', () => expectValidCreateDraftMessages(admin));
  });

  test('dödsorsaksintyg: INFO utan dödsbevis, unikt inom vårdgivaren, INFO när det finns hos annan vårdgivare', { tag: ['@DOI'] }, async ({ admin, journalUser, journalUserFor }) => {
    await steg('Dödsorsaksintyg skapas före och efter dödsbeviset, inom och utanför vårdgivaren', async () => {
      const first = await journalUser.createDraft({ typeCode: 'DOI', patient: TOLVAN });
      expect(first).toMatchObject({
        resultCode: 'INFO',
        resultText: 'Det finns inget dödsbevis i nuläget inom vårdgivaren. Dödsorsaksintyget bör alltid skapas efter dödsbeviset.',
      });
      expect(await (await userOn(journalUserFor, ACUTE)).createDraft({ typeCode: 'DOI', patient: TOLVAN })).toMatchObject({
        resultCode: 'ERROR', errorId: 'APPLICATION_ERROR',
        resultText: 'Det finns ett utkast på dödsorsaksintyg för detta personnummer på annan vårdenhet. Du kan inte skapa ett nytt utkast men kan däremot välja att fortsätta med det befintliga utkastet.',
      });
      await signInWebcert(admin, idOf(first));
      await signInWebcert(admin, idOf(await journalUser.createDraft({ typeCode: 'DB', patient: TOLVAN })));
      expect(await journalUser.createDraft({ typeCode: 'DOI', patient: TOLVAN })).toMatchObject({
        resultCode: 'ERROR',
        resultText: 'Det finns ett signerat dödsorsaksintyg för detta personnummer. Du kan inte skapa ett nytt dödsorsaksintyg men kan däremot välja att ersätta det befintliga dödsorsaksintyget.',
      });
      expect(await (await userOn(journalUserFor, PRIVATE, privateDoctor)).createDraft({ typeCode: 'DOI', patient: TOLVAN })).toMatchObject({
        kind: 'answer', resultCode: 'INFO', unitHsaId: PRIVATE_UNIT.hsaId,
        resultText: 'Det finns ett signerat dödsorsaksintyg för detta personnummer hos annan vårdgivare. Senast skapade dödsorsaksintyg är det som gäller. Om du fortsätter och lämnar in dödsorsaksintyget så blir det därför detta dödsorsaksintyg som gäller.',
      });
    });
    await steg('Varje CreateDraftCertificate-anrop och svar är schemavalidt', () => expectValidCreateDraftMessages(admin));
  });

  test('LISJP har ingen sådan regel: ett andra utkast, även hos annan vårdgivare, är OK', { tag: ['@LISJP'] }, async ({ journalUser, journalUserFor }) => {
    await steg('Tre LISJP-utkast för samma patient, två på samma enhet och ett hos annan vårdgivare: alla OK utan text', async () => {
      for (const user of [journalUser, journalUser, await userOn(journalUserFor, PRIVATE, privateDoctor)]) {
        const outcome = await user.createDraft({ typeCode: 'LISJP', patient: TOLVAN });
        expect(outcome).toMatchObject({ kind: 'answer', resultCode: 'OK' });
        expect(outcome).not.toHaveProperty('resultText');
      }
    });
  });
});
