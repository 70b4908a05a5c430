/**
 * Regions dealt out to shards so that their certificate counts are balanced (decision 0034):
 * the largest region first, each to the shard with the fewest certificates so far.
 */

/** One shard's regions and its planned certificates. */
export interface ShardDeal {
  regions: string[];
  certificates: number;
}

/**
 * Deals `certificatesPerRegion` (in the plan's region order) out to `shards` shards, at most one
 * shard per region. Every shard gets at least one region; the regions of a shard keep the plan's
 * order. Deterministic: the same input gives the same deal.
 */
export function dealRegions(certificatesPerRegion: ReadonlyMap<string, number>, shards: number): ShardDeal[] {
  const order = [...certificatesPerRegion.keys()];
  const n = Math.max(1, Math.min(shards, order.length));
  const deal: ShardDeal[] = Array.from({ length: n }, () => ({ regions: [], certificates: 0 }));
  const bySize = [...certificatesPerRegion].sort((a, b) => b[1] - a[1] || order.indexOf(a[0]) - order.indexOf(b[0]));
  for (const [region, count] of bySize) {
    // The emptiest shard; a shard without a region yet comes first, so none stays empty.
    let pick = 0;
    for (let i = 1; i < n; i++) {
      const a = deal[i]!;
      const b = deal[pick]!;
      if ((a.regions.length === 0) !== (b.regions.length === 0) ? a.regions.length === 0 : a.certificates < b.certificates) pick = i;
    }
    deal[pick]!.regions.push(region);
    deal[pick]!.certificates += count;
  }
  for (const d of deal) d.regions.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return deal;
}
