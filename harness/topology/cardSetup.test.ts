/**
 * `ensureCards` makes what is missing, and lists the cards through SoftHSM2 only when this process
 * has not found them whole since the token folder last changed (docs/decisions/0050-once-per-worker.md):
 * a worker starting a topology per test lists them once, yet a card deleted or made meanwhile, by
 * anyone, is seen at the next call.
 */
import { expect, test } from '@playwright/test';
import { SoftHsmTokenStore } from '../../simulators/eid-app/token/softHsmTokenStore.js';
import type { DirectoryStaffMember } from '../../simulators/webcert/model/certificate.js';
import { removeTempDirs, seededStateDir } from '../cli/cliTestSupport.js';
import { ensureCards } from './cardSetup.js';

test.afterAll(removeTempDirs);

const anna: DirectoryStaffMember = { hsaId: 'SE2321000016-C001', fullName: 'Anna Kortsson', commissions: [] };
const bo: DirectoryStaffMember = { hsaId: 'SE2321000016-C002', fullName: 'Bo Kortsson', commissions: [] };

/** Counts the card listings made through SoftHSM2 while `body` runs. */
async function listings<T>(body: () => Promise<T>): Promise<{ result: T; listed: number }> {
  const original = Object.getOwnPropertyDescriptor(SoftHsmTokenStore.prototype, 'listCards')!;
  let listed = 0;
  Object.defineProperty(SoftHsmTokenStore.prototype, 'listCards', {
    ...original,
    value(this: SoftHsmTokenStore) {
      listed++;
      return original.value.call(this);
    },
  });
  try {
    return { result: await body(), listed };
  } finally {
    Object.defineProperty(SoftHsmTokenStore.prototype, 'listCards', original);
  }
}

test('the cards are listed again only after the token folder changed', async () => {
  test.setTimeout(120_000);
  const stateDir = seededStateDir();
  expect(await ensureCards(stateDir, [anna])).toEqual([anna.hsaId]);
  // Made here, so listed once more, then remembered.
  expect(await listings(() => ensureCards(stateDir, [anna]))).toEqual({ result: [], listed: 1 });
  expect(await listings(() => ensureCards(stateDir, [anna]))).toEqual({ result: [], listed: 0 });
  expect(await listings(() => ensureCards(`${stateDir}/.`, [anna]))).toEqual({ result: [], listed: 0 });

  // Someone else in the directory: listed and made.
  expect(await ensureCards(stateDir, [anna, bo])).toEqual([bo.hsaId]);
  expect(await listings(() => ensureCards(stateDir, [anna, bo]))).toEqual({ result: [], listed: 1 });
  expect(await listings(() => ensureCards(stateDir, [bo]))).toEqual({ result: [], listed: 0 });

  // A card deleted (here by the store, as `samverkan card delete` does from another process) is made again.
  SoftHsmTokenStore.open(stateDir).deleteCard(anna.hsaId);
  expect(await ensureCards(stateDir, [anna, bo])).toEqual([anna.hsaId]);
  expect(SoftHsmTokenStore.open(stateDir).listCards().map((c) => c.hsaId).sort()).toEqual([anna.hsaId, bo.hsaId]);

  // Another state folder is a folder of its own.
  const other = seededStateDir();
  expect(await ensureCards(other, [anna])).toEqual([anna.hsaId]);
});
