/**
 * Webcert's subscription check after login (SubscriptionServiceImpl.checkSubscriptions, called from
 * WebcertUserDetailsService.buildUserPrincipal for SAML and fake logins alike) against the
 * subscription source that ServiceNow is in production (Inera's customer register: which
 * organisations have a Webcert subscription). The source is data of the topology: the care
 * providers whose organisation has no subscription.
 *
 * Which logins the check can refuse is Webcert's own setting:
 * - `standalone` (default: Webcert since 2022-03, INTYGFV-14509, and the only behaviour left since
 *   the feature toggles were removed in 2024-03, INTYGFV-16420): only users who log in to Webcert
 *   itself (origin NORMAL) are checked; they get in and their actions are blocked in the UI. A
 *   deep-integration launch (origin DJUPINTEGRATION) is never checked, so it is never refused.
 * - `all-logins`: Webcert 2021-07 – 2022-03 with the feature SUBSCRIPTION_REQUIRED active (from
 *   `kundportalen.require.subscription.start.date`, 2022-03-29 in its properties): every login is
 *   checked, a launch's too, and a user whose every care provider lacks a subscription is refused
 *   with MissingSubscriptionException, which the authentication failure handler sends to
 *   `/error?reason=auth-exception-subscription`.
 *
 * When the subscription service cannot be asked (a fault rule for party `webcert`, operation
 * {@link SUBSCRIPTION_FAULT_OPERATION}, any effect) Webcert logs the failure and lets the user in,
 * as getMissingSubscriptions does (an empty list on any exception).
 */
import type { FaultRules } from '../../kit/faults/faultRules.js';

/** The operation name subscription-service fault rules use (party `webcert`). */
export const SUBSCRIPTION_FAULT_OPERATION = 'ServiceNowSubscription';

/** The redirect reason of a refused login. */
export const MISSING_SUBSCRIPTION_REASON = 'auth-exception-subscription';

/** Which logins Webcert's subscription check can refuse. */
export type SubscriptionCheck = 'standalone' | 'all-logins';

/** The subscription source (ServiceNow's part) and Webcert's setting, as a topology gives them. */
export interface SubscriptionData {
  /** HSA-IDs of care providers whose organisation has no Webcert subscription; default none. */
  careProvidersWithoutSubscription?: string[];
  /** Which logins are checked; default `standalone` (today's Webcert). */
  check?: SubscriptionCheck;
}

const CHECKS: readonly SubscriptionCheck[] = ['standalone', 'all-logins'];

/**
 * Checks subscription data from a topology file or the admin API.
 * @throws Error naming the field and what to write instead.
 */
export function checkSubscriptionData(data: unknown): SubscriptionData {
  const d = data as Record<string, unknown> | null;
  if (!d || typeof d !== 'object' || Array.isArray(d)) throw new Error('subscriptions must be an object: {"careProvidersWithoutSubscription": ["<care provider HSA-ID>"], "check": "standalone" | "all-logins"}');
  const problems: string[] = [];
  const unknown = Object.keys(d).filter((k) => k !== 'careProvidersWithoutSubscription' && k !== 'check');
  if (unknown.length) problems.push(`unknown field(s) ${unknown.join(', ')}; subscriptions takes careProvidersWithoutSubscription and check`);
  const ids = d.careProvidersWithoutSubscription;
  if (ids !== undefined && (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || !id.trim()))) problems.push('careProvidersWithoutSubscription must be a list of care-provider HSA-IDs, e.g. ["TSTNMT2321000156-1002"]');
  if (d.check !== undefined && !CHECKS.includes(d.check as SubscriptionCheck)) problems.push(`check must be ${CHECKS.map((c) => `"${c}"`).join(' or ')} ("standalone": today's Webcert, a launch is not checked; "all-logins": Webcert with SUBSCRIPTION_REQUIRED, 2021–2022)`);
  if (problems.length) throw new Error(`subscriptions: ${problems.join('; ')}`);
  return { careProvidersWithoutSubscription: ((ids as string[] | undefined) ?? []).map((id) => id.trim()), check: (d.check as SubscriptionCheck | undefined) ?? 'standalone' };
}

/** What the check found for one login. */
export interface SubscriptionVerdict {
  /** Care providers of the user without a subscription (Webcert's careProvidersMissingSubscription). */
  missing: string[];
  /** Set when the login is refused: the error redirect's reason. */
  refusal?: typeof MISSING_SUBSCRIPTION_REASON;
  /** In words, for the traffic journal. */
  why: string;
}

/** The subscription source and Webcert's check of one topology. */
export class Subscriptions {
  private data: Required<SubscriptionData>;

  /** @throws Error when `data` is malformed (see {@link checkSubscriptionData}). */
  constructor(data: SubscriptionData | undefined, private readonly faults?: FaultRules) {
    this.data = checkSubscriptionData(data ?? {}) as Required<SubscriptionData>;
  }

  /** The source and the setting now. */
  get(): Required<SubscriptionData> {
    return { careProvidersWithoutSubscription: [...this.data.careProvidersWithoutSubscription], check: this.data.check };
  }

  /**
   * Replaces the given fields (a session's "the region's subscription has lapsed").
   * @throws Error naming what is wrong; nothing changes then.
   */
  set(change: SubscriptionData): Required<SubscriptionData> {
    const merged = checkSubscriptionData({ ...this.data, ...change });
    this.data = merged as Required<SubscriptionData>;
    return this.get();
  }

  /**
   * Webcert's check for a user logging in with `origin`, whose commissions belong to
   * `careProviders` (HSA-IDs; a provider counted once).
   */
  check(origin: 'NORMAL' | 'DJUPINTEGRATION', careProviders: readonly string[]): SubscriptionVerdict {
    if (this.data.check === 'standalone' && origin !== 'NORMAL') return { missing: [], why: 'a deep-integration login is not checked for subscriptions (Webcert since 2022-03)' };
    const providers = [...new Set(careProviders)];
    if (!providers.length) return { missing: [], why: 'the user has no care provider to check' };
    if (this.faults?.take('webcert', SUBSCRIPTION_FAULT_OPERATION, {})) {
      return { missing: [], why: 'the subscription service could not be asked (a fault rule matched); Webcert logs it and lets the user in' };
    }
    const missing = providers.filter((p) => this.data.careProvidersWithoutSubscription.includes(p));
    if (this.data.check === 'all-logins' && missing.length === providers.length) {
      return { missing, refusal: MISSING_SUBSCRIPTION_REASON, why: `every care provider of the user (${missing.join(', ')}) lacks a Webcert subscription (MissingSubscriptionException)` };
    }
    return { missing, why: missing.length ? `care provider(s) without subscription: ${missing.join(', ')}; the user gets in` : 'every care provider has a subscription' };
  }
}
