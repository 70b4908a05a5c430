/** Browser steps for SAML login at the SITHS IdP simulator and signing through the signing service. */
import { expect, type Page } from '@playwright/test';
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
