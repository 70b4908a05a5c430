/** Browser steps for SAML login at the SITHS IdP simulator and signing through the signing service. */
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { expect, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test';
import { TestPki } from '../../simulators/kit/pki/testPki.js';
import type { Topology } from '../../harness/topology/startTopology.js';
import { acsUrl, spEntityId, type Registration } from '../../simulators/webcert/login/samlServiceProvider.js';

export type EidMethod = 'SITHS eID på annan enhet' | 'SITHS eID på denna enhet';

/** Starts a Webcert login and picks a method on the IdP's page. */
export async function loginAtIdp(page: Page, topology: Topology, method: EidMethod | 'SITHS-kort på denna enhet' | 'Net iD (äldre)', reg: Registration = 'sithsNormal'): Promise<void> {
  await page.goto(`${topology.webcert!.url}/saml2/authenticate/${reg}`);
  await page.getByRole('button', { name: new RegExp(`^${method.replace(/[()]/g, '\\$&')}`) }).click();
}

/** The SAMLResponse Webcert received last, as the browser posted it. */
export function lastSamlResponse(topology: Topology): string {
  const entries = topology.journal.query({ side: 'inbound', toParty: 'webcert', operation: 'SAML Response' });
  const body = entries.at(-1)?.requestBody;
  if (!body) throw new Error('Webcert received no SAML Response');
  return new URLSearchParams(body).get('SAMLResponse')!;
}

/** What samlify, as an independent SP in Webcert's place, makes of that Response. */
export async function samlifyReading(topology: Topology, reg: Registration = 'sithsNormal') {
  const { samlifyAccepts } = await import('../../simulators/idp/idpTestFlows.js');
  const base = topology.webcert!.url;
  return samlifyAccepts(topology.identity!.idp.metadataXml('login'), lastSamlResponse(topology), { entityId: spEntityId(base, reg), acs: acsUrl(base, reg) });
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
  const pki = await TestPki.open(join(topology.config.stateDir, 'pki'));
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const issued = await pki.issuePersonCertificate({ publicKey, person: { hsaId: 'TSTNMT2321000156-1079', givenName: 'Ajla', surname: 'Doktor' }, usage: 'authentication' });
  return browser.newContext({
    ...options,
    ignoreHTTPSErrors: true,
    clientCertificates: [{ origin: new URL(topology.identity!.idp.endpoints.card!).origin, cert: Buffer.from(issued.certificatePem), key: Buffer.from(privateKey.export({ type: 'pkcs8', format: 'pem' }) as string) }],
  });
}
