/**
 * Running an eID app order for a login transaction: start it with a fresh challenge, and bring
 * the transaction up to date from the order's status (complete → checked credential → outcome;
 * user cancel → cancel status; other failures → a message the user can retry from).
 */
import { randomBytes } from 'node:crypto';
import { ERROR_STATUS } from '../../kit/saml/responseBuilder.js';
import type { IdpContext } from '../idpContext.js';
import type { LoginTransaction } from '../session/loginTransactions.js';
import { hintText } from '../pages/eidWaitPage.js';
import { userLoa } from '../response/assertionAttributes.js';
import { checkEidCompletion } from './credentialCheck.js';
import { EidAppError } from './eidAppClient.js';

/** Starts an order for the transaction's method (auth at the login entity, sign at the sign entities). */
export async function startEidOrder(ctx: IdpContext, tx: LoginTransaction): Promise<void> {
  const challenge = randomBytes(32);
  const type = tx.entity.kind === 'login' ? 'auth' : 'sign';
  const signMessage = type === 'sign' ? tx.request.signMessage?.message : undefined;
  const started = await ctx.eid.start(
    { type, challenge: challenge.toString('base64'), requesterName: ctx.requesterName, ...(signMessage !== undefined ? { signMessage } : {}) },
    { messageId: tx.request.id },
  );
  tx.order = { ...started, challenge, type, startedAt: ctx.clock.now(), hintCode: 'outstandingTransaction' };
}

/** What the wait page and its poller show. */
export interface OrderProgress {
  state: 'pending' | 'complete' | 'failed';
  hintCode?: string;
  message: string;
}

/** Polls the order (unless the transaction already has an outcome or a failure) and updates the transaction. */
export async function refreshEidOrder(ctx: IdpContext, tx: LoginTransaction): Promise<OrderProgress> {
  const order = tx.order;
  if (tx.outcome) return { state: 'complete', message: 'Klart, skickar vidare …' };
  if (!order) return { state: 'failed', message: 'Ingen SITHS eID-order har startats.' };
  if (order.failure) return { state: 'failed', hintCode: order.failure.hintCode, message: order.failure.message };
  let status;
  try {
    status = await ctx.eid.status(order.orderRef, { messageId: tx.request.id });
  } catch (error) {
    const message = error instanceof EidAppError ? error.message : String(error);
    order.failure = { hintCode: 'serviceUnavailable', message: `Autentiseringstjänsten för SITHS eID svarar inte (${message}).` };
    return { state: 'failed', hintCode: 'serviceUnavailable', message: order.failure.message };
  }
  if (status.status === 'pending') {
    order.hintCode = status.hintCode;
    return { state: 'pending', hintCode: status.hintCode, message: hintText(status.hintCode, tx.method) };
  }
  if (status.status === 'complete') {
    const verdict = checkEidCompletion({
      completion: status.completion,
      challenge: order.challenge,
      orderType: order.type,
      pki: ctx.pki,
      at: new Date(ctx.clock.now()),
      users: ctx.users,
    });
    tx.outcome = verdict.ok
      ? { kind: 'authenticated', user: verdict.user, method: tx.method ?? 'sithseid-other-device', loa: userLoa(verdict.user) }
      : { kind: 'error', status: verdict.status, reason: verdict.reason };
    return verdict.ok ? { state: 'complete', message: 'Klart, skickar vidare …' } : { state: 'complete', message: verdict.userMessage };
  }
  if (status.hintCode === 'userCancel' || status.hintCode === 'cancelled') {
    tx.outcome = { kind: 'error', status: ERROR_STATUS.cancel(), reason: `the user cancelled in the SITHS eID app (${status.hintCode})` };
    return { state: 'complete', hintCode: status.hintCode, message: hintText(status.hintCode, tx.method) };
  }
  order.failure = { hintCode: status.hintCode ?? 'unknown', message: hintText(status.hintCode, tx.method, status.message) };
  return { state: 'failed', hintCode: order.failure.hintCode, message: order.failure.message };
}
