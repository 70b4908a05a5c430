/**
 * Sign transactions waiting for the signer to come back from the IdP, kept server-side and keyed by
 * the SAML RelayState sent with the AuthnRequest (a fresh random value, never the DSS RequestID, so
 * a browser cannot steer an assertion to someone else's transaction). Each is taken once; they end
 * after a lifetime on the virtual clock.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../kit/clock/virtualClock.js';
import type { AcceptedSignRequest } from '../dss/signRequestRules.js';
import type { AuthenticatedRequest } from '../dss/requestSignature.js';
import type { ResolvedIdentityProvider } from '../trust/identityProviders.js';
import { inputExcerpt } from '../../kit/text/inputExcerpt.js';

/** One sign request between the SignRequest and the IdP's answer. */
export interface SignTransaction {
  samlRelayState: string;
  /** ID of the AuthnRequest sent (the Response's InResponseTo). */
  authnRequestId: string;
  request: AcceptedSignRequest;
  authenticated: AuthenticatedRequest;
  /** RelayState of the DSS form, echoed in the SignResponse post. */
  dssRelayState: string;
  idp: ResolvedIdentityProvider;
  createdAt: number;
}

/** Default lifetime of a waiting transaction: 15 minutes (Webcert's ticket lives as long). */
export const DEFAULT_TRANSACTION_LIFETIME_MS = 15 * 60_000;

/** The open transactions of one service. */
export class SignTransactions {
  private readonly open = new Map<string, SignTransaction>();

  constructor(
    private readonly clock: Clock,
    private readonly lifetimeMs = DEFAULT_TRANSACTION_LIFETIME_MS,
  ) {}

  /** A new random SAML RelayState. */
  static newRelayState(): string {
    return `sig-${randomBytes(16).toString('hex')}`;
  }

  /** Stores a transaction (and drops any that have ended). */
  add(tx: SignTransaction): void {
    this.prune();
    this.open.set(tx.samlRelayState, tx);
  }

  /**
   * Takes the transaction for a RelayState (it can be taken once).
   * @returns the transaction, or why there is none.
   */
  take(samlRelayState: string | undefined): SignTransaction | string {
    if (!samlRelayState) return 'the IdP response carries no RelayState, so it cannot be matched to a sign request';
    this.prune();
    const tx = this.open.get(samlRelayState);
    if (!tx) return `no sign request is waiting for RelayState "${inputExcerpt(samlRelayState)}": it was already answered, it ended after ${this.lifetimeMs / 60_000} minutes, or it never started here`;
    this.open.delete(samlRelayState);
    return tx;
  }

  /** How many transactions are waiting. */
  get size(): number {
    this.prune();
    return this.open.size;
  }

  private prune(): void {
    const oldest = this.clock.now() - this.lifetimeMs;
    for (const [key, tx] of this.open) if (tx.createdAt < oldest) this.open.delete(key);
  }
}
