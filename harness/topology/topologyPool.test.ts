import { expect, test } from '@playwright/test';
import { JournalUser } from '../../simulators/journal/launch/journalUser.js';
import { defaultTopologyConfig } from './topologyConfig.js';
import { TopologyPool } from './topologyPool.js';
import type { Topology } from './startTopology.js';

// Webcert, the journal system, Intygstjänsten and the recipients; no identity parties (faster).
const config = defaultTopologyConfig({ parties: { webcert: { mode: 'simulated' }, journal: { mode: 'simulated' }, identity: { mode: 'none' } }, clock: { mode: 'manual', start: Date.parse('2026-03-02T08:00:00+01:00') } });

test.describe('a worker’s topology pool', () => {
  test.setTimeout(120_000);
  let pool: TopologyPool;
  test.beforeEach(() => {
    pool = new TopologyPool();
  });
  test.afterEach(async () => {
    await pool.stop();
  });

  test('a topology left as new is lent again, emptied of traffic and faults', async () => {
    const first = await pool.take(config);
    expect(first.reused).toBe(false);
    first.topology.faults.add({ party: 'journal', operation: 'CertificateStatusUpdateForCare', effect: { kind: 'httpStatus', status: 503 } });
    expect(await pool.giveBack(first, { keep: true })).toEqual([]);

    const second = await pool.take(config);
    expect(second.reused).toBe(true);
    expect(second.topology).toBe(first.topology);
    expect(second.topology.faults.list()).toEqual([]);
    await pool.giveBack(second, { keep: true });
  });

  test('a topology whose clock moved or that holds a certificate is stopped; the next test gets a new one', async () => {
    const first = await pool.take(config);
    await first.topology.clock.advanceBy(60_000);
    expect(await pool.giveBack(first, { keep: true })).toContain('virtual time moved');

    const second = await pool.take(config);
    expect(second.reused).toBe(false);
    expect(second.topology).not.toBe(first.topology);
    const doctor = second.topology.config.directory.staff[0]!;
    const unit = second.topology.config.directory.careUnits[0]!;
    const user = new JournalUser({
      clock: second.topology.clock, journal: second.topology.journal, createDraftUrl: second.topology.webcert!.endpoints.createDraftCertificate!,
      user: { hsaId: doctor.hsaId, fullName: doctor.fullName }, unit: { hsaId: unit.hsaId, name: unit.name },
    });
    expect(await user.createDraft({ typeCode: 'LISJP', patient: { personId: '191212121212', fornamn: 'Tolvan', efternamn: 'Tolvansson' } })).toMatchObject({ resultCode: 'OK' });
    expect(await pool.giveBack(second, { keep: true })).toEqual(expect.arrayContaining([expect.stringMatching(/Webcert holds 1 certificate/)]));
    expect((await pool.take(config)).reused).toBe(false);
  });

  test('another configuration, or a test that asks for it, gets a new topology', async () => {
    const first = await pool.take(config);
    await pool.giveBack(first, { keep: true });
    const other = await pool.take({ ...config, webcert: { redelivery: 'webcert-7' } });
    expect(other.reused).toBe(false);
    await pool.giveBack(other, { keep: true });
    const fresh = await pool.take({ ...config, webcert: { redelivery: 'webcert-7' } }, { fresh: true });
    expect(fresh.reused).toBe(false);
    expect(await pool.giveBack(fresh, { keep: false, why: 'the test asked for a fresh topology' })).toEqual(['the test asked for a fresh topology']);
  });
});

/** A stand-in topology with nothing but a clock and a stop that the test releases. */
function standIn(name: string) {
  let release!: () => void;
  const stopped = new Promise<void>((resolve) => (release = resolve));
  const state = { name, stopCalled: false, stopDone: false };
  const topology = {
    config, clock: { now: () => 0, pendingCount: () => 0 }, recipients: [], faults: { clear() {} }, journal: { clear() {} },
    stop: async () => {
      state.stopCalled = true;
      await stopped;
      state.stopDone = true;
    },
  } as unknown as Topology;
  return { topology, state, release };
}

test.describe('a worker’s topology pool, off the test’s path', () => {
  test('the first test of a configuration already has the next one started, and a topology not kept is stopped without the test waiting', async () => {
    const made: ReturnType<typeof standIn>[] = [];
    const pool = new TopologyPool(async () => {
      const s = standIn(`t${made.length + 1}`);
      made.push(s);
      return s.topology;
    });
    const first = await pool.take(config);
    expect(made.map((m) => m.state.name)).toEqual(['t1', 't2']); // t2: the spare, started at once
    expect(await pool.giveBack(first, { keep: false, why: 'the test left a certificate' })).toEqual(['the test left a certificate']);
    expect(made[0]!.state).toMatchObject({ stopCalled: true, stopDone: false }); // giveBack did not wait for the stop

    const second = await pool.take(config);
    expect(second.topology).toBe(made[1]!.topology);
    expect(second.reused).toBe(false);
    expect(made).toHaveLength(3); // the spare for the third test

    let poolStopped = false;
    const stopping = pool.stop().then(() => (poolStopped = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(poolStopped).toBe(false); // the worker's end waits for every stop
    for (const m of made) m.release();
    await stopping;
    expect(made[0]!.state.stopDone && made[2]!.state.stopDone).toBe(true);
    expect(made[1]!.state.stopCalled).toBe(false); // lent out and not given back: its test owns it
  });

  test('a topology prepared at the worker’s start is the first test’s', async () => {
    const made: ReturnType<typeof standIn>[] = [];
    const pool = new TopologyPool(async () => {
      const s = standIn(`t${made.length + 1}`);
      made.push(s);
      return s.topology;
    });
    pool.prepare(config);
    expect(made).toHaveLength(1);
    expect((await pool.take(config)).topology).toBe(made[0]!.topology);
    for (const m of made) m.release();
    await pool.stop();
  });

  test('a topology that fails to stop is reported at the end of the worker', async () => {
    const pool = new TopologyPool(async () => ({ ...standIn('t').topology, stop: async () => { throw new Error('port 1234 did not close'); } }) as unknown as Topology);
    const lease = await pool.take(config);
    await pool.giveBack(lease, { keep: false });
    await expect(pool.stop()).rejects.toThrow(/failed to stop after their test: port 1234 did not close/);
  });
});

