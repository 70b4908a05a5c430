/**
 * What is refused on the way to Skatteverket, and with what words: a DB without a date of death,
 * a DB with a bad personnummer check digit, a signed certificate changed after signing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ecdsaSignRaw } from '../../simulators/kit/dsig/ecdsaRaw.js';
import { TestPki } from '../../simulators/kit/pki/testPki.js';
import { buildEnvelope } from '../../simulators/kit/soap/envelope.js';
import { callSoap } from '../../simulators/kit/soap/soapClient.js';
import { dodsbevisAnswers, signedDb } from '../../simulators/webcert/message/certificateFixtures.js';
import { buildRegisterCertificate } from '../../simulators/webcert/message/intygstjanstMessages.js';
import { completeSignature, prepareSignature } from '../../simulators/webcert/signing/certificateSignature.js';
import { signedDocument } from '../../simulators/webcert/signing/certificateSigning.js';
import { VirtualClock } from '../../simulators/kit/clock/virtualClock.js';
import type { Topology } from '../../harness/topology/startTopology.js';
import { adminOf } from '../fixtures/adminClient.js';
import type { Certificate } from '../../simulators/webcert/model/certificate.js';
import { expect, steg, test } from '../fixtures/topologyFixtures.js';
import { admin, advance, createDbDraft, exchanges, fillDodsbevis, journalSystemEvents, recipientInbox, signOnCertificatePage, UNIT } from './sendSteps.js';
import { fakeLogin, launchFromJournal } from './webcertPages.js';

test.use({ topologyConfig: { admin: {} } });

test.describe('vägrade dödsbevis och intyg', { tag: ['@send', '@DB'] }, () => {
  test('Skatteverket vägrar ett dödsbevis (VALIDATION_ERROR): Webcerts kö ger upp efter tre omsändningar, ingen SKICKA', async ({ page, topology, journalUser }) => {
    const id = await steg('Skatteverket vägrar med VALIDATION_ERROR; ett dödsbevis skapas, fylls i och signeras', async () => {
      await admin(topology, '/faults', { body: { party: 'skatteverket', operation: 'RegisterCertificate', effect: { kind: 'result', resultCode: 'ERROR', errorId: 'VALIDATION_ERROR', resultText: 'Dödsbeviset kan inte tas emot' } } });
      const id = await createDbDraft(journalUser);
      await fakeLogin(page, topology);
      await launchFromJournal(page, topology, id, { enhet: UNIT });
      await fillDodsbevis(page);
      await signOnCertificatePage(page, id);
      await advance(topology, '1m');
      return id;
    });

    await steg('Webcerts kö gav upp efter tre omsändningar; Skatteverket har inget, journalsystemet fick ingen SKICKA', async () => {
      const atSkv = await exchanges(topology, { side: 'inbound', toParty: 'skatteverket', operation: 'RegisterCertificate', certificateId: id });
      expect(atSkv).toHaveLength(4);
      for (const e of atSkv) expect(e).toMatchObject({ resultCode: 'ERROR', errorId: 'VALIDATION_ERROR' });
      const sends = await exchanges(topology, { side: 'outbound', fromParty: 'webcert', operation: 'SendCertificateToRecipient', certificateId: id });
      expect(sends.map((e) => e.errorId)).toEqual(['TECHNICAL_ERROR', 'TECHNICAL_ERROR', 'TECHNICAL_ERROR', 'TECHNICAL_ERROR']);
      expect(await recipientInbox(topology, 'SKV', id)).toEqual([]);
      const queue = await admin<{ type: string; status: string; deliveries: { reason: string }[] }[]>(topology, `/webcert/certificate-queue?certificateId=${id}`);
      expect(queue.find((m) => m.type === 'SEND')).toMatchObject({ status: 'DEAD_LETTER' });
      expect(queue.find((m) => m.type === 'SEND')!.deliveries.at(-1)!.reason).toMatch(/moved to the dead-letter queue/);
      expect(await journalSystemEvents(topology, id)).toEqual(['SKAPAT', 'SIGNAT']);
    });
  });

  // Webcert's own form refuses to sign a DB without a date of death; a sender that does not (a real
  // Webcert of another version, a hand-made message) meets Skatteverket's check.
  test('DB utan dödsdatum, signerat och skickat direkt: Skatteverket säger vad som saknas', async ({ topology }) => {
    await steg('Ett signerat dödsbevis utan dödsdatum skickas direkt till Skatteverket, som säger vad som saknas', async () => {
      const db = { ...signedDb(), sentAt: undefined, signedAt: (await adminOf(topology).clock()).now };
      db.answers = dodsbevisAnswers().map((a) => (a.id === '2' ? { ...a, delsvar: a.delsvar.filter((d) => d.id !== '2.2') } : a));
      const outcome = await postToSkatteverket(topology, db);
      expect(outcome).toEqual({
        resultCode: 'ERROR',
        errorId: 'VALIDATION_ERROR',
        resultText: `Skatteverket cannot take in certificate ${db.id}: the date of death (delsvar 2.2) is missing; a dödsbevis must say when the person died`,
      });
      expect(await recipientInbox(topology, 'SKV', db.id)).toEqual([]);
    });
  });

  test('DB med fel kontrollsiffra i personnumret: Skatteverket säger det', async ({ topology }) => {
    await steg('Ett dödsbevis med fel kontrollsiffra skickas direkt till Skatteverket, som säger det', async () => {
      const db = { ...signedDb(), sentAt: undefined, signedAt: (await adminOf(topology).clock()).now, answers: dodsbevisAnswers() };
      db.patient = { ...db.patient, personId: '191212121213' };
      expect(await postToSkatteverket(topology, db)).toEqual({
        resultCode: 'ERROR',
        errorId: 'VALIDATION_ERROR',
        resultText: `Skatteverket cannot take in certificate ${db.id}: patient/person-id 191212121213: person id 191212121213 has a wrong check digit (3; the Luhn digit is 2); a death is registered against a valid personnummer or samordningsnummer`,
      });
      expect(await recipientInbox(topology, 'SKV', db.id)).toEqual([]);
    });
  });

  test('ett signerat intyg som ändrats efter signeringen vägras av Intygstjänsten', async ({ page, topology, journalUser }) => {
    const id = await steg('Ett dödsbevis skapas, fylls i och signeras; Webcert lagrar det i Intygstjänsten', async () => {
      const id = await createDbDraft(journalUser);
      await fakeLogin(page, topology);
      await launchFromJournal(page, topology, id, { enhet: UNIT });
      await fillDodsbevis(page);
      await signOnCertificatePage(page, id);
      await advance(topology, '1m');
      return id;
    });

    await steg('Intyget ändras efter signeringen och lagras igen: Intygstjänsten vägrar; originalet är redan lagrat och levererat', async () => {
      const [stored] = await exchanges(topology, { side: 'outbound', fromParty: 'webcert', operation: 'RegisterCertificate', certificateId: id });
      expect(stored!.requestBody).toContain('<core:delsvar id="3.1">Testby</core:delsvar>');
      const it = (await admin<Record<string, Record<string, string>>>(topology, '/parties')).intygstjanst!;
      const store = async (envelope: string) => {
        const o = await callSoap({ url: it.registerCertificate!, envelope, fromParty: 'webcert', toParty: 'intygstjanst', operation: 'RegisterCertificate', timeoutMs: 5_000, clock: new VirtualClock({ start: (await adminOf(topology).clock()).now }), facts: { certificateId: id } });
        return o.kind === 'answer' ? o.result : undefined;
      };
      const tampered = stored!.requestBody!.replace('<core:delsvar id="3.1">Testby</core:delsvar>', '<core:delsvar id="3.1">Solna</core:delsvar>');
      expect(await store(tampered)).toEqual({
        resultCode: 'ERROR',
        errorId: 'VALIDATION_ERROR',
        resultText: `Certificate ${id} is not stored: its signature does not verify: the content of intyg ${id} does not match the signed digest: it was changed after signing`,
      });
      expect(await store(stored!.requestBody!)).toEqual({ resultCode: 'INFO', resultText: 'Certificate already exists' });
      expect((await admin<{ document: string }>(topology, `/intygstjanst/certificates/${id}`)).document).toContain('Testby</core:delsvar>');
      expect(await recipientInbox(topology, 'SKV', id)).toHaveLength(1);
    });
  });
});

/** Signs `db` with a fresh signer certificate and posts it as RegisterCertificate v3 straight to Skatteverket. */
async function postToSkatteverket(topology: Topology, db: Certificate): Promise<unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'samverkan-skv-'));
  try {
    const signer = await (await TestPki.open(dir)).issueFunctionCertificate({ commonName: 'Ajla Doktor', hsaId: 'TSTNMT2321000156-1079', key: 'EC' });
    const prepared = prepareSignature(signedDocument(db, db.signedAt!), db.id);
    const message = buildRegisterCertificate(db, completeSignature(prepared, ecdsaSignRaw(prepared.toBeSignedBytes, signer.privateKeyPem), signer.certificatePem));
    const skv = (await admin<Record<string, Record<string, string>>>(topology, '/parties')).skatteverket!;
    const outcome = await callSoap({ url: skv.registerCertificate!, envelope: buildEnvelope(message, skv.logicalAddress!), fromParty: 'intygstjanst', toParty: 'skatteverket', operation: 'RegisterCertificate', timeoutMs: 5_000, clock: new VirtualClock({ start: (await adminOf(topology).clock()).now }) });
    return outcome.kind === 'answer' ? outcome.result : outcome;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
