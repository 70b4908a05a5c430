/** Webcert's subscription check after login, against the topology's subscription source. */
import { test, expect } from '@playwright/test';
import { FaultRules } from '../../kit/faults/faultRules.js';
import { checkSubscriptionData, Subscriptions, SUBSCRIPTION_FAULT_OPERATION, type SubscriptionVerdict } from './subscriptions.js';

const VG1 = 'TSTNMT2321000156-1002';
const VG2 = 'TSTNMT2321000156-VG02';

/** The missing providers and the refusal (null when the user gets in). */
const outcome = (v: SubscriptionVerdict) => ({ missing: v.missing, refusal: v.refusal ?? null });

test.describe('subscription check after login', () => {
  test("today's Webcert (standalone): a deep-integration login is never checked; a standalone one is let in with the providers missing", () => {
    const s = new Subscriptions({ careProvidersWithoutSubscription: [VG1] });
    expect(s.get()).toEqual({ careProvidersWithoutSubscription: [VG1], check: 'standalone' });
    expect(outcome(s.check('DJUPINTEGRATION', [VG1]))).toEqual({ missing: [], refusal: null });
    expect(outcome(s.check('NORMAL', [VG1, VG1]))).toEqual({ missing: [VG1], refusal: null });
  });

  test('all-logins (SUBSCRIPTION_REQUIRED): refused only when every care provider of the user lacks a subscription', () => {
    const s = new Subscriptions({ careProvidersWithoutSubscription: [VG1], check: 'all-logins' });
    expect(outcome(s.check('DJUPINTEGRATION', [VG1]))).toEqual({ missing: [VG1], refusal: 'auth-exception-subscription' });
    expect(outcome(s.check('NORMAL', [VG1, VG2]))).toEqual({ missing: [VG1], refusal: null });
    expect(outcome(s.check('DJUPINTEGRATION', []))).toEqual({ missing: [], refusal: null });
    s.set({ careProvidersWithoutSubscription: [] });
    expect(outcome(s.check('DJUPINTEGRATION', [VG1]))).toEqual({ missing: [], refusal: null });
  });

  test('the subscription service cannot be asked: Webcert lets the user in', () => {
    const faults = new FaultRules();
    faults.add({ party: 'webcert', operation: SUBSCRIPTION_FAULT_OPERATION, effect: { kind: 'reset' }, times: 1 });
    const s = new Subscriptions({ careProvidersWithoutSubscription: [VG1], check: 'all-logins' }, faults);
    expect(s.check('DJUPINTEGRATION', [VG1]).refusal).toBeUndefined();
    expect(s.check('DJUPINTEGRATION', [VG1]).refusal).toBe('auth-exception-subscription');
  });

  test('bad data is refused naming the field, and nothing changes', () => {
    expect(() => checkSubscriptionData({ check: 'always' })).toThrow(/check must be "standalone" or "all-logins"/);
    expect(() => checkSubscriptionData({ careProvidersWithoutSubscription: 'VG1' })).toThrow(/careProvidersWithoutSubscription must be a list of care-provider HSA-IDs/);
    expect(() => checkSubscriptionData({ careProviders: [] })).toThrow(/unknown field\(s\) careProviders/);
    const s = new Subscriptions(undefined);
    expect(() => s.set({ check: 'never' as never })).toThrow(/check must be/);
    expect(s.get()).toEqual({ careProvidersWithoutSubscription: [], check: 'standalone' });
  });
});
