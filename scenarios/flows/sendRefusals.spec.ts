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
import { expect, test } from '../fixtures/topologyFixtures.js';
import { admin, advance, createDbDraft, exchanges, fillDodsbevis, journalSystemEvents, recipientInbox, signOnCertificatePage, UNIT } from './sendSteps.js';
import { fakeLogin, launchFromJournal } from './webcertPages.js';

test.use({ topologyConfig: { admin: {} } });

test.describe('vägrade dödsbevis och intyg', { tag: ['@send', '@DB'] }, () => {
  test('DB utan dödsdatum: Skatteverket säger vad som saknas; Webcerts kö ger upp efter tre omsändningar, ingen SKICKA', async ({ page, topology, journalUser }) => {
    const id = await createDbDraft(journalUser);
    const withoutDate = dodsbevisAnswers().map((s) => (s.id === '2' ? { ...s, delsvar: s.delsvar.filter((d) => d.id !== '2.2') } : s));
    await fillDodsbevis(topology, id, withoutDate);
    await fakeLogin(page, topology);
    await launchFromJournal(page, topology, id, { enhet: UNIT });
    await signOnCertificatePage(page, id);
    await advance(topology, '1m');

    const atSkv = await exchanges(topology, { side: 'inbound', toParty: 'skatteverket', operation: 'RegisterCertificate', certificateId: id });
    expect(atSkv).toHaveLength(4);
    for (const e of atSkv) {
      expect(e).toMatchObject({ resultCode: 'ERROR', errorId: 'VALIDATION_ERROR' });
      expect(e.message).toBe(`Skatteverket cannot take in certificate ${id}: the date of death (delsvar 2.2) is missing; a dödsbevis must say when the person died`);
    }
    const sends = await exchanges(topology, { side: 'outbound', fromParty: 'webcert', operation: 'SendCertificateToRecipient', certificateId: id });
    expect(sends.map((e) => e.errorId)).toEqual(['TECHNICAL_ERROR', 'TECHNICAL_ERROR', 'TECHNICAL_ERROR', 'TECHNICAL_ERROR']);
    expect(await recipientInbox(topology, 'SKV', id)).toEqual([]);
    const queue = await admin<{ type: string; status: string; deliveries: { reason: string }[] }[]>(topology, `/webcert/certificate-queue?certificateId=${id}`);
    expect(queue.find((m) => m.type === 'SEND')).toMatchObject({ status: 'DEAD_LETTER' });
    expect(queue.find((m) => m.type === 'SEND')!.deliveries.at(-1)!.reason).toMatch(/moved to the dead-letter queue/);
    expect(await journalSystemEvents(topology, id)).toEqual(['SKAPAT', 'SIGNAT']);
  });

  test('DB med fel kontrollsiffra i personnumret: Skatteverket säger det', async ({ topology }) => {
    const dir = mkdtempSync(join(tmpdir(), 'samverkan-pnr-'));
    try {
      const signer = await (await TestPki.open(dir)).issueFunctionCertificate({ commonName: 'Ajla Doktor', hsaId: 'TSTNMT2321000156-1079', key: 'EC' });
      const db = { ...signedDb(), sentAt: undefined, signedAt: topology.clock.now(), answers: dodsbevisAnswers() };
      db.patient = { ...db.patient, personId: '191212121213' };
      const prepared = prepareSignature(signedDocument(db, db.signedAt), db.id);
      const message = buildRegisterCertificate(db, completeSignature(prepared, ecdsaSignRaw(prepared.toBeSignedBytes, signer.privateKeyPem), signer.certificatePem));
      const skv = (await admin<Record<string, Record<string, string>>>(topology, '/parties')).skatteverket!;
      const outcome = await callSoap({ url: skv.registerCertificate!, envelope: buildEnvelope(message, skv.logicalAddress!), fromParty: 'intygstjanst', toParty: 'skatteverket', operation: 'RegisterCertificate', timeoutMs: 5_000, clock: topology.clock });
      expect(outcome.kind === 'answer' && outcome.result).toEqual({
        resultCode: 'ERROR',
        errorId: 'VALIDATION_ERROR',
        resultText: `Skatteverket cannot take in certificate ${db.id}: patient/person-id 191212121213: person id 191212121213 has a wrong check digit (3; the Luhn digit is 2); a death is registered against a valid personnummer or samordningsnummer`,
      });
      expect(await recipientInbox(topology, 'SKV', db.id)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('ett signerat intyg som ändrats efter signeringen vägras av Intygstjänsten', async ({ page, topology, journalUser }) => {
    const id = await createDbDraft(journalUser);
    await fillDodsbevis(topology, id);
    await fakeLogin(page, topology);
    await launchFromJournal(page, topology, id, { enhet: UNIT });
    await signOnCertificatePage(page, id);
    await advance(topology, '1m');

    const [stored] = await exchanges(topology, { side: 'outbound', fromParty: 'webcert', operation: 'RegisterCertificate', certificateId: id });
    expect(stored!.requestBody).toContain('<core:delsvar id="3.1">Stockholm</core:delsvar>');
    const it = (await admin<Record<string, Record<string, string>>>(topology, '/parties')).intygstjanst!;
    const store = async (envelope: string) => {
      const o = await callSoap({ url: it.registerCertificate!, envelope, fromParty: 'webcert', toParty: 'intygstjanst', operation: 'RegisterCertificate', timeoutMs: 5_000, clock: topology.clock, facts: { certificateId: id } });
      return o.kind === 'answer' ? o.result : undefined;
    };
    const tampered = stored!.requestBody!.replace('<core:delsvar id="3.1">Stockholm</core:delsvar>', '<core:delsvar id="3.1">Solna</core:delsvar>');
    expect(await store(tampered)).toEqual({
      resultCode: 'ERROR',
      errorId: 'VALIDATION_ERROR',
      resultText: `Certificate ${id} is not stored: its signature does not verify: the content of intyg ${id} does not match the signed digest: it was changed after signing`,
    });
    expect(await store(stored!.requestBody!)).toEqual({ resultCode: 'INFO', resultText: 'Certificate already exists' });
    expect((await admin<{ document: string }>(topology, `/intygstjanst/certificates/${id}`)).document).toContain('Stockholm</core:delsvar>');
    expect(await recipientInbox(topology, 'SKV', id)).toHaveLength(1);
  });
});
