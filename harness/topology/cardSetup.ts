/**
 * The simulated SITHS cards of a state folder: one SoftHSM2 token per test user of the directory,
 * made once (about half a second each) and kept. Called before workers start (Playwright's global
 * setup) and by `startTopology`, so parallel topologies never race to create the same card.
 */
import { SoftHsmTokenStore } from '../../simulators/eid-app/token/softHsmTokenStore.js';
import type { StaffMember } from '../../simulators/webcert/model/certificate.js';

/** PIN and SO PIN of the simulated cards (test cards only). */
export const CARD_PIN = '1234';
export const CARD_SO_PIN = '12345678';

/** The person a card is made for. */
export function cardPerson(s: StaffMember) {
  const [given, ...rest] = s.fullName.split(' ');
  return { hsaId: s.hsaId, givenName: s.givenName ?? given ?? s.fullName, surname: s.surname ?? (rest.join(' ') || s.fullName), personId: s.personId };
}

/** Creates the cards that are missing; returns the HSA-IDs created. */
export async function ensureCards(stateDir: string, staff: StaffMember[]): Promise<string[]> {
  const store = SoftHsmTokenStore.open(stateDir);
  const existing = new Set(store.listCards().map((c) => c.hsaId));
  const created: string[] = [];
  for (const s of staff) {
    if (existing.has(s.hsaId)) continue;
    await store.createCard(cardPerson(s), CARD_PIN, CARD_SO_PIN);
    created.push(s.hsaId);
  }
  return created;
}
