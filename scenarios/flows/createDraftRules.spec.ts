/**
 * CreateDraftCertificate v3 and Webcert's uniqueness rules for dödsbevis (DB, unique per patient
 * nationally) and dödsorsaksintyg (DOI, unique within the care provider), with Webcert's texts:
 * ERROR within the care provider (same unit or another), and for DB also from another care
 * provider once signed; INFO when the earlier draft (or DOI) belongs to another care provider.
 * Three journal users: one on each of the region's two units, one at a private care provider.
 */
import { requireSchemaRoot } from '../../simulators/kit/contracts/schemaRoot.js';
import { JournalUser } from '../../simulators/journal/launch/journalUser.js';
import type { CareUnit, StaffMember } from '../../simulators/webcert/model/certificate.js';
import { defaultDirectory } from '../../harness/topology/defaultDirectory.js';
import type { Topology } from '../../harness/topology/startTopology.js';
import { expect, test } from '../fixtures/topologyFixtures.js';
import { invalidMessages } from './messageChecks.js';

const schemaRoot = requireSchemaRoot();
const TOLVAN = { personId: '191212121212', fornamn: 'Tolvan', efternamn: 'Tolvansson' };

const PRIVATE_UNIT: CareUnit = {
  hsaId: 'TSTNMT2321000156-PRIV', name: 'Privatkliniken Annanstans', arbetsplatskod: '5555555555', postadress: 'Annangatan 9',
  postnummer: '54321', postort: 'Annanstad', telefonnummer: '0105555555', careProvider: { hsaId: 'TSTNMT2321000156-PRVG', name: 'Privatvård AB' },
};
const PRIVATE_DOCTOR: StaffMember = {
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
function userOn(topology: Topology, unit: { hsaId: string; name: string }, doctor = { hsaId: 'TSTNMT2321000156-1079', fullName: 'Ajla Doktor' }): JournalUser {
  return new JournalUser({ clock: topology.clock, journal: topology.journal, createDraftUrl: topology.webcert!.endpoints.createDraftCertificate!, user: doctor, unit });
}

const ACUTE = { hsaId: 'TSTNMT2321000156-1077', name: 'Akutmottagningen Testby' };
const PRIVATE = { hsaId: PRIVATE_UNIT.hsaId, name: PRIVATE_UNIT.name };
const privateDoctor = { hsaId: PRIVATE_DOCTOR.hsaId, fullName: PRIVATE_DOCTOR.fullName };

/** Signs a draft in Webcert as if the form were complete (the rules only look at the status). */
function signInWebcert(topology: Topology, id: string): void {
  topology.webcert!.store.save(id, [{ id: '1', delsvar: [{ id: '1.1', value: 'Körkort' }] }], { complete: true });
  topology.webcert!.store.sign(id, 'TSTNMT2321000156-1079');
}

/** Every CreateDraftCertificate request and answer (OK, INFO and ERROR alike) is valid against the real XSD. */
function expectValidCreateDraftMessages(topology: Topology): void {
  const exchanges = topology.journal.query({ operation: 'CreateDraftCertificate' });
  expect(exchanges.length).toBeGreaterThanOrEqual(4);
  expect(invalidMessages(exchanges, schemaRoot)).toEqual([]);
}

const idOf = (outcome: unknown) => (outcome as { certificateId: string }).certificateId;

test.describe('CreateDraftCertificate: unika intyg som i Webcert', { tag: ['@create-draft', '@lifecycle'] }, () => {
  test('dödsbevisutkast: ERROR på samma och annan enhet inom vårdgivaren, INFO från annan vårdgivare', { tag: ['@DB'] }, async ({ topology, journalUser }) => {
    expect(await journalUser.createDraft({ typeCode: 'DB', patient: TOLVAN })).toMatchObject({ resultCode: 'OK' });
    expect(await journalUser.createDraft({ typeCode: 'DB', patient: TOLVAN })).toMatchObject({
      resultCode: 'ERROR', errorId: 'APPLICATION_ERROR',
      resultText: 'Det finns ett utkast på dödsbevis för detta personnummer. Du kan inte skapa ett nytt utkast men kan däremot välja att fortsätta med det befintliga utkastet.',
    });
    expect(await userOn(topology, ACUTE).createDraft({ typeCode: 'DB', patient: TOLVAN })).toMatchObject({
      resultCode: 'ERROR', errorId: 'APPLICATION_ERROR',
      resultText: 'Det finns ett utkast på dödsbevis för detta personnummer på annan vårdenhet. Du kan inte skapa ett nytt utkast men kan däremot välja att fortsätta med det befintliga utkastet.',
    });
    const elsewhere = await userOn(topology, PRIVATE, privateDoctor).createDraft({ typeCode: 'DB', patient: TOLVAN });
    expect(elsewhere).toMatchObject({
      kind: 'answer', resultCode: 'INFO', unitHsaId: PRIVATE_UNIT.hsaId,
      resultText: 'Det finns ett utkast på dödsbevis för detta personnummer hos annan vårdgivare. Senast skapade dödsbevis är det som gäller. Om du fortsätter och lämnar in dödsbeviset så blir det därför detta dödsbevis som gäller.',
    });
    expect(idOf(elsewhere)).toMatch(/^[0-9a-f-]{36}$/);
    expect(topology.webcert!.store.list({ typeCode: 'DB' }).map((c) => c.unit.hsaId)).toEqual(['TSTNMT2321000156-INT2', PRIVATE_UNIT.hsaId]);
    expectValidCreateDraftMessages(topology);
  });

  test('signerat dödsbevis: ERROR överallt, även hos annan vårdgivare; efter makulering går det igen', { tag: ['@DB'] }, async ({ topology, journalUser }) => {
    const db = idOf(await journalUser.createDraft({ typeCode: 'DB', patient: TOLVAN }));
    signInWebcert(topology, db);
    expect(await journalUser.createDraft({ typeCode: 'DB', patient: TOLVAN })).toMatchObject({
      resultCode: 'ERROR', errorId: 'APPLICATION_ERROR',
      resultText: 'Det finns ett signerat dödsbevis för detta personnummer. Du kan inte skapa ett nytt dödsbevis men kan däremot välja att ersätta det befintliga dödsbeviset.',
    });
    expect(await userOn(topology, ACUTE).createDraft({ typeCode: 'DB', patient: TOLVAN })).toMatchObject({
      resultCode: 'ERROR',
      resultText: 'Det finns ett signerat dödsbevis för detta personnummer på annan vårdenhet. Du kan inte skapa ett nytt dödsbevis men kan däremot välja att ersätta det befintliga dödsbeviset.',
    });
    expect(await userOn(topology, PRIVATE, privateDoctor).createDraft({ typeCode: 'DB', patient: TOLVAN })).toMatchObject({
      resultCode: 'ERROR', errorId: 'APPLICATION_ERROR',
      resultText: 'Det finns ett signerat dödsbevis för detta personnummer hos annan vårdgivare. Det är inte möjligt att skapa ett nytt dödsbevis.',
    });
    topology.webcert!.store.revoke(db, 'TSTNMT2321000156-1079');
    expect(await journalUser.createDraft({ typeCode: 'DB', patient: TOLVAN })).toMatchObject({ resultCode: 'OK' });
    expectValidCreateDraftMessages(topology);
  });

  test('dödsorsaksintyg: INFO utan dödsbevis, unikt inom vårdgivaren, INFO när det finns hos annan vårdgivare', { tag: ['@DOI'] }, async ({ topology, journalUser }) => {
    const first = await journalUser.createDraft({ typeCode: 'DOI', patient: TOLVAN });
    expect(first).toMatchObject({
      resultCode: 'INFO',
      resultText: 'Det finns inget dödsbevis i nuläget inom vårdgivaren. Dödsorsaksintyget bör alltid skapas efter dödsbeviset.',
    });
    expect(await userOn(topology, ACUTE).createDraft({ typeCode: 'DOI', patient: TOLVAN })).toMatchObject({
      resultCode: 'ERROR', errorId: 'APPLICATION_ERROR',
      resultText: 'Det finns ett utkast på dödsorsaksintyg för detta personnummer på annan vårdenhet. Du kan inte skapa ett nytt utkast men kan däremot välja att fortsätta med det befintliga utkastet.',
    });
    signInWebcert(topology, idOf(first));
    signInWebcert(topology, idOf(await journalUser.createDraft({ typeCode: 'DB', patient: TOLVAN })));
    expect(await journalUser.createDraft({ typeCode: 'DOI', patient: TOLVAN })).toMatchObject({
      resultCode: 'ERROR',
      resultText: 'Det finns ett signerat dödsorsaksintyg för detta personnummer. Du kan inte skapa ett nytt dödsorsaksintyg men kan däremot välja att ersätta det befintliga dödsorsaksintyget.',
    });
    expect(await userOn(topology, PRIVATE, privateDoctor).createDraft({ typeCode: 'DOI', patient: TOLVAN })).toMatchObject({
      kind: 'answer', resultCode: 'INFO', unitHsaId: PRIVATE_UNIT.hsaId,
      resultText: 'Det finns ett signerat dödsorsaksintyg för detta personnummer hos annan vårdgivare. Senast skapade dödsorsaksintyg är det som gäller. Om du fortsätter och lämnar in dödsorsaksintyget så blir det därför detta dödsorsaksintyg som gäller.',
    });
    expectValidCreateDraftMessages(topology);
  });

  test('LISJP har ingen sådan regel: ett andra utkast, även hos annan vårdgivare, är OK', { tag: ['@LISJP'] }, async ({ topology, journalUser }) => {
    for (const user of [journalUser, journalUser, userOn(topology, PRIVATE, privateDoctor)]) {
      const outcome = await user.createDraft({ typeCode: 'LISJP', patient: TOLVAN });
      expect(outcome).toMatchObject({ kind: 'answer', resultCode: 'OK' });
      expect(outcome).not.toHaveProperty('resultText');
    }
  });
});
