/**
 * Stopping a listener without losing what is under way: stop accepting, close idle keep-alive
 * connections, let the exchanges in flight finish within a bound, answer and record the ones still
 * running after it as aborted, release exchanges held by a `no-answer` fault, and only then resolve,
 * so the caller can close the traffic journal knowing every answered exchange is in it.
 */
import type { Server } from 'node:http';

/** How a listener stops. */
export interface StopOptions {
  /** Longest wait for exchanges in flight, in wall-clock ms; default {@link DEFAULT_DRAIN_MS}. */
  drainMs?: number;
}

/** Default bound of a drain: 5 s. */
export const DEFAULT_DRAIN_MS = 5_000;

/** After the bound, how long aborted answers get to reach the client before the sockets are cut. */
const FLUSH_MS = 250;

/** One exchange in flight, as the drain sees it. */
export interface TrackedExchange {
  /** Called when the bound is over: answer (if still possible) and record the exchange as aborted. */
  abort(reason: string): void;
}

/** The exchanges in flight on one listener, and its drain. */
export class InFlightExchanges {
  private readonly live = new Set<TrackedExchange>();
  private readonly held = new Set<() => void>();
  private readonly emptied = new Set<() => void>();
  private draining = false;

  /** True once a drain has begun: new exchanges are answered 503 instead of served. */
  get stopping(): boolean {
    return this.draining;
  }

  /** How many exchanges are being served right now (held `no-answer` exchanges not counted). */
  get size(): number {
    return this.live.size;
  }

  /** Counts an exchange as in flight until {@link end}. */
  begin(exchange: TrackedExchange): void {
    this.live.add(exchange);
  }

  /** The exchange is over (answered, reset, aborted or held). */
  end(exchange: TrackedExchange): void {
    this.live.delete(exchange);
    if (this.live.size === 0) for (const resolve of [...this.emptied]) resolve();
  }

  /** Resolves when the listener stops: how a `no-answer` fault keeps a connection open. */
  hold(): Promise<void> {
    if (this.draining) return Promise.resolve();
    return new Promise((resolve) => this.held.add(resolve));
  }

  /**
   * Drains `server`: stops accepting, waits up to `drainMs` for the exchanges in flight, aborts
   * the rest, then closes every connection and resolves when the server is closed.
   */
  async drain(server: Server, options: StopOptions = {}): Promise<void> {
    const drainMs = Math.max(0, options.drainMs ?? DEFAULT_DRAIN_MS);
    this.draining = true;
    const closed = new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
    });
    server.closeIdleConnections();
    for (const release of this.held) release();
    this.held.clear();

    if (this.live.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      let onEmpty: (() => void) | undefined;
      await new Promise<void>((resolve) => {
        onEmpty = resolve;
        this.emptied.add(resolve);
        timer = setTimeout(resolve, drainMs);
      });
      clearTimeout(timer);
      if (onEmpty) this.emptied.delete(onEmpty);
    }
    if (this.live.size > 0) {
      const reason = `the party stopped before the answer was ready (waited ${drainMs} ms for exchanges in flight)`;
      for (const exchange of [...this.live]) {
        exchange.abort(reason);
        this.end(exchange);
      }
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, FLUSH_MS).unref())]);
    }
    server.closeAllConnections();
    await closed;
  }
}

/** Anything that stops with a drain bound: a listener, a simulator, a group of them. */
export interface Drainable {
  stop(options?: StopOptions): Promise<void>;
}

/**
 * Stops `parts` one after the other (list callers before the parties they call, so a caller's
 * exchanges in flight can still reach them), all within one bound: each gets what is left of it.
 */
export async function stopInOrder(parts: Drainable[], options: StopOptions = {}): Promise<void> {
  const deadline = performance.now() + Math.max(0, options.drainMs ?? DEFAULT_DRAIN_MS);
  for (const part of parts) await part.stop({ drainMs: Math.max(0, deadline - performance.now()) });
}
