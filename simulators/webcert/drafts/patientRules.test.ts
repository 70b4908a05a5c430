import { test, expect } from '@playwright/test';
import type { PuPerson } from '../directory/populationRegister.js';
import { testDoctor } from '../message/certificateFixtures.js';
import type { StaffMember } from '../model/certificate.js';
import { requireCertificateType } from '../model/certificateTypes.js';
import { launchPatientRefusal, patientRefusals, puRefusal } from './patientRules.js';

const person = (over: Partial<PuPerson>): PuPerson => ({
  personId: '195012142385', fornamn: 'Sigrid', efternamn: 'Skyddad', postadress: '', postnummer: '', postort: '', sekretessmarkering: false, avliden: false, ...over,
});
const doctor = testDoctor();
const as = (role: StaffMember['role']): StaffMember => ({ ...doctor, role });
const refusals = (code: string, p: PuPerson, staff = doctor) => patientRefusals(requireCertificateType(code), p, staff);

test.describe('Webcert patient rules', () => {
  test('PU: unreachable and not found (also a reservnummer) with Webcert texts', () => {
    expect(puRefusal({ status: 'ERROR', why: '' })).toBe('Cannot issue intyg. The PU-service was unreachable. Please try again later.');
    expect(puRefusal({ status: 'NOT_FOUND', why: '' })).toBe(
      'Personnumret du har angivit finns inte i folkbokföringsregistret. Observera att det inte går att ange reservnummer. Webcert hanterar enbart person- och samordningsnummer.',
    );
    expect(puRefusal({ status: 'FOUND' })).toBeUndefined();
  });

  test('protected identity: only the types of feature SEKRETESSMARKERING, only läkare and tandläkare', () => {
    const protectedPerson = person({ sekretessmarkering: true });
    for (const code of ['LISJP', 'LUSE', 'LUAE_NA', 'LUAE_FS', 'AG1-14', 'AG7804', 'TSTRK1007', 'TSTRK1031', 'AF00213', 'AF00251']) expect(refusals(code, protectedPerson), code).toEqual([]);
    expect(refusals('DB', protectedPerson)).toEqual(['Intygstypen Dödsbevis kan inte utfärdas för patienter med skyddade personuppgifter.']);
    expect(refusals('DOI', protectedPerson)).toEqual(['Intygstypen Dödsorsaksintyg kan inte utfärdas för patienter med skyddade personuppgifter.']);
    expect(refusals('TSTRK1009', protectedPerson)).toEqual(['Intygstypen Läkares anmälan till Transportstyrelsen kan inte utfärdas för patienter med skyddade personuppgifter.']);
    expect(refusals('LISJP', protectedPerson, as('TANDLAKARE'))).toEqual([]);
    for (const role of ['VARDADMINISTRATOR', 'SJUKSKOTERSKA', 'BARNMORSKA'] as const) {
      expect(refusals('LISJP', protectedPerson, as(role)), role).toEqual(['Du saknar behörighet. För att hantera intyg för patienter med skyddade personuppgifter krävs att du har befattningen läkare eller tandläkare.']);
    }
    // The type is judged before the role.
    expect(refusals('DB', protectedPerson, as('VARDADMINISTRATOR'))).toEqual(['Intygstypen Dödsbevis kan inte utfärdas för patienter med skyddade personuppgifter.']);
  });

  test('deceased: only DOI (feature HANTERA_INTYGSUTKAST_AVLIDEN); both refusals are reported', () => {
    const deceased = person({ personId: '194003152347', avliden: true });
    expect(refusals('DOI', deceased)).toEqual([]);
    expect(refusals('LISJP', deceased)).toEqual(['Cannot issue intyg type lisjp for deceased patient 19400315-2347']);
    expect(refusals('DB', deceased)).toEqual(['Cannot issue intyg type db for deceased patient 19400315-2347']);
    expect(refusals('DB', { ...deceased, sekretessmarkering: true })).toEqual([
      'Intygstypen Dödsbevis kan inte utfärdas för patienter med skyddade personuppgifter.',
      'Cannot issue intyg type db for deceased patient 19400315-2347',
    ]);
    // A vendor's own test patient, whose data PU takes from the request, has nothing to refuse.
    expect(patientRefusals(requireCertificateType('DB'), undefined, doctor)).toEqual([]);
  });

  test('launch: pu-problem without a person, sekretess refusal by role and type', () => {
    expect(launchPatientRefusal({ status: 'ERROR', why: '' }, 'lisjp', 'LAKARE')).toBe('pu-problem');
    expect(launchPatientRefusal({ status: 'NOT_FOUND', why: '' }, 'lisjp', 'LAKARE')).toBe('pu-problem');
    const found = { status: 'FOUND' as const, person: person({ sekretessmarkering: true }) };
    expect(launchPatientRefusal(found, 'lisjp', 'LAKARE')).toBeUndefined();
    expect(launchPatientRefusal(found, 'ts-bas', 'TANDLAKARE')).toBe('auth-exception-sekretessmarkering');
    expect(launchPatientRefusal(found, 'lisjp', 'VARDADMINISTRATOR')).toBe('auth-exception-sekretessmarkering');
    expect(launchPatientRefusal(found, 'db', 'LAKARE')).toBe('auth-exception-sekretessmarkering');
    expect(launchPatientRefusal({ status: 'FOUND' }, 'db', 'VARDADMINISTRATOR')).toBeUndefined();
  });
});
