/** The journal system's inbox keeps the newest updates, in arrival order, however many arrive. */
import { test, expect } from '@playwright/test';
import { StatusUpdateInbox } from './statusUpdateInbox.js';

const update = (n: number) => ({
  receivedAt: n,
  certificateId: `c-${n % 7}`,
  logicalAddress: 'SE1',
  personId: '191212121212',
  eventCode: n % 2 ? 'SKAPAT' : 'SIGNAT',
  eventTime: '2026-03-02T09:00:00.000',
  xml: '<x/>',
});

test('past maxItems the oldest updates go, across the bulk drops, and queries see only the kept ones', () => {
  const inbox = new StatusUpdateInbox(1500);
  for (let n = 1; n <= 5000; n++) {
    inbox.add(update(n));
    if (n === 1499 || n === 2600 || n === 5000) {
      const kept = inbox.list().map((u) => u.seq);
      const first = Math.max(1, n - 1499);
      expect(kept).toEqual(Array.from({ length: n - first + 1 }, (_, i) => first + i));
    }
  }
  expect(inbox.list({ certificateId: 'c-3', eventCode: 'SIGNAT', personId: '19121212-1212' }).map((u) => u.seq)).toEqual(
    Array.from({ length: 1500 }, (_, i) => 3501 + i).filter((n) => n % 7 === 3 && n % 2 === 0),
  );
  inbox.clear();
  expect(inbox.list()).toEqual([]);
  expect(inbox.add(update(1)).seq).toBe(5001);
});
