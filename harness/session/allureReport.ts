/**
 * Builds the session's Allure 3 report: one self-contained HTML file in Swedish, no Java.
 *
 * Allure 3 (npm `allure` 3.18.0) reads a config file; we write `allurerc.mjs` into the session
 * folder so the report can be rebuilt from there by hand:
 *   cd <session> && <repo>/node_modules/.bin/allure generate allure-results --config allurerc.mjs
 * The awesome plugin options used (`singleFile`, `reportLanguage`, `reportName`) are those of
 * `AwesomeOptions` in @allurereport/plugin-awesome 3.18.0; `sv` is one of its locales.
 *
 * The awesome template always adds a Google Tag Manager script; the report is evidence from a
 * test session and must not call out when opened, so that script is removed afterwards.
 */
import { spawn } from 'node:child_process';
import { access, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The offline awesome plugin that allurerc.mjs names (plain JavaScript beside this file). */
export const OFFLINE_AWESOME_PLUGIN = fileURLToPath(new URL('./offlineAwesomePlugin.mjs', import.meta.url));

export interface AllureReportOptions {
  /** Repository root: where node_modules/.bin/allure lives. */
  repoRoot: string;
  /** Session folder: the working directory of `allure generate`; allurerc.mjs is written here. */
  sessionDir: string;
  /** allure-results folder (created empty if missing, so a run without tests still gets a report). */
  resultsDir: string;
  /** Folder that receives index.html, e.g. `<sessionDir>/rapport`. */
  reportDir: string;
  /** Shown at the top of the report and as its title, e.g. `samverkan – sessionsrapport 2026-11-28 21:05:03`. */
  reportName: string;
}

export class ReportBuildError extends Error {
  override name = 'ReportBuildError';
}

/** Builds the report and returns the path of its index.html. Throws ReportBuildError. */
export async function buildAllureReport(options: AllureReportOptions): Promise<string> {
  const { repoRoot, sessionDir, resultsDir, reportDir, reportName } = options;
  const allureBin = join(repoRoot, 'node_modules', '.bin', 'allure');
  const configFile = join(sessionDir, 'allurerc.mjs');
  const resultsArg = pathFrom(sessionDir, resultsDir);
  const retry = `cd ${shellQuote(sessionDir)} && ${shellQuote(allureBin)} generate ${shellQuote(resultsArg)} --config allurerc.mjs`;

  try {
    await access(allureBin);
  } catch {
    throw new ReportBuildError(
      `Cannot build the report: ${allureBin} is missing (the npm package "allure" is not installed). ` +
        `Run: npm ci   then: ${retry}`,
    );
  }
  await mkdir(resultsDir, { recursive: true });
  await writeFile(configFile, allureConfigSource(pathFrom(sessionDir, reportDir), reportName, { rebuild: retry }));

  const { code, output } = await run(allureBin, ['generate', resultsArg, '--config', configFile], sessionDir);
  const indexHtml = join(reportDir, 'index.html');
  if (code !== 0) {
    throw new ReportBuildError(
      `allure generate failed (exit code ${code}) for ${resultsDir}.\n${tail(output)}\n` +
        `The test results are kept. To retry: ${retry}`,
    );
  }
  try {
    if (!(await stat(indexHtml)).isFile()) throw new Error('not a file');
  } catch {
    throw new ReportBuildError(
      `allure generate finished but wrote no ${indexHtml}.\n${tail(output)}\nTo retry: ${retry}`,
    );
  }
  await checkOffline(indexHtml);
  return indexHtml;
}

/** The report tree's levels: flow step, party, then the describe titles (Allure labels). */
export const REPORT_TREE = ['parentSuite', 'suite', 'subSuite'] as const;

/** The allurerc.mjs we write: a plain object of the shape `defineConfig` from 'allure' takes. */
export function allureConfigSource(output: string, reportName: string, options: { rebuild?: string; plugin?: string } = {}): string {
  const config = {
    name: reportName, // the awesome header shows this one
    output,
    plugins: {
      // The awesome plugin, wrapped so that index.html loads nothing from the network.
      // The tree by flow step and party (labels from the cases' tags, scenarios/fixtures/reportLabels.ts), not by spec file.
      awesome: { import: options.plugin ?? OFFLINE_AWESOME_PLUGIN, options: { singleFile: true, reportLanguage: 'sv', reportName, groupBy: [...REPORT_TREE] } },
    },
  };
  return (
    `// Written by samverkan (harness/session/allureReport.ts). Rebuild the report (offline, like the first build) with\n` +
    `//   ${options.rebuild ?? 'npx allure generate allure-results --config allurerc.mjs'}\n` +
    `/** @type {import('allure').AllureConfig} */\n` +
    `export default ${JSON.stringify(config, null, 2)};\n`
  );
}

/** `<script src=…>` and `<link href=…>` that load from another host, as written in the page. */
export function externalLoads(html: string): string[] {
  const loads = html.match(/<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\/[^\s"'>]+/gi) ?? [];
  return html.includes('googletagmanager.com') && !loads.some((l) => l.includes('googletagmanager')) ? [...loads, 'googletagmanager.com'] : loads;
}

/** Refuses a report whose index.html would load anything from the network when opened. */
async function checkOffline(indexHtml: string): Promise<void> {
  const loads = externalLoads(await readFile(indexHtml, 'utf8'));
  if (loads.length) {
    throw new ReportBuildError(
      `${indexHtml} loads from the network when opened (${loads.slice(0, 3).join(', ')}); the allure template changed ` +
        `(harness/session/offlineAwesomePlugin.mjs needs updating). The report must stay offline evidence.`,
    );
  }
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => resolve({ code: -1, output: `${output}${error.message}` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

/** Relative to `from` when inside it (keeps the config relocatable and glob-safe), else absolute. */
function pathFrom(from: string, to: string): string {
  const rel = relative(from, to);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : to;
}

function tail(text: string, lines = 20): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, '').trim().split('\n').slice(-lines).join('\n');
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
