import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DataFileError } from './dataNode.js';
import { DATA_FILES, DEFAULT_DATA_DIR, findRegion, findVendorGroup, loadReferenceData } from './referenceData.js';
import { issuedTypes } from './statisticsFile.js';

const dirs: string[] = [];
test.afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the shipped data with one file's text changed by `edit`. */
function dataWith(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'samverkan-data-'));
  dirs.push(dir);
  cpSync(DEFAULT_DATA_DIR, dir, { recursive: true });
  const path = join(dir, file);
  const changed = edit(readFileSync(path, 'utf8'));
  expect(changed).not.toBe(readFileSync(path, 'utf8'));
  writeFileSync(path, changed);
  return dir;
}

function refusal(dir: string): DataFileError {
  try {
    loadReferenceData(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(DataFileError);
    return error as DataFileError;
  }
  throw new Error('the data was accepted');
}

/** 1-based line of the first occurrence of `text` in the shipped file. */
function lineOf(file: string, text: string): number {
  const lines = readFileSync(join(DEFAULT_DATA_DIR, file), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(text));
  expect(i, `${text} in ${file}`).toBeGreaterThanOrEqual(0);
  return i + 1;
}

test('the shipped data holds the minutes: eight vendor groups, the regions and agents with their dates, four statistics tables', () => {
  const data = loadReferenceData();
  expect(data.vendorGroups.map((g) => g.name)).toEqual(['Cerner', 'CGM J4', 'Cosmic', 'Evimeria', 'Kliniken', 'Sussa', 'TakeCare/Asynja Visph', 'VAS']);
  expect(data.vendorGroups.map((g) => g.testsDoneInMinutes)).toEqual(['', '', 'Värmland', 'Evimeria', 'plan mitten av juni', 'Sörmland', 'Stockholm', 'plan aug/sept']);
  expect(data.regions).toHaveLength(25);
  expect(data.regions.find((r) => r.id === 'halland')).toMatchObject({ dbDoiConnected: '2022-06 (prel.)', productionInMinutes: '' });
  expect(data.regions.find((r) => r.id === 'stockholm-gotland')).toMatchObject({ dbDoiConnected: '2021-12-13', productionInMinutes: 'Prel 2022-06-13' });
  expect(data.regions.find((r) => r.id === 'evimeria-agent')).toMatchObject({ kind: 'agent', productionInMinutes: 'Klart' });
  expect(data.statistics.tables.map((t) => `${t.month} ${t.channel}`)).toEqual(['2022-04 integrated', '2022-04 standalone', '2022-05 integrated', '2022-05 standalone']);
  // Stockholm/Gotland, April: 37 732 LISJP; Dalarna issued no DB before May (connected 2022-05-19).
  expect(data.statistics.tables[0]!.counts.get('stockholm-gotland')!.get('LISJP')).toBe(37732);
  expect(data.statistics.tables[0]!.counts.get('dalarna')!.has('DB')).toBe(false);
  expect(data.statistics.tables[2]!.counts.get('dalarna')!.get('DB')).toBe(41);
  expect(issuedTypes(data.statistics, 'varmland').map((t) => t.code).slice(0, 3)).toEqual(['LISJP', 'DOI', 'DB']);
  expect(issuedTypes(data.statistics, 'evimeria-agent')).toEqual([]);
  expect(data.vendorGroups.find((g) => g.id === 'evimeria')!.profile).toMatchObject({ eidAppPackage: 'A-OOB', pinSso: false, netIdIe11: false });
});

test('an unknown vendor group or region is refused with the valid choices', () => {
  const data = loadReferenceData();
  expect(() => findVendorGroup(data, 'epic')).toThrow(/unknown vendor group "epic"; valid choices: cerner \(Cerner\), cgm-j4 \(CGM J4\), cosmic \(Cosmic\), evimeria .* vas \(VAS\)/);
  expect(findVendorGroup(data, 'TakeCare/Asynja Visph').id).toBe('takecare');
  const cosmic = findVendorGroup(data, 'cosmic');
  expect(findRegion(data, cosmic, 'Värmland').id).toBe('varmland');
  expect(() => findRegion(data, cosmic, 'narnia')).toThrow(/unknown region "narnia"; valid choices for Cosmic: varmland \(Region Värmland\), uppsala/);
  expect(() => findRegion(data, cosmic, 'sormland')).toThrow(/Region Sörmland is not in the vendor group Cosmic \(it is in sussa\); valid choices for Cosmic: varmland/);
});

test('JSON that does not parse is refused with the file and the line', () => {
  const dir = dataWith(DATA_FILES.vendorGroups, (t) => t.replace('"netIdIe11": false\n      },\n      "profileSource": "antagande – bekräfta med leverantören"\n    },\n    {\n      "id": "cgm-j4"', '"netIdIe11": false,\n      },\n      "profileSource": "antagande – bekräfta med leverantören"\n    },\n    {\n      "id": "cgm-j4"'));
  const e = refusal(dir);
  expect(e.file).toContain('vendor-groups.json');
  expect(e.line).toBe(lineOf(DATA_FILES.vendorGroups, '"netIdIe11": false') + 1);
  expect(e.message).toMatch(/vendor-groups\.json:\d+: not valid JSON: a comma before "}" \(trailing commas are not allowed in JSON\)/);
});

test('an unknown SITHS eID app package is refused with the line and the packages of §7a', () => {
  const dir = dataWith(DATA_FILES.vendorGroups, (t) => t.replace('"eidAppPackage": "B",\n        "pinSso": true,\n        "netIdIe11": false\n      },\n      "profileSource": "antagande – bekräfta med leverantören"\n    },\n    {\n      "id": "cgm-j4"', '"eidAppPackage": "C",\n        "pinSso": true,\n        "netIdIe11": false\n      },\n      "profileSource": "antagande – bekräfta med leverantören"\n    },\n    {\n      "id": "cgm-j4"'));
  const e = refusal(dir);
  expect(e.line).toBe(lineOf(DATA_FILES.vendorGroups, '"eidAppPackage": "B"'));
  expect(e.message).toContain('vendorGroups[0].profile.eidAppPackage is "C", which is not one of the valid choices; valid choices: A, A-OOB, B');
});

test('what §7a forbids is refused: PIN-SSO with the OOB package', () => {
  const dir = dataWith(DATA_FILES.vendorGroups, (t) => t.replace('"eidAppPackage": "A-OOB",\n        "pinSso": false', '"eidAppPackage": "A-OOB",\n        "pinSso": true'));
  expect(refusal(dir).message).toMatch(/vendor-groups\.json:\d+: pinSso is true, but PIN-SSO does not work with package A-OOB/);
});

test('a region the regions file does not know, a misspelt key and a wrong total are refused with the line and the choices', () => {
  const unknownRegion = refusal(dataWith(DATA_FILES.vendorGroups, (t) => t.replace('"regions": ["skane"]', '"regions": ["scania"]')));
  expect(unknownRegion.line).toBe(lineOf(DATA_FILES.vendorGroups, '"regions": ["skane"]'));
  expect(unknownRegion.choices).toContain('skane');
  expect(unknownRegion.message).toContain('vendorGroups[0].regions[0] is "scania", which is not one of the valid choices; valid choices: blekinge, cgm-j4-agent');

  const typo = refusal(dataWith(DATA_FILES.regions, (t) => t.replace('"id": "kalmar", "name"', '"id": "kalmar", "namn"')));
  expect(typo.line).toBe(lineOf(DATA_FILES.regions, '"id": "kalmar"'));
  expect(typo.message).toContain('unknown key "namn" in regions[8]; valid choices: id, name, kind, nameInMinutes, dbDoiConnected, productionInMinutes, comment');

  const total = refusal(dataWith(DATA_FILES.statistics, (t) => t.replace('[23, 149, 150, 138, 2199, 2, 23, 28, 46, 28, 2786]', '[23, 149, 150, 138, 2199, 2, 23, 28, 46, 28, 2787]')));
  expect(total.line).toBe(lineOf(DATA_FILES.statistics, '"blekinge": [23, 149'));
  expect(total.message).toContain('the total for blekinge is 2787, but its cells add up to 2786');

  const date = refusal(dataWith(DATA_FILES.regions, (t) => t.replace('"dbDoiConnected": "2021-05-11"', '"dbDoiConnected": "11 maj 2021"')));
  expect(date.message).toMatch(/regions\.json:\d+: regions\[0\]\.dbDoiConnected is "11 maj 2021"; write a date as 2021-09-01/);
});

test('a placeholder the plan cannot fill is refused with the valid placeholders', () => {
  const e = refusal(dataWith(DATA_FILES.catalogue, (t) => t.replace('inloggad som {lakare}', 'inloggad som {doktor}')));
  expect(e.line).toBe(lineOf(DATA_FILES.catalogue, 'inloggad som {lakare}'));
  expect(e.message).toContain('unknown placeholder {doktor}');
  expect(e.choices).toContain('{lakare}');
});

test('a missing data file says which and what to do', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samverkan-data-'));
  dirs.push(dir);
  const e = refusal(dir);
  expect(e.message).toMatch(/regions\.json: the file is missing/);
});
