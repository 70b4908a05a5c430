/** Wrong PIN three times locks the card (a SITHS card's PIN counter), seen from the login page. */
import { SoftHsmTokenStore } from '../../simulators/eid-app/token/softHsmTokenStore.js';
import { CARD_PIN, CARD_SO_PIN } from '../../harness/topology/cardSetup.js';
import { expect, test } from '../fixtures/topologyFixtures.js';
import { loginAtIdp } from '../flows/identitySteps.js';

const PELLE = 'TSTNMT2321000156-1099'; // a card no other scenario uses

test('fel PIN-kod tre gånger spärrar kortet', { tag: ['@login', '@incident'] }, async ({ page, topology }, testInfo) => {
  const cards = SoftHsmTokenStore.open(topology.config.stateDir);
  cards.unblockCard(PELLE, CARD_SO_PIN, CARD_PIN); // a rerun starts from an open card
  topology.identity!.eidApp.app.configure({ mode: 'wrongPin', activeCard: PELLE, pin: CARD_PIN });

  await loginAtIdp(page, topology, 'SITHS eID på annan enhet');
  await expect(page.locator('#status')).toHaveText('Kortet är spärrat efter för många felaktiga PIN-koder. Kontakta din korthandläggare.', { timeout: 15_000 });
  await testInfo.attach('spärrat kort', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

  const attempts = topology.journal.query({ fromParty: 'eid-app', toParty: 'siths-card', withoutBodies: true });
  expect(attempts.map((a) => a.errorId)).toEqual(['pinIncorrect', 'pinIncorrect', 'pinLocked']);
  // Locked means locked: even the right PIN is refused now.
  topology.identity!.eidApp.app.configure({ mode: 'auto' });
  expect(() => cards.card(PELLE).sign({ usage: 'authentication', data: Buffer.from('x'), pin: CARD_PIN })).toThrow(/lock/i);
  cards.unblockCard(PELLE, CARD_SO_PIN, CARD_PIN);
});
