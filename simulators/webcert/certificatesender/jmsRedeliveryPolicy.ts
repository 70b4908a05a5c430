/**
 * How Webcert's certificate queue retries (webcert-surfaces.md §5.1): the route leaves every
 * temporary failure to the broker, which redelivers by ActiveMQ's RedeliveryPolicy set in the
 * broker URL (webcert devops/dev/config/application-dev.properties: 3 redeliveries, 4 s initial
 * delay, exponential back-off ×2, at most 6 s), then moves the message to the dead-letter queue.
 */

/** ActiveMQ's RedeliveryPolicy, the fields Webcert sets. */
export interface RedeliveryPolicy {
  /** Redeliveries after the first delivery; -1 for no limit. */
  maximumRedeliveries: number;
  /** Wait before the first redelivery, ms. */
  initialRedeliveryDelay: number;
  /** ActiveMQ's `redeliveryDelay` (default 1 s): the floor when a back-off reaches the maximum. */
  redeliveryDelay: number;
  useExponentialBackOff: boolean;
  backOffMultiplier: number;
  /** Largest wait, ms; -1 for no cap. */
  maximumRedeliveryDelay: number;
}

/** Webcert's broker settings (dev config; production values are not public). */
export const WEBCERT_CERTIFICATE_REDELIVERY: RedeliveryPolicy = Object.freeze({
  maximumRedeliveries: 3,
  initialRedeliveryDelay: 4_000,
  redeliveryDelay: 1_000,
  useExponentialBackOff: true,
  backOffMultiplier: 2,
  maximumRedeliveryDelay: 6_000,
});

/**
 * Wait before redelivery `n` (1 = the first redelivery), as ActiveMQ computes it: the initial
 * delay, then each previous delay times the multiplier, capped at the maximum.
 * @returns undefined when the policy allows no redelivery `n` (the message goes to the DLQ).
 */
export function redeliveryDelay(policy: RedeliveryPolicy, n: number): number | undefined {
  if (policy.maximumRedeliveries !== -1 && n > policy.maximumRedeliveries) return undefined;
  let delay = policy.initialRedeliveryDelay;
  for (let i = 2; i <= n; i++) {
    if (policy.useExponentialBackOff && policy.backOffMultiplier > 1) {
      delay = Math.round(delay * policy.backOffMultiplier);
      if (policy.maximumRedeliveryDelay !== -1 && delay > policy.maximumRedeliveryDelay) delay = Math.max(policy.maximumRedeliveryDelay, policy.redeliveryDelay);
    } else {
      delay = policy.redeliveryDelay;
    }
  }
  return delay;
}

/**
 * The policy a broker URL sets (`…?jms.redeliveryPolicy.maximumRedeliveries=3&…`), over ActiveMQ's
 * defaults (6 redeliveries, 1 s, no back-off).
 * @throws Error naming a parameter whose value is not a number or boolean.
 */
export function redeliveryPolicyFromBrokerUrl(url: string): RedeliveryPolicy {
  const policy: RedeliveryPolicy = { maximumRedeliveries: 6, initialRedeliveryDelay: 1_000, redeliveryDelay: 1_000, useExponentialBackOff: false, backOffMultiplier: 5, maximumRedeliveryDelay: -1 };
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  for (const [key, value] of new URLSearchParams(query)) {
    const field = key.replace(/^jms\.redeliveryPolicy\./, '') as keyof RedeliveryPolicy;
    if (field === key || !(field in policy)) continue;
    if (field === 'useExponentialBackOff') {
      if (value !== 'true' && value !== 'false') throw new Error(`${key}=${value}: use true or false`);
      policy.useExponentialBackOff = value === 'true';
    } else {
      const n = Number(value);
      if (!Number.isFinite(n)) throw new Error(`${key}=${value} is not a number`);
      policy[field] = n;
    }
  }
  return policy;
}
