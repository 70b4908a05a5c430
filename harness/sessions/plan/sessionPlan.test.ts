import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { DataFileError } from '../data/dataNode.js';
import { findRegion, findVendorGroup, loadReferenceData, type ReferenceData } from '../data/referenceData.js';
import { buildSessionPlan, PlanSelectionError, type PlannedCase, type PlannedManualCase, type PlanOptions } from './sessionPlan.js';
import { planMarkdown } from './planText.js';
import { grepFor, selects } from './tagSelection.js';

const context = { unit: { hsaId: 'TSTNMT2321000156-INT2', name: 'Vårdcentralen Samverkan' }, doctor: { fullName: 'Ajla Doktor' } };
const today: PlanOptions = { date: '2026-12-01', journal: 'sim' };

function plan(data: ReferenceData, group: string, region: string, options: Partial<PlanOptions> = {}) {
  const g = findVendorGroup(data, group);
  return buildSessionPlan(data, g, findRegion(data, g, region), context, { ...today, ...options });
}
const ids = (p: ReturnType<typeof plan>) => p.entries.map((e) => (e.kind === 'break' ? `(${e.title})` : e.id));

test('Cosmic / Värmland: a half day in the order of §5, types by Värmland’s volume, cases chosen by the profile', () => {
  const p = plan(loadReferenceData(), 'cosmic', 'varmland');
  expect(p.totalMinutes).toBeLessThanOrEqual(240);
  expect(p.certificateTypes.slice(0, 3)).toEqual(['LISJP', 'DOI', 'DB']);
  expect(ids(p)).toEqual([
    'start-miljo',
    'auto-skapa-utkast', 'auto-start', 'auto-inloggning', 'auto-signering', 'auto-skicka', 'auto-fragor', 'auto-roller', 'auto-patienter', 'auto-status', 'auto-omsandning', 'auto-kontrakt', 'auto-robusthet', 'auto-incidenter',
    'skapa-utkast-lisjp', 'skapa-utkast-doi', 'skapa-utkast-db', 'oppna-utkast', 'logga-in', 'utan-parametrar', 'stang-och-oppna-igen',
    // Cosmic runs Webcert embedded, signs in Chrome and Edge, had Net iD (ended 2023-06-30) and expects PIN-SSO (package A).
    'signera-chrome', 'signera-edge-chromium', 'appvaxling', 'avbryt-signering', 'journalen-visar-signerat', 'net-id-avvecklat', 'pin-sso',
    'skicka', 'fornya', 'ersatt', 'makulera', 'intygsoversikt',
    '(Paus)',
    'samordningsnummer', 'namn-skiljer-sig', 'mottagare-nere', 'avslut',
  ]);
  const create = p.entries.find((e) => e.kind !== 'break' && e.id === 'skapa-utkast-lisjp') as PlannedManualCase;
  expect(create.title).toBe('Skapa ett LISJP-utkast från journalen');
  expect(create.instructions).toBe('Skapa ett utkast av typen LISJP (Läkarintyg för sjukpenning) för Tolvan Tolvansson, 19 121212-1212 i ert journalsystem, inloggad som Ajla Doktor på Vårdcentralen Samverkan (TSTNMT2321000156-INT2).');
  expect(create.observe[0]!.traffic).toMatchObject({ toParty: 'webcert', operation: '^CreateDraftCertificate$', logicalAddress: 'TSTNMT2321000156-INT2', personId: '191212121212', requestContains: '>LISJP<' });
  expect(create.requirements).toEqual(['JR-C01', 'JR-C02', 'JR-S02']);
  // Planned starts follow the estimated minutes; the break counts.
  const cases = p.entries.filter((e): e is PlannedCase => e.kind !== 'break');
  expect(cases.map((c) => c.position)).toEqual(cases.map((_, i) => i + 1));
  expect(p.entries[1]!.plannedStart).toBe(10);
});

test('Evimeria (an agent, package A-OOB): the profile’s types, SSO in the same browser instead of PIN-SSO, no embedded browser, no Net iD', () => {
  const p = plan(loadReferenceData(), 'evimeria', 'evimeria-agent');
  expect(p.certificateTypes.slice(0, 3)).toEqual(['LISJP', 'LUSE', 'LUAE_NA']);
  const list = ids(p);
  expect(list).toContain('sso-samma-webblasare');
  for (const id of ['pin-sso', 'appvaxling', 'net-id-avvecklat', 'net-id-ie11']) expect(list).not.toContain(id);
});

test('before 2023-07-01 a Net iD group signs in IE11 with Net iD; after it confirms Net iD is gone', () => {
  const data = loadReferenceData();
  expect(ids(plan(data, 'takecare', 'stockholm-gotland', { date: '2023-05-15' }))).toContain('net-id-ie11');
  expect(ids(plan(data, 'takecare', 'stockholm-gotland', { date: '2023-05-15' }))).not.toContain('net-id-avvecklat');
  expect(ids(plan(data, 'takecare', 'stockholm-gotland', { date: '2023-07-01' }))).toContain('net-id-avvecklat');
});

test('every group with every one of its regions gets a plan that fits the half day', () => {
  const data = loadReferenceData();
  for (const g of data.vendorGroups) {
    for (const r of g.regions) {
      for (const journal of ['sim', 'external'] as const) {
        const p = plan(data, g.id, r, { journal });
        expect(p.totalMinutes, `${g.id}/${r} (${journal})`).toBeLessThanOrEqual(240);
        expect(p.entries.length).toBeGreaterThan(20);
      }
    }
  }
});

test('the conformance case (the journal-system suite, no scenarios) is planned only against an external journal system', () => {
  const data = loadReferenceData();
  const conformance = (journal: 'sim' | 'external') => plan(data, 'takecare', 'stockholm-gotland', { journal }).entries.filter((e) => e.kind === 'automated' && e.runner === 'conformance');
  expect(conformance('sim')).toEqual([]);
  expect(conformance('external')).toEqual([expect.objectContaining({ id: 'auto-journalkrav', grep: '', anyTags: [], requirements: expect.arrayContaining(['JR-O02']) })]);
});

test('--only and --automated-only narrow the plan; an unknown case is refused with the plan’s cases', () => {
  const data = loadReferenceData();
  const narrowed = plan(data, 'cosmic', 'varmland', { only: ['signera', 'auto-status'] });
  expect(ids(narrowed)).toEqual(['auto-status', 'signera-chrome', 'signera-edge-chromium']);
  expect(narrowed.entries.map((e) => e.plannedStart)).toEqual([0, 2, 12]);
  expect(narrowed.selection).toBe('endast signera, auto-status');
  expect(ids(plan(data, 'cosmic', 'varmland', { automatedOnly: true }))).toHaveLength(13);
  expect(() => plan(data, 'cosmic', 'varmland', { only: ['signera', 'dansa'] })).toThrow(PlanSelectionError);
  expect(() => plan(data, 'cosmic', 'varmland', { only: ['dansa'] })).toThrow(/--only names "dansa", which the plan for Cosmic \/ Region Värmland does not have; valid choices: start-miljo, auto-skapa-utkast/);
});

test('a day that does not fit in four hours is refused, naming session-plan.json and halfDayMinutes’ line', () => {
  const data = loadReferenceData();
  data.catalogue.halfDayMinutes = 120;
  const e = (() => {
    try {
      plan(data, 'cosmic', 'varmland');
    } catch (error) {
      return error as DataFileError;
    }
    throw new Error('accepted');
  })();
  expect(e).toBeInstanceOf(DataFileError);
  expect(e.message).toMatch(/session-plan\.json:\d+: the plan for Cosmic \/ Region Värmland needs \d+ minutes, more than the half day's 120/);
  expect(e.line).toBeGreaterThan(1);
});

test('the grep Playwright gets picks exactly the tests the session reporter gives the case', () => {
  const selection = { anyTags: ['@login'], allTags: [], noTags: ['@sign', '@incident'] };
  const re = new RegExp(grepFor(selection), 'i');
  const titles: Array<[string, string[], boolean]> = [
    ['flows scenarios/flows/login.spec.ts inloggning @login', ['@login'], true],
    ['flows signering @sign @login @launch @LISJP start', ['@sign', '@login', '@launch', '@LISJP'], false],
    ['incidents fel PIN @login @incident', ['@login', '@incident'], false],
    ['flows skapa @create-draft', ['@create-draft'], false],
    ['flows x @login-later', ['@login-later'], false],
  ];
  for (const [title, tags, expected] of titles) {
    expect(re.test(title), title).toBe(expected);
    expect(selects(selection, tags), title).toBe(expected);
  }
});

test('every tag an automated case names is carried by some scenario', () => {
  const root = fileURLToPath(new URL('../../../scenarios/', import.meta.url));
  const specs = ['flows', 'incidents'].flatMap((d) => readdirSync(join(root, d)).filter((f) => f.endsWith('.spec.ts')).map((f) => readFileSync(join(root, d, f), 'utf8')));
  const used = new Set(specs.flatMap((s) => [...s.matchAll(/tag: \[([^\]]*)\]/g)].flatMap((m) => [...m[1]!.matchAll(/'(@[\w-]+)'/g)].map((t) => t[1]!))));
  const data = loadReferenceData();
  for (const block of data.catalogue.blocks) {
    for (const c of block.cases) {
      if (c.kind !== 'automated') continue;
      for (const tag of [...c.anyTags, ...c.allTags]) expect(used, `${c.id} names ${tag}`).toContain(tag);
    }
  }
});

test('the plan reads as a timetable: planned start, case, kind, minutes, requirements, what samverkan sees', () => {
  const text = planMarkdown(plan(loadReferenceData(), 'sussa', 'sormland'));
  expect(text).toContain('# Plan för samverkanstest – Sussa / Region Sörmland (2026-12-01)');
  expect(text).toContain('| 0:00 | 1 | Deltagare, miljö och versioner (`start-miljo`) | manuellt | 10 |  |');
  expect(text).toContain('| 0:10 | 2 | CreateDraftCertificate v3 och utkastets händelser (`auto-skapa-utkast`) | automatiskt | 3 | JR-C01, JR-C02, JR-S02, JR-S05 | Playwright: @create-draft eller @lifecycle |');
  expect(text).toMatch(/\| \d:\d\d \| \| \*\*Paus\*\* \| \| 15 \| \| \|/);
  expect(text).toContain('• CreateDraftCertificate v3 från ert system kommer fram, godkänns av Webcert, med er enhet TSTNMT2321000156-INT2 som LogicalAddress och patienten 191212121212');
  expect(text).toMatch(/Totalt 3:42 av 4:00\.\n$/);
});
