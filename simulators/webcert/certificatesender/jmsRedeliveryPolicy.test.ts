import { test, expect } from '@playwright/test';
import { redeliveryDelay, redeliveryPolicyFromBrokerUrl, WEBCERT_CERTIFICATE_REDELIVERY } from './jmsRedeliveryPolicy.js';

const DEV_BROKER =
  'tcp://localhost:61616?jms.nonBlockingRedelivery=true&jms.redeliveryPolicy.maximumRedeliveries=3&jms.redeliveryPolicy.maximumRedeliveryDelay=6000&jms.redeliveryPolicy.initialRedeliveryDelay=4000&jms.redeliveryPolicy.useExponentialBackOff=true&jms.redeliveryPolicy.backOffMultiplier=2';

test('Webcert\'s broker: redeliveries after 4 s, 6 s, 6 s, then the dead-letter queue', () => {
  expect([1, 2, 3, 4].map((n) => redeliveryDelay(WEBCERT_CERTIFICATE_REDELIVERY, n))).toEqual([4_000, 6_000, 6_000, undefined]);
  expect(redeliveryPolicyFromBrokerUrl(DEV_BROKER)).toEqual(WEBCERT_CERTIFICATE_REDELIVERY);
});

test('ActiveMQ defaults and an uncapped back-off', () => {
  const defaults = redeliveryPolicyFromBrokerUrl('vm://localhost?broker.persistent=false');
  expect([1, 6, 7].map((n) => redeliveryDelay(defaults, n))).toEqual([1_000, 1_000, undefined]);
  const uncapped = redeliveryPolicyFromBrokerUrl('tcp://x?jms.redeliveryPolicy.useExponentialBackOff=true&jms.redeliveryPolicy.backOffMultiplier=2&jms.redeliveryPolicy.maximumRedeliveries=-1');
  expect([1, 2, 3, 10].map((n) => redeliveryDelay(uncapped, n))).toEqual([1_000, 2_000, 4_000, 512_000]);
  expect(() => redeliveryPolicyFromBrokerUrl('tcp://x?jms.redeliveryPolicy.maximumRedeliveries=many')).toThrow(/maximumRedeliveries=many is not a number/);
});
