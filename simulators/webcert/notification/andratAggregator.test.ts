import { test, expect } from '@playwright/test';
import { VirtualClock } from '../../kit/clock/virtualClock.js';
import { AndratAggregator, DEFAULT_ANDRAT_WINDOW_MS } from './andratAggregator.js';

const START = Date.parse('2026-03-02T09:00:00Z');
const MIN = 60_000;

/** An aggregator on a manual clock that logs what is emitted (with the virtual minute) and dropped. */
function setup(windowMs?: number) {
  const clock = new VirtualClock({ mode: 'manual', start: START });
  const sent: string[] = [];
  const dropped: Array<[string, number, string]> = [];
  const aggregator = new AndratAggregator(clock, windowMs, (id, count, why) => dropped.push([id, count, why]));
  const offer = (certificateId: string, eventCode: string, label = eventCode, eventTime = clock.now()) =>
    aggregator.offer({ certificateId, eventCode, eventTime, emit: () => sent.push(`${certificateId} ${label} @${(clock.now() - START) / MIN}m`) });
  return { clock, sent, dropped, aggregator, offer };
}

test.describe('ANDRAT aggregation (shared 5-minute batch tick)', () => {
  test("ticks every 5 minutes from the start, Webcert's batchTimeout", async () => {
    expect(DEFAULT_ANDRAT_WINDOW_MS).toBe(300_000);
    const { clock, sent, offer, aggregator } = setup();
    await clock.advanceBy(2 * MIN);
    offer('c-1', 'ANDRAT');
    expect(aggregator.nextTick()).toBe(START + 5 * MIN);
    await clock.advanceBy(3 * MIN - 1);
    expect(sent).toEqual([]);
    await clock.advanceBy(1);
    expect(sent).toEqual(['c-1 ANDRAT @5m']);
  });

  test('an ANDRAT just before a tick leaves at once; one just after waits almost 5 minutes', async () => {
    const { clock, sent, offer } = setup();
    await clock.advanceBy(5 * MIN - 1000);
    offer('c-1', 'ANDRAT');
    await clock.advanceBy(2000);
    offer('c-2', 'ANDRAT');
    await clock.advanceBy(10 * MIN);
    expect(sent).toEqual(['c-1 ANDRAT @5m', 'c-2 ANDRAT @10m']);
  });

  test('per certificate only the newest ANDRAT of a batch is sent, newest by event time', async () => {
    const { clock, sent, dropped, offer } = setup();
    offer('c-1', 'ANDRAT', 'ANDRAT#1');
    await clock.advanceBy(MIN);
    offer('c-1', 'ANDRAT', 'ANDRAT#3');
    offer('c-1', 'ANDRAT', 'ANDRAT#2 (late, older time)', START + 30_000);
    offer('c-2', 'ANDRAT', 'ANDRAT#A');
    await clock.advanceBy(10 * MIN);
    expect(sent).toEqual(['c-1 ANDRAT#3 @5m', 'c-2 ANDRAT#A @5m']);
    expect(dropped).toEqual([['c-1', 2, 'older ANDRAT in the same batch']]);
  });

  test('a SIGNAT goes straight on and drops every ANDRAT of its certificate in the batch', async () => {
    const { clock, sent, dropped, offer } = setup();
    offer('c-1', 'ANDRAT', 'ANDRAT#1');
    await clock.advanceBy(MIN);
    offer('c-1', 'SIGNAT');
    expect(sent).toEqual(['c-1 SIGNAT @1m']);
    offer('c-1', 'ANDRAT', 'ANDRAT#2');
    offer('c-2', 'ANDRAT', 'other certificate');
    await clock.advanceBy(10 * MIN);
    expect(sent).toEqual(['c-1 SIGNAT @1m', 'c-2 other certificate @5m']);
    expect(dropped).toEqual([['c-1', 2, 'SIGNAT in the same batch']]);
  });

  test('a SIGNAT in an earlier batch does not hide a later ANDRAT', async () => {
    const { clock, sent, offer } = setup();
    offer('c-1', 'SIGNAT');
    await clock.advanceBy(6 * MIN);
    offer('c-1', 'ANDRAT');
    await clock.advanceBy(5 * MIN);
    expect(sent).toEqual(['c-1 SIGNAT @0m', 'c-1 ANDRAT @10m']);
  });

  test('other events pass straight through', async () => {
    const { sent, offer, aggregator } = setup();
    for (const code of ['SKAPAT', 'KFSIGN', 'SKICKA', 'RADERA', 'MAKULE', 'NYFRFM']) offer('c-1', code);
    expect(sent).toEqual(['SKAPAT', 'KFSIGN', 'SKICKA', 'RADERA', 'MAKULE', 'NYFRFM'].map((c) => `c-1 ${c} @0m`));
    expect(aggregator.openWindows()).toEqual([]);
  });

  test('a shorter batch timeout (Webcert dev: 30 s) is honoured', async () => {
    const { clock, sent, offer } = setup(30_000);
    offer('c-1', 'ANDRAT');
    await clock.advanceBy(30_000);
    expect(sent).toEqual(['c-1 ANDRAT @0.5m']);
  });
});
