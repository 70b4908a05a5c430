/**
 * CreateDraftCertificate v3 as Webcert answers it, and the status updates a draft's life cycle
 * causes, as the journal system receives them. Webcert's state (its drafts, its integrated units)
 * is read and its actions are taken through the admin API.
 */
import { expect, steg, test } from '../fixtures/topologyFixtures.js';
import { createLisjpDraft, settle } from './statusFlowSteps.js';

const TOLVAN = { personId: '19121212-1212', fornamn: 'Tolvan', efternamn: 'Tolvansson' };

test.describe('CreateDraftCertificate v3', { tag: ['@create-draft', '@LISJP'] }, () => {
  test('OK: intygs-id med enhetens HSA-id som root, enheten blir integrerad, SKAPAT med ref', async ({ admin, journalUser }) => {
    const id = await steg('Journalsystemet skapar ett LISJP-utkast: OK med intygs-id', async () => {
      const outcome = await journalUser.createDraft({ typeCode: 'LISJP', patient: TOLVAN, ref: 'vk-123' });
      expect(outcome).toMatchObject({ kind: 'answer', resultCode: 'OK', unitHsaId: 'TSTNMT2321000156-INT2' });
      const id = (outcome as { certificateId: string }).certificateId;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      return id;
    });
    await steg('Enheten är integrerad och journalsystemet får SKAPAT med sin referens', async () => {
      expect(await admin.integratedUnits()).toContain('TSTNMT2321000156-INT2');
      await admin.settle();
      expect(await admin.statusUpdates({ certificateId: id })).toMatchObject([
        { eventCode: 'SKAPAT', ref: 'vk-123', logicalAddress: 'TSTNMT2321000156-INT2', personId: '191212121212', typeCode: 'LISJP' },
      ]);
    });
  });

  const refusals = [
    { name: 'fel kontrollsiffra i personnumret', patient: { ...TOLVAN, personId: '191212121213' }, errorId: 'VALIDATION_ERROR', text: 'The checksum digit in SSN' },
    { name: 'efternamn saknas', patient: { ...TOLVAN, efternamn: '' }, errorId: 'VALIDATION_ERROR', text: 'efternamn' },
    { name: 'okänd intygstyp', patient: TOLVAN, typeCode: 'XYZ', errorId: 'APPLICATION_ERROR', text: 'XYZ' },
  ];
  for (const r of refusals) {
    test(`ERROR ${r.errorId}: ${r.name}`, async ({ admin, journalUser }) => {
      await steg(`Journalsystemet skapar ett utkast med ${r.name}: ERROR ${r.errorId}`, async () => {
        const outcome = await journalUser.createDraft({ typeCode: r.typeCode ?? 'LISJP', patient: r.patient });
        expect(outcome).toMatchObject({ kind: 'answer', resultCode: 'ERROR', errorId: r.errorId });
        expect((outcome as { resultText: string }).resultText).toContain(r.text);
      });
      await steg('Webcert har inget utkast', async () => {
        expect(await admin.certificates()).toEqual([]);
      });
    });
  }

  test('ERROR VALIDATION_ERROR: användaren saknar medarbetaruppdrag på enheten', async ({ topology, admin, journalUserFor }) => {
    const vardadmin = topology.config.directory.staff[1]!; // commission only on INT2
    await steg('En användare utan uppdrag på akutmottagningen skapar ett utkast där: VALIDATION_ERROR', async () => {
      const user = await journalUserFor({ user: { hsaId: vardadmin.hsaId, fullName: vardadmin.fullName }, unit: { hsaId: 'TSTNMT2321000156-1077', name: 'Akutmottagningen Testby' } });
      const outcome = await user.createDraft({ typeCode: 'LISJP', patient: TOLVAN });
      expect(outcome).toMatchObject({ kind: 'answer', resultCode: 'ERROR', errorId: 'VALIDATION_ERROR' });
      expect((outcome as { resultText: string }).resultText).toContain('commission');
    });
    await steg('Akutmottagningen blir inte integrerad', async () => {
      expect(await admin.integratedUnits()).not.toContain('TSTNMT2321000156-1077');
    });
  });

  test('dödsbevis är unikt per patient, med Webcerts text; ett andra LISJP ger OK', { tag: ['@DB'] }, async ({ admin, journalUser }) => {
    await steg('Ett andra dödsbevis för samma patient: APPLICATION_ERROR med Webcerts text, inget nytt utkast', async () => {
      expect(await journalUser.createDraft({ typeCode: 'DB', patient: TOLVAN })).toMatchObject({ resultCode: 'OK' });
      const second = await journalUser.createDraft({ typeCode: 'DB', patient: TOLVAN });
      expect(second).toMatchObject({
        resultCode: 'ERROR',
        errorId: 'APPLICATION_ERROR',
        resultText: 'Det finns ett utkast på dödsbevis för detta personnummer. Du kan inte skapa ett nytt utkast men kan däremot välja att fortsätta med det befintliga utkastet.',
      });
      expect(second).not.toHaveProperty('certificateId');
      expect(await admin.certificates({ typeCode: 'DB' })).toHaveLength(1);
    });
    await steg('Ett andra LISJP för samma patient är OK, utan text', async () => {
      // No uniqueness rule for LISJP: a second draft for the same patient is plain OK (no INFO).
      const first = await createLisjpDraft(journalUser);
      const another = await journalUser.createDraft({ typeCode: 'LISJP', patient: TOLVAN });
      expect(another).toMatchObject({ kind: 'answer', resultCode: 'OK' });
      expect(another).not.toHaveProperty('resultText');
      expect((another as { certificateId: string }).certificateId).not.toBe(first);
    });
  });
});

test.describe('utkastets händelser', { tag: ['@lifecycle', '@LISJP'] }, () => {
  test('ANDRAT samlas i 5 minuter: bara det senaste går iväg, med sparandets tidpunkt', async ({ admin, journalUser }) => {
    const id = await steg('Ett LISJP-utkast skapas och sparas två gånger med en minuts mellanrum', async () => {
      const id = await createLisjpDraft(journalUser);
      await admin.act(id, 'save');
      await admin.advance('60s');
      await admin.act(id, 'save');
      return id;
    });
    await steg('Efter två minuter har inget ANDRAT gått iväg', async () => {
      await settle(admin, 2 * 60_000);
      expect(await admin.statusUpdates({ certificateId: id, eventCode: 'ANDRAT' })).toEqual([]);
    });
    await steg('Efter fem minuter: ett ANDRAT, med det andra sparandets tidpunkt', async () => {
      await settle(admin, 3 * 60_000);
      const andrat = await admin.statusUpdates({ certificateId: id, eventCode: 'ANDRAT' });
      expect(andrat).toHaveLength(1);
      expect(andrat[0]!.eventTime).toBe('2026-03-02T08:01:00.000'); // the second save, Stockholm time
    });
  });

  test('ANDRAT i samma fönster som SIGNAT skickas aldrig', async ({ admin, journalUser }) => {
    const id = await steg('Ett LISJP-utkast skapas, sparas och signeras inom samma fem minuter', async () => {
      const id = await createLisjpDraft(journalUser);
      await admin.act(id, 'save', { answers: [{ id: '1', delsvar: [{ id: '1.2', value: '2026-03-02' }] }] });
      await admin.act(id, 'sign', { by: 'TSTNMT2321000156-1079' });
      await settle(admin, 10 * 60_000);
      return id;
    });
    await steg('Journalsystemet får SKAPAT och SIGNAT, ingen ANDRAT; SIGNAT säger vem som signerade', async () => {
      expect((await admin.statusUpdates({ certificateId: id })).map((u) => u.eventCode)).toEqual(['SKAPAT', 'SIGNAT']);
      expect((await admin.statusUpdates({ certificateId: id, eventCode: 'SIGNAT' }))[0]!.handledBy).toBe('TSTNMT2321000156-1079');
    });
  });

  test('otillåtna åtgärder säger varför', async ({ admin, journalUser }) => {
    const id = await steg('Ett tomt LISJP-utkast skapas', () => createLisjpDraft(journalUser));
    await steg('Signera ett ofullständigt utkast, makulera ett utkast, spara ett som inte finns: nekas med skälet', async () => {
      const sign = await admin.tryAct(id, 'sign');
      expect(sign.status).toBe(409);
      expect(sign.body.error).toMatch(/INVALID_STATE: .*DRAFT_INCOMPLETE/);
      const revoke = await admin.tryAct(id, 'revoke');
      expect(revoke.status).toBe(409);
      expect(revoke.body.error).toMatch(/INVALID_STATE/);
      const missing = await admin.tryAct('finns-inte', 'save');
      expect(missing.status).toBe(404);
      expect(missing.body.error).toMatch(/NOT_FOUND/);
    });
  });
});
