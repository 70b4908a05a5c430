import { test, expect } from '@playwright/test';
import { FaultRules } from '../../kit/faults/faultRules.js';
import { checkEntry, PopulationRegister, PU_FAULT_OPERATION, type PopulationRegisterEntry } from './populationRegister.js';
import { webcertPersonIdCheck } from './personId.js';

const address = { postadress: 'Vägen 1', postnummer: '12345', postort: 'Testby' };
const entries: PopulationRegisterEntry[] = [
  { personId: '19121212-1212', fornamn: 'Tolvan', efternamn: 'Tolvansson', ...address },
  { personId: '195012142385', fornamn: 'Sigrid', efternamn: 'Skyddad', ...address, sekretessmarkering: true },
  { personId: '194003152347', fornamn: 'Elsa', efternamn: 'Avliden', ...address, avliden: '2026-02-27' },
  { personId: '198705122391', fornamn: 'Nils', efternamn: 'Saknas', ...address, puStatus: 'NOT_FOUND' },
  { personId: '197305222981', fornamn: 'Paula', efternamn: 'Puproblem', ...address, puStatus: 'ERROR' },
  { personId: '197813131310', fornamn: 'Rune', efternamn: 'Reserv', ...address, reservnummer: true },
];

test.describe('population register (PU) as Webcert looks it up', () => {
  test('each test patient state gives its answer; the dash does not matter', () => {
    const pu = new PopulationRegister(entries);
    expect(pu.lookup('191212121212')).toEqual({ status: 'FOUND', person: { personId: '191212121212', fornamn: 'Tolvan', efternamn: 'Tolvansson', ...address, sekretessmarkering: false, avliden: false } });
    expect(pu.lookup('19501214-2385')).toMatchObject({ status: 'FOUND', person: { sekretessmarkering: true, avliden: false } });
    expect(pu.lookup('194003152347')).toMatchObject({ status: 'FOUND', person: { avliden: true, avlidenDatum: '2026-02-27' } });
    expect(pu.lookup('198705122391')).toMatchObject({ status: 'NOT_FOUND' });
    expect(pu.lookup('197305222981')).toMatchObject({ status: 'ERROR' });
    expect(pu.lookup('197813131310')).toMatchObject({ status: 'NOT_FOUND', why: expect.stringContaining('reservnummer') });
  });

  test('unknown numbers: from-request finds any number that can be a person; refuse finds none', () => {
    const lenient = new PopulationRegister(entries);
    expect(lenient.lookup('195206172339')).toEqual({ status: 'FOUND' });
    // A samordningsnummer is a person; a number whose date is no date is not.
    expect(lenient.lookup('198009692388')).toEqual({ status: 'FOUND' });
    expect(new PopulationRegister([], {}).lookup('196513131315')).toMatchObject({ status: 'NOT_FOUND', why: expect.stringContaining('no valid date') });
    const strict = new PopulationRegister(entries, { unknownPatients: 'refuse' });
    expect(strict.lookup('195206172339')).toMatchObject({ status: 'NOT_FOUND', why: expect.stringContaining('refuse') });
    expect(strict.lookup('191212121212')).toMatchObject({ status: 'FOUND' });
  });

  test('a GetPerson fault rule makes PU unreachable for the lookups it matches, as many times as it says', () => {
    const faults = new FaultRules({ parties: ['webcert'] });
    const pu = new PopulationRegister(entries, { faults });
    faults.add({ party: 'webcert', operation: PU_FAULT_OPERATION, effect: { kind: 'reset' }, match: { personId: '19121212-1212' }, times: 1 });
    expect(pu.lookup('195012142385').status).toBe('FOUND');
    expect(pu.lookup('191212121212')).toMatchObject({ status: 'ERROR', why: expect.stringContaining('GetPerson') });
    expect(pu.lookup('191212121212').status).toBe('FOUND');
    // What PU holds is read without consulting the rules.
    faults.add({ party: 'webcert', operation: PU_FAULT_OPERATION, effect: { kind: 'noAnswer' } });
    expect(pu.answer('191212121212').status).toBe('FOUND');
    expect(pu.lookup('191212121212').status).toBe('ERROR');
  });

  test('an httpStatus rule is intyg-proxy-service answering something Webcert cannot read, not PU being down', () => {
    const faults = new FaultRules({ parties: ['webcert'] });
    const pu = new PopulationRegister(entries, { faults });
    faults.add({ party: 'webcert', operation: PU_FAULT_OPERATION, effect: { kind: 'httpStatus', status: 502, body: '<html>Proxy Error</html>' }, times: 1 });
    expect(pu.lookup('191212121212')).toMatchObject({ status: 'ERROR', unreadable: true, why: expect.stringContaining('intyg-proxy-service answered HTTP 502 "<html>Proxy Error</html>"') });
    faults.add({ party: 'webcert', operation: PU_FAULT_OPERATION, effect: { kind: 'reset' }, times: 1 });
    expect(pu.lookup('191212121212')).not.toHaveProperty('unreadable');
  });

  test('entries can change while a session runs, and are checked', () => {
    const pu = new PopulationRegister(entries);
    pu.set({ ...entries[0]!, avliden: '2026-03-03' });
    expect(pu.lookup('191212121212')).toMatchObject({ status: 'FOUND', person: { avliden: true } });
    expect(pu.remove('191212121212')).toBe(true);
    expect(pu.entry('191212121212')).toBeUndefined();
    expect(() => pu.set({ ...entries[0]!, avliden: 'igår' })).toThrow('patient 19121212-1212: avliden must be the date of death, YYYY-MM-DD');
    expect(() => checkEntry({ personId: '1912', fornamn: 'X' } as PopulationRegisterEntry)).toThrow(/personId must be 12 digits.*efternamn must be text/);
    expect(() => new PopulationRegister([{ ...entries[0]!, puStatus: 'GONE' as never }])).toThrow('puStatus must be NOT_FOUND or ERROR');
  });
});

test.describe('person id as CreateDraftCertificate checks it', () => {
  test('century 19 or 20 and a right check digit; no date check; Webcert texts', () => {
    expect(webcertPersonIdCheck('191212121212')).toEqual({ normalised: '191212121212', errors: [] });
    expect(webcertPersonIdCheck('19121212-1212')).toEqual({ normalised: '191212121212', errors: [] });
    expect(webcertPersonIdCheck('197813131310')).toEqual({ normalised: '197813131310', errors: [] });
    expect(webcertPersonIdCheck('191212121213').errors).toEqual(["The checksum digit in SSN '191212121213' is invalid"]);
    expect(webcertPersonIdCheck('997813131310').errors).toEqual(['Cannot create Personnummer object with invalid personId 997813131310', 'Cannot validate null']);
  });
});
