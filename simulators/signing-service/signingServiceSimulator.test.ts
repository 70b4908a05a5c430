import { test, expect } from '@playwright/test';
import { verify, X509Certificate } from 'node:crypto';
import { readAuthContextExtensionValue, AUTH_CONTEXT_EXTENSION_OID } from './signer/authContextExtension.js';
import { x509 } from '../kit/pki/x509Runtime.js';
import { verifyEnvelopedSignature } from '../kit/dsig/signatureVerification.js';
import { parseMetadata, defaultAssertionConsumerService } from '../kit/saml/metadataParser.js';
import { certificateBase64 } from '../kit/pki/pem.js';
import { RESULT_MAJOR, RESULT_MINOR, SIGNATURE_ALGORITHMS } from './dss/dssNames.js';
import { formIn, postForm, textOf } from './testing/browserSteps.js';
import { startSigningWorld, walkSignature, WEBCERT_RESPONSE_URL, type SigningWorld } from './testing/signingServiceWorld.js';
import { readAsWebcert } from './testing/webcertStyleResponseCheck.js';
import { FaultRules } from '../kit/faults/faultRules.js';
import { webcertSignedInfo } from './testing/webcertStyleSignRequest.js';

let world: SigningWorld;
const faults = new FaultRules();
test.beforeAll(async () => {
  world = await startSigningWorld({ service: { faults } });
});
test.afterAll(async () => world?.stop());

/** Posts a request and expects the no-response error page. */
async function expectRefused(form: URLSearchParams, heading: RegExp) {
  const page = await postForm(world.service.endpoints.requestUrl, form);
  expect(page.status).toBe(400);
  expect(textOf(page.html, 'felrubrik')).toMatch(heading);
  expect(page.html).not.toContain('EidSignResponse');
  return page;
}

/** Walks a signature and expects an error SignResponse with these codes. */
async function expectErrorResponse(walk: Awaited<ReturnType<typeof walkSignature>>, major: string, minor: string) {
  expect(walk.responseForm?.action).toBe(WEBCERT_RESPONSE_URL);
  const reading = readAsWebcert(walk.responseForm!.fields.EidSignResponse!, world.heldMetadataXml);
  expect(reading).toMatchObject({ kind: 'error', resultMajor: major, resultMinor: minor });
  if (reading.kind !== 'error') throw new Error('unreachable');
  expect(reading.xml).toContain('xml:lang="sv"');
  expect(reading.xml).not.toContain('SignatureObject');
  return reading;
}

test.describe('signing service: a signature as Webcert asks for it', () => {
  test('success: the SignResponse passes Webcert\'s checks and the signature verifies over ToBeSignedBytes', async () => {
    const request = world.request();
    const walk = await walkSignature(world, request);
    expect(textOf(walk.waitingHtml, 'rubrik')).toBe('Du ska nu underteckna');
    expect(textOf(walk.waitingHtml, 'signeringsmeddelande')).toBe('Intyg utfärdat för 19121212-1212');

    const authn = world.idp.requests.at(-1)!;
    expect(authn).toMatchObject({ forceAuthn: true, signed: true, issuer: world.service.endpoints.entityId, assertionConsumerServiceUrl: world.service.endpoints.assertionConsumerUrl });
    expect(authn.requestedAuthnContext?.classRefs).toEqual(['http://id.sambi.se/loa/loa2', 'http://id.sambi.se/loa/loa3']);
    expect(authn.signMessage).toMatchObject({ message: 'Intyg utfärdat för 19121212-1212', mustShow: true, mimeType: 'text/html' });

    const form = walk.responseForm!;
    expect(form.action).toBe(WEBCERT_RESPONSE_URL);
    expect(form.fields).toMatchObject({ Binding: 'POST/XML/1.0', RelayState: request.requestId });
    const reading = readAsWebcert(form.fields.EidSignResponse!, world.heldMetadataXml);
    if (reading.kind !== 'success') throw new Error(`expected success, got ${JSON.stringify(reading).slice(0, 400)}`);
    expect(reading.xml.match(/<ds:Signature[\s>]/g)).toHaveLength(1);
    expect(reading.xml).toContain('<csig:SignResponseExtension Version="1.4">');
    expect(reading.signatureType).toBe(SIGNATURE_ALGORITHMS.ecdsaSha256);
    expect(reading.toBeSigned.equals(request.toBeSignedBytes)).toBe(true);
    expect(reading.signatureValue).toHaveLength(64);
    const signerKey = new X509Certificate(reading.signerCertificatePem).publicKey;
    expect(verify('sha256', reading.toBeSigned, { key: signerKey, dsaEncoding: 'ieee-p1363' }, reading.signatureValue)).toBe(true);

    expect(reading.chainPem).toHaveLength(3);
    const signer = new x509.X509Certificate(reading.signerCertificatePem);
    expect(signer.subject).toBe('G=Ajla, SN=Doktor, 2.5.4.5=TSTNMT2321000156-1079, CN=Ajla Doktor');
    expect(signer.getExtension(x509.KeyUsagesExtension)?.usages).toBe(x509.KeyUsageFlags.nonRepudiation);
    expect(signer.issuer).toBe(new x509.X509Certificate(reading.chainPem[1]!).subject);
    const context = readAuthContextExtensionValue(new Uint8Array(signer.getExtension(AUTH_CONTEXT_EXTENSION_OID)!.value));
    expect(context[0]?.contextType).toBe('http://id.elegnamnden.se/auth-cont/1.0/saci');
    expect(context[0]?.contextInfo).toContain(`IdentityProvider="${world.idp.entityId}"`);
    expect(context[0]?.contextInfo).toContain('AuthnContextClassRef="http://id.sambi.se/loa/loa3"');
    expect(context[0]?.contextInfo).toContain('<saci:AttributeMapping Type="rdn" Ref="2.5.4.5"><saml:Attribute Name="http://sambi.se/attributes/1/employeeHsaId" FriendlyName="serialNumber">');
    expect(reading.xml).toMatch(/<csig:AssertionRef>_[0-9a-f]{40}<\/csig:AssertionRef>/);
    expect(reading.xml).toContain('<csig:SamlAssertions><csig:Assertion>');

    const operations = world.journal.query({ withoutBodies: true }).filter((e) => e.messageId === request.requestId).map((e) => `${e.side} ${e.operation} ${e.outcome}`);
    expect(operations).toEqual(['outbound SAML AuthnRequest ok', 'inbound DSS SignRequest ok', 'outbound DSS SignResponse ok', 'inbound SAML Response ok']);
  });

  test('metadata: signed, entityID = its URL, default ACS = the request URL, current signing certificate, sigservice category', async () => {
    const res = await fetch(world.service.endpoints.metadataUrl);
    expect(res.headers.get('content-type')).toContain('application/samlmetadata+xml');
    const xml = await res.text();
    const md = parseMetadata(xml);
    expect(md.entityId).toBe(world.service.endpoints.metadataUrl);
    expect(defaultAssertionConsumerService(md.sp!)?.location).toBe(world.service.endpoints.requestUrl);
    expect(md.sp!.assertionConsumerServices.map((a) => a.location)).toContain(world.service.endpoints.assertionConsumerUrl);
    expect(md.sp!.signingCertificatesPem.map(certificateBase64)).toEqual([certificateBase64(world.service.certificatePem)]);
    expect(md.entityCategories).toContain('http://id.elegnamnden.se/st/1.0/sigservice');
    expect(md.sp!.attributeConsumingServices[0]).toMatchObject({ serviceName: 'digg_ap_hsaid_01' });
    expect(md.sp!.attributeConsumingServices[0]!.requestedAttributes.map((a) => a.name)).toEqual([
      'http://sambi.se/attributes/1/givenName',
      'http://sambi.se/attributes/1/surname',
      'urn:name',
      'http://sambi.se/attributes/1/employeeHsaId',
    ]);
    expect(verifyEnvelopedSignature(xml, { trustedCertificatesPem: [world.service.certificatePem] }).valid).toBe(true);
  });
});

test.describe('signing service: requests that get no SignResponse (error page)', () => {
  test('unsigned request', async () => {
    await expectRefused(world.request(undefined, { credential: null }).form(), /inte signerad/);
  });

  test('request signed by another key than the registered requester\'s', async () => {
    const stranger = await world.pki.issueFunctionCertificate({ commonName: 'stranger.test', hsaId: 'TSTNMT2321000156-X' });
    const page = await expectRefused(world.request(undefined, { credential: stranger }).form(), /kunde inte verifieras/);
    expect(textOf(page.html, 'teknisk-detalj')).toContain('not made by the registered requester');
  });

  test('signature wrapping: a forged request around a genuinely signed one', async () => {
    const genuine = world.request();
    const forged = world.request(undefined, { credential: null, signerHsaId: 'TSTNMT2321000156-EVIL' });
    const genuineSignature = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(genuine.xml)![0];
    const wrapped = forged.xml.replace(
      '</csig:SignRequestExtension>',
      `<csig:OtherRequestInfo>${genuine.xml.replace(/^<\?xml[^>]*>/, '')}</csig:OtherRequestInfo></csig:SignRequestExtension>${genuineSignature}`,
    );
    await expectRefused(new URLSearchParams({ Binding: 'POST/XML/1.0', RelayState: forged.requestId, EidSignRequest: Buffer.from(wrapped).toString('base64') }), /flera signaturer/);
    const moved = forged.xml.replace('</csig:SignRequestExtension>', `</csig:SignRequestExtension>${genuineSignature}`);
    await expectRefused(new URLSearchParams({ RelayState: forged.requestId, EidSignRequest: Buffer.from(moved).toString('base64') }), /kunde inte verifieras/);
  });

  test('broken base64, not XML, a DTD, a wrong Binding, an unknown requester', async () => {
    const base = { Binding: 'POST/XML/1.0', RelayState: 'x' };
    await expectRefused(new URLSearchParams({ ...base, EidSignRequest: 'this is not base64!' }), /kunde inte avkodas/);
    await expectRefused(new URLSearchParams({ ...base, EidSignRequest: Buffer.from('<dss:SignRequest').toString('base64') }), /inte läsbar XML/);
    await expectRefused(new URLSearchParams({ ...base, EidSignRequest: Buffer.from('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>').toString('base64') }), /inte läsbar XML/);
    await expectRefused(new URLSearchParams({ ...base, Binding: 'POST/XML/2.0', EidSignRequest: 'AAAA' }), /Okänd binding/);
    await expectRefused(world.request({ signRequester: 'https://unknown.test/metadata' }).form(), /Okänd avsändare/);
    await expectRefused(world.request({ audience: 'https://evil.test/collect' }).form(), /Okänd svarsadress/);
  });

  test('a fault rule on DSS SignRequest answers its HTTP status once, then the service works again', async () => {
    faults.add({ party: 'signing-service', operation: 'DSS SignRequest', effect: { kind: 'httpStatus', status: 503 }, times: 1 });
    expect((await postForm(world.service.endpoints.requestUrl, world.request().form())).status).toBe(503);
    expect((await walkSignature(world, world.request())).responseForm?.fields.RelayState).toBeTruthy();
  });

  test('the party keeps serving after bad input', async () => {
    await postForm(world.service.endpoints.requestUrl, new URLSearchParams({ EidSignRequest: '%%%' }));
    const walk = await walkSignature(world, world.request());
    expect(readAsWebcert(walk.responseForm!.fields.EidSignResponse!, world.heldMetadataXml).kind).toBe('success');
  });
});

test.describe('signing service: errors answered with a signed SignResponse', () => {
  test('expired request: req-expired (NotOnOrAfter passed, or older than the max message age)', async () => {
    const now = world.clock.now();
    await expectErrorResponse(await walkSignature(world, world.request({ requestTimeMs: now - 10 * 60_000, notBeforeMs: now - 12 * 60_000, notOnOrAfterMs: now - 2 * 60_000 })), RESULT_MAJOR.requesterError, RESULT_MINOR.reqExpired);
    const old = await expectErrorResponse(await walkSignature(world, world.request({ requestTimeMs: now - 4 * 60_000 })), RESULT_MAJOR.requesterError, RESULT_MINOR.reqExpired);
    expect(old.resultMessage).toMatch(/^Underskriftsbegäran har gått ut\. Detalj: .*too old/);
  });

  test('request rules: RelayState ≠ RequestID, SignedInfo method ≠ requested algorithm, no Signer, old Version, unknown AuthnProfile, PDF task', async () => {
    const cases: [Parameters<SigningWorld['request']>[0], string | undefined, RegExp][] = [
      [undefined, 'another-relay-state', /RelayState "another-relay-state" differs from the SignRequest's RequestID/],
      [{ toBeSignedBytes: webcertSignedInfo('x', SIGNATURE_ALGORITHMS.rsaSha256) }, undefined, /SignatureMethod is .*rsa-sha256, but RequestedSignatureAlgorithm is .*ecdsa-sha256/],
      [{ omitSigner: true }, undefined, /csig:Signer has no attribute/],
      [{ version: '1.1' }, undefined, /Version is 1\.1, but the request uses AuthnProfile, which needs Version 1\.4/],
      [{ authnProfile: 'eln_ap_pnr_01' }, undefined, /AuthnProfile "eln_ap_pnr_01" is not one this service offers/],
      [{ sigType: 'PDF' }, undefined, /SigType PDF/],
    ];
    for (const [variant, relayState, message] of cases) {
      const reading = await expectErrorResponse(await walkSignature(world, world.request(variant), { kind: 'success' }, relayState), RESULT_MAJOR.requesterError, RESULT_MINOR.notSupported);
      expect(reading.resultMessage).toMatch(message);
    }
  });

  test('user mismatch, cancel, failed authentication, wrong sign message digest, unsupported LoA', async () => {
    const cases: [Parameters<typeof walkSignature>[2], string, RegExp][] = [
      [{ kind: 'success', user: { hsaId: 'TSTNMT2321000156-1080' } }, RESULT_MINOR.userMismatch, /names the signer .*TSTNMT2321000156-1079, but the IdP authenticated TSTNMT2321000156-1080/],
      [{ kind: 'cancel' }, RESULT_MINOR.userCancel, /cancelled at the identity provider/],
      [{ kind: 'fail' }, RESULT_MINOR.authnFailed, /reported a failed authentication/],
      [{ kind: 'success', signMessageDigest: 'wrong' }, RESULT_MINOR.sigMessageError, /signMessageDigest does not match/],
      [{ kind: 'success', signMessageDigest: 'none' }, RESULT_MINOR.sigMessageError, /released no signMessageDigest/],
      [{ kind: 'success', loa: 'http://id.sambi.se/loa/loa1' }, RESULT_MINOR.unsupportedLoa, /loa1, which is not one of the requested levels/],
    ];
    for (const [behaviour, minor, message] of cases) {
      const reading = await expectErrorResponse(await walkSignature(world, world.request(), behaviour), RESULT_MAJOR.responderError, minor);
      expect(reading.resultMessage).toMatch(message);
    }
  });

  test('an IdP answer can be used once: a replayed Response finds no transaction', async () => {
    world.idp.behaviour = { kind: 'success' };
    const first = await postForm(world.service.endpoints.requestUrl, world.request().form());
    const href = /id="till-idp" href="([^"]*)"/.exec(first.html)![1]!.replace(/&amp;/g, '&');
    const toAcs = formIn(await (await fetch(href)).text());
    expect((await postForm(toAcs.action, toAcs.fields)).status).toBe(200);
    const again = await postForm(toAcs.action, toAcs.fields);
    expect(again.status).toBe(400);
    expect(textOf(again.html, 'felrubrik')).toBe('Okänd eller avslutad underskrift');
  });
});
