/**
 * Bad input to the identity and signing endpoints gets a clear error, and every party keeps
 * serving: broken base64, unsigned or wrongly signed SignRequests, an expired SignRequest, a
 * replayed SAML Response, a SAML Response with a wrapped (unsigned) assertion, a SignResponse
 * with two signatures.
 */
import { join } from 'node:path';
import { signEnveloped } from '../../simulators/kit/dsig/envelopedSignature.js';
import { TestPki } from '../../simulators/kit/pki/testPki.js';
import { expect, steg, test } from '../fixtures/topologyFixtures.js';
import { expectLoggedIn, lastSamlResponse, loginAtIdp } from './identitySteps.js';
import { draftReadyToSign } from './signingSteps.js';
import { clickAndAwaitLoad, certificatePage } from './pageWaits.js';

test.describe('felaktig indata till identitets- och signeringstjänsterna', { tag: ['@robustness', '@sign', '@login'] }, () => {
  test('underskriftstjänsten: trasig base64, osignerad, felsignerad och utgången SignRequest', async ({ page, topology, admin, journalUser }) => {
    test.setTimeout(120_000);
    const id = await steg('Ett LISJP-utkast är klart att signera', () => draftReadyToSign(page, topology, journalUser));
    const webcertUrl = await admin.endpoint('webcert', 'base');
    const ticketFor = async () => {
      const version = (await admin.certificate(id)).version;
      const res = await page.request.post(`${webcertUrl}/api/signature/lisjp/${id}/${version}/signeringshash/SIGN_SERVICE`);
      expect(res.status()).toBe(200);
      return (await res.json()) as { id: string; actionUrl: string; signRequest: string };
    };
    const post = (ticket: { id: string; actionUrl: string }, eidSignRequest: string) =>
      page.request.post(ticket.actionUrl, { form: { Binding: 'POST/XML/1.0', RelayState: ticket.id, EidSignRequest: eidSignRequest }, maxRedirects: 0 });

    const { ticket, signed } = await steg('Webcert ger en SignRequest till underskriftstjänstens adress', async () => {
      const ticket = await ticketFor();
      expect(ticket.actionUrl).toBe(await admin.endpoint('signingService', 'requestUrl'));
      return { ticket, signed: Buffer.from(ticket.signRequest, 'base64').toString('utf8') };
    });

    const unsigned = signed.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '');
    await steg('Trasig base64 och en osignerad SignRequest avvisas med 400', async () => {
      const broken = await post(ticket, '%%%not base64%%%');
      expect(broken.status()).toBe(400);
      expect(await broken.text()).toMatch(/base64/i);
      const unsignedAnswer = await post(ticket, Buffer.from(unsigned).toString('base64'));
      expect(unsignedAnswer.status()).toBe(400);
      expect(await unsignedAnswer.text()).toMatch(/signature/i);
    });

    await steg('En SignRequest signerad med en nyckel som inte finns i metadata avvisas med 400', async () => {
      const pki = await TestPki.open(join(topology.config.stateDir, 'pki'));
      const stranger = await pki.issueFunctionCertificate({ commonName: 'inte-webcert.samverkan.test', hsaId: 'TSTNMT2321000156-X' });
      const wrong = signEnveloped(unsigned, { privateKeyPem: stranger.privateKeyPem, certificatePem: stranger.certificatePem, referenceUri: '', location: { reference: "/*[local-name()='SignRequest']/*[local-name()='OptionalInputs']", action: 'append' } });
      const wrongAnswer = await post(ticket, Buffer.from(wrong).toString('base64'));
      expect(wrongAnswer.status()).toBe(400);
      expect(await wrongAnswer.text()).toMatch(/signature|trusted|requester/i);
    });

    await steg('En utgången SignRequest besvaras med req-expired', async () => {
      // An expired request is a well-formed one from a trusted requester: the service answers req-expired.
      const late = await ticketFor();
      await admin.advance(10 * 60_000);
      const expired = await post(late, late.signRequest);
      expect(expired.status()).toBe(200);
      const form = await expired.text();
      const response = Buffer.from(/name="EidSignResponse" value="([^"]+)"/.exec(form)![1]!, 'base64').toString('utf8');
      expect(response).toContain('http://id.elegnamnden.se/sig-status/1.0/req-expired');
    });

    await steg('Tjänsten svarar fortfarande: en riktig signering går igenom', async () => {
      await page.goto(`${webcertUrl}/certificate/${id}/`);
      await clickAndAwaitLoad(page, page.getByRole('button', { name: 'Signera intyget' }), certificatePage(id), { timeout: 20_000 });
      await expect(page.locator('#intygsstatus')).toHaveText('Intyget är signerat', { timeout: 20_000 });
    });
  });

  test('Webcert: trasig base64 och två signaturer i SignResponse, okänd RelayState', async ({ page, topology, admin, journalUser }) => {
    const id = await steg('Ett LISJP-utkast är klart att signera', () => draftReadyToSign(page, topology, journalUser));
    const webcertUrl = await admin.endpoint('webcert', 'base');
    const ticket = await steg('Webcert skapar en signeringsbiljett', async () => {
      const version = (await admin.certificate(id)).version;
      return (await (await page.request.post(`${webcertUrl}/api/signature/lisjp/${id}/${version}/signeringshash/SIGN_SERVICE`)).json()) as { id: string };
    });
    const respond = (relayState: string, eidSignResponse: string) =>
      page.request.post(`${webcertUrl}/api/signature/signservice/v1/response`, { form: { RelayState: relayState, EidSignResponse: eidSignResponse }, maxRedirects: 0 });

    await steg('Ett SignResponse med trasig base64 leder till felsidan för signering', async () => {
      const broken = await respond(ticket.id, '%%%');
      expect(broken.status()).toBe(303);
      expect(broken.headers().location).toBe(`/certificate/${id}/sign/error`);
    });

    await steg('Ett SignResponse med två signaturer avvisas med ett tydligt fel', async () => {
      const twoSignatures = `<dss:SignResponse xmlns:dss="urn:oasis:names:tc:dss:1.0:core:schema" xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:Signature/><ds:Signature/></dss:SignResponse>`;
      const malformed = await respond(ticket.id, Buffer.from(twoSignatures).toString('base64'));
      expect(malformed.status()).toBe(500);
      expect(await malformed.json()).toMatchObject({ errorCode: 'UNKNOWN_INTERNAL_PROBLEM', message: expect.stringContaining('exactly one') });
    });

    await steg('En okänd RelayState leder till felsidan; Webcert svarar fortfarande', async () => {
      const unknown = await respond('no-such-ticket', 'AAAA');
      expect(unknown.headers().location).toBe('/error?reason=unknown');
      expect((await page.request.get(`${webcertUrl}/api/health`)).status()).toBe(200);
    });
  });

  test('Webcerts ACS: ett återanvänt SAML-svar och ett svar med inlindad osignerad assertion avvisas', async ({ page, topology, admin }) => {
    const lastSamlNote = async () => (await admin.lastExchange({ side: 'inbound', toParty: 'webcert', operation: 'SAML Response' })).message;
    await steg('Användaren loggar in med SITHS eID', async () => {
      await loginAtIdp(page, topology, 'SITHS eID på annan enhet');
      await expectLoggedIn(page, 'Ajla Doktor');
    });
    const webcertUrl = await admin.endpoint('webcert', 'base');
    const acs = `${webcertUrl}/login/saml2/sso/sithsNormal`;

    await steg('Samma SAML-svar skickas igen till Webcert och avvisas som återanvänt', async () => {
      const samlResponse = await lastSamlResponse(topology);
      const replay = await page.request.post(acs, { form: { SAMLResponse: samlResponse }, maxRedirects: 0 });
      expect(replay.headers().location).toBe('/error?reason=login.failed');
      expect(await lastSamlNote()).toMatch(/replay|already|InResponseTo|once/i);
    });

    await steg('Ett nytt svar med en osignerad assertion för en annan användare före den signerade avvisas', async () => {
      // Signature wrapping, on a fresh Response: an unsigned assertion for another user before the signed one.
      const wrappingPage = await page.context().browser()!.newPage();
      await wrappingPage.route(acs, async (route) => {
        const form = new URLSearchParams(route.request().postData() ?? '');
        const xml = Buffer.from(form.get('SAMLResponse')!, 'base64').toString('utf8');
        const signedAssertion = /<saml2:Assertion[\s\S]*<\/saml2:Assertion>/.exec(xml)![0];
        const evil = signedAssertion.replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/, '').replace(/TSTNMT2321000156-1079/g, 'TSTNMT2321000156-1085').replace(/ID="[^"]+"/, 'ID="_evil"');
        form.set('SAMLResponse', Buffer.from(xml.replace(signedAssertion, `${evil}${signedAssertion}`)).toString('base64'));
        await route.continue({ postData: form.toString() });
      });
      await loginAtIdp(wrappingPage, topology, 'SITHS eID på annan enhet');
      await expect(wrappingPage.locator('#fel-kod')).toHaveText('login.failed');
      const refusal = (await lastSamlNote())!;
      expect(refusal).not.toMatch(/replay/i);
      expect(refusal).toMatch(/signed|signature|Assertion/);
      await wrappingPage.close();
    });

    await steg('IdP:n avvisar en utgången AuthnRequest med en sida som säger det, och loggar fortfarande in', async () => {
      // The IdP refuses an expired AuthnRequest with a page that says so, and keeps serving.
      const { buildAuthnRequestRedirect } = await import('../../simulators/kit/saml/authnRequestBuilder.js');
      const { VirtualClock } = await import('../../simulators/kit/clock/virtualClock.js');
      const old = buildAuthnRequestRedirect({
        clock: new VirtualClock({ start: (await admin.clock()).now - 60 * 60_000 }),
        issuer: `${webcertUrl}/saml2/service-provider-metadata/sithsNormal`,
        destination: await admin.endpoint('idp', 'ssoRedirect'),
        assertionConsumerServiceUrl: acs,
      });
      const expired = await page.request.get(old.url, { maxRedirects: 0 });
      expect(expired.status()).toBe(400);
      expect(await expired.text()).toMatch(/expired|gammal|för gammal|IssueInstant/i);
      const again = await page.context().browser()!.newPage();
      await loginAtIdp(again, topology, 'SITHS eID på annan enhet');
      await expectLoggedIn(again, 'Ajla Doktor');
      await again.close();
    });
  });
});
