import { test, expect } from '@playwright/test';
import { soapEnvelopeForTests } from '../../kit/contracts/envelopeForTests.js';
import { requireSchemaRoot } from '../../kit/contracts/schemaRoot.js';
import { validateSoapMessage } from '../../kit/contracts/xsdValidator.js';
import { PopulationRegister } from '../directory/populationRegister.js';
import { lisjpDraft, signedDb, WINTER_MS } from '../message/certificateFixtures.js';
import { buildCertificateStatusUpdate } from '../message/statusUpdateMessage.js';
import { statusUpdatePatient, withStatusUpdatePatient } from './notificationPatient.js';

const address = { postadress: 'Hemliga gatan 1', postnummer: '12345', postort: 'Testby' };
const register = () => new PopulationRegister([
  { personId: '191212121212', fornamn: 'Tolvan', efternamn: 'Nyttnamn', ...address, sekretessmarkering: true },
  { personId: '195206172339', fornamn: 'Hans', efternamn: 'Persson', postadress: 'Ny väg 9', postnummer: '54321', postort: 'Annanstad' },
  { personId: '198705122391', fornamn: 'Nils', efternamn: 'Saknas', ...address, puStatus: 'NOT_FOUND' },
]);

test.describe('the patient in a status update (NotificationPatientEnricher)', () => {
  test('LISJP for a protected person: "Skyddade personuppgifter", every other field empty, XSD-valid', () => {
    const certificate = lisjpDraft();
    expect(statusUpdatePatient(certificate, register())).toEqual({
      personId: '191212121212', fornamn: '', mellannamn: '', efternamn: 'Skyddade personuppgifter', postadress: '', postnummer: '', postort: '',
    });
    const xml = buildCertificateStatusUpdate({ certificate: withStatusUpdatePatient(certificate, register()), eventCode: 'SKAPAT', eventTime: WINTER_MS });
    expect(xml).toContain(
      '<core:patient><core:person-id><types:root>1.2.752.129.2.1.3.1</types:root><types:extension>191212121212</types:extension></core:person-id>' +
        '<core:fornamn></core:fornamn><core:efternamn>Skyddade personuppgifter</core:efternamn><core:mellannamn></core:mellannamn>' +
        '<core:postadress></core:postadress><core:postnummer></core:postnummer><core:postort></core:postort></core:patient>',
    );
    const result = validateSoapMessage(soapEnvelopeForTests(xml, certificate.unit.hsaId), 'CertificateStatusUpdateForCare', 'request', requireSchemaRoot());
    expect(result).toEqual({ valid: true, errors: [] });
    // The stored certificate keeps its patient.
    expect(certificate.patient.efternamn).toBe('Tolvansson');
  });

  test('LISJP: PU data as PU has them now; not found keeps the certificate patient', () => {
    const hans = { ...lisjpDraft(), patient: { personId: '195206172339', fornamn: 'Hans', efternamn: 'Persson', postadress: 'Gamla vägen', postnummer: '11111', postort: 'Förr' } };
    expect(statusUpdatePatient(hans, register())).toEqual({ personId: '195206172339', fornamn: 'Hans', efternamn: 'Persson', postadress: 'Ny väg 9', postnummer: '54321', postort: 'Annanstad' });
    const nils = { ...lisjpDraft(), patient: { ...lisjpDraft().patient, personId: '198705122391' } };
    expect(statusUpdatePatient(nils, register())).toBe(nils.patient);
    // A vendor's own test patient (PU stands in with the journal's data) keeps the certificate's too.
    const unknown = { ...lisjpDraft(), patient: { ...lisjpDraft().patient, personId: '197705232382' } };
    expect(statusUpdatePatient(unknown, register())).toBe(unknown.patient);
  });

  test('other types keep the certificate patient, also for a protected person', () => {
    const db = { ...signedDb(), patient: { ...signedDb().patient, personId: '191212121212' } };
    expect(withStatusUpdatePatient(db, register())).toBe(db);
  });
});
