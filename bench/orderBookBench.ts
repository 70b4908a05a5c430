/**
 * `npm run bench`, the eID app's order book: heap held and time per order after 1,000 and after
 * 16,000 sign orders (each started, approved with a certificate and a signature, then polled),
 * from one run. Bounded means 16,000 orders hold about what the finished-order cap holds.
 */
import { randomBytes } from 'node:crypto';
import { VirtualClock } from '../simulators/kit/clock/virtualClock.js';
import { OrderBook } from '../simulators/eid-app/orders/orderBook.js';
import { heapAfterGc, mib } from './benchSupport.js';

export interface OrderBookBenchOptions {
  orders: number;
  log: (line: string) => void;
}

/** A signer certificate's size in PEM (RSA 2048 with SITHS-like extensions). */
const CERTIFICATE_PEM = `-----BEGIN CERTIFICATE-----\n${randomBytes(1_300).toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
/** What the signing service asks the user to sign: a short text about the certificate. */
const SIGN_MESSAGE = 'Jag intygar att uppgifterna i läkarintyget för sjukpenning (LISJP) för patienten är riktiga. '.repeat(20);

export function runOrderBookBench(options: OrderBookBenchOptions): { smallMiB: number; largeMiB: number; ratio: number } {
  const small = Math.min(1_000, options.orders);
  const clock = new VirtualClock({ mode: 'manual', start: Date.parse('2026-03-02T08:00:00Z') });
  const before = heapAfterGc();
  const book = new OrderBook({ clock });
  const run = (from: number, to: number) => {
    const t0 = performance.now();
    for (let i = from; i < to; i++) {
      // As the order API decodes it: a 32-byte challenge from base64.
      const order = book.create({ type: 'sign', challenge: Buffer.from(randomBytes(32).toString('base64'), 'base64'), signMessage: SIGN_MESSAGE, requesterName: 'Inera IdP', hsaId: 'SE2321000016-A001' });
      book.complete(order, { hsaId: 'SE2321000016-A001', certificatePem: CERTIFICATE_PEM, signature: randomBytes(256).toString('base64') });
      book.get(order.orderRef);
    }
    return ((performance.now() - t0) * 1000) / (to - from);
  };
  const smallUs = run(0, small);
  const smallHeap = heapAfterGc() - before;
  const largeUs = run(small, options.orders);
  const largeHeap = heapAfterGc() - before;
  const ratio = largeHeap / smallHeap;
  const kept = book.size;
  options.log(`eID order book after ${small.toLocaleString('en')} orders:   ${mib(smallHeap)} MiB held, ${smallUs.toFixed(0)} µs per order`);
  options.log(`eID order book after ${options.orders.toLocaleString('en')} orders:  ${mib(largeHeap)} MiB held, ${largeUs.toFixed(0)} µs per order (orders ${small + 1}–${options.orders})`);
  options.log(`ratio held ${options.orders.toLocaleString('en')} / ${small.toLocaleString('en')}:            ${ratio.toFixed(2)}  (kept: ${kept.pending} pending, ${kept.finished} finished)`);
  clock.stop();
  return { smallMiB: smallHeap / 1024 / 1024, largeMiB: largeHeap / 1024 / 1024, ratio };
}
