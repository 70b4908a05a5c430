/**
 * The part of a fault rule that every party applies the same way, whatever protocol it speaks:
 * an HTTP status, a reset, no answer, or a delay. What a `result` or `soapFault` effect means is
 * the protocol's business, so those come back to the caller to answer in its own shape.
 */
import { delay, HttpResponse } from 'msw';
import { withNotes, type ExchangeNotes } from '../network/exchangeNotes.js';
import type { FaultEffect } from './faultRule.js';

/** What to do after the transport part of a rule was applied. */
export type TransportFaultOutcome =
  /** End the exchange with this response (HTTP status, reset, no answer). */
  | { kind: 'answer'; response: Response }
  /** Go on normally; `note` says why it came late, when it did. */
  | { kind: 'continue'; note?: string }
  /** A protocol-level effect: the caller answers it in its protocol's shape. */
  | { kind: 'protocol'; effect: Extract<FaultEffect, { kind: 'result' | 'soapFault' }> };

/** Applies `effect` (or nothing, when undefined). A delay is waited out here, in wall-clock time. */
export async function applyTransportFault(effect: FaultEffect | undefined, notes: ExchangeNotes): Promise<TransportFaultOutcome> {
  if (!effect) return { kind: 'continue' };
  const ruleNotes: ExchangeNotes = { ...notes, message: `fault rule: ${JSON.stringify(effect)}` };
  switch (effect.kind) {
    case 'httpStatus':
      return {
        kind: 'answer',
        response: withNotes(
          [204, 205, 304].includes(effect.status)
            ? new HttpResponse(null, { status: effect.status }) // these statuses carry no body
            : new HttpResponse(effect.body ?? `HTTP ${effect.status} (samverkan fault rule)`, { status: effect.status, headers: { 'content-type': 'text/plain; charset=utf-8' } }),
          { ...ruleNotes, outcome: 'error' },
        ),
      };
    case 'reset':
      return { kind: 'answer', response: withNotes(new HttpResponse(null, { status: 204 }), ruleNotes, 'reset') };
    case 'noAnswer':
      return { kind: 'answer', response: withNotes(new HttpResponse(null, { status: 204 }), ruleNotes, 'no-answer') };
    case 'delay':
      await delay(effect.ms);
      return { kind: 'continue', note: `answered after a fault-rule delay of ${effect.ms} ms` };
    default:
      return { kind: 'protocol', effect };
  }
}
