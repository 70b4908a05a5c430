import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { repoRoot } from './mainJob.js';
import { playwrightSelection, playwrightTestArgs } from './scenarioSelection.js';

test('no name is the whole reference suite: the scenarios project, every file', () => {
  expect(playwrightSelection()).toEqual({ projects: ['scenarios'], paths: [] });
  expect(playwrightTestArgs([], '@sign')).toEqual(['test', '--project=scenarios', '--grep', '@sign']);
});

test('a part of the suite is the scenarios project with a path filter on its folder', () => {
  expect(playwrightSelection(['incidents'])).toEqual({ projects: ['scenarios'], paths: ['scenarios/incidents/'] });
  expect(playwrightSelection(['flows'])).toEqual({ projects: ['scenarios'], paths: ['scenarios/flows/'] });
  expect(playwrightSelection(['flows', 'incidents'])).toEqual({ projects: ['scenarios'], paths: [] });
  expect(playwrightSelection(['scenarios', 'incidents'])).toEqual({ projects: ['scenarios'], paths: [] });
});

test('other projects pass through; a part with another project is refused with how to run them', () => {
  expect(playwrightSelection(['unit'])).toEqual({ projects: ['unit'], paths: [] });
  expect(playwrightSelection(['unit', 'scenarios'])).toEqual({ projects: ['unit', 'scenarios'], paths: [] });
  expect(() => playwrightSelection(['unit', 'incidents'])).toThrow('incidents is a part of the project "scenarios" and cannot be run together with unit');
});

test('Playwright lists exactly the incident files for "incidents" and every flow and incident for the whole suite', () => {
  const list = (names: string[]) =>
    execFileSync(join(repoRoot, 'node_modules', '.bin', 'playwright'), [...playwrightTestArgs(names), '--list'], { cwd: repoRoot, encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.includes(' › '));
  const incidents = list(['incidents']);
  expect(incidents.length).toBeGreaterThan(0);
  expect(incidents.every((l) => l.includes('[scenarios] › scenarios/incidents/'))).toBe(true);
  const whole = list([]);
  expect(whole.some((l) => l.includes('scenarios/flows/'))).toBe(true);
  expect(whole.filter((l) => l.includes('scenarios/incidents/'))).toEqual(incidents);
  expect(whole.every((l) => l.includes('scenarios/flows/') || l.includes('scenarios/incidents/'))).toBe(true);
});
