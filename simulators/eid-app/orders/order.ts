/**
 * An order to the SITHS eID app's authentication service ("Autentiseringstjänsten"), modelled on
 * BankID's order → poll API because Inera's is not public (reference/protocols.md §2.6): the
 * requester (the IdP) starts an auth or sign order, the app picks it up, the user approves it
 * with the card's PIN, and the requester polls until it is complete or failed.
 */

/** `auth`: prove who you are with the authentication certificate; `sign`: sign with the signature certificate. */
export type OrderType = 'auth' | 'sign';

/** Where an order stands. */
export type OrderStatus = 'pending' | 'complete' | 'failed';

/**
 * Why an order is where it is.
 * Pending: `outstandingTransaction` (waiting for the app), `userSign` (app open, waiting for the
 * PIN), `wrongPin` (a wrong PIN was entered; attempts left).
 * Failed: `noClient` (the app is not installed), `userCancel` (the user pressed Avbryt),
 * `pinLocked` (the card is locked), `expiredTransaction` (nobody finished it in time),
 * `cardMismatch` (the card in the reader is not the one the order names), `cancelled` (the
 * requester cancelled it), `cardError` (the card failed otherwise; see `message`).
 */
export type HintCode =
  | 'outstandingTransaction'
  | 'userSign'
  | 'wrongPin'
  | 'noClient'
  | 'userCancel'
  | 'pinLocked'
  | 'expiredTransaction'
  | 'cardMismatch'
  | 'cancelled'
  | 'cardError';

/** What the requester asks for (already checked, challenge decoded). */
export interface OrderRequest {
  type: OrderType;
  /** The card that must answer; any card when absent. */
  hsaId?: string;
  /** Bytes the card signs (RSA PKCS#1 v1.5, SHA-256). */
  challenge: Buffer;
  /** Text shown in the app for sign orders. */
  signMessage?: string;
  /** Who asks, shown in the app ("Inera IdP", a region's login service). */
  requesterName: string;
}

/** What a completed order hands the requester. */
export interface Completion {
  hsaId: string;
  /** Authentication certificate for `auth` orders, signature certificate for `sign` orders. */
  certificatePem: string;
  /** Base64 RSA PKCS#1 v1.5 SHA-256 signature over the challenge bytes, made on the card. */
  signature: string;
}

/** An order as the order book keeps it. */
export interface Order extends OrderRequest {
  orderRef: string;
  autoStartToken: string;
  qrStartToken: string;
  qrStartSecret: string;
  /** Virtual times (ms since epoch). */
  createdAt: number;
  expiresAt: number;
  finishedAt?: number;
  status: OrderStatus;
  hintCode: HintCode;
  /** The app has shown the order to its user. */
  pickedUp: boolean;
  /** After a wrong PIN: attempts left before the card locks, when known. */
  attemptsLeft?: number;
  /** Why the order failed, in words (card errors, mismatches). */
  message?: string;
  completion?: Completion;
}

/** The order as `GET /api/v1/orders/{orderRef}` answers it. */
export interface OrderView {
  orderRef: string;
  status: OrderStatus;
  hintCode?: HintCode;
  attemptsLeft?: number;
  message?: string;
  completion?: Completion;
}

/** The polling view of an order: complete orders carry no hintCode. */
export function orderView(order: Order): OrderView {
  return {
    orderRef: order.orderRef,
    status: order.status,
    ...(order.status === 'complete' ? {} : { hintCode: order.hintCode }),
    ...(order.attemptsLeft !== undefined && order.status === 'pending' ? { attemptsLeft: order.attemptsLeft } : {}),
    ...(order.message !== undefined ? { message: order.message } : {}),
    ...(order.completion ? { completion: order.completion } : {}),
  };
}
