/**
 * Outbound connections to receivers, as an application server's HTTP client holds them: per
 * receiver (URL origin) a keep-alive agent and at most `maxInFlight` requests at once, the rest
 * waiting in order. A burst of 10,000 deliveries then goes out over a handful of reused TCP
 * connections instead of 10,000 new ones at the same instant. Time spent waiting in the queue is
 * not part of a request's timeout: that starts when the request is sent.
 */
import http from 'node:http';

/** Default requests in flight per receiver. */
export const DEFAULT_MAX_IN_FLIGHT_PER_RECEIVER = 8;

interface Lane {
  agent: http.Agent;
  inFlight: number;
  waiting: (() => void)[];
  /** Index of the next waiting entry (the array is compacted now and then). */
  head: number;
}

export class ReceiverPool {
  private readonly lanes = new Map<string, Lane>();
  private closed = false;

  constructor(readonly maxInFlight = DEFAULT_MAX_IN_FLIGHT_PER_RECEIVER) {
    if (!(Number.isInteger(maxInFlight) && maxInFlight >= 1)) throw new Error(`maxInFlight must be a whole number of at least 1, got ${maxInFlight}`);
  }

  /**
   * Runs `send` with the receiver's keep-alive agent once fewer than `maxInFlight` requests are
   * under way to that receiver; resolves with what `send` resolves with.
   */
  async run<T>(url: string, send: (agent: http.Agent) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error(`the receiver pool is closed; no more requests to ${url}`);
    const lane = this.lane(url);
    if (lane.inFlight >= this.maxInFlight) await new Promise<void>((resolve) => lane.waiting.push(resolve));
    else lane.inFlight++;
    try {
      return await send(lane.agent);
    } finally {
      this.next(lane);
    }
  }

  /** Requests in flight and waiting, per receiver origin (for inspection). */
  stats(): Record<string, { inFlight: number; waiting: number }> {
    return Object.fromEntries([...this.lanes].map(([origin, lane]) => [origin, { inFlight: lane.inFlight, waiting: lane.waiting.length - lane.head }]));
  }

  /** Closes every kept-alive connection; later runs are refused. */
  close(): void {
    this.closed = true;
    for (const lane of this.lanes.values()) lane.agent.destroy();
    this.lanes.clear();
  }

  private lane(url: string): Lane {
    const origin = new URL(url).origin;
    let lane = this.lanes.get(origin);
    if (!lane) {
      // maxSockets equals the lane's limit, so the agent itself never queues a request.
      lane = { agent: new http.Agent({ keepAlive: true, maxSockets: this.maxInFlight, maxFreeSockets: this.maxInFlight }), inFlight: 0, waiting: [], head: 0 };
      this.lanes.set(origin, lane);
    }
    return lane;
  }

  /** Hands the finished request's slot to the next waiting one, or frees it. */
  private next(lane: Lane): void {
    if (lane.head < lane.waiting.length) {
      const wake = lane.waiting[lane.head]!;
      lane.waiting[lane.head++] = undefined as unknown as () => void;
      if (lane.head > 1024 && lane.head * 2 > lane.waiting.length) {
        lane.waiting = lane.waiting.slice(lane.head);
        lane.head = 0;
      }
      wake();
    } else {
      lane.inFlight--;
    }
  }
}
