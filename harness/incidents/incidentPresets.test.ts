import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { findIncidentPreset, INCIDENT_PRESETS } from './incidentPresets.js';

const incidentsDir = fileURLToPath(new URL('../../scenarios/incidents/', import.meta.url));
const titles = readdirSync(incidentsDir)
  .filter((f) => f.endsWith('.spec.ts'))
  .flatMap((f) => [...readFileSync(join(incidentsDir, f), 'utf8').matchAll(/\btest\(\s*'([^']+)'/g)].map((m) => m[1]!));

test('each incident preset picks exactly one reproduction in scenarios/incidents', () => {
  expect(INCIDENT_PRESETS.map((p) => p.id)).toEqual(['eid-client-missing', 'signing-cert-expired', 'signing-cert-rotated', 'receiver-down-a-day']);
  for (const p of INCIDENT_PRESETS) {
    const re = new RegExp(p.grep, 'i');
    expect(titles.filter((t) => re.test(t)), p.id).toHaveLength(1);
  }
});

test('an unknown incident is refused with the valid ids', () => {
  expect(() => findIncidentPreset('printer-on-fire')).toThrow('unknown incident "printer-on-fire"; valid choices: eid-client-missing, signing-cert-expired, signing-cert-rotated, receiver-down-a-day');
});
