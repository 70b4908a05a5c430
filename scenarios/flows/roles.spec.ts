/**
 * Webcert's roles (authorities.yaml), observed through pages and the wire: a care administrator
 * fills in an LISJP from the journal but cannot sign it; "Markera klart för signering" gives the
 * journal KFSIGN, after which a doctor signs. A nurse and a midwife cannot sign or revoke; a doctor
 * of another care provider, with no commission on the certificate's unit, is refused the page.
 */
import type { Browser, Page } from '@playwright/test';
import type { Topology } from '../../harness/topology/startTopology.js';
import { expect, test } from '../fixtures/topologyFixtures.js';
import { functionButton, signedLisjpFromJournal, statusUpdates } from './lifecycleSteps.js';
import { advance, exchanges, signOnCertificatePage, UNIT } from './sendSteps.js';
import { createLisjpDraft } from './statusFlowSteps.js';
import { fakeLogin, fillLisjp, launchFromJournal } from './webcertPages.js';

test.use({ topologyConfig: { admin: {} } });

const ADMIN = 'TSTNMT2321000156-1085';
const NURSE = 'TSTNMT2321000156-1091';
const MIDWIFE = 'TSTNMT2321000156-1092';
const OTHER_PROVIDER_DOCTOR = 'TSTNMT2321000156-1093';
const OTHER_PROVIDER_UNIT = 'TSTNMT2321000156-G2U1';

/** A second browser, logged in as `hsaId` on `unit` and launched from the journal onto the certificate. */
async function launchedAs(browser: Browser, topology: Topology, hsaId: string, unit: string, id: string, params: Record<string, string> = {}): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await fakeLogin(page, topology, hsaId, unit);
  await launchFromJournal(page, topology, id, { enhet: unit, ...params });
  return page;
}

test.describe('roller i Webcert', { tag: ['@roles', '@LISJP'] }, () => {
  // Two or three users in their own browsers, each through login, launch and the form.
  test.slow();
  test('vårdadministratören fyller i utkastet, kan inte signera, markerar klart för signering (KFSIGN); läkaren signerar', async ({ page, browser, topology, journalUser }) => {
    const id = await createLisjpDraft(journalUser, undefined, 'vk-roller-1');
    await fakeLogin(page, topology, ADMIN, UNIT);
    await launchFromJournal(page, topology, id, { enhet: UNIT });
    await expect(page.locator('#inloggad-anvandare')).toContainText('Vilma Vårdadmin (Vårdadministratör)');
    await fillLisjp(page, 'Markera klart för signering');
    await expect(page.getByRole('button', { name: 'Signera intyget' })).toHaveCount(0);
    await expect(page.locator('#signering-nekad')).toHaveText('Du saknar behörighet att signera intyg med rollen vårdadministratör.');
    // Webcert refuses the signing itself too, whatever the page shows.
    const signAttempt = await page.request.post(new URL(`/api/certificate/${id}/sign`, page.url()).href);
    expect(signAttempt.status()).toBe(403);
    expect(await signAttempt.json()).toMatchObject({ errorCode: 'AUTHORIZATION_VALIDATION' });

    await page.getByRole('button', { name: 'Markera klart för signering' }).click();
    await expect(page.locator('#klar-for-signering')).toHaveText('Utkastet är markerat klart för signering.');
    await advance(topology, '1m');
    const afterAdmin = (await statusUpdates(topology, id)).map((u) => u.eventCode);
    expect(afterAdmin.at(-1)).toBe('KFSIGN');
    expect(afterAdmin).not.toContain('SIGNAT');
    const kfsign = (await statusUpdates(topology, id)).find((u) => u.eventCode === 'KFSIGN')!;
    expect(kfsign.xml).toContain('<types:code>KFSIGN</types:code>');
    expect(kfsign.xml).toMatch(new RegExp(`<m1:hanteratAv>.*<types:extension>${ADMIN}</types:extension></m1:hanteratAv>`));

    const doctor = await launchedAs(browser, topology, 'TSTNMT2321000156-1079', UNIT, id);
    await expect(doctor.locator('#inloggad-anvandare')).toContainText('Ajla Doktor (Läkare)');
    await signOnCertificatePage(doctor, id);
    await advance(topology, '1m');
    const events = (await statusUpdates(topology, id)).map((u) => u.eventCode);
    expect(events.indexOf('SIGNAT')).toBeGreaterThan(events.indexOf('KFSIGN'));
    await doctor.context().close();
  });

  for (const [role, hsaId, name] of [['sjuksköterska', NURSE, 'Siv Sjuksköterska (Sjuksköterska)'], ['barnmorska', MIDWIFE, 'Britt Barnmorska (Barnmorska)']] as const) {
    test(`en ${role} kan inte signera eller makulera: Webcerts besked, och inget makuleringsanrop går ut`, async ({ page, browser, topology, journalUser }) => {
      const draftId = await createLisjpDraft(journalUser, undefined, `vk-${hsaId}`);
      const onDraft = await launchedAs(browser, topology, hsaId, UNIT, draftId);
      await expect(onDraft.locator('#inloggad-anvandare')).toContainText(name);
      await expect(onDraft.getByRole('button', { name: 'Signera intyget' })).toHaveCount(0);
      await expect(onDraft.getByRole('button', { name: 'Markera klart för signering' })).toBeVisible();
      await expect(onDraft.locator('#signering-nekad')).toHaveText(`Du saknar behörighet att signera intyg med rollen ${role}.`);
      await onDraft.context().close();

      const signedId = await signedLisjpFromJournal(page, topology, journalUser, {}, `vk-signerat-${hsaId}`);
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
    await expect(other.locator('#fel-kod')).toHaveText('AUTHORIZATION_DIFFERENT_UNIT');
    await expect(other.locator('#intygsform')).toHaveCount(0);
    const save = await other.request.post(new URL(`/api/certificate/${id}`, other.url()).href, { data: { values: {} } });
    expect(save.status()).toBe(403);
    await other.context().close();
  });
});
