import { expect, test } from '@playwright/test';
import { JournalUser } from '../../simulators/journal/launch/journalUser.js';
import { defaultTopologyConfig } from './topologyConfig.js';
import { TopologyPool } from './topologyPool.js';

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
