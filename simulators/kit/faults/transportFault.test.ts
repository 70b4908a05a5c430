import { test, expect } from '@playwright/test';
import { applyTransportFault } from './transportFault.js';

test.describe('transport part of a fault rule', () => {
  test('an HTTP status without a body (204, 205, 304) is answered without one instead of failing', async () => {
    for (const status of [204, 205, 304]) {
      const outcome = await applyTransportFault({ kind: 'httpStatus', status }, { operation: 'Ping' });
      expect(outcome.kind).toBe('answer');
      const response = (outcome as { response: Response }).response;
      expect(response.status).toBe(status);
      expect(response.body).toBeNull();
    }
    const unavailable = await applyTransportFault({ kind: 'httpStatus', status: 503 }, { operation: 'Ping' });
    expect(await (unavailable as { response: Response }).response.text()).toBe('HTTP 503 (samverkan fault rule)');
  });
});
