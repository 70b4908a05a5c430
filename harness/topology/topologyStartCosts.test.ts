/**
 * What a topology start no longer pays for, in a process that has started one before
 * (docs/decisions/0050-once-per-worker.md): no call frame formatted for any msw route handler of
 * any party, and no listing of the simulated cards through SoftHSM2.
 */
import { expect, test } from '@playwright/test';
import { SoftHsmTokenStore } from '../../simulators/eid-app/token/softHsmTokenStore.js';
import { startTopology } from './startTopology.js';
import { defaultTopologyConfig } from './topologyConfig.js';

const config = () => defaultTopologyConfig({ admin: {}, clock: { mode: 'manual', start: Date.parse('2026-03-02T07:00:00Z') } });

/** While `body` runs: stacks formatted with a frame of msw's handler classes, and card listings. */
async function costsOf(body: () => Promise<void>): Promise<{ mswStacks: number; cardListings: number }> {
  const counted = { mswStacks: 0, cardListings: 0 };
  const prepare = Error.prepareStackTrace;
  const listCards = Object.getOwnPropertyDescriptor(SoftHsmTokenStore.prototype, 'listCards')!;
  Error.prepareStackTrace = (error, frames) => {
    if (frames.some((f) => /[/\\]msw[/\\]lib[/\\]core[/\\]handlers[/\\]/.test(f.getFileName() ?? ''))) counted.mswStacks++;
    return prepare ? prepare(error, frames) : [String(error), ...frames.map((f) => `    at ${f}`)].join('\n');
  };
  Object.defineProperty(SoftHsmTokenStore.prototype, 'listCards', {
    ...listCards,
    value(this: SoftHsmTokenStore) {
      counted.cardListings++;
      return listCards.value.call(this);
    },
  });
  try {
    await body();
  } finally {
    Error.prepareStackTrace = prepare;
    Object.defineProperty(SoftHsmTokenStore.prototype, 'listCards', listCards);
  }
  return counted;
}

test('a second topology start formats no msw call frame and does not list the cards', async () => {
  test.setTimeout(120_000);
  await (await startTopology(config())).stop();
  const costs = await costsOf(async () => {
    const topology = await startTopology(config());
    await topology.stop();
  });
  expect(costs).toEqual({ mswStacks: 0, cardListings: 0 });
});
