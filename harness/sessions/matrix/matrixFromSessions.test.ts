import { expect, test } from '@playwright/test';
import { renderMatrixHtml, renderMatrixMarkdown } from '../../../reports/matrix/statusMatrix.js';
import { findRegion, findVendorGroup, loadReferenceData } from '../data/referenceData.js';
import { buildSessionPlan, type PlannedCase } from '../plan/sessionPlan.js';
import type { SessionSummary } from '../store/sessionFolders.js';
import type { CaseOutcome } from '../store/sessionRecord.js';
import { matrixFromSessions } from './matrixFromSessions.js';

const data = loadReferenceData();

function session(group: string, region: string, outcomes: CaseOutcome[] | 'all-passed', options: { only?: string[]; automatedOnly?: boolean } = {}): SessionSummary {
  const g = findVendorGroup(data, group);
  const plan = buildSessionPlan(data, g, findRegion(data, g, region), { unit: { hsaId: 'U', name: 'U' }, doctor: { fullName: 'D' } }, { date: '2026-12-01', journal: 'sim', ...options });
  const cases = plan.entries.filter((e): e is PlannedCase => e.kind !== 'break');
  const results = cases.map((c, i) => ({ caseId: c.id, outcome: outcomes === 'all-passed' ? 'passed' : (outcomes[i] ?? 'passed'), comment: '', recordedBy: 'page' as const, startedAt: 0, finishedAt: 1, details: {} }));
  return { record: { id: `${group}-${region}`, createdAt: 0, journal: { mode: 'sim' }, plan, participants: [], software: {}, environment: {}, dataDir: '' }, results, planned: cases.length, finishedAt: 1 };
}

test('without sessions the tables are the minutes’ own', () => {
  const m = matrixFromSessions(data, [], 0);
  expect(m.groups.map((r) => `${r.name}: ${r.value}`)).toEqual(['Cerner: ', 'CGM J4: ', 'Cosmic: Värmland', 'Evimeria: Evimeria', 'Kliniken: plan mitten av juni', 'Sussa: Sörmland', 'TakeCare/Asynja Visph: Stockholm', 'VAS: plan aug/sept']);
  expect(m.regions.find((r) => r.name === 'Stockholm/Gotland')).toEqual({ name: 'Stockholm/Gotland', value: 'Prel 2022-06-13', fromSessions: false });
  expect(m.regions).toHaveLength(25);
});

test('a passed full session fills its group’s row and lets the group’s other regions roll out; a partial one says what it covered', () => {
  const m = matrixFromSessions(data, [session('vas', 'vgr', 'all-passed'), session('cerner', 'skane', ['passed', 'failed'], { automatedOnly: true })], 0);
  expect(m.groups.find((r) => r.name === 'VAS')).toEqual({ name: 'VAS', value: 'plan aug/sept (protokollet 2022-05-30); VGR: godkänd 2026-12-01', fromSessions: true });
  expect(m.groups.find((r) => r.name === 'Cerner')!.value).toBe('Skåne: underkänd 2026-12-01 (endast automatiska fall)');
  expect(m.regions.find((r) => r.name === 'VGR')!.value).toBe('samverkanstest godkänd 2026-12-01');
  expect(m.regions.find((r) => r.name === 'Halland')!.value).toBe('får breddinföra (VAS godkänd i VGR 2026-12-01)');
  expect(m.regions.find((r) => r.name === 'Skåne')!.value).toBe('samverkanstest underkänd 2026-12-01 (endast automatiska fall)');
  const md = renderMatrixMarkdown(m);
  expect(md).toContain('| Leverantörsgrupp | Tester utförda |');
  expect(md).toContain('| VAS | plan aug/sept (protokollet 2022-05-30); VGR: godkänd 2026-12-01 ¹ |');
  expect(md).toContain('| Region/agent | Produktion |');
  expect(renderMatrixHtml(m)).toContain('<tr class="session"><td>VAS</td>');
});
