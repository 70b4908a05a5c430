/**
 * Test data of the embedded topology: a care provider with two units, a doctor, a care
 * administrator, a nurse and a midwife (with the HSA credentials Webcert derives each role from,
 * see simulators/webcert/directory/hsaRole.ts); another care provider with one unit and a doctor; and test
 * patients: ordinary ones, and one for each state of the population register (protected identity,
 * deceased, samordningsnummer, not found, PU unreachable, reservnummer). HSA-IDs follow Inera's
 * test organisation (TSTNMT2321000156-…); person ids have valid check digits.
 */
import type { DirectoryData } from '../../simulators/webcert/directory/directory.js';
import type { CareProvider } from '../../simulators/webcert/model/certificate.js';

const provider: CareProvider = { hsaId: 'TSTNMT2321000156-1002', name: 'Region Testland' };
/** Another care provider: its staff hold no commission in Region Testland (sjf, the unit rule). */
const otherProvider: CareProvider = { hsaId: 'TSTNMT2321000156-VG02', name: 'Grannregionen' };

/** A fresh copy of the default directory (callers may change their copy). */
export function defaultDirectory(): DirectoryData {
  return {
    unknownPatients: 'from-request',
    careUnits: [
      {
        hsaId: 'TSTNMT2321000156-INT2',
        name: 'Vårdcentralen Samverkan',
        arbetsplatskod: '1234567890',
        postadress: 'Storgatan 1',
        postnummer: '12345',
        postort: 'Testby',
        telefonnummer: '0101234567',
        epost: 'vc.samverkan@example.invalid',
        careProvider: provider,
      },
      {
        hsaId: 'TSTNMT2321000156-1077',
        name: 'Akutmottagningen Testby',
        arbetsplatskod: '',
        postadress: 'Sjukhusvägen 2',
        postnummer: '12346',
        postort: 'Testby',
        telefonnummer: '0107654321',
        careProvider: provider,
      },
      {
        hsaId: 'TSTNMT2321000156-G2U1',
        name: 'Hälsocentralen Grannby',
        arbetsplatskod: '2234567890',
        postadress: 'Grannvägen 1',
        postnummer: '22345',
        postort: 'Grannby',
        telefonnummer: '0201234567',
        careProvider: otherProvider,
      },
    ],
    staff: [
      {
        hsaId: 'TSTNMT2321000156-1079',
        fullName: 'Ajla Doktor',
        givenName: 'Ajla',
        surname: 'Doktor',
        personId: '198009092381',
        commissions: ['TSTNMT2321000156-INT2', 'TSTNMT2321000156-1077'],
        legitimeradeYrkesgrupper: ['Läkare'],
        forskrivarkod: '0000000',
      },
      {
        hsaId: 'TSTNMT2321000156-1085',
        fullName: 'Vilma Vårdadmin',
        givenName: 'Vilma',
        surname: 'Vårdadmin',
        commissions: ['TSTNMT2321000156-INT2'],
        // No licence and no doctor's title code in HSA: Webcert's fallback role, VARDADMINISTRATOR.
      },
      {
        hsaId: 'TSTNMT2321000156-1091',
        fullName: 'Siv Sjuksköterska',
        givenName: 'Siv',
        surname: 'Sjuksköterska',
        commissions: ['TSTNMT2321000156-INT2'],
        legitimeradeYrkesgrupper: ['Sjuksköterska'],
      },
      {
        hsaId: 'TSTNMT2321000156-1092',
        fullName: 'Britt Barnmorska',
        givenName: 'Britt',
        surname: 'Barnmorska',
        commissions: ['TSTNMT2321000156-INT2'],
        // Both licences: Webcert tries Barnmorska before Sjuksköterska.
        legitimeradeYrkesgrupper: ['Sjuksköterska', 'Barnmorska'],
      },
      {
        // A doctor of another care provider: no commission on Region Testland's units.
        hsaId: 'TSTNMT2321000156-1093',
        fullName: 'Gustav Grannläkare',
        givenName: 'Gustav',
        surname: 'Grannläkare',
        commissions: ['TSTNMT2321000156-G2U1'],
        // An AT-läkare: no licence yet; the title code 204010 makes the role LAKARE.
        befattningskoder: ['204010'],
      },
      {
        // Used only by the scenario that locks a card with wrong PINs.
        hsaId: 'TSTNMT2321000156-1099',
        fullName: 'Pelle Pinkod',
        givenName: 'Pelle',
        surname: 'Pinkod',
        commissions: ['TSTNMT2321000156-INT2'],
        legitimeradeYrkesgrupper: ['Läkare'],
      },
    ],
    patients: [
      { personId: '191212121212', fornamn: 'Tolvan', efternamn: 'Tolvansson', postadress: 'Svensson, Storgatan 2', postnummer: '12345', postort: 'Testby' },
      { personId: '197705232382', fornamn: 'Frida', mellannamn: 'Kranstege', efternamn: 'Kranstege', postadress: 'Kungsgatan 5', postnummer: '12345', postort: 'Testby' },
      { personId: '195206172339', fornamn: 'Hans', efternamn: 'Persson', postadress: 'Vägen 3', postnummer: '12347', postort: 'Testby' },
      // Patients whose PU answer changes what Webcert does (see populationRegister.ts, patientRules.ts).
      { personId: '195012142385', fornamn: 'Sigrid', efternamn: 'Skyddad', postadress: 'Hemliga gatan 1', postnummer: '12345', postort: 'Testby', sekretessmarkering: true },
      { personId: '194003152347', fornamn: 'Elsa', efternamn: 'Avliden', postadress: 'Minnesvägen 4', postnummer: '12345', postort: 'Testby', avliden: '2026-02-27' },
      // Samordningsnummer: day 69 = the 9th + 60.
      { personId: '198009692388', fornamn: 'Sam', efternamn: 'Ordningsson', postadress: 'Tillfälliga vägen 1', postnummer: '12345', postort: 'Testby' },
      { personId: '198705122391', fornamn: 'Nils', efternamn: 'Saknas', postadress: 'Okända gatan 9', postnummer: '12345', postort: 'Testby', puStatus: 'NOT_FOUND' },
      { personId: '197305222981', fornamn: 'Paula', efternamn: 'Puproblem', postadress: 'Avbrottsgatan 5', postnummer: '12345', postort: 'Testby', puStatus: 'ERROR' },
      // A region's reservnummer written like a personnummer (right check digit, month 13: no date).
      { personId: '197813131310', fornamn: 'Rune', efternamn: 'Reserv', postadress: 'Akuten', postnummer: '12345', postort: 'Testby', reservnummer: true },
    ],
  };
}
