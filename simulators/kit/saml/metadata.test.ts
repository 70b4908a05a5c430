import { test, expect } from '@playwright/test';
import { buildSpMetadata } from './metadataBuilder.js';
import { defaultAssertionConsumerService, parseMetadata } from './metadataParser.js';
import { BINDINGS, SIGSERVICE_ENTITY_CATEGORY } from './samlConstants.js';
import { verifyEnvelopedSignature } from '../dsig/signatureVerification.js';
import { createSamlTestWorld, IDP_ENTITY, IDP_SSO_POST, IDP_SSO_REDIRECT, SP_ACS, SP_ENTITY, type SamlTestWorld } from './samlTestSupport.js';

let world: SamlTestWorld;
test.beforeAll(async () => { world = await createSamlTestWorld(); });
test.afterAll(() => world.cleanup());

test('IdP metadata round trip: entityID, SSO Redirect then POST, SLO, signing certificate', () => {
  const idp = world.idpMetadata;
  expect(idp.entityId).toBe(IDP_ENTITY);
  expect(idp.sp).toBeUndefined();
  expect(idp.idp?.singleSignOnServices.map((s) => [s.binding, s.location])).toEqual([
    [BINDINGS.redirect, IDP_SSO_REDIRECT],
    [BINDINGS.post, IDP_SSO_POST],
  ]);
  expect(idp.idp?.singleLogoutServices).toHaveLength(1);
  expect(idp.idp?.signingCertificatesPem).toEqual([world.idpCredential.certificatePem]);
  expect(idp.idp?.wantAuthnRequestsSigned).toBe(false);
  expect(world.idpMetadataXml).toContain('urn:oasis:names:tc:SAML:attribute:assurance-certification');
});

test('SP metadata round trip: ACS, attribute consuming service, entity categories', () => {
  const sp = world.spMetadata.sp!;
  expect(world.spMetadata.entityId).toBe(SP_ENTITY);
  expect(sp.assertionConsumerServices).toEqual([{ binding: BINDINGS.post, location: SP_ACS, index: 0, isDefault: true }]);
  expect(defaultAssertionConsumerService(sp)?.location).toBe(SP_ACS);
  expect(sp.wantAssertionsSigned).toBe(true);
  expect(sp.attributeConsumingServices[0]?.requestedAttributes.map((r) => r.friendlyName)).toEqual(['employeeHsaId', 'authnMethod', 'identityProviderForSign']);
  const signing = buildSpMetadata({
    entityId: 'https://sign.test/sp',
    assertionConsumerServices: [{ location: 'https://sign.test/acs' }],
    entityCategories: [SIGSERVICE_ENTITY_CATEGORY],
    authnRequestsSigned: true,
    signing: world.spCredential,
  });
  const parsed = parseMetadata(signing);
  expect(parsed.entityCategories).toEqual([SIGSERVICE_ENTITY_CATEGORY]);
  expect(parsed.sp?.authnRequestsSigned).toBe(true);
  expect(verifyEnvelopedSignature(signing, { trustedCertificatesPem: [world.spCredential.certificatePem] }).valid).toBe(true);
});

test('bad metadata gets a clear error', () => {
  expect(() => parseMetadata('<x/>')).toThrow(/metadata root is <x>, expected md:EntityDescriptor/);
  expect(() => parseMetadata('nope')).toThrow(/metadata is not usable XML/);
  expect(() => parseMetadata('<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"/>')).toThrow(/no entityID/);
});
