/**
 * Webcert's roles (authorities.yaml), observed through pages and the wire. The care administrator,
 * the doctor who signs after her and the nurse log in with their own SITHS cards (eID app, SAML at
 * the IdP): Webcert reads only employeeHsaId from the assertion and derives the role from HSA's
 * credentials, as the real one does. A care administrator fills in an LISJP from the journal but
 * cannot sign it; "Markera klart för signering" gives the journal KFSIGN, after which a doctor
 * signs through the signing service. A nurse and a midwife cannot sign or revoke; a doctor of
 * another care provider, with no commission on the certificate's unit, is refused the page (the
 * midwife and that doctor only need a user, so they come in by fake login).
 */
import type { Browser, Page } from '@playwright/test';
import type { Topology } from '../../harness/topology/startTopology.js';
import { adminOf } from '../fixtures/adminClient.js';
import { expect, test } from '../fixtures/topologyFixtures.js';
import { launchWithSithsCard, putCardInReader } from './identitySteps.js';
import { functionButton, signedLisjpFromJournal, statusUpdates } from './lifecycleSteps.js';
import { advance, exchanges, signOnCertificatePage, UNIT } from './sendSteps.js';
import { createLisjpDraft } from './statusFlowSteps.js';
import { fakeLogin, fillLisjp, launchFromJournal } from './webcertPages.js';

test.use({ topologyConfig: { admin: {} } });

const DOCTOR = 'TSTNMT2321000156-1079';
const ADMIN = 'TSTNMT2321000156-1085';
const NURSE = 'TSTNMT2321000156-1091';
const MIDWIFE = 'TSTNMT2321000156-1092';
const OTHER_PROVIDER_DOCTOR = 'TSTNMT2321000156-1093';
const OTHER_PROVIDER_UNIT = 'TSTNMT2321000156-G2U1';

/** A second browser, logged in as `hsaId` on `unit` by fake login and launched from the journal onto the certificate. */
async function launchedAs(browser: Browser, topology: Topology, hsaId: string, unit: string, id: string, params: Record<string, string> = {}): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await fakeLogin(page, topology, hsaId, unit);
  await launchFromJournal(page, topology, id, { enhet: unit, ...params });
  return page;
}

/** A second browser whose user opens the certificate from the journal and logs in with his or her SITHS card. */
async function launchedWithCard(browser: Browser, topology: Topology, hsaId: string, id: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await launchWithSithsCard(page, topology, id, hsaId, { enhet: UNIT });
  return page;
}

/**
 * What crossed the wire at the login just made: the user's own card signed the IdP's challenge, and
 * the assertion Webcert took carried that HSA-ID and no role (Webcert asks HSA for the rest).
 */
async function expectCardLogin(topology: Topology, hsaId: string): Promise<void> {
  const admin = adminOf(topology);
  expect((await admin.journal({ fromParty: 'eid-app', toParty: 'siths-card', outcome: 'ok' })).at(-1)?.message).toContain(`authentication signature by ${hsaId}`);
  const login = await admin.lastExchange({ side: 'inbound', toParty: 'webcert', operation: 'SAML Response', outcome: 'ok' });
  expect(login.message).toContain(`logged in ${hsaId} (http://id.sambi.se/loa/loa3)`);
  const assertion = Buffer.from(new URLSearchParams(login.requestBody ?? '').get('SAMLResponse') ?? '', 'base64').toString('utf8');
  expect(assertion).toMatch(new RegExp(`Name="http://sambi.se/attributes/1/employeeHsaId"[^>]*>\\s*<saml2:AttributeValue[^>]*>${hsaId}<`));
  expect(assertion).not.toMatch(/VARDADMINISTRATOR|SJUKSKOTERSKA|LAKARE|BARNMORSKA/);
}

test.describe('roller i Webcert', { tag: ['@roles', '@LISJP'] }, () => {
  // Two or three users in their own browsers, each through login, launch and the form.
  test.slow();
  // The SITHS card in the eID app's reader is the topology's: put the first user's back.
  test.afterEach(({ topology }) => putCardInReader(topology));
  test('vårdadministratören fyller i utkastet, kan inte signera, markerar klart för signering (KFSIGN); läkaren signerar', async ({ page, browser, topology, journalUser }) => {
    const id = await createLisjpDraft(journalUser, undefined, 'vk-roller-1');
    await launchWithSithsCard(page, topology, id, ADMIN, { enhet: UNIT });
    await expect(page.locator('#inloggad-anvandare')).toContainText('Vilma Vårdadmin (Vårdadministratör)');
    await expectCardLogin(topology, ADMIN);
    await fillLisjp(page, 'Markera klart för signering');
    await expect(page.getByRole('button', { name: 'Signera intyget' })).toHaveCount(0);
    await expect(page.locator('#signering-nekad')).toHaveText('Du saknar behörighet att signera intyg med rollen vårdadministratör.');
    // Webcert refuses the signing itself too, whatever the page shows.
    const signAttempt = await page.request.post(new URL(`/api/certificate/${id}/sign`, page.url()).href);
    expect(signAttempt.status()).toBe(403);
    expect(await signAttempt.json()).toMatchObject({ errorCode: 'AUTHORIZATION_VALIDATION' });

    await page.getByRole('button', { name: 'Markera klart för signering' }).click();
    await expect(page.locator('#klar-for-signering')).toHaveText('Utkastet är sparat och markerat klart för signering.');
    await advance(topology, '1m');
    const afterAdmin = (await statusUpdates(topology, id)).map((u) => u.eventCode);
    expect(afterAdmin.at(-1)).toBe('KFSIGN');
    expect(afterAdmin).not.toContain('SIGNAT');
    const kfsign = (await statusUpdates(topology, id)).find((u) => u.eventCode === 'KFSIGN')!;
    expect(kfsign.xml).toContain('<types:code>KFSIGN</types:code>');
    expect(kfsign.xml).toMatch(new RegExp(`<m1:hanteratAv>.*<types:extension>${ADMIN}</types:extension></m1:hanteratAv>`));

    const doctor = await launchedWithCard(browser, topology, DOCTOR, id);
    await expect(doctor.locator('#inloggad-anvandare')).toContainText('Ajla Doktor (Läkare)');
    await expectCardLogin(topology, DOCTOR);
    // The doctor signs through the signing service: sign-time login with the same card.
    await signOnCertificatePage(doctor, id);
    expect(await exchanges(topology, { side: 'inbound', toParty: 'webcert', operation: 'DSS SignResponse', outcome: 'ok' })).toHaveLength(1);
    await advance(topology, '1m');
    const events = (await statusUpdates(topology, id)).map((u) => u.eventCode);
    expect(events.indexOf('SIGNAT')).toBeGreaterThan(events.indexOf('KFSIGN'));
    await doctor.context().close();
  });

  for (const [role, hsaId, name, login] of [['sjuksköterska', NURSE, 'Siv Sjuksköterska (Sjuksköterska)', 'SITHS-kort'], ['barnmorska', MIDWIFE, 'Britt Barnmorska (Barnmorska)', 'fejkinloggning']] as const) {
    test(`en ${role} (${login}) kan inte signera eller makulera: Webcerts besked, och inget makuleringsanrop går ut`, async ({ page, browser, topology, journalUser }) => {
      const draftId = await createLisjpDraft(journalUser, undefined, `vk-${hsaId}`);
      const signedId = await signedLisjpFromJournal(page, topology, journalUser, {}, `vk-signerat-${hsaId}`);

      const user = login === 'SITHS-kort' ? await launchedWithCard(browser, topology, hsaId, draftId) : await launchedAs(browser, topology, hsaId, UNIT, draftId);
      if (login === 'SITHS-kort') await expectCardLogin(topology, hsaId);
      await expect(user.locator('#inloggad-anvandare')).toContainText(name);
      await expect(user.getByRole('button', { name: 'Signera intyget' })).toHaveCount(0);
      await expect(user.getByRole('button', { name: 'Markera klart för signering' })).toBeVisible();
      await expect(user.locator('#signering-nekad')).toHaveText(`Du saknar behörighet att signera intyg med rollen ${role}.`);
      const signAttempt = await user.request.post(new URL(`/api/certificate/${draftId}/sign`, user.url()).href);
      expect(signAttempt.status()).toBe(403);
      expect(await signAttempt.json()).toMatchObject({ errorCode: 'AUTHORIZATION_VALIDATION', message: `Du saknar behörighet att signera intyg med rollen ${role}.` });
      await user.context().close();

      // Revoking needs only a user with the role: fake login (Webcert refuses a second launch in the session).
      const onSigned = await launchedAs(browser, topology, hsaId, UNIT, signedId);
      await expect(functionButton(onSigned, 'Makulera')).toBeDisabled();
      await expect(onSigned.locator('#orsak-REVOKE')).toHaveText(`Du saknar behörighet att makulera intyg med rollen ${role}.`);
      await expect(functionButton(onSigned, 'Ersätt')).toBeDisabled();
      const revoke = await onSigned.request.post(new URL(`/api/certificate/${signedId}/revoke`, onSigned.url()).href, { data: { reason: 'FEL_PATIENT' } });
      expect(revoke.status()).toBe(403);
      expect(await revoke.json()).toMatchObject({ errorCode: 'AUTHORIZATION_VALIDATION', message: `Du saknar behörighet att makulera intyg med rollen ${role}.` });
      await advance(topology, '1m');
      expect(await exchanges(topology, { operation: 'RevokeCertificate', certificateId: signedId })).toEqual([]);
      await onSigned.context().close();
    });
  }

  test('en läkare utan medarbetaruppdrag på intygets vårdenhet (annan vårdgivare) får Webcerts nekande', async ({ browser, topology, journalUser }) => {
    const id = await createLisjpDraft(journalUser, undefined, 'vk-annan-vg');
    const other = await launchedAs(browser, topology, OTHER_PROVIDER_DOCTOR, OTHER_PROVIDER_UNIT, id);
    await expect(other.locator('#fel-rubrik')).toHaveText('Behörighet saknas');
    await expect(other.locator('#fel-text')).toHaveText('Du saknar behörighet för att komma åt intyget. För att få hjälp, kontakta i första hand din lokala IT-avdelning och i andra hand Inera Support.');
    await expect(other.locator('#fel-kod')).toHaveText('AUTHORIZATION_DIFFERENT_UNIT');
    await expect(other.locator('#intygsform')).toHaveCount(0);
    const save = await other.request.post(new URL(`/api/certificate/${id}`, other.url()).href, { data: { values: {} } });
    expect(save.status()).toBe(403);
    await other.context().close();
  });
});
