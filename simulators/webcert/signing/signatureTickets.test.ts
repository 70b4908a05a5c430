import { expect, test } from '@playwright/test';
import { VirtualClock } from '../../kit/clock/virtualClock.js';
import type { PreparedSignature } from './certificateSignature.js';
import { SignatureTickets, TICKET_TTL_MS } from './signatureTickets.js';

const prepared = { document: '<RegisterCertificate/>' } as PreparedSignature;

test('expired tickets are let go as new ones come (each holds its document), live ones stay', async () => {
  const clock = new VirtualClock({ mode: 'manual', start: Date.parse('2022-05-02T08:00:00Z') });
  const tickets = new SignatureTickets(clock);
  const add = (n: number, prefix: string) => {
    for (let i = 0; i < n; i++) tickets.add({ id: `${prefix}-${i}`, certificateId: `${prefix}-cert-${i}`, version: 1, prepared, signingTime: clock.now(), signedBy: 'doctor' });
  };
  add(100, 'old');
  await clock.advanceBy(TICKET_TTL_MS + 1);
  add(200, 'new');
  // Nobody asked for the old tickets again: without a sweep they would all still be held.
  expect(tickets.forCertificate('old-cert-0')).toEqual([]);
  expect(tickets.forCertificate('old-cert-99')).toEqual([]);
  expect(tickets.forCertificate('new-cert-0')).toHaveLength(1);
  expect(tickets.get('new-199')?.status).toBe('BEARBETAR');
});
