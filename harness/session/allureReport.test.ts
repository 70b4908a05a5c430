import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { buildAllureReport, externalLoads } from './allureReport.js';
import { repoRoot } from './mainJob.js';

/**
 * The session report is evidence: opened anywhere, it loads nothing from the network, whether
 * samverkan built it or someone rebuilt it by hand with the command allurerc.mjs gives.
 */
test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

let sessionDir: string;
test.beforeAll(() => {
  sessionDir = fs.mkdtempSync(path.join(os.tmpdir(), 'allure-session-'));
  const results = path.join(sessionDir, 'allure-results');
  fs.mkdirSync(results);
  const now = Date.now();
  fs.writeFileSync(
    path.join(results, '0b6a5c1e-5b1e-4a43-9d3f-3a1f1c2d3e4f-result.json'),
    JSON.stringify({ uuid: '0b6a5c1e-5b1e-4a43-9d3f-3a1f1c2d3e4f', historyId: 'h1', name: 'Inloggning med SITHS-kort', fullName: 'flows/login.spec.ts#Inloggning', status: 'passed', stage: 'finished', start: now - 1000, stop: now, labels: [{ name: 'suite', value: 'login' }], steps: [], attachments: [], parameters: [], links: [] }),
  );
});
test.afterAll(() => fs.rmSync(sessionDir, { recursive: true, force: true }));

const indexHtml = () => fs.readFileSync(path.join(sessionDir, 'rapport', 'index.html'), 'utf8');

test('the report samverkan builds loads nothing from the network and says it is Swedish', async () => {
  const file = await buildAllureReport({ repoRoot, sessionDir, resultsDir: path.join(sessionDir, 'allure-results'), reportDir: path.join(sessionDir, 'rapport'), reportName: 'samverkan – test' });
  const html = fs.readFileSync(file, 'utf8');
  expect(html).toContain('<html dir="ltr" lang="sv">');
  expect(externalLoads(html)).toEqual([]);
  expect(html).not.toContain('googletagmanager');
  expect(html).not.toContain('gtag(');
});

test('rebuilt by hand with the command in allurerc.mjs, the report is just as offline', () => {
  const config = fs.readFileSync(path.join(sessionDir, 'allurerc.mjs'), 'utf8');
  const command = config.match(/^\/\/ {3}(.+)$/m)?.[1];
  expect(command, 'allurerc.mjs says how to rebuild').toContain('generate allure-results --config allurerc.mjs');
  fs.rmSync(path.join(sessionDir, 'rapport'), { recursive: true });
  execFileSync('sh', ['-c', command!], { cwd: os.tmpdir(), stdio: 'pipe' });
  const html = indexHtml();
  expect(html).toContain('samverkan – test');
  expect(externalLoads(html)).toEqual([]);
  expect(html).not.toContain('googletagmanager');
});

test('externalLoads finds scripts, style sheets and images from another host', () => {
  const page = '<head><script async src="https://www.googletagmanager.com/gtag/js?id=G-1"></script><link rel="stylesheet" href="//cdn.example/x.css"><script src="data:text/javascript;base64,AA=="></script></head><img src="http://x.example/a.png">';
  expect(externalLoads(page)).toHaveLength(3);
  expect(externalLoads('<script src="data:text/javascript;base64,AA=="></script><a href="https://allurereport.org">')).toEqual([]);
});
