/**
 * Skatteverket over the network: a signed DB is filed (signature verified with the certificate in
 * KeyInfo), a duplicate answered INFO, a revocation filed once; a bad personnummer, a missing date
 * of death, a tampered certificate and a type it does not take are refused with the reason; fault
 * rules answer instead and file nothing.
 */
import { test, expect } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualClock } from '../kit/clock/virtualClock.js';
import { CONTRACTS } from '../kit/contracts/contracts.js';
import { requireSchemaRoot } from '../kit/contracts/schemaRoot.js';
import { validateSoapMessage } from '../kit/contracts/xsdValidator.js';
import { ecdsaSignRaw } from '../kit/dsig/ecdsaRaw.js';
import { FaultRules } from '../kit/faults/faultRules.js';
import { TestPki } from '../kit/pki/testPki.js';
import { buildEnvelope } from '../kit/soap/envelope.js';
import { callSoap } from '../kit/soap/soapClient.js';
import { dodsbevisAnswers, lisjpDraft, signedDb, testDoctor, testUnit } from '../webcert/message/certificateFixtures.js';
import { buildRegisterCertificate, buildRevokeCertificate } from '../webcert/message/intygstjanstMessages.js';
import type { Certificate } from '../webcert/model/certificate.js';
import { completeSignature, prepareSignature } from '../webcert/signing/certificateSignature.js';
import { signedDocument } from '../webcert/signing/certificateSigning.js';
import { SKATTEVERKET } from './recipientProfiles.js';
import { RecipientSimulator } from './recipientSimulator.js';

let dir: string;
let signer: { certificatePem: string; privateKeyPem: string };
let skv: RecipientSimulator;
let faults: FaultRules;
const clock = new VirtualClock({ start: Date.parse('2026-03-02T09:00:00+01:00') });

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'samverkan-skv-'));
  signer = await (await TestPki.open(dir)).issueFunctionCertificate({ commonName: 'Ajla Doktor', hsaId: 'TSTNMT2321000156-DRAA', key: 'EC' });
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));
test.beforeEach(async () => {
  faults = new FaultRules();
  skv = await RecipientSimulator.start({ profile: SKATTEVERKET, clock, faults });
});
test.afterEach(async () => skv.stop());

let seq = 0;
/** A DB signed as Webcert signs it, with a fresh id; `change` edits it before signing. */
function db(change: (c: Certificate) => void = () => undefined): Certificate & { message: string } {
  const c = { ...signedDb(), id: `db000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`, sentAt: undefined, answers: dodsbevisAnswers() };
  change(c);
  const prepared = prepareSignature(signedDocument(c, c.signedAt!), c.id);
  const xml = completeSignature(prepared, ecdsaSignRaw(prepared.toBeSignedBytes, signer.privateKeyPem), signer.certificatePem);
  return { ...c, message: buildRegisterCertificate(c, xml) };
}

const register = (payload: string, logicalAddress = 'Skatteverket') =>
  callSoap({ url: `${skv.url}${CONTRACTS.RegisterCertificate.endpointPath}`, envelope: buildEnvelope(payload, logicalAddress), fromParty: 'intygstjanst', toParty: 'skatteverket', operation: 'RegisterCertificate', timeoutMs: 5_000, clock });
const revoke = (c: Certificate) =>
  callSoap({ url: `${skv.url}${CONTRACTS.RevokeCertificate.endpointPath}`, envelope: buildEnvelope(buildRevokeCertificate(c, { staff: testDoctor(), unit: testUnit() }, clock.now(), 'Fel patient'), 'Skatteverket'), fromParty: 'intygstjanst', toParty: 'skatteverket', operation: 'RevokeCertificate', timeoutMs: 5_000, clock });
const resultOf = (o: Awaited<ReturnType<typeof callSoap>>) => (o.kind === 'answer' ? (o.result ?? { fault: o.fault?.faultstring }) : { transport: o.code });

test('a signed DB is filed with its verified signature; a duplicate is INFO; revoked once, then INFO; the answers are XSD-valid', async () => {
  const c = db();
  const first = await register(c.message);
  expect(resultOf(first)).toEqual({ resultCode: 'OK' });
  expect(first.kind === 'answer' && validateSoapMessage(first.body, 'RegisterCertificate', 'response', requireSchemaRoot())).toEqual({ valid: true, errors: [] });
  expect(skv.inbox.list({ certificateId: c.id })).toMatchObject([{ kind: 'RegisterCertificate', typeCode: 'DB', personId: '194011306125', signature: { valid: true, signerSubject: expect.stringContaining('Ajla Doktor') } }]);
  expect(resultOf(await register(c.message))).toEqual({ resultCode: 'INFO', resultText: 'Certificate already exists' });
  expect(skv.inbox.list({ certificateId: c.id })).toHaveLength(1);

  const revoked = await revoke(c);
  expect(resultOf(revoked)).toEqual({ resultCode: 'OK' });
  expect(revoked.kind === 'answer' && validateSoapMessage(revoked.body, 'RevokeCertificate', 'response', requireSchemaRoot()).valid).toBe(true);
  expect(resultOf(await revoke(c))).toEqual({ resultCode: 'INFO', resultText: `Certificate ${c.id} is already revoked.` });
  expect(resultOf(await revoke(db()))).toMatchObject({ resultCode: 'ERROR', errorId: 'APPLICATION_ERROR', resultText: expect.stringContaining('was never received by Skatteverket') });
  expect(skv.inbox.list({ certificateId: c.id }).map((m) => m.kind)).toEqual(['RegisterCertificate', 'RevokeCertificate']);
  const api = await (await fetch(`${skv.url}/api/revoke-certificate?certificateId=${c.id}`)).json();
  expect(api).toMatchObject([{ meddelande: 'Fel patient' }]);
});

test('Skatteverket refuses a DB it cannot register, saying why', async () => {
  const refusal = async (c: { message: string }) => resultOf(await register(c.message));
  expect(await refusal(db((c) => (c.patient = { ...c.patient, personId: '194011306126' })))).toMatchObject({
    resultCode: 'ERROR', errorId: 'VALIDATION_ERROR', resultText: expect.stringMatching(/person-id 194011306126: .*wrong check digit.*valid personnummer or samordningsnummer/),
  });
  expect(await refusal(db((c) => (c.answers = c.answers.filter((s) => s.id !== '2').concat({ id: '2', delsvar: [{ id: '2.1', value: 'true' }] }))))).toMatchObject({
    errorId: 'VALIDATION_ERROR', resultText: expect.stringContaining('the date of death (delsvar 2.2) is missing'),
  });
  expect(await refusal(db((c) => (c.answers = c.answers.filter((s) => s.id !== '6'))))).toMatchObject({
    resultText: expect.stringContaining('whether an external examination was made (delsvar 6.1) or a forensic examination is needed (delsvar 6.2) is missing'),
  });
  const tampered = db().message.replace('<types:extension>194011306125</types:extension>', '<types:extension>191212121212</types:extension>');
  expect(await refusal({ message: tampered })).toMatchObject({ errorId: 'VALIDATION_ERROR', resultText: expect.stringMatching(/its signature does not verify: .*changed after signing/) });
  const lisjp = { ...lisjpDraft(), signedAt: clock.now() };
  expect(await refusal({ message: buildRegisterCertificate(lisjp) })).toMatchObject({ resultText: expect.stringContaining('does not take certificates of type LISJP, only DB') });
  expect(skv.inbox.list()).toEqual([]);
  expect(resultOf(await register(db().message, 'SOS'))).toEqual({ fault: expect.stringContaining("LogicalAddress SOS is not Skatteverket's") });
});

test('fault rules answer in its place and file nothing: TECHNICAL_ERROR twice, then OK', async () => {
  faults.add({ party: 'skatteverket', operation: 'RegisterCertificate', effect: { kind: 'result', resultCode: 'ERROR', errorId: 'TECHNICAL_ERROR' }, times: 2 });
  const c = db();
  expect(resultOf(await register(c.message))).toMatchObject({ errorId: 'TECHNICAL_ERROR' });
  expect(resultOf(await register(c.message))).toMatchObject({ errorId: 'TECHNICAL_ERROR' });
  expect(skv.inbox.list()).toEqual([]);
  expect(resultOf(await register(c.message))).toEqual({ resultCode: 'OK' });
  faults.add({ party: 'skatteverket', operation: 'RegisterCertificate', effect: { kind: 'reset' }, times: 1 });
  expect(resultOf(await register(db().message))).toEqual({ transport: expect.any(String) });
  expect(skv.inbox.list()).toHaveLength(1);
});
