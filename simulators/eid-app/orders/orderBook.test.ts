/** The order book's bounds: pending and finished orders, their expiry and what a finished one keeps. */
import { test, expect } from '@playwright/test';
import { VirtualClock } from '../../kit/clock/virtualClock.js';
import type { OrderRequest } from './order.js';
import { OrderBook } from './orderBook.js';

const START = Date.parse('2026-03-02T09:00:00Z');
const request = (n: number): OrderRequest => ({ type: 'sign', challenge: Buffer.alloc(1024, n % 256), signMessage: `Signera intyg nummer ${n}`, requesterName: 'Inera IdP' });
const completion = { hsaId: 'SE2321000016-A001', certificatePem: '-----BEGIN CERTIFICATE-----', signature: 'c2lnbmF0dXI=' };

test.describe('order book', () => {
  test('16,000 finished orders: only the newest maxFinished are kept, each without its challenge and sign text', () => {
    const clock = new VirtualClock({ start: START });
    const book = new OrderBook({ clock, maxFinished: 500 });
    const refs: string[] = [];
    for (let n = 0; n < 16_000; n++) {
      const order = book.create(request(n));
      refs.push(order.orderRef);
      book.complete(order, completion);
    }
    expect(book.size).toEqual({ pending: 0, finished: 500 });
    expect(book.get(refs[0]!)).toBeUndefined();
    expect(book.get(refs[15_499]!)).toBeUndefined();
    const newest = book.get(refs[15_999]!)!;
    expect(newest).toMatchObject({ status: 'complete', completion });
    expect(newest.challenge.byteLength).toBe(0);
    expect(newest.signMessage).toBeUndefined();
  });

  test('past maxPending the oldest pending order is ended early, with a reason, and can still be polled', () => {
    const clock = new VirtualClock({ start: START });
    const book = new OrderBook({ clock, maxPending: 3 });
    const orders = [0, 1, 2, 3].map((n) => book.create(request(n)));
    expect(book.pending().map((o) => o.orderRef)).toEqual(orders.slice(1).map((o) => o.orderRef));
    expect(book.get(orders[0]!.orderRef)).toMatchObject({ status: 'failed', hintCode: 'expiredTransaction', message: expect.stringContaining('ended early') });
    expect(book.byStartToken(orders[3]!.autoStartToken)?.orderRef).toBe(orders[3]!.orderRef);
  });

  test('past maxPendingBytes the oldest pending order is ended early', () => {
    const book = new OrderBook({ clock: new VirtualClock({ start: START }), maxPendingBytes: 2_500 });
    const [a, b, c] = [0, 1, 2].map((n) => book.create({ ...request(n), signMessage: undefined }));
    expect(book.get(a!.orderRef)?.status).toBe('failed');
    expect(book.pending().map((o) => o.orderRef)).toEqual([b!.orderRef, c!.orderRef]);
  });

  test('pending orders expire in start order when the clock passes their time; finished ones are forgotten after retainMs', async () => {
    const clock = new VirtualClock({ start: START });
    const book = new OrderBook({ clock });
    const first = book.create(request(1));
    await clock.advanceBy(60_000);
    const second = book.create(request(2));
    await clock.advanceBy(60_000);
    expect(book.pending().map((o) => o.orderRef)).toEqual([second.orderRef]);
    expect(book.get(first.orderRef)).toMatchObject({ status: 'failed', hintCode: 'expiredTransaction', finishedAt: START + 120_000 });
    await clock.advanceBy(600_001);
    expect(book.get(first.orderRef)).toBeUndefined();
    expect(book.byStartToken(first.qrStartToken)).toBeUndefined();
    expect(book.get(second.orderRef)?.status).toBe('failed');
  });
});
