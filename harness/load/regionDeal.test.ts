import { expect, test } from '@playwright/test';
import { loadReferenceData } from '../sessions/data/referenceData.js';
import { certificatesPerRegion } from './monthPlan.js';
import { dealRegions } from './regionDeal.js';

test('regions are dealt out so the shards carry about as many certificates each, every shard at least one region', () => {
  const perRegion = certificatesPerRegion(loadReferenceData().statistics, { month: '2022-05' });
  expect(perRegion.size).toBeGreaterThan(10);
  const total = [...perRegion.values()].reduce((a, b) => a + b, 0);
  for (const n of [2, 3, 4]) {
    const deal = dealRegions(perRegion, n);
    expect(deal).toHaveLength(n);
    expect(deal.flatMap((d) => d.regions).sort()).toEqual([...perRegion.keys()].sort());
    for (const d of deal) expect(d.certificates).toBe(d.regions.reduce((a, r) => a + perRegion.get(r)!, 0));
    // Within the largest region of the emptiest shard's reach: no shard carries more than its share and one region.
    const largest = Math.max(...perRegion.values());
    for (const d of deal) expect(d.certificates).toBeLessThanOrEqual(total / n + largest);
    expect(Math.max(...deal.map((d) => d.certificates)) - Math.min(...deal.map((d) => d.certificates))).toBeLessThanOrEqual(largest);
    expect(dealRegions(perRegion, n)).toEqual(deal);
  }
  const two = dealRegions(perRegion, 2);
  expect(Math.abs(two[0]!.certificates - two[1]!.certificates) / total).toBeLessThan(0.05);
});

test('no more shards than regions, and a tiny region still gets a shard of its own', () => {
  const deal = dealRegions(new Map([['a', 1000], ['b', 1]]), 8);
  expect(deal).toEqual([{ regions: ['a'], certificates: 1000 }, { regions: ['b'], certificates: 1 }]);
});
