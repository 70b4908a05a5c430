/**
 * The IdP's client of the SITHS eID app's authentication service ("Autentiseringstjänsten"):
 * start an order, poll it, cancel it, over the JSON API of simulators/eid-app. Every call is
 * journalled as an outbound exchange of the IdP.
 */
import http from 'node:http';
import type { Clock } from '../../kit/clock/virtualClock.js';
import type { TrafficJournal } from '../../kit/journal/trafficJournal.js';
import { CALLER_HEADER } from '../../kit/network/exchangeNotes.js';

/** `POST /api/v1/orders` body. */
export interface StartOrder {
  type: 'auth' | 'sign';
  hsaId?: string;
  /** base64 of 32 random bytes. */
  challenge: string;
  signMessage?: string;
  requesterName: string;
}

/** `201` answer to a started order. */
export interface StartedOrder {
  orderRef: string;
  autoStartToken: string;
  qrStartToken: string;
}

/** `GET /api/v1/orders/{orderRef}` answer. */
export interface OrderStatus {
  status: 'pending' | 'complete' | 'failed';
  hintCode?: string;
  message?: string;
  completion?: { hsaId: string; certificatePem: string; signature: string };
}

/** The eID service could not be used; `message` says how. */
export class EidAppError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'EidAppError';
  }
}

export interface EidAppClientOptions {
  baseUrl: string;
  clock: Clock;
  journal?: TrafficJournal;
  /** Party name of the IdP in the journal; default `idp`. */
  party?: string;
  /** Wall-clock ms per call; default 10 s. */
  timeoutMs?: number;
}

/** A JSON client of the eID app's order API. */
export class EidAppClient {
  constructor(private readonly options: EidAppClientOptions) {}

  /** @throws {EidAppError} when the service is unreachable or refuses the order. */
  async start(order: StartOrder, facts: { messageId?: string } = {}): Promise<StartedOrder> {
    const res = await this.call('POST', '/api/v1/orders', 'eID StartOrder', order, facts);
    if (res.status !== 201 && res.status !== 200) throw new EidAppError(`the eID service refused the order: HTTP ${res.status} ${res.text.slice(0, 300)}`, res.status);
    const body = res.json as Partial<StartedOrder> | undefined;
    if (!body?.orderRef || !body.autoStartToken || !body.qrStartToken) throw new EidAppError(`the eID service answered without orderRef/autoStartToken/qrStartToken: ${res.text.slice(0, 300)}`);
    return { orderRef: body.orderRef, autoStartToken: body.autoStartToken, qrStartToken: body.qrStartToken };
  }

  /** @throws {EidAppError} when the service is unreachable or does not know the order. */
  async status(orderRef: string, facts: { messageId?: string } = {}): Promise<OrderStatus> {
    const res = await this.call('GET', `/api/v1/orders/${encodeURIComponent(orderRef)}`, 'eID CollectOrder', undefined, facts);
    if (res.status !== 200) throw new EidAppError(`the eID service answered HTTP ${res.status} for order ${orderRef}: ${res.text.slice(0, 300)}`, res.status);
    const body = res.json as Partial<OrderStatus> | undefined;
    if (!body || !['pending', 'complete', 'failed'].includes(String(body.status))) throw new EidAppError(`the eID service answered an unknown order status: ${res.text.slice(0, 300)}`);
    return body as OrderStatus;
  }

  /** Cancels an order; failures are ignored (the order may already be over). */
  async cancel(orderRef: string, facts: { messageId?: string } = {}): Promise<void> {
    await this.call('POST', `/api/v1/orders/${encodeURIComponent(orderRef)}/cancel`, 'eID CancelOrder', {}, facts).catch(() => undefined);
  }

  private async call(method: string, path: string, operation: string, body: unknown, facts: { messageId?: string }): Promise<{ status: number; text: string; json?: unknown }> {
    const url = `${this.options.baseUrl.replace(/\/$/, '')}${path}`;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const startedAt = this.options.clock.now();
    const started = performance.now();
    const party = this.options.party ?? 'idp';
    const record = (r: { status?: number; text?: string; outcome: 'ok' | 'error' | 'transport-error'; message?: string }) =>
      this.options.journal?.record({
        side: 'outbound', fromParty: party, toParty: 'eid-app', operation, method, url, startedAt,
        durationMs: Math.round(performance.now() - started), outcome: r.outcome, httpStatus: r.status, message: r.message,
        messageId: facts.messageId, requestBody: payload, responseBody: r.text,
      });
    try {
      const res = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = http.request(url, { method, agent: false, headers: { accept: 'application/json', ...(payload ? { 'content-type': 'application/json' } : {}), [CALLER_HEADER]: party } }, (r) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          r.on('error', reject);
        });
        const timer = setTimeout(() => req.destroy(new Error(`no answer within ${this.options.timeoutMs ?? 10_000} ms`)), this.options.timeoutMs ?? 10_000);
        req.on('close', () => clearTimeout(timer));
        req.on('error', reject);
        req.end(payload);
      });
      let json: unknown;
      try {
        json = res.text ? JSON.parse(res.text) : undefined;
      } catch {
        json = undefined;
      }
      record({ status: res.status, text: res.text, outcome: res.status < 400 ? 'ok' : 'error' });
      return { ...res, json };
    } catch (error) {
      const message = `${operation} to ${url} failed: ${(error as Error).message}`;
      record({ outcome: 'transport-error', message });
      throw new EidAppError(`the eID service at ${this.options.baseUrl} cannot be reached (${(error as Error).message}); is the eID app simulator running?`);
    }
  }
}
