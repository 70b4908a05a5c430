/**
 * The simulated SITHS cards of a state folder: one SoftHSM2 token per test user of the directory,
 * made once (about half a second each) and kept. Called before workers start (Playwright's global
 * setup), by `samverkan up` and by `startTopology`.
 *
 * Listing the cards loads SoftHSM2, which reads every token (about 30 ms of CPU); a worker starts a
 * topology per test. So a process remembers, per state folder, the cards it found whole and the
 * token folder's change time then, and lists them again only when that folder changed (a card
 * made, deleted or repaired, by this process or another) or other people are asked for
 * (docs/decisions/0050-once-per-worker.md).
 *
 * A card is made aside and moved in only when complete (see SoftHsmTokenStore.createCard), so
 * parallel callers never see half a card: the one that loses the race finds the card made. A
 * half-made card left by an older version (a token without both certificates) is repaired here:
 * deleted and made again, and said so.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CardError } from '../../simulators/eid-app/token/cardError.js';
import { SoftHsmTokenStore } from '../../simulators/eid-app/token/softHsmTokenStore.js';
import type { DirectoryStaffMember } from '../../simulators/webcert/model/certificate.js';

/** PIN and SO PIN of the simulated cards (test cards only). */
export const CARD_PIN = '1234';
export const CARD_SO_PIN = '12345678';

/** The person a card is made for. */
export function cardPerson(s: DirectoryStaffMember) {
  const [given, ...rest] = s.fullName.split(' ');
  return { hsaId: s.hsaId, givenName: s.givenName ?? given ?? s.fullName, surname: s.surname ?? (rest.join(' ') || s.fullName), personId: s.personId };
}

export interface EnsureCardsOptions {
  /** Told what was made or repaired ("made card …", "repaired half-made card …"). */
  log?: (line: string) => void;
}

/** What this process found: per state folder, the cards found whole and the token folder as it was before that listing. */
const foundWhole = new Map<string, { hsaIds: Set<string>; tokenFolder: string }>();

/**
 * The token folder as far as a card made, deleted or repaired changes it: its change time and its
 * entries (one folder per card, moved in whole); undefined when there is none yet.
 */
function tokenFolderState(stateDir: string): string | undefined {
  const folder = path.join(stateDir, 'softhsm', 'tokens');
  try {
    const changed = fs.statSync(folder, { bigint: true }).mtimeNs;
    return `${changed} ${fs.readdirSync(folder).sort().join(' ')}`;
  } catch {
    return undefined;
  }
}

/**
 * Creates the cards that are missing and repairs half-made ones; returns the HSA-IDs made (both).
 * Lists the cards only when this process has not found all of `staff`'s cards whole in `stateDir`
 * since the token folder last changed.
 */
export async function ensureCards(stateDir: string, staff: DirectoryStaffMember[], options: EnsureCardsOptions = {}): Promise<string[]> {
  const folder = path.resolve(stateDir);
  const tokenFolder = tokenFolderState(folder);
  const found = foundWhole.get(folder);
  if (found && tokenFolder !== undefined && found.tokenFolder === tokenFolder && staff.every((s) => found.hsaIds.has(s.hsaId))) return [];
  const store = SoftHsmTokenStore.open(folder);
  const existing = new Map(store.listCards().map((c) => [c.hsaId, c]));
  const made: string[] = [];
  for (const s of staff) {
    const card = existing.get(s.hsaId);
    if (card && !card.problem) continue;
    if (card?.problem) {
      options.log?.(`card ${s.hsaId} in ${store.paths.directory} is half-made (${card.problem}); making it again`);
      try {
        store.deleteCard(s.hsaId);
      } catch (error) {
        // Another process repairing it at the same time deleted it first.
        if (!(error instanceof CardError && error.code === 'cardNotFound')) throw error;
      }
    }
    try {
      await store.createCard(cardPerson(s), CARD_PIN, CARD_SO_PIN);
    } catch (error) {
      // Another process made it meanwhile (it was made aside and moved in whole): use that one.
      if (error instanceof CardError && error.code === 'cardExists') continue;
      throw error;
    }
    options.log?.(`${card ? 'repaired' : 'made'} simulated SITHS card ${s.hsaId} in ${store.paths.directory}`);
    made.push(s.hsaId);
  }
  // Remembered only as listed, unchanged: a card made or repaired here changed the folder, so the
  // next call lists once more and remembers then.
  if (made.length === 0 && tokenFolder !== undefined) {
    const whole = [...existing.values()].filter((c) => !c.problem).map((c) => c.hsaId);
    foundWhole.set(folder, { hsaIds: new Set(whole), tokenFolder });
  }
  return made;
}
