/** The recipient's register of held certificates, as it grows over a month's replay. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { test, expect } from '@playwright/test';
import { RecipientInbox } from './recipientInbox.js';

/** A full garbage collection (exposed to this test only). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

test('the held certificates do not keep the envelopes their ids were read from', () => {
  const inbox = new RecipientInbox(10);
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 1_000; i++) {
    // Each id and person id cut from its own 100 kB envelope, as a reader of the request cuts them.
    const envelope = `<soap:Envelope>${'x'.repeat(100_000)}<intygs-id>${String(i).padStart(8, '0')}-0000-4000-8000-000000000000</intygs-id><person-id>19121212121${i % 10}</person-id></soap:Envelope>`;
    const id = envelope.slice(envelope.indexOf('<intygs-id>') + 11, envelope.indexOf('</intygs-id>'));
    const person = envelope.slice(envelope.indexOf('<person-id>') + 11, envelope.indexOf('</person-id>'));
    inbox.add({ kind: 'RegisterCertificate', receivedAt: i, certificateId: id, personId: person, logicalAddress: 'SKV', xml: '' });
  }
  collectGarbage();
  const grown = process.memoryUsage().heapUsed - before;
  // Kept envelopes would be about 100 MB; the register itself is well under 5 MB.
  expect(grown).toBeLessThan(20 * 1024 * 1024);
  expect(inbox.status('00000999-0000-4000-8000-000000000000')).toBe('held');
  expect(inbox.personOf('00000007-0000-4000-8000-000000000000')).toBe('191212121217');
});
