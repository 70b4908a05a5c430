import { expect, test } from '@playwright/test';
import type { JournalEntry } from '../../simulators/kit/journal/exchange.js';
import type { ProtocolCase, ProtocolModel } from './protocolModel.js';
import { renderProtocolHtml, suggestedVerdict } from './sessionProtocol.js';

const exchange = (id: number, op: string, outcome: JournalEntry['outcome'] = 'ok'): JournalEntry => ({ id, side: 'inbound', fromParty: 'journal', toParty: 'webcert', operation: op, method: 'POST', url: '/x', startedAt: id, durationMs: 1, outcome, httpStatus: 200 });

function kase(position: number, outcome: ProtocolCase['outcome'], extra: Partial<ProtocolCase> = {}): ProtocolCase {
  return { position, id: `fall-${position}`, block: 'Signering', title: `Fall ${position}`, kind: 'manual', requirements: ['JR-I04'], minutes: 5, plannedStart: 5 * position, outcome, comment: '', what: 'Signera.', tests: [], observed: [], traffic: [], evidence: [], ...extra };
}

const model = (cases: ProtocolCase[]): ProtocolModel => ({
  sessionId: 's-1', date: '2026-12-01', vendorGroup: 'TakeCare/Asynja Visph', region: 'Region Stockholm och Region Gotland', journal: 'samverkans simulerade journalsystem', selection: '',
  startedAt: Date.parse('2026-12-01T09:00:00Z'), finishedAt: Date.parse('2026-12-01T12:30:00Z'),
  participants: [{ name: 'Anna <Andersson>', role: 'NMT-testare', organisation: 'Inera' }], environment: [['samverkan', '0.1.0']], software: [['Journalsystem', 'TakeCare 22']], profile: [['SITHS eID-app, paket (§7a)', 'A']],
  cases, plannedMinutes: cases.reduce((s, c) => s + c.minutes, 0), links: [{ label: 'Allure-rapport', href: 'rapport/index.html' }],
});

test('the protocol: Swedish, every case with result and evidence, open problems, a place to sign, diagrams that shrink to the page', () => {
  const html = renderProtocolHtml(model([
    kase(1, 'passed', { traffic: [exchange(1, 'CreateDraftCertificate'), exchange(2, 'DSS SignResponse', 'error')], evidence: [{ label: 'trafik.jsonl', href: 'bevis/fall-1/trafik.jsonl' }], observed: [{ description: 'SignResponse godkänns', seen: 1 }] }),
    kase(2, 'failed', { comment: 'Appen startade inte ur den inbäddade webbläsaren' }),
    kase(3, undefined),
  ]));
  expect(html).toContain('<html lang="sv">');
  expect(html).toContain('<h1>Protokoll – samverkanstest Webcert – TakeCare/Asynja Visph / Region Stockholm och Region Gotland</h1>');
  expect(html).toContain('1 godkända, 1 underkända, 0 överhoppade, 1 ej genomförda av 3 fall');
  expect(html).toContain('<td class="verdict">Ej slutförd</td>');
  expect(html).toMatch(/<h2>Öppna problem<\/h2>\n<table>.*Fall 2.*Underkänd.*Appen startade inte ur den inbäddade webbläsaren/s);
  expect(html).toContain('<tr><th>NMT (Inera)</th>');
  expect(html).toContain('Anna &lt;Andersson&gt;');
  expect(html).toContain('<a href="bevis/fall-1/trafik.jsonl">trafik.jsonl</a>');
  expect(html).toMatch(/<div class="diagram"><svg [^>]*viewBox="0 0 \d+ \d+"/);
  expect(html).toContain('DSS SignResponse – 200');
  expect(html.match(/<svg /g)).toHaveLength(1); // only the case with traffic has a diagram
});

test('the suggested verdict uses the test model’s words, and a skip is never a pass', () => {
  expect(suggestedVerdict([{ outcome: 'passed' }, { outcome: 'passed' }])).toBe('Godkänd');
  expect(suggestedVerdict([{ outcome: 'passed' }, { outcome: 'skipped' }])).toBe('Godkänd med förbehåll');
  expect(suggestedVerdict([{ outcome: 'skipped' }, { outcome: 'error' }])).toBe('Underkänd');
  expect(suggestedVerdict([{ outcome: 'passed' }, { outcome: undefined }])).toBe('Ej slutförd');
});
