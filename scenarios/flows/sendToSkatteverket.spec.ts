/**
 * A dödsbevis (DB) from the journal launch to Skatteverket and its revocation, through
 * Intygstjänsten, observed on the wire: Webcert stores it in Intygstjänsten after signing and
 * sends it at once (SIGNERA_SKICKA_DIREKT); Intygstjänsten routes it to Skatteverket, which
 * verifies the signature in intyg/underskrift with the certificate in KeyInfo; a revocation
 * follows it there. Recipients that fail are retried as Webcert's queue retries; nothing is lost.
 */
import { requireSchemaRoot } from '../../simulators/kit/contracts/schemaRoot.js';
import { validateSoapMessage } from '../../simulators/kit/contracts/xsdValidator.js';
import { ECDSA_SHA256, verifyIntygSignature } from '../../simulators/kit/dsig/intygSignature.js';
import { readCertificate } from '../../simulators/kit/pki/certificateInfo.js';
import { expect, steg, test } from '../fixtures/topologyFixtures.js';
import { admin, advance, createDbDraft, DOCTOR, exchanges, fillDodsbevis, journalSystemEvents, recipientInbox, signOnCertificatePage, UNIT } from './sendSteps.js';
import { fakeLogin, launchFromJournal } from './webcertPages.js';
import { expectUrl, certificatePage } from './pageWaits.js';

test.use({ topologyConfig: { admin: {} } });

const IT_ADDRESS = '5565594230';

test.describe('dödsbevis till Skatteverket', { tag: ['@send', '@lifecycle', '@DB'] }, () => {
  test('DB från journalen, signerat via underskriftstjänsten → Skatteverket har det; SKAPAT, SIGNAT, SKICKA; makulering når Skatteverket, MAKULE', async ({ page, topology, journalUser }) => {
    const id = await steg('Journalsystemet skapar ett dödsbevisutkast', () => createDbDraft(journalUser, 'vk-db-1'));
    await steg('Utkastet öppnas från journalen, användaren loggar in, fyller i och signerar', async () => {
      await launchFromJournal(page, topology, id, { enhet: UNIT });
      await page.getByRole('button', { name: /^SITHS eID på annan enhet/ }).click();
      await expectUrl(page, certificatePage(id));
      await expect(page.getByRole('heading', { name: 'Dödsbevis' })).toBeVisible();
      await fillDodsbevis(page);
      await signOnCertificatePage(page, id);
      await advance(topology, '1m');
    });

    await steg('Webcert lagrade intyget i Intygstjänsten och skickade det; meddelandena är schemavalida', async () => {
      // Webcert stored the certificate in Intygstjänsten, then sent it, both to Intygstjänsten's logical address.
      const toIt = await exchanges(topology, { side: 'outbound', fromParty: 'webcert', toParty: 'intygstjanst', certificateId: id });
      expect(toIt.map((e) => [e.operation, e.resultCode, e.logicalAddress])).toEqual([
        ['RegisterCertificate', 'OK', IT_ADDRESS],
        ['SendCertificateToRecipient', 'OK', IT_ADDRESS],
      ]);
      for (const e of toIt) expect(validateSoapMessage(e.requestBody!, e.operation as never, 'request', requireSchemaRoot()), e.operation).toEqual({ valid: true, errors: [] });
    });

    await steg('Skatteverket tog emot intyget med verifierad signatur; journalsystemet fick SKAPAT, SIGNAT, SKICKA', async () => {
      // Skatteverket took it in with a verified signature; what crossed the wire is XSD-valid and verifies here too.
      expect(await recipientInbox(topology, 'SKV', id)).toMatchObject([{ kind: 'RegisterCertificate', signature: { valid: true, signerSubject: expect.stringContaining('Ajla Doktor') } }]);
      const [atSkv] = await exchanges(topology, { side: 'inbound', toParty: 'skatteverket', operation: 'RegisterCertificate', certificateId: id });
      expect(atSkv).toMatchObject({ fromParty: 'intygstjanst', logicalAddress: 'Skatteverket', resultCode: 'OK' });
      expect(validateSoapMessage(atSkv!.requestBody!, 'RegisterCertificate', 'request', requireSchemaRoot())).toEqual({ valid: true, errors: [] });
      const verdict = verifyIntygSignature(atSkv!.requestBody!);
      expect(verdict).toMatchObject({ valid: true, certificateId: id, signatureMethod: ECDSA_SHA256 });
      expect(readCertificate(verdict.signerCertificatePem!).subjectSerialNumber).toBe(DOCTOR);
      expect(await admin(topology, `/intygstjanst/certificates/${id}`)).toMatchObject({ typeCode: 'DB', revoked: false, states: [{ state: 'RECEIVED' }, { state: 'SENT', target: 'SKV' }] });
      expect(await journalSystemEvents(topology, id)).toEqual(['SKAPAT', 'SIGNAT', 'SKICKA']);
    });

    await steg('Intyget makuleras: Skatteverket får RevokeCertificate, journalsystemet MAKULE, sidan visar makulerat', async () => {
      // Revocation: Intygstjänsten forwards RevokeCertificate v2 to Skatteverket; the journal system gets MAKULE.
      await admin(topology, `/webcert/certificates/${id}/revoke`, { body: { by: DOCTOR, reason: 'Intyget har utfärdats på fel patient' } });
      await advance(topology, '1m');
      expect(await recipientInbox(topology, 'SKV', id, 'RevokeCertificate')).toMatchObject([{ meddelande: 'Intyget har utfärdats på fel patient' }]);
      const [revokeAtSkv] = await exchanges(topology, { side: 'inbound', toParty: 'skatteverket', operation: 'RevokeCertificate', certificateId: id });
      expect(revokeAtSkv).toMatchObject({ fromParty: 'intygstjanst', logicalAddress: 'Skatteverket', resultCode: 'OK' });
      expect(validateSoapMessage(revokeAtSkv!.requestBody!, 'RevokeCertificate', 'request', requireSchemaRoot())).toEqual({ valid: true, errors: [] });
      expect(await admin(topology, `/intygstjanst/certificates/${id}`)).toMatchObject({ revoked: true });
      expect(await journalSystemEvents(topology, id)).toEqual(['SKAPAT', 'SIGNAT', 'SKICKA', 'MAKULE']);
      await page.reload();
      await expect(page.locator('#intygsstatus')).toHaveText('Intyget är makulerat');
    });
  });
});

test.describe('mottagaren svarar inte eller fel: sändningen görs om', { tag: ['@send', '@DB'] }, () => {
  test('Skatteverket svarar TECHNICAL_ERROR tre gånger → Webcerts kö skickar om efter 4, 10 och 16 s och intyget levereras en gång', async ({ page, topology, journalUser }) => {
    const id = await steg('Skatteverket svarar TECHNICAL_ERROR tre gånger; ett dödsbevis skapas, fylls i och signeras', async () => {
      await admin(topology, '/faults', { body: { party: 'skatteverket', operation: 'RegisterCertificate', effect: { kind: 'result', resultCode: 'ERROR', errorId: 'TECHNICAL_ERROR' }, times: 3 } });
      const id = await createDbDraft(journalUser);
      await fakeLogin(page, topology);
      await launchFromJournal(page, topology, id, { enhet: UNIT });
      await fillDodsbevis(page);
      await signOnCertificatePage(page, id);
      await advance(topology, '1m');
      return id;
    });

    await steg('Webcerts kö skickade om efter 4, 10 och 16 s; Skatteverket har intyget en gång', async () => {
      const sends = await exchanges(topology, { side: 'outbound', fromParty: 'webcert', operation: 'SendCertificateToRecipient', certificateId: id });
      expect(sends.map((e) => [e.attempt, e.resultCode, e.errorId])).toEqual([[1, 'ERROR', 'TECHNICAL_ERROR'], [2, 'ERROR', 'TECHNICAL_ERROR'], [3, 'ERROR', 'TECHNICAL_ERROR'], [4, 'OK', undefined]]);
      expect(sends.map((e) => (e.startedAt - sends[0]!.startedAt) / 1000)).toEqual([0, 4, 10, 16]);
      const atSkv = await exchanges(topology, { side: 'inbound', toParty: 'skatteverket', operation: 'RegisterCertificate', certificateId: id });
      expect(atSkv.map((e) => e.errorId ?? e.resultCode)).toEqual(['TECHNICAL_ERROR', 'TECHNICAL_ERROR', 'TECHNICAL_ERROR', 'OK']);
      expect(await recipientInbox(topology, 'SKV', id)).toHaveLength(1);
      expect(await admin(topology, `/webcert/certificate-queue?certificateId=${id}`)).toMatchObject([
        { type: 'STORE', status: 'DELIVERED' },
        { type: 'SEND', recipient: 'SKV', status: 'DELIVERED', deliveries: [{ verdict: 'TEMPORARY' }, { verdict: 'TEMPORARY' }, { verdict: 'TEMPORARY' }, { verdict: 'DELIVERED' }] },
      ]);
      expect(await journalSystemEvents(topology, id)).toEqual(['SKAPAT', 'SIGNAT', 'SKICKA']);
    });
  });

  test('inget svar, först från Intygstjänsten och sedan från Skatteverket → omsändning, levererat en gång', async ({ page, topology, journalUser }) => {
    const id = await steg('Först Intygstjänsten och sedan Skatteverket svarar inte; ett dödsbevis skapas, fylls i och signeras', async () => {
      await admin(topology, '/faults', { body: { party: 'intygstjanst', operation: 'SendCertificateToRecipient', effect: { kind: 'noAnswer' }, times: 1 } });
      await admin(topology, '/faults', { body: { party: 'skatteverket', operation: 'RegisterCertificate', effect: { kind: 'noAnswer' }, times: 1 } });
      const id = await createDbDraft(journalUser);
      await fakeLogin(page, topology);
      await launchFromJournal(page, topology, id, { enhet: UNIT });
      await fillDodsbevis(page);
      await signOnCertificatePage(page, id);
      await advance(topology, '1m');
      return id;
    });

    await steg('Webcert skickade om tills det gick; Skatteverket har intyget en gång', async () => {
      const sends = await exchanges(topology, { side: 'outbound', fromParty: 'webcert', operation: 'SendCertificateToRecipient', certificateId: id });
      expect(sends.map((e) => [e.attempt, e.outcome, e.errorId])).toEqual([[1, 'transport-error', 'TIMEOUT'], [2, 'error', 'soap:Server'], [3, 'ok', undefined]]);
      expect(sends[1]!.message).toMatch(/could not be delivered to Skatteverket \(Skatteverket\): TIMEOUT/);
      const itToSkv = await exchanges(topology, { side: 'outbound', fromParty: 'intygstjanst', toParty: 'skatteverket', certificateId: id });
      expect(itToSkv.map((e) => e.outcome)).toEqual(['transport-error', 'ok']);
      expect(await recipientInbox(topology, 'SKV', id)).toHaveLength(1);
      expect(await journalSystemEvents(topology, id)).toEqual(['SKAPAT', 'SIGNAT', 'SKICKA']);
    });
  });
});
