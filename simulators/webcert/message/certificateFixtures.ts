/**
 * Test certificates for message tests: a full LISJP draft and a DB certificate, with the people
 * and units around them. Every call returns fresh objects, so tests may change them.
 */

import type { CareUnit, Certificate, StaffMember, Svar } from '../model/certificate.js';

/** 2025-06-16 10:15:30.250 Stockholm summer time (UTC+2). */
export const SUMMER_MS = Date.UTC(2025, 5, 16, 8, 15, 30, 250);
/** 2025-01-20 09:05:07.009 Stockholm winter time (UTC+1). */
export const WINTER_MS = Date.UTC(2025, 0, 20, 8, 5, 7, 9);

/** A care unit with every field filled. */
export function testUnit(): CareUnit {
  return {
    hsaId: 'TSTNMT2321000156-ALFA',
    name: 'Alfa Vårdcentral',
    arbetsplatskod: '1234567890',
    postadress: 'Storgatan 1',
    postnummer: '12345',
    postort: 'Småstad',
    telefonnummer: '0101234567',
    epost: 'alfa@example.invalid',
    careProvider: { hsaId: 'TSTNMT2321000156-ALVG', name: 'Alfa Regionen' },
  };
}

/** A physician with a commission on {@link testUnit}. */
export function testDoctor(): StaffMember {
  return {
    hsaId: 'TSTNMT2321000156-DRAA',
    fullName: 'Ajla Doktor',
    givenName: 'Ajla',
    surname: 'Doktor',
    commissions: ['TSTNMT2321000156-ALFA'],
    role: 'LAKARE',
    forskrivarkod: '0123456',
  };
}

/** A LISJP draft with text, cv and datePeriod answers and a journal reference. */
export function lisjpDraft(): Certificate {
  return {
    id: '9a8b7c6d-1111-4222-8333-444455556666',
    typeCode: 'LISJP',
    typeVersion: '1.3',
    unit: testUnit(),
    issuedBy: testDoctor(),
    patient: {
      personId: '191212121212',
      fornamn: 'Tolvan',
      mellannamn: 'Mellan',
      efternamn: 'Tolvansson',
      postadress: 'Svensson, Storgatan 2',
      postnummer: '12345',
      postort: 'Småstad',
    },
    ref: 'journal-ref-4711',
    status: 'DRAFT_INCOMPLETE',
    createdAt: WINTER_MS,
    answers: [
      {
        id: '1',
        instans: 1,
        delsvar: [
          { id: '1.1', value: { cv: { code: 'UNDERSOKNING', codeSystem: 'KV_FKMU_0001', displayName: 'min undersökning av patienten' } } },
          { id: '1.2', value: '2025-01-19' },
        ],
      },
      {
        id: '32',
        instans: 1,
        delsvar: [
          { id: '32.1', value: { cv: { code: 'HELT_NEDSATT', codeSystem: 'KV_FKMU_0003', displayName: '100 procent' } } },
          { id: '32.2', value: { datePeriod: { start: '2025-01-20', end: '2025-02-02' } } },
        ],
      },
      { id: '25', delsvar: [{ id: '25.1', value: 'Övrigt: "ont" i knä <vänster> & höger, patientens \'egen\' bedömning' }] },
    ],
    version: 3,
  };
}

/** A signed and sent DB (dödsbevis). */
export function signedDb(): Certificate {
  return {
    id: 'db000000-2222-4333-8444-555566667777',
    typeCode: 'DB',
    typeVersion: '1.0',
    unit: testUnit(),
    issuedBy: testDoctor(),
    patient: {
      personId: '194011306125',
      fornamn: 'Åsa',
      efternamn: 'Öberg',
      postadress: 'Ängsvägen 3',
      postnummer: '54321',
      postort: 'Älvby',
    },
    status: 'SIGNED',
    createdAt: WINTER_MS,
    signedAt: SUMMER_MS,
    sentAt: SUMMER_MS + 60_000,
    sentTo: 'SKV',
    answers: [
      { id: '1', delsvar: [{ id: '1.1', value: 'Körkort' }] },
      { id: '2', delsvar: [{ id: '2.1', value: 'true' }, { id: '2.2', value: '2025-06-15' }] },
      {
        id: '3',
        delsvar: [
          { id: '3.1', value: 'Älvby' },
          { id: '3.2', value: { cv: { code: 'SJUKHUS', codeSystem: '65f0069f-14b5-4634-b187-5193580a3349', displayName: 'Sjukhus' } } },
        ],
      },
      { id: '7', delsvar: [{ id: '7.1', value: 'false' }] },
    ],
    version: 7,
  };
}

/**
 * Every answer of a dödsbevis (DB 1.0, answer ids of sklintyg/common RespConstants) that
 * Skatteverket needs: identity, a certain date of death, place, no implant, external examination
 * made, police not notified.
 */
export function dodsbevisAnswers(dateOfDeath = '2026-03-01'): Svar[] {
  return [
    { id: '1', delsvar: [{ id: '1.1', value: 'Körkort' }] },
    { id: '2', delsvar: [{ id: '2.1', value: 'true' }, { id: '2.2', value: dateOfDeath }] },
    {
      id: '3',
      delsvar: [
        { id: '3.1', value: 'Stockholm' },
        { id: '3.2', value: { cv: { code: 'SJUKHUS', codeSystem: '65f0069f-14b5-4634-b187-5193580a3349', displayName: 'Sjukhus' } } },
      ],
    },
    { id: '4', delsvar: [{ id: '4.1', value: 'false' }] },
    { id: '5', delsvar: [{ id: '5.1', value: 'false' }] },
    { id: '6', delsvar: [{ id: '6.1', value: 'true' }] },
    { id: '7', delsvar: [{ id: '7.1', value: 'false' }] },
  ];
}
