/**
 * Logins under way: one per accepted AuthnRequest, from the login page through the chosen
 * method (an eID app order or a card over mutual TLS) to the Response. The transaction id is an
 * unguessable token in the URLs of the login pages.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../kit/clock/virtualClock.js';
import type { ParsedAuthnRequest } from '../../kit/saml/authnRequestParser.js';
import type { SamlStatus } from '../../kit/saml/responseBuilder.js';
import type { IdpEntity } from '../idpEntities.js';
import type { IdpUser } from '../idpUsers.js';
import type { LoginMethod } from '../loginMethods.js';
import type { SsoSession } from './ssoSessions.js';

/** An eID app order started for a transaction. */
export interface EidOrderState {
  orderRef: string;
  autoStartToken: string;
  qrStartToken: string;
  /** The 32 random bytes the card signs. */
  challenge: Buffer;
  type: 'auth' | 'sign';
  startedAt: number;
  /** The last pending hint code seen. */
  hintCode?: string;
  /** Set when the order failed in a way the user can retry (noClient, expiredTransaction, …). */
  failure?: { hintCode: string; message: string };
}

/** How a transaction ended. */
export type LoginOutcome =
  | { kind: 'authenticated'; user: IdpUser; method: LoginMethod; loa: string; session?: SsoSession }
  | { kind: 'error'; status: SamlStatus; reason: string; user?: IdpUser };

/** A login under way. */
export interface LoginTransaction {
  id: string;
  request: ParsedAuthnRequest;
  entity: IdpEntity;
  createdAt: number;
  expiresAt: number;
  method?: LoginMethod;
  order?: EidOrderState;
  outcome?: LoginOutcome;
}

/** A login may take this long (virtual): 15 minutes. */
export const TRANSACTION_LIFETIME_MS = 15 * 60_000;

/** Transactions by id. */
export class LoginTransactions {
  private readonly byId = new Map<string, LoginTransaction>();

  constructor(private readonly clock: Clock) {}

  create(request: ParsedAuthnRequest, entity: IdpEntity): LoginTransaction {
    const now = this.clock.now();
    this.prune(now);
    const tx: LoginTransaction = { id: randomBytes(18).toString('base64url'), request, entity, createdAt: now, expiresAt: now + TRANSACTION_LIFETIME_MS };
    this.byId.set(tx.id, tx);
    return tx;
  }

  /** The live transaction, if any. */
  get(id: string | undefined): LoginTransaction | undefined {
    const tx = id ? this.byId.get(id) : undefined;
    if (tx && tx.expiresAt <= this.clock.now()) {
      this.byId.delete(tx.id);
      return undefined;
    }
    return tx;
  }

  /** Removes a finished transaction (each gets one Response). */
  finish(id: string): void {
    this.byId.delete(id);
  }

  get size(): number {
    return this.byId.size;
  }

  private prune(now: number): void {
    for (const [id, tx] of this.byId) if (tx.expiresAt <= now) this.byId.delete(id);
  }
}
