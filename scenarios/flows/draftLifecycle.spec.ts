/**
 * CreateDraftCertificate v3 as Webcert answers it, and the status updates a draft's life cycle
 * causes, as the journal system receives them.
 */
import { expect, test } from '../fixtures/topologyFixtures.js';
import { createLisjpDraft, settle } from './statusFlowSteps.js';

const TOLVAN = { personId: '19121212-1212', fornamn: 'Tolvan', efternamn: 'Tolvansson' };

test.describe('CreateDraftCertificate v3', { tag: ['@create-draft', '@LISJP'] }, () => {
  test('OK: intygs-id med enhetens HSA-id som root, enheten blir integrerad, SKAPAT med ref', async ({ topology, journalUser }) => {
    const outcome = await journalUser.createDraft({ typeCode: 'LISJP', patient: TOLVAN, ref: 'vk-123' });
    expect(outcome).toMatchObject({ kind: 'answer', resultCode: 'OK', unitHsaId: 'TSTNMT2321000156-INT2' });
    const id = (outcome as { certificateId: string }).certificateId;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(topology.webcert!.integratedUnits.has('TSTNMT2321000156-INT2')).toBe(true);
    await topology.webcert!.sender.idle();
    expect(topology.journalSystem!.inbox.list({ certificateId: id })).toMatchObject([
      { eventCode: 'SKAPAT', ref: 'vk-123', logicalAddress: 'TSTNMT2321000156-INT2', personId: '191212121212', typeCode: 'LISJP' },
    ]);
  });

  const refusals = [
    { name: 'fel kontrollsiffra i personnumret', patient: { ...TOLVAN, personId: '191212121213' }, errorId: 'VALIDATION_ERROR', text: 'The checksum digit in SSN' },
    { name: 'efternamn saknas', patient: { ...TOLVAN, efternamn: '' }, errorId: 'VALIDATION_ERROR', text: 'efternamn' },
    { name: 'okänd intygstyp', patient: TOLVAN, typeCode: 'XYZ', errorId: 'APPLICATION_ERROR', text: 'XYZ' },
  ];
  for (const r of refusals) {
    test(`ERROR ${r.errorId}: ${r.name}`, async ({ topology, journalUser }) => {
      const outcome = await journalUser.createDraft({ typeCode: r.typeCode ?? 'LISJP', patient: r.patient });
      expect(outcome).toMatchObject({ kind: 'answer', resultCode: 'ERROR', errorId: r.errorId });
      expect((outcome as { resultText: string }).resultText).toContain(r.text);
      expect(topology.webcert!.store.list()).toEqual([]);
    });
  }

  test('ERROR VALIDATION_ERROR: användaren saknar medarbetaruppdrag på enheten', async ({ topology }) => {
    const { JournalUser } = await import('../../simulators/journal/launch/journalUser.js');
    const admin = topology.config.directory.staff[1]!; // commission only on INT2
    const user = new JournalUser({
      clock: topology.clock,
      createDraftUrl: topology.webcert!.endpoints.createDraftCertificate!,
      user: { hsaId: admin.hsaId, fullName: admin.fullName },
      unit: { hsaId: 'TSTNMT2321000156-1077', name: 'Akutmottagningen Testby' },
    });
    const outcome = await user.createDraft({ typeCode: 'LISJP', patient: TOLVAN });
    expect(outcome).toMatchObject({ kind: 'answer', resultCode: 'ERROR', errorId: 'VALIDATION_ERROR' });
    expect((outcome as { resultText: string }).resultText).toContain('commission');
    expect(topology.webcert!.integratedUnits.has('TSTNMT2321000156-1077')).toBe(false);
  });

  test('dödsbevis är unikt per patient, med Webcerts text; ett andra LISJP ger OK', { tag: ['@DB'] }, async ({ topology, journalUser }) => {
    expect(await journalUser.createDraft({ typeCode: 'DB', patient: TOLVAN })).toMatchObject({ resultCode: 'OK' });
    const second = await journalUser.createDraft({ typeCode: 'DB', patient: TOLVAN });
    expect(second).toMatchObject({
      resultCode: 'ERROR',
      errorId: 'APPLICATION_ERROR',
      resultText: 'Det finns ett utkast på dödsbevis för detta personnummer. Du kan inte skapa ett nytt utkast men kan däremot välja att fortsätta med det befintliga utkastet.',
    });
    expect(second).not.toHaveProperty('certificateId');
    expect(topology.webcert!.store.list({ typeCode: 'DB' })).toHaveLength(1);
    // No uniqueness rule for LISJP: a second draft for the same patient is plain OK (no INFO).
    const first = await createLisjpDraft(journalUser);
    const another = await journalUser.createDraft({ typeCode: 'LISJP', patient: TOLVAN });
    expect(another).toMatchObject({ kind: 'answer', resultCode: 'OK' });
    expect(another).not.toHaveProperty('resultText');
    expect((another as { certificateId: string }).certificateId).not.toBe(first);
  });
});

test.describe('utkastets händelser', { tag: ['@lifecycle', '@LISJP'] }, () => {
  test('ANDRAT samlas i 5 minuter: bara det senaste går iväg, med sparandets tidpunkt', async ({ topology, journalUser }) => {
    const id = await createLisjpDraft(journalUser);
    const wc = topology.webcert!;
    wc.store.save(id);
    await topology.clock.advanceBy(60_000);
    wc.store.save(id);
    await settle(topology, 2 * 60_000);
    expect(topology.journalSystem!.inbox.list({ certificateId: id, eventCode: 'ANDRAT' })).toEqual([]);
    await settle(topology, 3 * 60_000);
    const andrat = topology.journalSystem!.inbox.list({ certificateId: id, eventCode: 'ANDRAT' });
    expect(andrat).toHaveLength(1);
    expect(andrat[0]!.eventTime).toBe('2026-03-02T08:01:00.000'); // the second save, Stockholm time
  });

  test('ANDRAT i samma fönster som SIGNAT skickas aldrig', async ({ topology, journalUser }) => {
    const id = await createLisjpDraft(journalUser);
    const wc = topology.webcert!;
    wc.store.save(id, [{ id: '1', delsvar: [{ id: '1.2', value: '2026-03-02' }] }]);
    wc.store.sign(id, 'TSTNMT2321000156-1079');
    await settle(topology, 10 * 60_000);
    expect(topology.journalSystem!.inbox.list({ certificateId: id }).map((u) => u.eventCode)).toEqual(['SKAPAT', 'SIGNAT']);
    expect(topology.journalSystem!.inbox.list({ certificateId: id, eventCode: 'SIGNAT' })[0]!.handledBy).toBe('TSTNMT2321000156-1079');
  });

  test('otillåtna åtgärder säger varför', async ({ topology, journalUser }) => {
    const id = await createLisjpDraft(journalUser);
    const wc = topology.webcert!;
    expect(() => wc.store.sign(id)).toThrow(/INVALID_STATE: .*DRAFT_INCOMPLETE/);
    expect(() => wc.store.revoke(id)).toThrow(/INVALID_STATE/);
    expect(() => wc.store.save('finns-inte')).toThrow(/NOT_FOUND/);
  });
});
