/**
 * Intygstjänsten over the network, with Skatteverket behind it: store, send, revoke and their
 * answers as the real responders give them, and what reaches the recipient.
 */
import { test, expect } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualClock } from '../kit/clock/virtualClock.js';
import { requireSchemaRoot } from '../kit/contracts/schemaRoot.js';
import { validateSoapMessage } from '../kit/contracts/xsdValidator.js';
import { ecdsaSignRaw } from '../kit/dsig/ecdsaRaw.js';
import { FaultRules } from '../kit/faults/faultRules.js';
import { TrafficJournal } from '../kit/journal/trafficJournal.js';
import { TestPki } from '../kit/pki/testPki.js';
import { buildEnvelope } from '../kit/soap/envelope.js';
import { callSoap } from '../kit/soap/soapClient.js';
import { SKATTEVERKET } from '../recipients/recipientProfiles.js';
import { RecipientSimulator } from '../recipients/recipientSimulator.js';
import { dodsbevisAnswers, signedDb, testDoctor, testUnit } from '../webcert/message/certificateFixtures.js';
import { buildRegisterCertificate, buildRevokeCertificate, buildSendCertificateToRecipient } from '../webcert/message/intygstjanstMessages.js';
import type { Certificate } from '../webcert/model/certificate.js';
import { completeSignature, prepareSignature } from '../webcert/signing/certificateSignature.js';
import { signedDocument } from '../webcert/signing/certificateSigning.js';
import { INTYGSTJANST_LOGICAL_ADDRESS } from './intygstjanstContext.js';
import { IntygstjanstSimulator } from './intygstjanstSimulator.js';

let dir: string;
let signer: { certificatePem: string; privateKeyPem: string };
let it: IntygstjanstSimulator;
let skv: RecipientSimulator;
let faults: FaultRules;
let journal: TrafficJournal;
const clock = new VirtualClock({ start: Date.parse('2026-03-02T09:00:00+01:00') });
const by = { staff: testDoctor(), unit: testUnit() };

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'samverkan-it-'));
  signer = await (await TestPki.open(dir)).issueFunctionCertificate({ commonName: 'Ajla Doktor', hsaId: 'TSTNMT2321000156-DRAA', key: 'EC' });
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));
test.beforeEach(async () => {
  faults = new FaultRules();
  journal = TrafficJournal.open({ path: ':memory:' });
  skv = await RecipientSimulator.start({ profile: SKATTEVERKET, clock, faults, journal });
  it = await IntygstjanstSimulator.start({
    clock, faults, journal, recipientTimeoutMs: 1_000,
    routeRecipient: (la) => (la === 'Skatteverket' ? { url: skv.url, party: 'skatteverket' } : undefined),
  });
});
test.afterEach(async () => {
  await it.stop();
  await skv.stop();
  journal.close();
});

let seq = 0;
function db(change: (c: Certificate) => void = () => undefined): Certificate & { message: string } {
  const c = { ...signedDb(), id: `db000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`, sentAt: undefined, answers: dodsbevisAnswers() };
  change(c);
  const prepared = prepareSignature(signedDocument(c, c.signedAt!), c.id);
  const xml = completeSignature(prepared, ecdsaSignRaw(prepared.toBeSignedBytes, signer.privateKeyPem), signer.certificatePem);
  return { ...c, message: buildRegisterCertificate(c, xml) };
}

const call = async (url: string, operation: string, payload: string) => {
  const o = await callSoap({ url, envelope: buildEnvelope(payload, INTYGSTJANST_LOGICAL_ADDRESS), fromParty: 'webcert', toParty: 'intygstjanst', operation, timeoutMs: 5_000, clock });
  return o.kind === 'answer' ? { body: o.body, result: o.result ?? { fault: o.fault?.faultstring } } : { body: '', result: { transport: o.code } };
};
const store = (c: { message: string }) => call(it.endpoints.registerCertificate!, 'RegisterCertificate', c.message);
const send = (c: Certificate, recipient = 'SKV') => call(it.endpoints.sendCertificateToRecipient!, 'SendCertificateToRecipient', buildSendCertificateToRecipient(c, recipient, by, clock.now()));
const revoke = (c: Certificate) => call(it.endpoints.revokeCertificate!, 'RevokeCertificate', buildRevokeCertificate(c, by, clock.now(), 'Fel patient'));

test('store, send to Skatteverket, revoke: the recipient gets RegisterCertificate then RevokeCertificate; repeats get the real answers', async () => {
  const c = db();
  const stored = await store(c);
  expect(stored.result).toEqual({ resultCode: 'OK' });
  expect(validateSoapMessage(stored.body, 'RegisterCertificate', 'response', requireSchemaRoot()).valid).toBe(true);
  expect(it.repository.get(c.id)).toMatchObject({ typeCode: 'DB', moduleId: 'db', personId: '194011306125', signerSubject: expect.stringContaining('Ajla Doktor'), revoked: false });
  expect((await store(c)).result).toEqual({ resultCode: 'INFO', resultText: 'Certificate already exists' });

  const sent = await send(c);
  expect(sent.result).toEqual({ resultCode: 'OK' });
  expect(validateSoapMessage(sent.body, 'SendCertificateToRecipient', 'response', requireSchemaRoot()).valid).toBe(true);
  expect(skv.inbox.list({ certificateId: c.id })).toMatchObject([{ kind: 'RegisterCertificate', signature: { valid: true } }]);
  const forwarded = journal.query({ side: 'outbound', fromParty: 'intygstjanst', toParty: 'skatteverket', certificateId: c.id })[0]!;
  expect(forwarded).toMatchObject({ operation: 'RegisterCertificate', logicalAddress: 'Skatteverket', resultCode: 'OK' });
  expect(validateSoapMessage(forwarded.requestBody!, 'RegisterCertificate', 'request', requireSchemaRoot())).toEqual({ valid: true, errors: [] });
  expect((await send(c)).result).toEqual({ resultCode: 'INFO', resultText: `Certificate '${c.id}' already sent to 'SKV'.` });

  expect((await revoke(c)).result).toEqual({ resultCode: 'OK' });
  expect(skv.inbox.list({ certificateId: c.id }).map((m) => m.kind)).toEqual(['RegisterCertificate', 'RevokeCertificate']);
  expect(it.repository.get(c.id)).toMatchObject({ revoked: true, states: [{ state: 'RECEIVED' }, { state: 'SENT', target: 'SKV' }, { state: 'CANCELLED' }] });
  expect((await revoke(c)).result).toEqual({ resultCode: 'INFO', resultText: `Certificate ${c.id} is already revoked.` });
  expect((await send(c)).result).toEqual({ resultCode: 'INFO', resultText: `Certificate '${c.id}' has been revoked.` });
  expect(await (await fetch(`${it.endpoints.certificatesApi}/${c.id}`)).json()).toMatchObject({ certificateId: c.id, revoked: true });
});

test('refusals in the real responders\' words', async () => {
  const unknown = db();
  expect((await send(unknown)).result).toEqual({ resultCode: 'ERROR', errorId: 'APPLICATION_ERROR', resultText: `Unknown certificate ID: ${unknown.id}` });
  expect((await revoke(unknown)).result).toEqual({ resultCode: 'ERROR', errorId: 'APPLICATION_ERROR', resultText: `Certificate ${unknown.id} does not exist for patient.` });
  const c = db();
  await store(c);
  expect((await send(c, 'NOPE')).result).toEqual({ resultCode: 'ERROR', errorId: 'APPLICATION_ERROR', resultText: 'Unknown recipient ID: NOPE' });
  expect((await send(c, 'FKASSA')).result).toEqual({ resultCode: 'ERROR', errorId: 'TECHNICAL_ERROR', resultText: `Certificate '${c.id}' couldn't be sent to recipient` });
  expect((await store(db((x) => (x.typeVersion = '9.0')))).result).toEqual({ resultCode: 'ERROR', errorId: 'VALIDATION_ERROR', resultText: 'Certificate with type: DB does not support version: 9.0' });
  const tampered = db().message.replace('<core:delsvar id="3.1">Stockholm</core:delsvar>', '<core:delsvar id="3.1">Solna</core:delsvar>');
  expect((await store({ message: tampered })).result).toMatchObject({ errorId: 'VALIDATION_ERROR', resultText: expect.stringMatching(/is not stored: its signature does not verify: .*changed after signing/) });
  const unsigned = buildRegisterCertificate(db());
  expect((await store({ message: unsigned })).result).toMatchObject({ errorId: 'VALIDATION_ERROR', resultText: expect.stringContaining('has no underskrift') });
});

test('a recipient that refuses gives TECHNICAL_ERROR; one that does not answer gives a SOAP fault; a revocation it cannot get is rolled back', async () => {
  const c = db();
  await store(c);
  faults.add({ party: 'skatteverket', operation: 'RegisterCertificate', effect: { kind: 'result', resultCode: 'ERROR', errorId: 'TECHNICAL_ERROR' }, times: 1 });
  expect((await send(c)).result).toMatchObject({ errorId: 'TECHNICAL_ERROR', resultText: `Certificate '${c.id}' couldn't be sent to recipient` });
  faults.add({ party: 'skatteverket', operation: 'RegisterCertificate', effect: { kind: 'noAnswer' }, times: 1 });
  expect((await send(c)).result).toEqual({ fault: expect.stringMatching(/could not be delivered to Skatteverket \(Skatteverket\): TIMEOUT/) });
  expect(skv.inbox.list()).toEqual([]);
  expect((await send(c)).result).toEqual({ resultCode: 'OK' });

  faults.add({ party: 'skatteverket', operation: 'RevokeCertificate', effect: { kind: 'reset' }, times: 1 });
  expect((await revoke(c)).result).toEqual({ fault: expect.stringContaining('was not revoked: the revocation could not be forwarded to Skatteverket') });
  expect(it.repository.get(c.id)?.revoked).toBe(false);
  expect((await revoke(c)).result).toEqual({ resultCode: 'OK' });
  expect(skv.inbox.list({ certificateId: c.id, kind: 'RevokeCertificate' })).toHaveLength(1);
});

test('with a state file, a restarted Intygstjänsten holds what it acknowledged: a store, send or revoke made again gets the same answers, and Skatteverket gets nothing twice', async () => {
  const stateFile = join(dir, `it-${++seq}.sqlite`);
  await it.stop();
  const start = () => IntygstjanstSimulator.start({ clock, faults, journal, recipientTimeoutMs: 1_000, stateFile, routeRecipient: (la) => (la === 'Skatteverket' ? { url: skv.url, party: 'skatteverket' } : undefined) });
  it = await start();
  const sent = db();
  const revoked = db();
  for (const c of [sent, revoked]) expect((await store(c)).result).toEqual({ resultCode: 'OK' });
  expect((await send(sent)).result).toEqual({ resultCode: 'OK' });
  expect((await send(revoked)).result).toEqual({ resultCode: 'OK' });
  expect((await revoke(revoked)).result).toEqual({ resultCode: 'OK' });
  await it.stop();

  it = await start();
  expect(it.repository.list().map((c) => c.certificateId)).toEqual([sent.id, revoked.id]);
  expect((await store(sent)).result).toEqual({ resultCode: 'INFO', resultText: 'Certificate already exists' });
  expect((await send(sent)).result).toEqual({ resultCode: 'INFO', resultText: `Certificate '${sent.id}' already sent to 'SKV'.` });
  expect((await revoke(revoked)).result).toEqual({ resultCode: 'INFO', resultText: `Certificate ${revoked.id} is already revoked.` });
  expect(skv.inbox.list({ certificateId: sent.id }).map((m) => m.kind)).toEqual(['RegisterCertificate']);
  expect(skv.inbox.list({ certificateId: revoked.id }).map((m) => m.kind)).toEqual(['RegisterCertificate', 'RevokeCertificate']);
});

test('with a state file and a working set of 2, five certificates are all found (get, listing, send, revoke) while memory holds at most 2; a restart reads none of them until asked', async () => {
  const stateFile = join(dir, `it-${++seq}.sqlite`);
  await it.stop();
  const start = () => IntygstjanstSimulator.start({ clock, faults, journal, recipientTimeoutMs: 1_000, stateFile, certificatesInMemory: 2, routeRecipient: (la) => (la === 'Skatteverket' ? { url: skv.url, party: 'skatteverket' } : undefined) });
  it = await start();
  const five = [db(), db(), db(), db(), db()];
  for (const c of five) expect((await store(c)).result).toEqual({ resultCode: 'OK' });
  expect(it.repository.heldInMemory).toBeLessThanOrEqual(2);
  for (const c of five) expect(it.repository.get(c.id)).toMatchObject({ certificateId: c.id, revoked: false });
  expect(it.repository.heldInMemory).toBeLessThanOrEqual(2);
  const listed = (await (await fetch(it.endpoints.certificatesApi!)).json()) as { certificateId: string }[];
  expect(listed.map((c) => c.certificateId)).toEqual(five.map((c) => c.id));
  for (const c of five) expect((await send(c)).result).toEqual({ resultCode: 'OK' });
  for (const c of five) expect((await send(c)).result).toEqual({ resultCode: 'INFO', resultText: `Certificate '${c.id}' already sent to 'SKV'.` });
  for (const c of five.slice(0, 3)) expect((await revoke(c)).result).toEqual({ resultCode: 'OK' });
  expect(it.repository.heldInMemory).toBeLessThanOrEqual(2);
  await it.stop();

  it = await start();
  expect(it.repository.heldInMemory).toBe(0);
  expect(it.repository.list({ personId: '19401130-6125' }).map((c) => [c.certificateId, c.revoked, c.states.map((s) => s.state)])).toEqual(
    five.map((c, i) => [c.id, i < 3, i < 3 ? ['RECEIVED', 'SENT', 'CANCELLED'] : ['RECEIVED', 'SENT']]),
  );
  expect(it.repository.heldInMemory).toBe(0);
  for (const c of five.slice(0, 3)) expect((await revoke(c)).result).toEqual({ resultCode: 'INFO', resultText: `Certificate ${c.id} is already revoked.` });
  for (const c of five.slice(3)) expect((await revoke(c)).result).toEqual({ resultCode: 'OK' });
  expect(it.repository.heldInMemory).toBeLessThanOrEqual(2);
  for (const c of five) expect(skv.inbox.list({ certificateId: c.id }).map((m) => m.kind)).toEqual(['RegisterCertificate', 'RevokeCertificate']);
});
