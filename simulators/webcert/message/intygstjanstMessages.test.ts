/**
 * Webcert's messages to Intygstjänsten are valid against the real XSDs, and the RegisterCertificate
 * Webcert stores carries a signature that verifies where the contract puts it.
 */
import { test, expect } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireSchemaRoot } from '../../kit/contracts/schemaRoot.js';
import { validateSoapMessage } from '../../kit/contracts/xsdValidator.js';
import { ecdsaSignRaw } from '../../kit/dsig/ecdsaRaw.js';
import { verifyIntygSignature } from '../../kit/dsig/intygSignature.js';
import { TestPki } from '../../kit/pki/testPki.js';
import { buildEnvelope } from '../../kit/soap/envelope.js';
import { signedDocument } from '../signing/certificateSigning.js';
import { completeSignature, prepareSignature, verifyStoredSignature } from '../signing/certificateSignature.js';
import { SUMMER_MS, signedDb, testDoctor, testUnit } from './certificateFixtures.js';
import { buildRegisterCertificate, buildRevokeCertificate, buildSendCertificateToRecipient } from './intygstjanstMessages.js';

const IT = '5565594230';
let dir: string;
let signer: { certificatePem: string; privateKeyPem: string };

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'samverkan-itmsg-'));
  signer = await (await TestPki.open(dir)).issueFunctionCertificate({ commonName: 'Ajla Doktor', hsaId: 'TSTNMT2321000156-DRAA', key: 'EC' });
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

function signedRegisterCertificate(): string {
  const db = signedDb();
  const prepared = prepareSignature(signedDocument(db, db.signedAt!), db.id);
  const xml = completeSignature(prepared, ecdsaSignRaw(prepared.toBeSignedBytes, signer.privateKeyPem), signer.certificatePem);
  return buildRegisterCertificate({ ...db, sentAt: undefined }, xml);
}

test('RegisterCertificate v3 with the signature in intyg/underskrift: XSD-valid, and the signature verifies there', () => {
  const payload = signedRegisterCertificate();
  const envelope = buildEnvelope(payload, IT);
  expect(validateSoapMessage(envelope, 'RegisterCertificate', 'request', requireSchemaRoot())).toEqual({ valid: true, errors: [] });
  expect(payload).toMatch(/<core:svar id="7">.*<\/core:svar><m1:underskrift xmlns:m1="urn:riv:clinicalprocess:healthcond:certificate:3\.2"><ds:Signature /);
  expect(verifyIntygSignature(envelope)).toMatchObject({ valid: true, certificateId: signedDb().id });
  expect(verifyStoredSignature(payload)).toMatchObject({ valid: true });
  expect(verifyStoredSignature(payload.replace('Älvby</core:delsvar>', 'Ävby</core:delsvar>'))).toMatchObject({ valid: false, problem: expect.stringContaining('changed after signing') });
});

test('SendCertificateToRecipient v2 and RevokeCertificate v2 are XSD-valid', () => {
  const by = { staff: testDoctor(), unit: testUnit() };
  const send = buildSendCertificateToRecipient(signedDb(), 'SKV', by, SUMMER_MS);
  expect(validateSoapMessage(buildEnvelope(send, IT), 'SendCertificateToRecipient', 'request', requireSchemaRoot())).toEqual({ valid: true, errors: [] });
  expect(send).toContain('<ns2:mottagare><types:code>SKV</types:code><types:codeSystem>769bb12b-bd9f-4203-a5cd-fd14f2eb3b80</types:codeSystem></ns2:mottagare>');
  expect(send).toContain('<ns2:skickatTidpunkt>2025-06-16T10:15:30</ns2:skickatTidpunkt>');
  const revoke = buildRevokeCertificate(signedDb(), by, SUMMER_MS, 'Intyget har utfärdats på fel patient');
  expect(validateSoapMessage(buildEnvelope(revoke, IT), 'RevokeCertificate', 'request', requireSchemaRoot())).toEqual({ valid: true, errors: [] });
  expect(validateSoapMessage(buildEnvelope(buildRevokeCertificate(signedDb(), by, SUMMER_MS), IT), 'RevokeCertificate', 'request', requireSchemaRoot()).valid).toBe(true);
});

test('a replacement\'s RegisterCertificate carries intyg/relation (ERSATT, root its own unit): XSD-valid, and the signature still verifies, relation outside the digest', () => {
  const replacement = { ...signedDb(), id: 'f0e1d2c3-0000-4000-8000-000000000002', relation: { code: 'ERSATT' as const, certificateId: signedDb().id } };
  const prepared = prepareSignature(signedDocument(replacement, replacement.signedAt!), replacement.id);
  const xml = completeSignature(prepared, ecdsaSignRaw(prepared.toBeSignedBytes, signer.privateKeyPem), signer.certificatePem);
  const payload = buildRegisterCertificate({ ...replacement, sentAt: undefined }, xml);
  expect(payload).toContain(`<core:relation><core:typ><types:code>ERSATT</types:code><types:codeSystem>c2362fcd-eda0-4f9a-bd13-b3bbaf7f2146</types:codeSystem><types:displayName>Ersätter</types:displayName></core:typ><core:intygs-id><types:root>${testUnit().hsaId}</types:root><types:extension>${signedDb().id}</types:extension></core:intygs-id></core:relation>`);
  expect(validateSoapMessage(buildEnvelope(payload, IT), 'RegisterCertificate', 'request', requireSchemaRoot())).toEqual({ valid: true, errors: [] });
  expect(verifyStoredSignature(payload)).toMatchObject({ valid: true });
  // The relation is not signed: another relation verifies too (Webcert's subtract filter).
  expect(verifyStoredSignature(payload.replace('<types:code>ERSATT</types:code>', '<types:code>KOMPLT</types:code>'))).toMatchObject({ valid: true });
});
