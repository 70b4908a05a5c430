/** The month's floor bench: its arithmetic, its mix, reading the load's summary, and a tiny run's lines (no timed assertion). */
import { test, expect } from '@playwright/test';
import { CERTIFICATE_EXCHANGES, exchangeSequence, perCertificate, type ExchangeKind } from './certificateExchanges.js';
import { budgetMsPerCertificate, floorLines, MONTH_CERTIFICATES, projectMonth } from './floorFigures.js';
import { loadFigures } from './loadBench.js';
import { runReplayFloorBench } from './replayFloorBench.js';

test('the budget is 5 minutes of every core spread over the month, and a projection is CPU ms × certificates', () => {
  expect(budgetMsPerCertificate(2, 200_000)).toBe(3);
  expect(budgetMsPerCertificate(2)).toBeCloseTo(600_000 / MONTH_CERTIFICATES, 10);
  expect(projectMonth(6, 2, 200_000)).toEqual({ cpuMinutes: 20, wallMinutes: 10, shareOfBudget: 2 });
  expect(projectMonth(1.5, 1, 200_000)).toEqual({ cpuMinutes: 5, wallMinutes: 5, shareOfBudget: 1 });
  expect(() => projectMonth(1, 0)).toThrow(/cores/);
});

test('the lines give each figure, its multiple of the first, the month and its share of the budget, then the budget', () => {
  const lines = floorLines([{ name: 'bare', cpuMsPerCertificate: 1.5 }, { name: 'replay', cpuMsPerCertificate: 6, note: 'a share' }], 2, 200_000);
  expect(lines).toEqual([
    '  bare    1.50 ms CPU a certificate; month 5.0 CPU min, ≥ 2.5 min wall on 2 core(s), 50 % of the 5-minute budget',
    '  replay  6.00 ms CPU a certificate (4.00 × bare); month 20.0 CPU min, ≥ 10.0 min wall on 2 core(s), 200 % of the 5-minute budget [a share]',
    '  budget: 5 min × 2 core(s) = 10 CPU min for 200,000 certificates = 3.00 ms CPU a certificate',
  ]);
  expect(floorLines([], 2)).toEqual([]);
});

test("a certificate's mix is the replay's: 7.7 SOAP exchanges and the driver's REST calls; a sequence holds each kind its share, spread", () => {
  const soap = CERTIFICATE_EXCHANGES.filter((k) => k.contentType.startsWith('text/xml')).reduce((sum, k) => sum + k.perCertificate, 0);
  expect(soap).toBeCloseTo(7.69, 2);
  expect(perCertificate().exchanges).toBeGreaterThan(soap + 3);
  const sequence = exchangeSequence(1_000);
  for (const kind of CERTIFICATE_EXCHANGES) expect(sequence.filter((k) => k === kind).length).toBe(Math.round(kind.perCertificate * 1_000));
  const firstTenth = sequence.slice(0, sequence.length / 10);
  const statusUpdates = firstTenth.filter((k) => k.operation === 'CertificateStatusUpdateForCare').length;
  expect(Math.abs(statusUpdates / firstTenth.length - CERTIFICATE_EXCHANGES[0]!.perCertificate / perCertificate().exchanges)).toBeLessThan(0.02);
});

test("the load bench reads the certificates issued and the CPU time from load's summary", () => {
  const summary = [
    'load 2022-05: 21 region(s), scale 0.002; 1,377 certificates issued + 11 drafts deleted, 1,595 steps; 6 stand-alone …',
    'wall time 46.4 s, RSS peak 255 MiB',
    'CPU time 14.7 s (every party and the driver, one process); the whole month would take 129 CPU minutes',
  ].join('\n');
  expect(loadFigures(summary)).toEqual({ issued: 1_377, cpuSeconds: 14.7 });
  expect(loadFigures('load 2022-05: scale 0.002; 3 certificates issued\nwall time 1.0 s')).toBeUndefined();
});

test('a tiny run sends the mix over loopback, journals the journalled sides and prints a line per variant and the replay', async () => {
  const kinds: ExchangeKind[] = [
    { operation: 'both sides', perCertificate: 2, requestBytes: 3_000, answerBytes: 500, contentType: 'text/xml; charset=utf-8', journalRows: 2 },
    { operation: 'inbound', perCertificate: 1, requestBytes: 1_500, answerBytes: 800, contentType: 'text/xml; charset=utf-8', journalRows: 1 },
    { operation: 'not journalled', perCertificate: 1, requestBytes: 2, answerBytes: 19, contentType: 'application/json', journalRows: 0 },
  ];
  const lines: string[] = [];
  const result = await runReplayFloorBench({ certificates: 5, rounds: 1, concurrency: 4, cores: 2, replay: { name: 'the replay', cpuMsPerCertificate: 20 }, log: (l) => lines.push(l) }, kinds);
  expect(result.exchanges).toBe(20);
  expect(result.journalRows).toBe(5 * (2 * 2 + 1));
  expect(result.figures.map((f) => f.name)).toEqual(['bare node:http', '+ SQLite row per journalled side', '+ the traffic journal (its schema)', 'the replay']);
  for (const f of result.figures) expect(f.cpuMsPerCertificate).toBeGreaterThan(0);
  expect(lines[0]).toContain("5 certificates' exchanges per run (4.00 exchanges");
  expect(lines[0]).toContain('5.00 journal rows a certificate');
  expect(lines[2]).toMatch(/\[[\d.]+ rows a commit, last round\]$/);
  expect(lines.slice(1, 5).every((l) => / ms CPU a certificate.*% of the 5-minute budget( \[[^\]]+\])?$/.test(l))).toBe(true);
  expect(lines[4]).toMatch(/^ {2}the replay +20\.00 ms CPU a certificate \([\d.]+ × bare node:http\)/);
  expect(lines[5]).toContain('budget: 5 min × 2 core(s) = 10 CPU min');
});
