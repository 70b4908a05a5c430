/** Wrong PIN three times locks the card (a SITHS card's PIN counter), seen from the login page. */
import { CARD_PIN } from '../../harness/topology/cardSetup.js';
import { expect, steg, test } from '../fixtures/topologyFixtures.js';
import { loginAtIdp } from '../flows/identitySteps.js';

const PELLE = 'TSTNMT2321000156-1099'; // a card no other scenario uses

test('fel PIN-kod tre gånger spärrar kortet', { tag: ['@login', '@incident'] }, async ({ page, topology, admin }, testInfo) => {
  await steg('Kortet är öppet; eID-appen skriver fel PIN-kod', async () => {
    await admin.unblockCard(PELLE); // a rerun starts from an open card
    await admin.eidApp({ mode: 'wrongPin', activeCard: PELLE, pin: CARD_PIN });
  });

  await steg('Användaren loggar in: kortet spärras efter tre felaktiga PIN-koder', async () => {
    await loginAtIdp(page, topology, 'SITHS eID på annan enhet');
    await expect(page.locator('#status')).toHaveText('Kortet är spärrat efter för många felaktiga PIN-koder. Kontakta din korthandläggare.', { timeout: 15_000 });
    await testInfo.attach('spärrat kort', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
    const attempts = await admin.journal({ fromParty: 'eid-app', toParty: 'siths-card' });
    expect(attempts.map((a) => a.errorId)).toEqual(['pinIncorrect', 'pinIncorrect', 'pinLocked']);
  });

  await steg('Spärrat är spärrat: inte ens rätt PIN-kod tas emot av kortet', async () => {
    const before = await admin.newestJournalId();
    await admin.eidApp({ mode: 'auto', activeCard: PELLE, pin: CARD_PIN });
    const again = await page.context().newPage();
    await loginAtIdp(again, topology, 'SITHS eID på annan enhet');
    await expect(again.locator('#status')).toHaveText('Kortet är spärrat efter för många felaktiga PIN-koder. Kontakta din korthandläggare.', { timeout: 15_000 });
    const attempts = await admin.journal({ fromParty: 'eid-app', toParty: 'siths-card', afterId: before });
    expect(attempts.map((a) => a.errorId)).toEqual(['pinLocked']);
    await again.close();
  });

  await steg('Korthandläggaren låser upp kortet', () => admin.unblockCard(PELLE));
});
