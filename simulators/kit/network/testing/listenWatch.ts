/**
 * Test helper: records every address a server of this process binds while it watches, through
 * node's `net.server.listen` diagnostics channel (no patching; nothing is sent anywhere). A test
 * proves "loopback only" from these bound addresses instead of trying to connect from outside.
 */
import diagnosticsChannel from 'node:diagnostics_channel';
import type { AddressInfo, Server } from 'node:net';

/** One successful bind. */
export interface BoundAddress {
  address: string;
  family: string;
  port: number;
}

/** A running watch; `stop` it in the same test. */
export interface ListenWatch {
  /** Every address bound since the watch started, in order. */
  readonly bound: BoundAddress[];
  stop(): void;
}

/** Starts recording binds. */
export function watchListens(): ListenWatch {
  const bound: BoundAddress[] = [];
  const channel = diagnosticsChannel.tracingChannel<unknown, { server?: Server }>('net.server.listen');
  const handlers = {
    start: () => undefined,
    end: () => undefined,
    asyncStart: () => undefined,
    asyncEnd: (message: { server?: Server }) => {
      const address = message.server?.address();
      if (address && typeof address === 'object') {
        const { address: host, family, port } = address as AddressInfo;
        bound.push({ address: host, family, port });
      }
    },
    error: () => undefined,
  };
  channel.subscribe(handlers);
  return { bound, stop: () => channel.unsubscribe(handlers) };
}

/** True for 127.0.0.0/8 and ::1. */
export function isLoopback(address: string): boolean {
  return /^127\./.test(address) || address === '::1' || /^::ffff:127\./.test(address);
}
