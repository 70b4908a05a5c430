/**
 * No socket of the embedded topology is ever bound to a non-loopback address, not even for a
 * moment at start, and every port it binds is one it lists in `urls()`. Proven from the bound
 * addresses (node's listen diagnostics channel); no traffic leaves 127.0.0.1.
 */
import { expect, test } from '@playwright/test';
import { isLoopback, watchListens } from '../../simulators/kit/network/testing/listenWatch.js';
import { startTopology, type Topology } from './startTopology.js';
import { defaultTopologyConfig } from './topologyConfig.js';

test('the embedded topology with its admin API binds loopback addresses only, each one a listed port', async () => {
  const watch = watchListens();
  let topology: Topology | undefined;
  try {
    topology = await startTopology(defaultTopologyConfig({ admin: {} }));
  } finally {
    watch.stop();
  }
  try {
    expect(watch.bound.filter((b) => !isLoopback(b.address))).toEqual([]);
    const listed = new Set<number>();
    for (const urls of Object.values(topology.urls())) {
      for (const value of Object.values(urls)) {
        const port = URL.canParse(value) ? Number(new URL(value).port) : 0;
        if (port) listed.add(port);
      }
    }
    expect(watch.bound.map((b) => b.port).sort()).toEqual([...listed].sort());
    expect(watch.bound).toHaveLength(12); // Webcert, journal, IdP and its card port, eID app, signing service, Intygstjänsten, four recipients, admin
  } finally {
    await topology.stop();
  }
});
