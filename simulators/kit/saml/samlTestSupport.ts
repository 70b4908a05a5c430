/**
 * Shared setup for the SAML kit's tests (not a test file): a temporary test PKI, an IdP and an SP
 * with credentials and metadata, and samlify loaded with the SAML 2.0 schema check of the kit's resident libxml2.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualClock } from '../clock/virtualClock.js';
import { TestPki } from '../pki/testPki.js';
import { buildIdpMetadata, buildSpMetadata } from './metadataBuilder.js';
import { parseMetadata, type EntityMetadata } from './metadataParser.js';
import { ATTRIBUTE } from './samlConstants.js';
import { validateSamlMessage } from './samlSchemaValidator.js';

export const IDP_ENTITY = 'https://idp.samverkan.test/saml';
export const IDP_SSO_REDIRECT = 'https://idp.samverkan.test/saml/sso/HTTP-Redirect';
export const IDP_SSO_POST = 'https://idp.samverkan.test/saml/sso/HTTP-POST';
export const SP_ENTITY = 'https://webcert.samverkan.test/saml2/service-provider-metadata/siths';
export const SP_ACS = 'https://webcert.samverkan.test/login/saml2/sso/siths';

export interface SamlTestWorld {
  dir: string;
  pki: TestPki;
  idpCredential: { certificatePem: string; privateKeyPem: string };
  spCredential: { certificatePem: string; privateKeyPem: string };
  idpMetadataXml: string;
  spMetadataXml: string;
  idpMetadata: EntityMetadata;
  spMetadata: EntityMetadata;
  cleanup(): void;
}

/** Creates the world once per test file (about 1–2 s for the CA keys). */
export async function createSamlTestWorld(options: { spSignsRequests?: boolean } = {}): Promise<SamlTestWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'samverkan-saml-'));
  const pki = await TestPki.open(dir);
  const idpCredential = await pki.issueFunctionCertificate({ commonName: 'idp.samverkan.test', hsaId: 'TSTNMT2321000156-IDP' });
  const spCredential = await pki.issueFunctionCertificate({ commonName: 'webcert.samverkan.test', hsaId: 'TSTNMT2321000156-WC' });
  const idpMetadataXml = buildIdpMetadata({
    entityId: IDP_ENTITY,
    singleSignOnServices: [
      { binding: 'redirect', location: IDP_SSO_REDIRECT },
      { binding: 'post', location: IDP_SSO_POST },
    ],
    singleLogoutServices: [{ binding: 'redirect', location: 'https://idp.samverkan.test/saml/slo/HTTP-Redirect' }],
    signingCertificatesPem: [idpCredential.certificatePem],
    assuranceCertifications: ['http://id.sambi.se/loa/loa2', 'http://id.sambi.se/loa/loa3'],
  });
  const spMetadataXml = buildSpMetadata({
    entityId: SP_ENTITY,
    assertionConsumerServices: [{ location: SP_ACS, index: 0 }],
    signingCertificatesPem: [spCredential.certificatePem],
    authnRequestsSigned: options.spSignsRequests ?? false,
    attributeConsumingServices: [
      {
        index: 1,
        isDefault: true,
        serviceName: 'Webcert uppdragslöst för fristående',
        requestedAttributes: [
          { name: ATTRIBUTE.employeeHsaId, friendlyName: 'employeeHsaId', isRequired: true },
          { name: ATTRIBUTE.authnMethod, friendlyName: 'authnMethod', isRequired: true },
          { name: ATTRIBUTE.identityProviderForSign, friendlyName: 'identityProviderForSign', isRequired: true },
        ],
      },
    ],
  });
  return {
    dir,
    pki,
    idpCredential,
    spCredential,
    idpMetadataXml,
    spMetadataXml,
    idpMetadata: parseMetadata(idpMetadataXml),
    spMetadata: parseMetadata(spMetadataXml),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A manual virtual clock at the wall clock's time (samlify checks times against the wall clock). */
export function wallClock(): VirtualClock {
  return new VirtualClock({ mode: 'manual', start: Date.now() });
}

type Samlify = typeof import('samlify');
let samlifyLoaded: Promise<Samlify> | undefined;

/**
 * samlify 2.13.1 with the SAML 2.0 XSDs checked by the kit's resident libxml2 (`validateSamlMessage`):
 * the schema check samlify demands, compiled once per process.
 */
export function loadSamlify(): Promise<Samlify> {
  samlifyLoaded ??= (async () => {
    const samlify = (await import('samlify')) as Samlify & { default?: Samlify };
    const lib = (samlify.default ?? samlify) as Samlify;
    lib.setSchemaValidator({ validate: validateSamlMessage });
    return lib;
  })();
  return samlifyLoaded;
}
