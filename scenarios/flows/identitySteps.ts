/** Browser steps for SAML login at the SITHS IdP simulator and signing through the signing service. */
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { expect, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test';
import { TestPki } from '../../simulators/kit/pki/testPki.js';
import { loadSamlify } from '../../simulators/kit/saml/samlTestSupport.js';
import type { Topology } from '../../harness/topology/startTopology.js';
import { adminOf } from '../fixtures/adminClient.js';
import { launchFromJournal } from './webcertPages.js';
import { expectUrl, certificatePage } from './pageWaits.js';

/** A login registration of Webcert's SAML service provider (its metadata is at `/saml2/service-provider-metadata/{reg}`). */
export type Registration = 'sithsNormal' | 'siths' | string;

export type EidMethod = 'SITHS eID på annan enhet' | 'SITHS eID på denna enhet';

/** Starts a Webcert login and picks a method on the IdP's page. */
export async function loginAtIdp(page: Page, topology: Topology, method: EidMethod | 'SITHS-kort på denna enhet' | 'Net iD (äldre)', reg: Registration = 'sithsNormal'): Promise<void> {
  await page.goto(`${await adminOf(topology).endpoint('webcert', 'base')}/saml2/authenticate/${reg}`);
  await page.getByRole('button', { name: new RegExp(`^${method.replace(/[()]/g, '\\$&')}`) }).click();
}

/** The SAMLResponse Webcert received last, as the browser posted it. */
export async function lastSamlResponse(topology: Topology): Promise<string> {
  const body = (await adminOf(topology).lastExchange({ side: 'inbound', toParty: 'webcert', operation: 'SAML Response' })).requestBody;
  if (!body) throw new Error('Webcert received no SAML Response');
  return new URLSearchParams(body).get('SAMLResponse')!;
}

/**
 * What samlify, as an independent SP in Webcert's place, makes of that Response: the IdP's
 * metadata and Webcert's SP metadata (entity id, ACS) are read where the parties publish them.
 */
export async function samlifyReading(topology: Topology, reg: Registration = 'sithsNormal') {
  const admin = adminOf(topology);
  const spMetadata = await admin.textAt(`${await admin.endpoint('webcert', 'base')}/saml2/service-provider-metadata/${reg}`);
  const entityId = /entityID="([^"]+)"/.exec(spMetadata)?.[1];
  const acs = /AssertionConsumerService[^>]*Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"[^>]*Location="([^"]+)"|AssertionConsumerService[^>]*Location="([^"]+)"[^>]*Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"/.exec(spMetadata);
  if (!entityId || !acs) throw new Error(`Webcert's SP metadata for ${reg} has no entityID or HTTP-POST AssertionConsumerService: ${spMetadata.slice(0, 300)}`);
  const samlify = await loadSamlify();
  const sp = samlify.ServiceProvider({ entityID: entityId, assertionConsumerService: [{ Binding: samlify.Constants.namespace.binding.post, Location: (acs[1] ?? acs[2])! }], wantAssertionsSigned: true, wantMessageSigned: true });
  const idp = samlify.IdentityProvider({ metadata: await admin.textAt(await admin.endpoint('idp', 'metadata')) });
  return (await sp.parseLoginResponse(idp, 'post', { body: { SAMLResponse: await lastSamlResponse(topology) } })) as unknown as {
    extract: { nameID: string; issuer: string; attributes: Record<string, string | string[]> };
    samlContent: string;
  };
}

/** The IdP's login entity id, as its metadata publishes it. */
export async function idpEntityId(topology: Topology): Promise<string> {
  return adminOf(topology).endpoint('idp', 'entityId');
}

/** Waits for Webcert's start page after a login. */
export async function expectLoggedIn(page: Page, name: string): Promise<void> {
  await expect(page.locator('#inloggad-som')).toHaveText(`Inloggad som ${name}`);
}

/**
 * A browser context that presents a SITHS card's authentication certificate over mutual TLS, as
 * Net iD or the SAC minidriver does: a certificate from the test PKI for the user, with a key the
 * browser holds (the SoftHSM card's own key never leaves the token).
 */
export async function cardBrowserContext(browser: Browser, topology: Topology, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const pki = await TestPki.open(join(topology.config.stateDir, 'pki')); // the test CA on disk, the scenario's own
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const issued = await pki.issuePersonCertificate({ publicKey, person: { hsaId: 'TSTNMT2321000156-1079', givenName: 'Ajla', surname: 'Doktor' }, usage: 'authentication' });
  return browser.newContext({
    ...options,
    ignoreHTTPSErrors: true,
    clientCertificates: [{ origin: new URL(await adminOf(topology).endpoint('idp', 'card')).origin, cert: Buffer.from(issued.certificatePem), key: Buffer.from(privateKey.export({ type: 'pkcs8', format: 'pem' }) as string) }],
  });
}

/**
 * Opens a certificate from the journal with nobody logged in, as a user with a SITHS card would:
 * Webcert sends the browser to the IdP, the user picks SITHS eID on another device, and the eID
 * app approves the order with `hsaId`'s card (put in the reader through the app's control
 * endpoint). Webcert builds the user from HSA, the role included; returns on the certificate page.
 * The card stays in the reader: put the default one back when done ({@link putCardInReader}).
 */
export async function launchWithSithsCard(page: Page, topology: Topology, certificateId: string, hsaId: string, params: Record<string, string> = {}): Promise<void> {
  await putCardInReader(topology, hsaId);
  await launchFromJournal(page, topology, certificateId, params);
  await page.getByRole('button', { name: /^SITHS eID på annan enhet/ }).click();
  await expectUrl(page, certificatePage(certificateId), { timeout: 20_000 });
}

/** Puts `hsaId`'s simulated SITHS card in the eID app's reader (default: the topology's first user, as at start). */
export async function putCardInReader(topology: Topology, hsaId = topology.config.directory.staff[0]!.hsaId): Promise<void> {
  await adminOf(topology).eidApp({ activeCard: hsaId });
}
