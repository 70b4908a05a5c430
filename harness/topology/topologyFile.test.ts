import { test, expect } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTopologyFile } from './topologyFile.js';

const write = (content: unknown) => {
  const file = join(mkdtempSync(join(tmpdir(), 'topology-')), 'topology.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};

test('a file lays its parts over the embedded topology', () => {
  const config = readTopologyFile(
    write({
      parties: { journal: { mode: 'external', url: 'http://127.0.0.1:8080' } },
      directory: { patients: [{ personId: '191212121212', fornamn: 'Tolvan', efternamn: 'Tolvansson', postadress: '', postnummer: '', postort: '' }] },
      webcert: { redelivery: 'webcert-7' },
    }),
  );
  expect(config.parties).toMatchObject({ webcert: { mode: 'simulated' }, journal: { mode: 'external', url: 'http://127.0.0.1:8080' } });
  expect(config.directory.patients).toHaveLength(1);
  expect(config.directory.staff.length).toBeGreaterThan(1); // kept from the defaults
  expect(config.webcert.redelivery).toBe('webcert-7');
});

test('typos and bad values are refused by name', () => {
  expect(() => readTopologyFile(write({ partys: {} }))).toThrow(/unknown key\(s\) partys; known keys are parties/);
  expect(() => readTopologyFile(write({ directory: { users: [] } }))).toThrow(/directory has unknown key\(s\) users/);
  expect(() => readTopologyFile(write({ parties: { journal: { mode: 'external' } } }))).toThrow(/party journal is external but has no url/);
  expect(() => readTopologyFile(write('{ not json'))).toThrow(/could not be read as JSON/);
});
