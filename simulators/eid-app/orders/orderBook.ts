/**
 * The orders of one eID app simulator, in memory and bounded. Time is the virtual clock's: an
 * order expires `ttlMs` after it was started (default 2 minutes, the poll limit of Fortified ID's
 * SITHS eID client), checked whenever the book is used, so a test moves the clock and polls.
 *
 * Pending orders are kept in start order (so the expired ones are always at the front), at most
 * `maxPending` of them and `maxPendingBytes` of challenges and sign texts; past either limit the
 * oldest is ended early. A finished order keeps only what a poll answers (its challenge and sign
 * text are dropped) and is forgotten `retainMs` later (default 10 minutes), or sooner when more
 * than `maxFinished` have finished since. Every step costs O(1) per order however many there are.
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
  /** Most pending orders; past it the oldest is ended (expiredTransaction). Default 10 000. */
  maxPending?: number;
  /** Most bytes of challenges and sign texts held by pending orders; default 64 MiB. */
  maxPendingBytes?: number;
  /** Most finished orders kept for polling; the oldest go first. Default 2 000. */
  maxFinished?: number;
}

/** Default order lifetime: 2 minutes, like Fortified ID's SITHS eID poll limit. */
export const DEFAULT_ORDER_TTL_MS = 120_000;

const NO_BYTES = Buffer.alloc(0);

/** What an order's request holds in memory while it is pending. */
function requestBytes(order: Order): number {
  return order.challenge.byteLength + 2 * (order.signMessage?.length ?? 0);
}

/** Pending and recently finished orders. */
export class OrderBook {
  readonly ttlMs: number;
  readonly retainMs: number;
  private readonly maxPending: number;
  private readonly maxPendingBytes: number;
  private readonly maxFinished: number;
  /** In start order. */
  private readonly pendingOrders = new Map<string, Order>();
  /** In finishing order. */
  private readonly finishedOrders = new Map<string, Order>();
  private readonly byToken = new Map<string, string>();
  private pendingBytes = 0;

  constructor(private readonly options: OrderBookOptions) {
    this.ttlMs = options.ttlMs ?? DEFAULT_ORDER_TTL_MS;
    this.retainMs = options.retainMs ?? 600_000;
    this.maxPending = options.maxPending ?? 10_000;
    this.maxPendingBytes = options.maxPendingBytes ?? 64 * 1024 * 1024;
    this.maxFinished = options.maxFinished ?? 2_000;
    if (!(this.ttlMs > 0)) throw new Error(`order ttlMs must be a positive number of milliseconds, got ${this.ttlMs}`);
    for (const [name, value] of [['maxPending', this.maxPending], ['maxPendingBytes', this.maxPendingBytes], ['maxFinished', this.maxFinished]] as const) {
      if (!(Number.isInteger(value) && value >= 1)) throw new Error(`order book ${name} must be a whole number of at least 1, got ${value}`);
    }
  }

  /** How many orders are kept: pending and finished. */
  get size(): { pending: number; finished: number } {
    this.prune();
    return { pending: this.pendingOrders.size, finished: this.finishedOrders.size };
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
    this.pendingOrders.set(order.orderRef, order);
    this.pendingBytes += requestBytes(order);
    this.byToken.set(order.autoStartToken, order.orderRef);
    this.byToken.set(order.qrStartToken, order.orderRef);
    while (this.pendingOrders.size > this.maxPending || (this.pendingBytes > this.maxPendingBytes && this.pendingOrders.size > 1)) {
      const oldest = this.pendingOrders.values().next().value as Order;
      this.fail(oldest, 'expiredTransaction', `ended early: the eID app holds at most ${this.maxPending} pending orders (${this.maxPendingBytes} bytes of challenges and sign texts), and this was the oldest`);
    }
    return order;
  }

  /** The order, expired first if its time is up; undefined when unknown or forgotten. */
  get(orderRef: string): Order | undefined {
    this.prune();
    return this.pendingOrders.get(orderRef) ?? this.finishedOrders.get(orderRef);
  }

  /** The order whose autoStartToken or qrStartToken this is. */
  byStartToken(token: string): Order | undefined {
    const orderRef = this.byToken.get(token);
    return orderRef === undefined ? undefined : this.get(orderRef);
  }

  /** Pending orders, oldest first. */
  pending(): Order[] {
    this.prune();
    return [...this.pendingOrders.values()];
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
    if (this.pendingOrders.delete(order.orderRef)) this.pendingBytes -= requestBytes(order);
    // A poll answers status, hint, message and completion; the request's bytes are not needed any more.
    order.challenge = NO_BYTES;
    order.signMessage = undefined; // (not `delete`: that would turn the object into a slower, larger dictionary)
    this.finishedOrders.set(order.orderRef, order);
    if (this.finishedOrders.size > this.maxFinished) this.forget(this.finishedOrders.values().next().value as Order);
  }

  /** Expires pending orders whose time is up and forgets finished ones past their retention. */
  private prune(): void {
    const now = this.options.clock.now();
    for (const order of this.pendingOrders.values()) {
      if (now < order.expiresAt) break;
      this.fail(order, 'expiredTransaction', `nobody finished the order within ${this.ttlMs / 1000} s`);
      order.finishedAt = order.expiresAt;
    }
    for (const order of this.finishedOrders.values()) {
      if (now - order.finishedAt! <= this.retainMs) break;
      this.forget(order);
    }
  }

  private forget(order: Order): void {
    this.finishedOrders.delete(order.orderRef);
    this.byToken.delete(order.autoStartToken);
    this.byToken.delete(order.qrStartToken);
  }
}
