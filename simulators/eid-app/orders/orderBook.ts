/**
 * The orders of one eID app simulator, in memory. Time is the virtual clock's: an order expires
 * `ttlMs` after it was started (default 2 minutes, the poll limit of Fortified ID's SITHS eID
 * client), checked whenever it is read, so a test moves the clock and polls. Finished orders are
 * forgotten `retainMs` later (default 10 minutes), and at most `maxOrders` are kept.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../kit/clock/virtualClock.js';
import type { Completion, HintCode, Order, OrderRequest } from './order.js';

export interface OrderBookOptions {
  clock: Clock;
  /** How long an order may stay pending; default 120 000 ms. */
  ttlMs?: number;
  /** How long a finished order can still be polled; default 600 000 ms. */
  retainMs?: number;
  /** Most orders kept; the oldest finished ones go first. Default 10 000. */
  maxOrders?: number;
}

/** Default order lifetime: 2 minutes, like Fortified ID's SITHS eID poll limit. */
export const DEFAULT_ORDER_TTL_MS = 120_000;

/** Pending and recently finished orders. */
export class OrderBook {
  readonly ttlMs: number;
  readonly retainMs: number;
  private readonly maxOrders: number;
  private readonly orders = new Map<string, Order>();

  constructor(private readonly options: OrderBookOptions) {
    this.ttlMs = options.ttlMs ?? DEFAULT_ORDER_TTL_MS;
    this.retainMs = options.retainMs ?? 600_000;
    this.maxOrders = options.maxOrders ?? 10_000;
    if (!(this.ttlMs > 0)) throw new Error(`order ttlMs must be a positive number of milliseconds, got ${this.ttlMs}`);
  }

  /** Starts an order: pending, `outstandingTransaction`, with fresh tokens. */
  create(request: OrderRequest): Order {
    this.prune();
    const now = this.options.clock.now();
    const order: Order = {
      ...request,
      orderRef: randomUUID(),
      autoStartToken: randomUUID(),
      qrStartToken: randomUUID(),
      qrStartSecret: randomUUID(),
      createdAt: now,
      expiresAt: now + this.ttlMs,
      status: 'pending',
      hintCode: 'outstandingTransaction',
      pickedUp: false,
    };
    this.orders.set(order.orderRef, order);
    return order;
  }

  /** The order, expired first if its time is up; undefined when unknown or forgotten. */
  get(orderRef: string): Order | undefined {
    const order = this.orders.get(orderRef);
    if (order) this.expireIfDue(order);
    return order;
  }

  /** The order whose autoStartToken or qrStartToken this is. */
  byStartToken(token: string): Order | undefined {
    for (const order of this.orders.values()) if (order.autoStartToken === token || order.qrStartToken === token) return this.get(order.orderRef);
    return undefined;
  }

  /** Pending orders, oldest first. */
  pending(): Order[] {
    return [...this.orders.values()].filter((o) => {
      this.expireIfDue(o);
      return o.status === 'pending';
    });
  }

  /** Still pending, with a new hint (`userSign`, `wrongPin` …). */
  hint(order: Order, hintCode: HintCode, extra: { attemptsLeft?: number } = {}): void {
    if (order.status !== 'pending') return;
    order.hintCode = hintCode;
    order.attemptsLeft = extra.attemptsLeft;
  }

  complete(order: Order, completion: Completion): void {
    this.finish(order, 'complete', order.hintCode);
    order.completion = completion;
  }

  fail(order: Order, hintCode: HintCode, message?: string): void {
    this.finish(order, 'failed', hintCode);
    if (message !== undefined) order.message = message;
  }

  private finish(order: Order, status: 'complete' | 'failed', hintCode: HintCode): void {
    if (order.status !== 'pending') throw new Error(`order ${order.orderRef} is already ${order.status}`);
    order.status = status;
    order.hintCode = hintCode;
    order.attemptsLeft = undefined;
    order.finishedAt = this.options.clock.now();
  }

  private expireIfDue(order: Order): void {
    if (order.status === 'pending' && this.options.clock.now() >= order.expiresAt) {
      this.fail(order, 'expiredTransaction', `nobody finished the order within ${this.ttlMs / 1000} s`);
      order.finishedAt = order.expiresAt;
    }
  }

  private prune(): void {
    const now = this.options.clock.now();
    for (const [ref, order] of this.orders) {
      this.expireIfDue(order);
      if (order.finishedAt !== undefined && now - order.finishedAt > this.retainMs) this.orders.delete(ref);
    }
    if (this.orders.size < this.maxOrders) return;
    const finished = [...this.orders.values()].filter((o) => o.status !== 'pending').sort((a, b) => (a.finishedAt ?? 0) - (b.finishedAt ?? 0));
    const oldest = (finished[0] ?? [...this.orders.values()][0])?.orderRef;
    if (oldest) this.orders.delete(oldest);
  }
}
