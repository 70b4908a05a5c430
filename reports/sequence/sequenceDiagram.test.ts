import { test, expect } from '@playwright/test';
import type { JournalEntry } from '../../simulators/kit/journal/exchange.js';
import { exchangesOnce, sequenceDiagramSvg } from './sequenceDiagram.js';

let id = 0;
const entry = (e: Partial<JournalEntry>): JournalEntry => ({ id: ++id, side: 'inbound', fromParty: 'webcert', toParty: 'journal', operation: 'CertificateStatusUpdateForCare', method: 'POST', url: 'http://x', startedAt: 0, durationMs: 1, outcome: 'ok', ...e });

test('each exchange once: the receiver side, or the caller side when nothing was received', () => {
  const both = [entry({ side: 'outbound' }), entry({ side: 'inbound' })];
  const refused = entry({ side: 'outbound', outcome: 'transport-error', errorId: 'ECONNREFUSED' });
  const toCard = entry({ side: 'outbound', fromParty: 'eid-app', toParty: 'siths-card', operation: 'C_Sign' });
  expect(exchangesOnce([...both, refused, toCard]).map((e) => e.id)).toEqual([both[1]!.id, refused.id, toCard.id]);
});

test('lanes in order of appearance, arrows labelled with operation, event, attempt and result; errors red', () => {
  const svg = sequenceDiagramSvg([
    entry({ fromParty: 'journal', toParty: 'webcert', operation: 'CreateDraftCertificate', resultCode: 'OK', httpStatus: 200 }),
    entry({ eventCode: 'SKAPAT', attempt: 2, outcome: 'error', resultCode: 'ERROR', errorId: 'TECHNICAL_ERROR', httpStatus: 200 }),
  ]);
  expect(svg.startsWith('<svg')).toBe(true);
  expect([...svg.matchAll(/<text x="\d+" y="25" text-anchor="middle">([^<]+)</g)].map((m) => m[1])).toEqual(['journal', 'webcert']);
  expect(svg).toContain('CreateDraftCertificate – 200 OK');
  expect(svg).toContain('fill="#b00">CertificateStatusUpdateForCare SKAPAT (försök 2) – 200 ERROR TECHNICAL_ERROR</text>');
});

test('a long series is cut with a note pointing at the full traffic', () => {
  const svg = sequenceDiagramSvg(Array.from({ length: 5 }, () => entry({})), 3);
  expect(svg).toContain('… 2 utbyten till finns i trafik.jsonl');
});
