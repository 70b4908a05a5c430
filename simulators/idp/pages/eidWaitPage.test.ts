import { expect, test } from '@playwright/test';
import { eidWaitPage } from './eidWaitPage.js';

const order = { txId: 'tx1', method: 'sithseid-other-device', autoStartToken: 'a', qrStartToken: 'q', status: 'Starta SITHS eID-appen och skanna QR-koden.' } as const;

test('the wait page polls its status every second by default, as a person’s browser does', () => {
  const html = eidWaitPage(order);
  expect(html.match(/setTimeout\(poll,(\d+)\)/g)).toEqual(['setTimeout(poll,1000)', 'setTimeout(poll,1000)', 'setTimeout(poll,1000)']);
});

test('the poll interval is the IdP’s to set (scenarios make it short)', () => {
  const html = eidWaitPage({ ...order, pollMs: 50 });
  expect(html).toContain('setTimeout(poll,50)');
  expect(html).not.toContain('setTimeout(poll,1000)');
});
